/* The mpmc ring protocol, shared by mpmc.pml and crash_recovery.pml.
 *
 * Describes core/src/ring_mpmc.cpp: MpmcProducer::push, MpmcConsumer::pop, helpAdvance,
 * MpmcEndpoint::repairIfDead and repairMpmcClaims; the copies are RingEndpoint::copyIn/copyOut
 * (core/src/ring_base.cpp), split in two halves around the mid-copy crash point.
 *
 * Each slot's descriptor word is (lap, state, claimant record), changed only by CAS or by a
 * release store of its claimant; a CAS is one atomic step here. Records are never 0 (NONE).
 * A process's death is modelled by the caller (Killer + `unless`); `alive[r]` is what the OFD
 * lock on byte r tells others, false from the moment r dies.
 */
#define FREE      0
#define WRITING   1
#define READY     2
#define READING   3
#define ABANDONED 4
#define NONE      0
#define RECORDS   8

byte wordLap[SLOTS];
byte wordState[SLOTS];   /* all FREE at lap 0 initially */
byte wordWho[SLOTS];
byte half1[SLOTS];       /* payload: message value, first half */
byte half2[SLOTS];       /* second half */
byte enqueuePos;         /* ring.producer.position: advanced by CAS (helpAdvance) */
byte dequeuePos;         /* ring.consumer.position */
bool alive[RECORDS];

byte received[MESSAGES + 1];  /* deliveries per message value */
bool committed[MESSAGES + 1]; /* published Ready */
bool lostInFlight[MESSAGES + 1]; /* held by a consumer that died (repair freed its slot) */
byte abandonedSkipped;        /* consumers: slots skipped as Abandoned (lost_to_crash) */
byte producersDone;           /* producer roles that sent their last message */

/* helpAdvance: CAS position from seen to seen + 1. */
inline helpAdvance(sharedPosition, seenPosition)
{
    atomic { if :: sharedPosition == seenPosition -> sharedPosition = seenPosition + 1 :: else -> skip fi }
}

/* repairMpmcClaims(channel, record): Writing -> Abandoned (same lap), Reading -> Free of the
   next lap; each slot by its own CAS (the repairer may itself die between slots). */
inline repairClaims(deadRecord, k)
{
    for (k : 0 .. SLOTS - 1) {
        atomic {
            if
            :: wordWho[k] == deadRecord && wordState[k] == WRITING ->
                wordState[k] = ABANDONED; wordWho[k] = NONE
            :: wordWho[k] == deadRecord && wordState[k] == READING ->
                lostInFlight[half1[k]] = true;
                wordLap[k] = wordLap[k] + 1; wordState[k] = FREE; wordWho[k] = NONE
            :: else -> skip
            fi
        }
    }
    for (k : 0 .. SLOTS - 1) {               /* no claim of the dead is left (a Ready word keeps */
        assert(wordWho[k] != deadRecord ||   /* its producer's record: not a claim) */
               (wordState[k] != WRITING && wordState[k] != READING))
    }
}

/* repairIfDead (run from the stall check of a blocked wait): the claimant of the word we are
   blocked on is dead. (The code also calls the repair for a Ready word of a dead producer,
   where it finds nothing to do; leaving that out keeps every wait free of cycles, so that a
   livelock shows up in the non-progress search.) Under the repair mutex in the code; the repair is idempotent, so two
   repairers racing (each CAS atomic) is what is modelled. */
inline repairIfDead(claimant, self, k)
{
    atomic { claimant != NONE && claimant != self && !alive[claimant] &&
             (wordState[slot] == WRITING || wordState[slot] == READING) -> dead = claimant };
    repairClaims(dead, k);
    dead = 0
}

/* MpmcProducer::push of `value` by record `me`. */
inline push(me, value, position, lap, slot, seenLap, seenState, seenWho, i, dead)
{
    do
    :: position = enqueuePos; lap = position / SLOTS; slot = position % SLOTS;
        atomic { seenLap = wordLap[slot]; seenState = wordState[slot]; seenWho = wordWho[slot] }
        if
        :: seenLap == lap && seenState == FREE && seenWho == NONE ->
            atomic {
                if
                :: wordLap[slot] == lap && wordState[slot] == FREE && wordWho[slot] == NONE ->
                    wordState[slot] = WRITING; wordWho[slot] = me; seenState = WRITING
                :: else -> skip
                fi
            }
            if
            :: seenState == WRITING -> helpAdvance(enqueuePos, position); break
            :: else -> skip                  /* lost the CAS: retry */
            fi
        :: seenLap >= lap && !(seenLap == lap && seenState == FREE && seenWho == NONE) ->
            helpAdvance(enqueuePos, position) /* taken by another producer */
        :: seenLap < lap ->                  /* full: wait for the slot or the position to move */
            if
            :: atomic { (wordLap[slot] != seenLap || wordState[slot] != seenState ||
                         wordWho[slot] != seenWho || enqueuePos != position) -> skip }
            :: repairIfDead(wordWho[slot], me, i)
            fi
        fi
    od;
    atomic { seenLap = 0; seenState = 0; seenWho = 0; i = 0; dead = 0 }  /* (fewer states) */
    half1[slot] = value;                     /* after-claim .. mid-copy */
    half2[slot] = value;                     /* mid-copy .. before-publish */
    atomic { wordState[slot] = READY; committed[value] = true; position = 0; lap = 0; slot = 0 }
}

/* MpmcConsumer::pop by record `me`; sets `got` to the value delivered, 0 for an abandoned slot,
   or leaves the loop through `finished` when every producer is done and the ring is drained. */
inline pop(me, got, position, lap, slot, seenLap, seenState, seenWho, i, dead, a, b)
{
    do
    :: position = dequeuePos; lap = position / SLOTS; slot = position % SLOTS;
        atomic { seenLap = wordLap[slot]; seenState = wordState[slot]; seenWho = wordWho[slot] }
        if
        :: seenLap == lap && (seenState == READY || seenState == ABANDONED) ->
            atomic {
                if
                :: wordLap[slot] == seenLap && wordState[slot] == seenState && wordWho[slot] == seenWho ->
                    wordState[slot] = READING; wordWho[slot] = me; seenWho = me
                :: else -> skip
                fi
            }
            if
            :: seenWho == me -> helpAdvance(dequeuePos, position); break
            :: else -> skip
            fi
        :: seenLap > lap || (seenLap == lap && seenState == READING) ->
            helpAdvance(dequeuePos, position)
        :: else ->                           /* empty or being written: wait */
            if
            :: atomic { (wordLap[slot] != seenLap || wordState[slot] != seenState ||
                         wordWho[slot] != seenWho || dequeuePos != position) -> skip }
            :: repairIfDead(wordWho[slot], me, i)
            :: atomic { producersDone == PRODUCERS && enqueuePos <= dequeuePos &&
                        !(wordLap[slot] == lap && (wordState[slot] == READY ||
                          wordState[slot] == WRITING || wordState[slot] == ABANDONED)) } ->
                goto finished                /* drained() and every producer closed */
            fi
        fi
    od;
    if                                       /* after-dequeue */
    :: seenState == ABANDONED -> got = 0; abandonedSkipped++
    :: else ->
        a = half1[slot]; b = half2[slot];
        assert(a == b && a != 0);            /* never torn, never a slot nobody wrote */
        got = a;
        received[a]++
    fi;
    atomic {
        wordLap[slot] = lap + 1; wordState[slot] = FREE; wordWho[slot] = NONE;  /* release store */
        position = 0; lap = 0; slot = 0; seenLap = 0; seenState = 0; seenWho = 0; i = 0; dead = 0;
        a = 0; b = 0
    }
}
