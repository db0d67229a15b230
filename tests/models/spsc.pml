/* The single-producer single-consumer ring (Lamport), with crash and restart of either side.
 *
 * Describes core/src/ring_spsc.cpp: the producer's claim (the free slot at its private head),
 * copyIn in two halves as RingEndpoint::copyIn does around the mid-copy crash point, publish =
 * release store of head + 1; the consumer's claim, copyOut, then `delivered` = its private next
 * position (per message), and the batched release of `tail` (consumer.position): when it has read
 * BATCH slots it has not given back, and always when it finds the ring empty, before it waits;
 * and claimRole in core/src/ring_base.cpp (a successor takes over the role of a dead owner and
 * resumes from shared memory: the producer at head, the consumer at `delivered`, giving back
 * what its predecessor read and still held).
 *
 * Checked: messages arrive intact (both halves from the same message) and in order; none is
 * lost; a message is delivered twice only to two consumer incarnations, when the first died
 * after copying and before recording `delivered` (what was in flight, at most one message: the
 * batched release redelivers nothing); no deadlock (every process ends; pan reports invalid end
 * states), in particular none while the consumer holds slots it has read.
 * Sequential consistency; the C++ memory orders are argued in ring_spsc.cpp, and waking in
 * wake.pml.
 */
#define SLOTS 2
#define BATCH 2
#define MESSAGES 6

byte head;              /* producer.position: written by the producer only */
byte tail;              /* consumer.position: released slots, written by the consumer only */
byte dpos;              /* consumer.delivered: next position to read, written per message */
byte half1[SLOTS];      /* payload, first half (before the mid-copy point) */
byte half2[SLOTS];      /* payload, second half */

byte nextToSend = 1;    /* the producer role's next sequence number (its successor resumes) */
byte delivered[MESSAGES + 1]; /* deliveries per sequence number, all incarnations */
byte lastDelivered;     /* highest sequence number delivered by the current consumer incarnation */
byte inFlight;          /* ghost: delivered, and `delivered` (dpos) not yet recorded */
byte mayRepeat;         /* ghost: the one message a successor may deliver again */
bool killProducer, killConsumer; /* set at any moment by Killer */
bool producerDone;

proctype Producer()
{
    byte seq, h;
    {
        do
        :: nextToSend > MESSAGES -> break
        :: else ->
            seq = nextToSend;
            h = head;
            (h - tail < SLOTS);                 /* block: wait for a free slot */
            half1[h % SLOTS] = seq;             /* after-claim .. mid-copy */
            half2[h % SLOTS] = seq;             /* mid-copy .. before-publish */
            atomic { head = h + 1; nextToSend = seq + 1 }  /* publish */
        od;
        producerDone = true
    } unless {
        atomic { killProducer -> killProducer = false }
            /* The successor: same role, indices from shared memory; a message not published
               is simply written again into the same slot (not abandoned: nobody saw it). */
            run Producer()
    }
}

proctype Consumer()
{
    byte t, a, b;
    {
        do
        :: producerDone && dpos == head -> tail = dpos; break  /* closed and drained */
        :: dpos == head && !producerDone ->
            tail = dpos;                        /* give back the batch before waiting */
            (head != dpos || producerDone)      /* pop's wait */
        :: head != dpos ->
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
            atomic { mayRepeat = inFlight; inFlight = 0; tail = dpos; lastDelivered = dpos; run Consumer() }
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
    atomic { run Producer(); run Consumer(); run Killer() }
    _nr_pr == 1;                                /* everyone ended: no deadlock */
    byte i;
    for (i : 1 .. MESSAGES) {
        assert(delivered[i] >= 1);              /* nothing lost */
        assert(delivered[i] == 1 || (delivered[i] == 2 && i == mayRepeat)) /* twice: only the
                                                   message in flight when a consumer died */
    }
}
