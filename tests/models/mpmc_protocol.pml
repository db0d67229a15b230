/* The mpmc ring protocol, shared by mpmc.pml, crash_recovery.pml and mpmc_runs.pml.
 *
 * Describes core/src/ring_mpmc.cpp: MpmcProducer::push, MpmcConsumer::pop, helpAdvance,
 * MpmcEndpoint::repairIfDead and repairMpmcClaims; the copies are RingEndpoint::copyIn/copyOut
 * (core/src/ring_base.cpp), split in two halves around the mid-copy crash point.
 * Runs (a chunked message taken whole by one consumer): MpmcProducerSteps::reserve
 * (claimAtEnqueuePosition as WritingRun, claimFollowing), claim and publish inside a run
 * (pushChunk), MpmcConsumerSteps::claim of a ReadyRun slot and takeRun, and claim inside a run
 * (popFollowing). The single-slot steps only gained the guards for the run states, which no
 * single-slot step produces (mpmc.pml explores the same states as before). The drained check
 * that ends a consumer reads the slot at the current dequeue position, as nothingLeft does (it
 * read the slot of the consumer's own last look, which may be stale: with runs and a dead
 * producer that ended a consumer while a dead claim was still at the dequeue position).
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
#define WRITINGRUN 5     /* a run's first slot while the run is reserved and filled */
#define READYRUN  6      /* a run's first slot, stored last: every other slot of it is Ready */
#define READINGRUN 7     /* a run's first slot, claimed by the consumer that takes the run */
#define FOLLOWING 8      /* not a word state: pop's kind of delivery for a run's following slot */
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
byte runSlots[SLOTS];    /* SlotDescriptor.run_slots */
/* The run a producer is filling (MpmcProducerSteps::runHead_/runNext_/runEnd_) and the run a
   consumer is taking (MpmcConsumerSteps::runNext_/runEnd_), per record: private to it. */
byte runHeadP[RECORDS];
byte runNextP[RECORDS];
byte runEndP[RECORDS];
byte runNextC[RECORDS];
byte runEndC[RECORDS];

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
            :: wordWho[k] == deadRecord && (wordState[k] == WRITING || wordState[k] == WRITINGRUN) ->
                wordState[k] = ABANDONED; wordWho[k] = NONE
            :: wordWho[k] == deadRecord && (wordState[k] == READING || wordState[k] == READINGRUN) ->
                lostInFlight[half1[k]] = true;
                wordLap[k] = wordLap[k] + 1; wordState[k] = FREE; wordWho[k] = NONE
            :: else -> skip
            fi
        }
    }
    for (k : 0 .. SLOTS - 1) {               /* no claim of the dead is left (a Ready word keeps */
        assert(wordWho[k] != deadRecord ||   /* its producer's record: not a claim) */
               (wordState[k] != WRITING && wordState[k] != READING &&
                wordState[k] != WRITINGRUN && wordState[k] != READINGRUN))
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
             (wordState[slot] == WRITING || wordState[slot] == READING ||
              wordState[slot] == WRITINGRUN || wordState[slot] == READINGRUN) -> dead = claimant };
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
        :: seenLap >= lap && !(seenLap == lap && seenState == FREE && seenWho == NONE) &&
           !(seenLap == lap && seenState == WRITINGRUN) ->
            helpAdvance(enqueuePos, position) /* taken by another producer */
        :: seenLap < lap || (seenLap == lap && seenState == WRITINGRUN) ->
            /* full, or a run is being reserved from here: wait for the slot or the position */
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

/* MpmcConsumerSteps::takeRun: we hold the run's first slot (ReadingRun), at position `head` in
   slot `headSlot`. run_slots is read (relaxed, after the acquire CAS on the first slot) and
   clamped; each following slot is claimed Ready -> Reading by its own CAS, the run cut at the
   first slot that is not Ready of its lap; then the dequeue position moves head -> end by CAS.
   The load and the CAS of a following slot are one step here: the CAS compares the whole word
   it loaded, and a Ready word of a lap changes only to Reading of that lap. runNextC/runEndC
   serve as the code's locals `end` and `head + slots` until the last step sets the members. */
inline takeRun(me, head, headSlot)
{
    atomic {
        runEndC[me] = runSlots[headSlot];
        if
        :: runEndC[me] < 2 || runEndC[me] > SLOTS -> runEndC[me] = 1
        :: else -> skip
        fi;
        runEndC[me] = head + runEndC[me]; runNextC[me] = head + 1
    }
    do
    :: runNextC[me] < runEndC[me] ->
        atomic {
            if
            :: wordLap[runNextC[me] % SLOTS] == runNextC[me] / SLOTS &&
               wordState[runNextC[me] % SLOTS] == READY ->
                wordState[runNextC[me] % SLOTS] = READING; wordWho[runNextC[me] % SLOTS] = me;
                runNextC[me]++
            :: else -> runEndC[me] = runNextC[me]   /* cut here */
            fi
        }
    :: else -> break
    od;
    atomic {
        /* Nobody moves the dequeue position past a ReadingRun slot: its holder does. */
        assert(dequeuePos == head);
        if :: dequeuePos == head -> dequeuePos = runNextC[me] :: else -> skip fi;
        runEndC[me] = runNextC[me]; runNextC[me] = head + 1
    }
}

/* MpmcConsumer::pop by record `me`; sets `got` to the value delivered, 0 for an abandoned slot,
   or leaves the loop through `finished` when every producer is done and the ring is drained. */
inline pop(me, got, position, lap, slot, seenLap, seenState, seenWho, i, dead, a, b)
{
    do
    :: position = dequeuePos; lap = position / SLOTS; slot = position % SLOTS;
        atomic { seenLap = wordLap[slot]; seenState = wordState[slot]; seenWho = wordWho[slot] }
        if
        :: seenLap == lap && (seenState == READY || seenState == ABANDONED || seenState == READYRUN) ->
            atomic {
                if
                :: wordLap[slot] == seenLap && wordState[slot] == seenState && wordWho[slot] == seenWho ->
                    wordState[slot] = (seenState == READYRUN -> READINGRUN : READING);
                    wordWho[slot] = me; seenWho = me
                :: else -> skip
                fi
            }
            if
            :: seenWho == me && seenState != READYRUN -> helpAdvance(dequeuePos, position); break
            :: seenWho == me && seenState == READYRUN -> takeRun(me, position, slot); break
            :: else -> skip
            fi
        :: seenLap > lap || (seenLap == lap && seenState == READING) ->
            helpAdvance(dequeuePos, position)
        :: else ->                           /* empty, being written, or a run another consumer
                                                is taking (ReadingRun): wait */
            if
            :: atomic { (wordLap[slot] != seenLap || wordState[slot] != seenState ||
                         wordWho[slot] != seenWho || dequeuePos != position) -> skip }
            :: repairIfDead(wordWho[slot], me, i)
            :: atomic { producersDone == PRODUCERS && enqueuePos <= dequeuePos &&
                        !(wordLap[dequeuePos % SLOTS] == dequeuePos / SLOTS &&
                          (wordState[dequeuePos % SLOTS] == READY ||
                           wordState[dequeuePos % SLOTS] == WRITING ||
                           wordState[dequeuePos % SLOTS] == ABANDONED ||
                           wordState[dequeuePos % SLOTS] == WRITINGRUN ||
                           wordState[dequeuePos % SLOTS] == READYRUN)) } ->
                goto finished                /* drained() (nothingLeft: the slot at the current
                                                dequeue position) and every producer closed */
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
#ifdef ON_DELIVERY
        ; ON_DELIVERY(me, a, seenState)      /* the model's checks: seenState is READY or READYRUN */
#endif
    fi;
    atomic {
        wordLap[slot] = lap + 1; wordState[slot] = FREE; wordWho[slot] = NONE;  /* release store */
        position = 0; lap = 0; slot = 0; seenLap = 0; seenState = 0; seenWho = 0; i = 0; dead = 0;
        a = 0; b = 0
    }
}

/* MpmcProducerSteps::reserve(runLength) by record `me`: claimAtEnqueuePosition as WritingRun (no
   help past it: other producers wait behind it), claimFollowing for each following slot, then
   the enqueue position moves head -> head + runLength by CAS. (Backpressure Block: the undo for
   DropNewest or a stop request is not modelled.) */
inline reserve(me, runLength, position, lap, slot, seenLap, seenState, seenWho, seenEnqueue, i, dead)
{
    do                                       /* claimAtEnqueuePosition(head, WritingRun) */
    :: position = enqueuePos; lap = position / SLOTS; slot = position % SLOTS;
        atomic { seenLap = wordLap[slot]; seenState = wordState[slot]; seenWho = wordWho[slot] }
        if
        :: seenLap == lap && seenState == FREE && seenWho == NONE ->
            atomic {
                if
                :: wordLap[slot] == lap && wordState[slot] == FREE && wordWho[slot] == NONE ->
                    wordState[slot] = WRITINGRUN; wordWho[slot] = me; seenWho = me
                :: else -> skip
                fi
            }
            if
            :: seenWho == me -> break        /* no helpAdvance: the position stays at the run */
            :: else -> skip                  /* lost the CAS: retry */
            fi
        :: seenLap >= lap && !(seenLap == lap && seenState == FREE && seenWho == NONE) &&
           !(seenLap == lap && seenState == WRITINGRUN) ->
            helpAdvance(enqueuePos, position) /* taken by another producer */
        :: seenLap < lap || (seenLap == lap && seenState == WRITINGRUN) ->
            if
            :: atomic { (wordLap[slot] != seenLap || wordState[slot] != seenState ||
                         wordWho[slot] != seenWho || enqueuePos != position) -> skip }
            :: repairIfDead(wordWho[slot], me, i)
            fi
        fi
    od;
    atomic { runHeadP[me] = position; seenLap = 0; seenState = 0; seenWho = 0; i = 0; dead = 0 }
    for (position : runHeadP[me] + 1 .. runHeadP[me] + runLength - 1) {  /* claimFollowing */
        lap = position / SLOTS; slot = position % SLOTS;
        do
        :: atomic { seenLap = wordLap[slot]; seenState = wordState[slot]; seenWho = wordWho[slot];
                    seenEnqueue = enqueuePos }  /* (the code loads the position after the word;
                                                   only its own CAS below moves it meanwhile) */
            if
            :: seenLap == lap && seenState == FREE && seenWho == NONE ->
                atomic {
                    if
                    :: wordLap[slot] == lap && wordState[slot] == FREE && wordWho[slot] == NONE ->
                        wordState[slot] = WRITING; wordWho[slot] = me; seenWho = me
                    :: else -> skip
                    fi
                }
                if
                :: seenWho == me -> break
                :: else -> skip              /* only a repair changes it meanwhile */
                fi
            :: else ->                       /* consumers have not freed it yet: wait */
                if
                :: atomic { (wordLap[slot] != seenLap || wordState[slot] != seenState ||
                             wordWho[slot] != seenWho || enqueuePos != seenEnqueue) -> skip }
                :: repairIfDead(wordWho[slot], me, i)
                fi
            fi
        od;
        atomic { seenLap = 0; seenState = 0; seenWho = 0; seenEnqueue = 0; i = 0; dead = 0 }
    }
    atomic {
        /* Nobody moves the enqueue position past a WritingRun slot but its holder. */
        assert(enqueuePos == runHeadP[me]);
        if :: enqueuePos == runHeadP[me] -> enqueuePos = runHeadP[me] + runLength :: else -> skip fi;
        runNextP[me] = runHeadP[me]; runEndP[me] = runHeadP[me] + runLength;
        position = 0; lap = 0; slot = 0
    }
}

/* Push of `value` inside the reserved run (SlotProducer::push: claim returns runNext_++, copyIn,
   publish): the run's first slot goes last, ReadyRun with run_slots, after the others are Ready.
   The run_slots store (relaxed) and the ReadyRun store (release) are one step: nobody reads
   run_slots of this lap before the ReadyRun word. */
inline pushChunk(me, value, position, slot)
{
    atomic { position = runNextP[me]; runNextP[me]++; slot = position % SLOTS }
    half1[slot] = value;                     /* after-claim .. mid-copy */
    half2[slot] = value;                     /* mid-copy .. before-publish */
    if
    :: position != runHeadP[me] -> atomic { wordState[slot] = READY; committed[value] = true }
    :: else -> skip
    fi;
    if
    :: position + 1 < runEndP[me] -> skip
    :: else ->
        atomic {
            runSlots[runHeadP[me] % SLOTS] = runEndP[me] - runHeadP[me];
            wordState[runHeadP[me] % SLOTS] = READYRUN; committed[half1[runHeadP[me] % SLOTS]] = true;
            runHeadP[me] = 0; runNextP[me] = 0; runEndP[me] = 0
        }
    fi;
    atomic { position = 0; slot = 0 }
}

/* Pop inside the run this consumer took (claim returns runNext_++; copyOut; finish). */
inline popFollowing(me, got, position, lap, slot, a, b)
{
    atomic { position = runNextC[me]; runNextC[me]++; lap = position / SLOTS; slot = position % SLOTS }
    a = half1[slot]; b = half2[slot];
    assert(a == b && a != 0);                /* never torn, never a slot nobody wrote */
    got = a;
    received[a]++
#ifdef ON_DELIVERY
    ; ON_DELIVERY(me, a, FOLLOWING)
#endif
    ;
    atomic {
        wordLap[slot] = lap + 1; wordState[slot] = FREE; wordWho[slot] = NONE;  /* release store */
        position = 0; lap = 0; slot = 0; a = 0; b = 0
    }
}
