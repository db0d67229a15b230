/* The single-producer single-consumer ring (Lamport, the consumer signalled by a stamp in the
 * slot as in Aeron), with crash and restart of either side.
 *
 * Describes core/src/ring_spsc.cpp (layout 2.0): the producer's claim (the free slot at its
 * private position), copyIn in two halves as RingEndpoint::copyIn does around the mid-copy crash
 * point, publish = the slot's stamp (the absolute position + 1, release) and then head = position
 * + 1 (release, for successors and monitors: a kill may fall between the two); the consumer waits
 * for the stamp of the slot at its private position, never for head, copies, then `delivered` =
 * its next position (per message), and the batched release of `tail` (consumer.position): when it
 * has read BATCH slots it has not given back, and always when it finds no stamp, before it waits;
 * and claimRole in core/src/ring_base.cpp (a successor takes over the role of a dead owner and
 * resumes from shared memory: the producer at head and past every slot stamped beyond it, the
 * consumer at `delivered` when it lies within what was published, giving back what its
 * predecessor read and still held).
 *
 * Checked: messages arrive intact (both halves from the same message) and in order; none is
 * lost; a message is delivered twice only to two consumer incarnations, when the first died
 * after copying and before recording `delivered` (what was in flight, at most one message: the
 * batched release redelivers nothing); no deadlock (every process ends; pan reports invalid end
 * states), in particular none while the consumer holds slots it has read.
 * Known-bad variants (must fail): FLAG_STAMP, a stamp that says "published" without the position
 * (the previous lap's message passes for the next one); NO_SCAN, successors that trust head alone
 * (a producer killed between its stamp and head writes a published position again).
 * Sequential consistency; the C++ memory orders are argued in ring_spsc.cpp, and waking in
 * wake.pml.
 */
#define SLOTS 2
#define BATCH 2
#define MESSAGES 6
#ifdef FLAG_STAMP
#define STAMP(p) 1
#else
#define STAMP(p) (p + 1)
#endif

byte head;              /* producer.position: stored after the stamp, read by successors only */
byte tail;              /* consumer.position: released slots, written by the consumer only */
byte dpos;              /* consumer.delivered: next position to read, written per message */
byte stamp[SLOTS];      /* the message header's stamp: STAMP(position) of the message in the slot */
byte half1[SLOTS];      /* payload, first half (before the mid-copy point) */
byte half2[SLOTS];      /* payload, second half */

byte nextToSend = 1;    /* the producer role's next sequence number (its successor resumes) */
byte delivered[MESSAGES + 1]; /* deliveries per sequence number, all incarnations */
byte lastDelivered;     /* highest sequence number delivered by the current consumer incarnation */
byte inFlight;          /* ghost: delivered, and `delivered` (dpos) not yet recorded */
byte mayRepeat;         /* ghost: the one message a successor may deliver again */
bool killProducer, killConsumer; /* set at any moment by Killer */
bool producerDone;

/* The end of the published messages from `from` on: past every slot holding its own stamp, at
   most a ring beyond `floor` (publishedEnd in ring_spsc.cpp). */
inline scanPublished(end, floor)
{
#ifndef NO_SCAN
    do
    :: end - floor < SLOTS && stamp[end % SLOTS] == STAMP(end) -> end++
    :: else -> break
    od
#else
    skip
#endif
}

proctype Producer()
{
    byte seq, h, floor;
    h = head;                                   /* start: resume after what was published */
    floor = tail;
    scanPublished(h, floor);
    head = h;
    {
        do
        :: nextToSend > MESSAGES -> break
        :: else ->
            seq = nextToSend;
            (h - tail < SLOTS);                 /* block: wait for a free slot */
            half1[h % SLOTS] = seq;             /* after-claim .. mid-copy */
            half2[h % SLOTS] = seq;             /* mid-copy .. before-publish */
            atomic { stamp[h % SLOTS] = STAMP(h); nextToSend = seq + 1 }  /* publish */
            h++;
            head = h                            /* for successors and monitors */
        od;
        producerDone = true
    } unless {
        atomic { killProducer -> killProducer = false }
            /* The successor: same role, positions from shared memory; a message not published
               is simply written again into the same slot (not abandoned: nobody saw it). */
            run Producer()
    }
}

proctype Consumer(bool successor)
{
    byte t, a, b, end;
    if
    :: successor ->                             /* start: resume at delivered if it is plausible */
        end = head;
        scanPublished(end, tail);
        if
        :: dpos - tail <= end - tail -> skip
        :: else -> dpos = tail
        fi;
        tail = dpos;                            /* give back what the dead one held */
        lastDelivered = dpos
    :: else -> skip
    fi;
    {
        do
        :: producerDone && stamp[dpos % SLOTS] != STAMP(dpos) -> tail = dpos; break  /* closed and drained */
        :: stamp[dpos % SLOTS] != STAMP(dpos) && !producerDone ->
            tail = dpos;                        /* give back the batch before waiting */
            (stamp[dpos % SLOTS] == STAMP(dpos) || producerDone)  /* pop's wait */
        :: stamp[dpos % SLOTS] == STAMP(dpos) ->
            t = dpos;
            a = half1[t % SLOTS];
            b = half2[t % SLOTS];
            assert(a == b);                     /* never torn */
            assert(a == lastDelivered + 1 || (a == lastDelivered && delivered[a] > 0));
            atomic { delivered[a]++; lastDelivered = a; inFlight = a }
            atomic { dpos = t + 1; inFlight = 0 }  /* after-dequeue .. delivered */
            if
            :: dpos - tail >= BATCH -> tail = dpos  /* a full batch goes back */
            :: else -> skip
            fi
        od
    } unless {
        atomic { killConsumer -> killConsumer = false }
            /* successor: resumes at delivered, gives back what the dead one held */
            atomic { mayRepeat = inFlight; inFlight = 0; run Consumer(true) }
    }
}

proctype Killer()
{
    if
    :: killProducer = true
    :: killConsumer = true
    :: killProducer = true; killConsumer = true
    :: skip
    fi
}

init
{
    atomic { run Producer(); run Consumer(false); run Killer() }
    _nr_pr == 1;                                /* everyone ended: no deadlock */
    byte i;
    for (i : 1 .. MESSAGES) {
        assert(delivered[i] >= 1);              /* nothing lost */
        assert(delivered[i] == 1 || (delivered[i] == 2 && i == mayRepeat)) /* twice: only the
                                                   message in flight when a consumer died */
    }
}
