/* The single-producer single-consumer ring (Lamport), with crash and restart of either side.
 *
 * Describes core/src/ring_spsc.cpp: SpscProducer::push (claim = the free slot at head, copyIn in
 * two halves as RingEndpoint::copyIn does around the mid-copy crash point, publish = release store
 * of head + 1) and SpscConsumer::pop (copyOut, then release store of tail + 1), and claimRole in
 * core/src/ring_base.cpp (a successor takes over the role of a dead owner and resumes from the
 * indices in shared memory).
 *
 * Checked: messages arrive intact (both halves from the same message) and in order; none is
 * lost; a message is delivered twice only to two consumer incarnations, when the first died
 * after copying and before advancing tail (at-most-once per process for what was in flight);
 * no deadlock (every process ends; pan reports invalid end states).
 * Sequential consistency; the C++ memory orders are argued in ring_spsc.cpp.
 */
#define SLOTS 2
#define MESSAGES 4

byte head;              /* producer.position: written by the producer only */
byte tail;              /* consumer.position: written by the consumer only */
byte half1[SLOTS];      /* payload, first half (before the mid-copy point) */
byte half2[SLOTS];      /* payload, second half */

byte nextToSend = 1;    /* the producer role's next sequence number (its successor resumes) */
byte delivered[MESSAGES + 1]; /* deliveries per sequence number, all incarnations */
byte lastDelivered;     /* highest sequence number delivered by the current consumer incarnation */
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
        :: producerDone && tail == head -> break   /* every producer closed, ring drained */
        :: head != tail ->                      /* blocks here while empty (pop's wait) */
            t = tail;
            a = half1[t % SLOTS];
            b = half2[t % SLOTS];
            assert(a == b);                     /* never torn */
            assert(a == lastDelivered + 1 || (a == lastDelivered && delivered[a] > 0));
            atomic { delivered[a]++; lastDelivered = a }
            tail = t + 1                        /* after-dequeue .. release */
        od
    } unless {
        atomic { killConsumer -> killConsumer = false }
            atomic { lastDelivered = tail; run Consumer() }  /* successor resumes at tail */
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
        assert(delivered[i] <= 2)               /* twice only across a consumer crash */
    }
}
