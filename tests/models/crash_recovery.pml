/* Crash recovery on the mpmc ring: a producer and a consumer may each be killed at any step
 * (SIGKILL: no cleanup), a successor of each starts under a new record, and the survivors repair
 * the dead claims they find in their way, as docs/PROTOCOL.md (crash recovery) says.
 * Protocol and the code it describes: mpmc_protocol.pml (core/src/ring_mpmc.cpp), the repair
 * that Channel::repairDeadRecord (core/src/records.cpp) runs for a dead record
 * (repairMpmcClaims), and record reuse, which repairs before reusing (Channel::claimRecord) and
 * is modelled by giving each successor a fresh record.
 *
 * Bounds: one producer role and one consumer role, each a victim then its successor; 3 messages
 * through 2 slots, so that the producer wraps and blocks on a slot a dead consumer holds. Several
 * producers and consumers helping each other are checked without crashes in mpmc.pml.
 *
 * Checked: no message is delivered twice or torn; every committed message is delivered unless a
 * consumer died holding it (at-most-once for messages in flight); a slot a dead producer left
 * half-written is skipped as abandoned, at most once per producer death; no deadlock: every
 * process ends (pan's invalid end states), so a dead claim never blocks the channel.
 */
#define SLOTS     2
#define PER_PRODUCER 3
#define PRODUCERS 1
#define MESSAGES  (PRODUCERS * PER_PRODUCER)

#include "mpmc_protocol.pml"

#define VICTIM_PRODUCER 1
#define VICTIM_CONSUMER 3
#define SUCCESSOR_PRODUCER 5
#define SUCCESSOR_CONSUMER 6

bool kill[RECORDS];      /* Killer: SIGKILL for a record's process */
byte nextSeq[PRODUCERS + 1] = 1; /* per producer role: a successor goes on after the last claim */
byte producerDeaths;

proctype Producer(byte me; byte role)
{
    byte seq, position, lap, slot, seenLap, seenState, seenWho, i, dead;
    {
        do
        :: nextSeq[role] > PER_PRODUCER -> break
        :: else ->
            atomic { seq = nextSeq[role]; nextSeq[role]++ }
            push(me, (role - 1) * PER_PRODUCER + seq, position, lap, slot, seenLap, seenState,
                 seenWho, i, dead)
        od;
        producersDone++
    } unless {
        atomic { kill[me] -> alive[me] = false; producerDeaths++;
                 alive[SUCCESSOR_PRODUCER] = true; run Producer(SUCCESSOR_PRODUCER, role) }
    }
}

proctype Consumer(byte me)
{
    byte got, position, lap, slot, seenLap, seenState, seenWho, i, dead, a, b;
    {
        do
        :: pop(me, got, position, lap, slot, seenLap, seenState, seenWho, i, dead, a, b)
        od;
finished:
        skip
    } unless {
        atomic { kill[me] -> alive[me] = false;
                 alive[SUCCESSOR_CONSUMER] = true; run Consumer(SUCCESSOR_CONSUMER) }
    }
}

proctype Killer()
{
    if
    :: kill[VICTIM_PRODUCER] = true
    :: kill[VICTIM_CONSUMER] = true
    :: kill[VICTIM_PRODUCER] = true; kill[VICTIM_CONSUMER] = true
    fi
}

init
{
    byte v;
    atomic {
        alive[VICTIM_PRODUCER] = true; alive[VICTIM_CONSUMER] = true;
        run Producer(VICTIM_PRODUCER, 1); run Consumer(VICTIM_CONSUMER); run Killer()
    }
    _nr_pr == 1;                              /* everyone ended: nothing hung on a dead claim */
    for (v : 0 .. SLOTS - 1) {
        /* A claim still held at the end belongs to a dead process (the next claimRecord or
           --gc repairs it): its message counts as lost in flight. */
        assert(wordState[v] == READING -> !alive[wordWho[v]] : wordState[v] != WRITING);
        if :: wordState[v] == READING -> lostInFlight[half1[v]] = true :: else -> skip fi
    }
    for (v : 1 .. MESSAGES) {
        assert(received[v] <= 1);             /* never twice */
        assert(!committed[v] -> received[v] == 0 : true);
        assert(committed[v] -> (received[v] == 1 || lostInFlight[v]) : true)
    }
    assert(abandonedSkipped <= producerDeaths)
}
