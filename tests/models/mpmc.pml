/* The mpmc ring without crashes: two producer and two consumer processes.
 * Protocol and the code it describes: mpmc_protocol.pml (core/src/ring_mpmc.cpp).
 * Checked: every message delivered exactly once and intact; no deadlock (invalid end states).
 */
#define SLOTS     2
#define PER_PRODUCER 2
#define PRODUCERS 2
#define MESSAGES  (PRODUCERS * PER_PRODUCER)

#include "mpmc_protocol.pml"

proctype Producer(byte me; byte role)
{
    byte seq, position, lap, slot, seenLap, seenState, seenWho, i, dead;
    for (seq : 1 .. PER_PRODUCER) {
        push(me, (role - 1) * PER_PRODUCER + seq, position, lap, slot, seenLap, seenState, seenWho, i, dead)
    }
    producersDone++
}

proctype Consumer(byte me)
{
    byte got, position, lap, slot, seenLap, seenState, seenWho, i, dead, a, b;
    do
    :: pop(me, got, position, lap, slot, seenLap, seenState, seenWho, i, dead, a, b)
    od;
finished:
    skip
}

init
{
    byte v;
    atomic {
        alive[1] = true; alive[2] = true; alive[3] = true; alive[4] = true;
        run Producer(1, 1); run Producer(2, 2); run Consumer(3); run Consumer(4)
    }
    _nr_pr == 1;
    for (v : 1 .. MESSAGES) { assert(received[v] == 1) }
    assert(abandonedSkipped == 0)
}
