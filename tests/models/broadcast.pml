/* The broadcast ring: one producer, a read cursor per consumer, every slot a seqlock.
 *
 * Describes core/src/ring_broadcast.cpp: BroadcastProducer::push (gate on the slowest active
 * cursor under block; mark the slot word "writing" (2p+1), copy, publish (2p+2), then the write
 * position), BroadcastProducer::slowestCursor and repairDeadCursors (a dead consumer leaves the
 * gate), BroadcastConsumer::pop (skip to the oldest message when lapped, read the word, copy,
 * re-read the word: delivered only when both reads say "published at my position").
 *
 * Built twice: as is, `block` with two consumers of which one may die at any step (the gate must
 * drop it, the survivor must get every message, in order, intact); with -DDROP_OLDEST the
 * producer never waits and one consumer (of any speed) must deliver only intact messages, in
 * increasing order, and count the rest as overrun (one consumer: the others are independent).
 */
#define SLOTS    2
#define MESSAGES 4
#define CONSUMERS 2
#define WRITING(p)   (2 * (p) + 1)
#define PUBLISHED(p) (2 * (p) + 2)

byte head;                /* ring.producer.position: published messages */
byte word[SLOTS];         /* descriptor word: seqlock */
byte half1[SLOTS];
byte half2[SLOTS];
byte cursor[CONSUMERS];   /* each consumer's next position */
bool gating[CONSUMERS];   /* ring.broadcast_cursors bits */
bool alive[CONSUMERS];    /* the OFD lock of each consumer's record */
bool kill[CONSUMERS];
byte delivered[CONSUMERS];   /* messages delivered */
byte overrun[CONSUMERS];

proctype Producer()
{
    byte position, c, slowest;
    for (position : 0 .. MESSAGES - 1) {
#ifndef DROP_OLDEST
        /* Block: wait until the slowest active cursor is less than a ring behind; a dead
           consumer's cursor is dropped by the stall check (repairDeadCursors). */
        do
        :: atomic {
               slowest = position;
               for (c : 0 .. CONSUMERS - 1) {
                   if :: gating[c] && cursor[c] < slowest -> slowest = cursor[c] :: else fi
               }
               c = 0
           }
           if
           :: position - slowest < SLOTS -> break
           :: else ->
               if
               :: atomic { (cursor[0] != slowest || !gating[0]) &&
                           (cursor[1] != slowest || !gating[1]) } -> skip  /* space: re-check */
               :: atomic { gating[0] && !alive[0] -> gating[0] = false }  /* repairDeadCursors */
               :: atomic { gating[1] && !alive[1] -> gating[1] = false }
               fi
           fi
        od;
#endif
        word[position % SLOTS] = WRITING(position);  /* after-claim */
        half1[position % SLOTS] = position + 1;      /* mid-copy */
        half2[position % SLOTS] = position + 1;      /* before-publish */
        word[position % SLOTS] = PUBLISHED(position);
        head = position + 1
    }
}

proctype Consumer(byte me)
{
    byte position, h, before, after, a, b, oldest, last;
    {
        do
        :: cursor[me] == MESSAGES -> break
        :: else ->
            position = cursor[me];
            (head != position);                       /* wait for data */
            h = head;
            if
            :: h - position > SLOTS ->                /* lapped: skip to the oldest still there */
                oldest = h - SLOTS;
                overrun[me] = overrun[me] + (oldest - position);
                cursor[me] = oldest
            :: else ->
                before = word[position % SLOTS];
                a = half1[position % SLOTS];
                b = half2[position % SLOTS];
                after = word[position % SLOTS];
                cursor[me] = position + 1;            /* after-dequeue */
                if
                :: before == PUBLISHED(position) && after == before ->
                    assert(a == b && a == position + 1); /* intact and the right message */
                    assert(a > last);                 /* in order */
                    last = a;
                    delivered[me]++
                :: else -> overrun[me]++              /* overwritten: never delivered */
                fi
            fi
        od
    } unless {
        atomic { kill[me] -> alive[me] = false }      /* SIGKILL: the cursor stays active */
    }
}

proctype Killer()
{
    if
    :: kill[1] = true
    :: skip
    fi
}

init
{
    atomic {
        gating[0] = true; gating[1] = true; alive[0] = true; alive[1] = true;
        run Producer(); run Consumer(0);
#ifndef DROP_OLDEST
        run Consumer(1); run Killer()
#endif
    }
    _nr_pr == 1;                                      /* nothing hung on the dead consumer */
#ifndef DROP_OLDEST
    assert(delivered[0] == MESSAGES && overrun[0] == 0);
    assert(alive[1] -> delivered[1] == MESSAGES : true);
#else
    assert(delivered[0] + overrun[0] == MESSAGES);
#endif
}
