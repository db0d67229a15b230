/*
 * Waking a sleeper when the waker does not fence (docs/PROTOCOL.md, waiting and waking;
 * core/include/shmscope/wait.hpp).
 *
 * The waker publishes positions 1..MESSAGES and after each publish loads `waiters`, with only a
 * compiler barrier between the store and the load: on x86 (TSO) the store may wait in the
 * waker's store buffer while the load already reads memory. The buffer is a FIFO channel drained
 * by its own process at any moment. A locked instruction (the waker's fetch_add on `sequence`, a
 * full fence) first drains the buffer.
 *
 * The sleeper checks the position, and when it finds nothing registers (waiters++, a locked
 * instruction), reads the futex word, runs the asymmetric barrier — membarrier(GLOBAL_EXPEDITED)
 * makes every CPU running a registered process execute a full barrier, which here drains the
 * waker's store buffer — re-checks, and sleeps until the futex word changes. No timeouts: a
 * lost wake-up leaves the sleeper blocked for ever, which SPIN reports as an invalid end state.
 *
 * Variants (tests/models/CMakeLists.txt):
 *   (none)            registered waker, sleeper with the barrier: must pass
 *   -DWAKER_FENCE     the fallback for a process that could not register: the waker fences and
 *                     the sleeper has no barrier: must pass
 *   -DNO_BARRIER      neither: the lost wake-up exists, and SPIN must find it (the test expects
 *                     this variant to fail, which shows the model can see the bug)
 */

#define MESSAGES 3
#define SLEEPERS_MAX 1

byte position = 0;   /* memory: the published position */
byte waiters = 0;
byte sequence = 0;   /* the futex word */
chan storeBuffer = [MESSAGES] of { byte };

inline drainAll() {
    do
    :: nempty(storeBuffer) -> storeBuffer?position
    :: empty(storeBuffer) -> break
    od
}

active proctype Buffer() {
    byte value;
end:
    do
    :: atomic { storeBuffer?value -> position = value }
    od
}

active proctype Waker() {
    byte head = 0;
    do
    :: head < MESSAGES ->
        head++;
        storeBuffer!head;              /* release store of the position: into the buffer */
#ifdef WAKER_FENCE
        atomic { empty(storeBuffer) }  /* seq_cst fence: waits until the buffer drained */
#endif
        if
        :: waiters != 0 ->
            atomic { empty(storeBuffer) -> sequence++ }  /* locked fetch_add, then FUTEX_WAKE */
        :: else -> skip
        fi
    :: else -> break
    od
}

active proctype Sleeper() {
    byte tail = 0;
    byte seen;
    do
    :: tail == MESSAGES -> break
    :: tail < MESSAGES ->
        if
        :: position > tail -> tail++          /* the fast path found a message */
        :: else ->
            waiters++;                         /* locked fetch_add */
            seen = sequence;
#if !defined(NO_BARRIER) && !defined(WAKER_FENCE)
            d_step { drainAll() }              /* membarrier(GLOBAL_EXPEDITED) */
#endif
            if
            :: position > tail -> skip         /* the re-check found it */
            :: else -> (sequence != seen)      /* FUTEX_WAIT(sequence, seen) */
            fi;
            waiters--
        fi
    od;
    assert(tail == MESSAGES)
}
