/* Runs on the mpmc ring: a chunked message's slots reserved in one index advance and taken whole
 * by one of two consumers. With -DKILL_PRODUCER (the run's producer) or -DKILL_CONSUMER (one of
 * the consumers), that process may be killed at any step (SIGKILL: no cleanup) and the survivors
 * repair the dead claims in their way.
 * Protocol and the code it describes: mpmc_protocol.pml (core/src/ring_mpmc.cpp: reserve,
 * claimAtEnqueuePosition, claimFollowing, publish; claim, takeRun, finish).
 *
 * Bounds: 2 slots, so that a run fills the ring and its following slot still holds the previous
 * lap's message (claimFollowing waits for consumers), and the run may start in the last slot and
 * wrap. Producer 1 sends a lone message 3, then a run of 2 chunks (messages 1, 2); producer 2
 * sends lone message 4; two consumers. (Each step of the run is reached: producer 2 waits behind
 * a WritingRun slot, a consumer behind a ReadingRun one, claimFollowing for consumers, and the
 * run starts in the last slot.)
 *
 * With a kill, for bounds: KILL_PRODUCER has producer 2 send lone messages 4 and 5 and one
 * consumer (two are checked without crashes and with KILL_CONSUMER); KILL_CONSUMER has producer 1
 * send its run only and producer 2 one lone message (3). No successors: the survivors carry on
 * (a dead producer's role counts as ended).
 *
 * Checked: every message delivered exactly once and intact; a run's first chunk only through its
 * ReadyRun slot, its second only to the same consumer, right after the first (no other consumer
 * gets any of it, nothing between); lone messages only as lone slots; no deadlock (invalid end
 * states); the dequeue and enqueue positions only move past a run's first slot by its holder
 * (assertions in takeRun and reserve); no livelock (run_model.sh's non-progress search).
 * With a kill, instead of exactly once: nothing is delivered twice or torn; every published
 * message is delivered unless a consumer died holding it; a run's chunk reaches a consumer as a
 * lone slot (which the reassembler discards) only after a crash, and then the run's first chunk
 * is delivered to nobody; every process ends (a dead claim never blocks the ring), no claim of a
 * live process is left, and at most a run's slots are skipped as abandoned per producer death.
 */
#define SLOTS     2
#define RUN       2                       /* chunks in producer 1's run: messages 1 .. RUN */
#if defined(KILL_CONSUMER)
#define CRASH
#define MESSAGES  3
#define RUN_AND_LONE 0                    /* producer 1: its run only */
#elif defined(KILL_PRODUCER)
#define CRASH
#define MESSAGES  5
#define RUN_AND_LONE 1                    /* producer 1: a lone message, then its run */
#else
#define MESSAGES  4
#define RUN_AND_LONE 1                    /* producer 1: a lone message, then its run */
#endif
#define PRODUCERS 2

/* Per message: 0 lone, else its chunk index in the run (1 = first). */
#define chunkIndex(v) ((v) <= RUN -> (v) : 0)

#define ON_DELIVERY(me, v, kind) \
    atomic { \
        if \
        :: kind == READYRUN -> assert(chunkIndex(v) == 1) \
        :: kind == FOLLOWING -> assert(chunkIndex(v) > 1 && lastGot == v - 1) \
        :: kind == READY && chunkIndex(v) == 0 -> skip \
        :: kind == READY && chunkIndex(v) != 0 -> LONE_CHUNK(v) \
        fi; \
        lastGot = v \
    }

#ifdef CRASH
/* A chunk cut off from its run: only after a crash, and its run's first chunk goes to nobody. */
#define LONE_CHUNK(v) assert(crashes > 0 && chunkIndex(v) > 1 && received[1] == 0); loneChunks++
#else
#define LONE_CHUNK(v) assert(false)
#endif

#include "mpmc_protocol.pml"

#define RUN_PRODUCER 1
#define LONE_PRODUCER 2
#define VICTIM_CONSUMER 3
#define CONSUMER 4

#ifdef CRASH
bool kill[RECORDS];     /* Killer: SIGKILL for a record's process */
byte crashes;           /* processes killed so far */
byte producerDeaths;
byte loneChunks;        /* chunks delivered as lone slots */
#endif

proctype RunProducer(byte me)
{
    byte seq, position, lap, slot, seenLap, seenState, seenWho, seenEnqueue, i, dead;
    {
#if RUN_AND_LONE
        push(me, RUN + 1, position, lap, slot, seenLap, seenState, seenWho, i, dead);
#endif
        reserve(me, RUN, position, lap, slot, seenLap, seenState, seenWho, seenEnqueue, i, dead);
        for (seq : 1 .. RUN) {
            pushChunk(me, seq, position, slot)
        }
        producersDone++
    }
#ifdef CRASH
    unless {                                  /* its role ends with it (no successor) */
        atomic { kill[me] -> alive[me] = false; crashes++; producerDeaths++; producersDone++ }
    }
#endif
}

proctype LoneProducer(byte me)
{
    byte seq, position, lap, slot, seenLap, seenState, seenWho, i, dead;
    for (seq : RUN + 1 + RUN_AND_LONE .. MESSAGES) {
        push(me, seq, position, lap, slot, seenLap, seenState, seenWho, i, dead)
    }
    producersDone++
}

proctype Consumer(byte me)
{
    byte got, position, lap, slot, seenLap, seenState, seenWho, i, dead, a, b, lastGot;
    {
        do
        :: runNextC[me] < runEndC[me] -> popFollowing(me, got, position, lap, slot, a, b)
        :: runNextC[me] >= runEndC[me] ->
            pop(me, got, position, lap, slot, seenLap, seenState, seenWho, i, dead, a, b)
        od;
finished:
        skip
    }
#ifdef CRASH
    unless {
        atomic { kill[me] -> alive[me] = false; crashes++ }
    }
#endif
}

#ifdef CRASH
proctype Killer()
{
#ifdef KILL_PRODUCER
    kill[RUN_PRODUCER] = true
#else
    kill[VICTIM_CONSUMER] = true
#endif
}
#endif

init
{
    byte v;
    atomic {
        alive[RUN_PRODUCER] = true; alive[LONE_PRODUCER] = true;
        alive[VICTIM_CONSUMER] = true; alive[CONSUMER] = true;
        run RunProducer(RUN_PRODUCER); run LoneProducer(LONE_PRODUCER);
#ifndef KILL_PRODUCER
        run Consumer(VICTIM_CONSUMER);
#endif
        run Consumer(CONSUMER)
#ifdef CRASH
        ; run Killer()
#endif
    }
    _nr_pr == 1;                              /* everyone ended: nothing hung on a dead claim */
#ifdef CRASH
    for (v : 0 .. SLOTS - 1) {
        /* A claim still held at the end belongs to a dead consumer (the next claimRecord or
           --gc repairs it): its message counts as lost in flight. */
        assert((wordState[v] == READING || wordState[v] == READINGRUN) -> !alive[wordWho[v]] :
               (wordState[v] != WRITING && wordState[v] != WRITINGRUN));
        if
        :: wordState[v] == READING || wordState[v] == READINGRUN -> lostInFlight[half1[v]] = true
        :: else -> skip
        fi
    }
    for (v : 1 .. MESSAGES) {
        assert(received[v] <= 1);             /* never twice */
        assert(!committed[v] -> received[v] == 0 : true);
        assert(committed[v] -> (received[v] == 1 || lostInFlight[v]) : true)
    }
    assert(loneChunks > 0 -> received[1] == 0 : true);
    assert(abandonedSkipped <= RUN * producerDeaths)
#else
    for (v : 1 .. MESSAGES) { assert(received[v] == 1) }
    assert(abandonedSkipped == 0)
#endif
}
