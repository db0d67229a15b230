#!/usr/bin/env bash
# The large-data figures, in one run: consumer throughput (median of 3 runs of 3 s, the slowest
# consumer for broadcast) of 64 MiB messages through 8 x 1 MiB slots per codec and payload kind,
# shm against the file transport, copying against zero-copy, broadcast to 1, 2 and 4 consumers.
# A measurement harness, not a test. Usage: tests/perf/large_data_figures.sh [BIN_DIR]
# (default build/release/bin); run it on a quiet machine, e.g. under `chrt -f 10`.
set -euo pipefail
readonly WORKER=${1:-build/release/bin}/shmscope-worker
[[ -x $WORKER ]] || { echo "large_data_figures: no $WORKER (build the release preset)" >&2; exit 2; }
readonly WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

CHANNEL_FLAGS=()
FILE_TRANSPORT=0
AGGREGATE=min # broadcast: the slowest consumer; queue consumers share the messages: sum

# measure LABEL CONSUMERS PRODUCER_FLAGS... [-- CONSUMER_FLAGS...]
measure() {
    local label=$1 consumers=$2
    shift 2
    local -a producer_flags=() consumer_flags=()
    local after=0 arg rep c
    for arg in "$@"; do
        if [[ $arg == -- ]]; then after=1; continue; fi
        if ((after)); then consumer_flags+=("$arg"); else producer_flags+=("$arg"); fi
    done
    local -a results=()
    for rep in 1 2 3; do
        local -a where=(--channel "figures-$$-$rep" --create)
        if ((FILE_TRANSPORT)); then
            rm -f "$WORK/data" "$WORK/data.ctl"
            where=(--transport file --path "$WORK/data" --create)
        fi
        local -a pids=()
        for ((c = 1; c <= consumers; ++c)); do
            "$WORKER" --role consumer "${where[@]}" "${CHANNEL_FLAGS[@]}" --duration 3.5 --json \
                "${consumer_flags[@]}" >"$WORK/consumer$c.json" 2>/dev/null &
            pids+=($!)
        done
        sleep 0.3
        "$WORKER" --role producer "${where[@]}" "${CHANNEL_FLAGS[@]}" --wait-consumers "$consumers" \
            --duration 3 --json "${producer_flags[@]}" >/dev/null 2>"$WORK/producer.err"
        wait "${pids[@]}"
        results+=("$(python3 - "$WORK" "$consumers" "$AGGREGATE" <<'PY'
import json, sys
work, consumers, aggregate = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rates = []
for c in range(1, consumers + 1):
    for line in open(f"{work}/consumer{c}.json"):
        event = json.loads(line)
        if event.get("event") == "summary":
            rates.append(event["bytes_per_s"])
total = sum(rates) if aggregate == "sum" else min(rates, default=0.0)
print(total / 1e9 if len(rates) == consumers else 0.0)
PY
)")
    done
    rm -f "$WORK/data" "$WORK/data.ctl"
    python3 - "$label" "${results[@]}" <<'PY'
import sys
label, runs = sys.argv[1], [float(x) for x in sys.argv[2:]]
print(f"{label:<40} median {sorted(runs)[1]:7.3f} GB/s   runs {', '.join(f'{r:.3f}' for r in runs)}")
PY
}

echo "# 64 MiB messages through 8 x 1 MiB slots, spsc, xxh3"
CHANNEL_FLAGS=(--sync spsc --slots 8 --slot-size 1MiB)
for payload in random text; do
    for codec in none lz4 zstd auto; do
        measure "64 MiB $codec $payload" 1 --msg-size 64MiB --payload "$payload" --compress "$codec"
    done
done
echo "# 1 MiB messages, spsc, 8 slots, xxh3: shm against file"
measure "1 MiB shm" 1 --msg-size 1MiB
FILE_TRANSPORT=1 measure "1 MiB file" 1 --msg-size 1MiB
echo "# 1 MiB messages, spsc, 8 slots: copying against zero-copy"
for checksum in none xxh3; do
    CHANNEL_FLAGS=(--sync spsc --slots 8 --slot-size 1MiB --checksum "$checksum")
    measure "1 MiB copy, checksum $checksum" 1 --msg-size 1MiB
    measure "1 MiB zero-copy, checksum $checksum" 1 --msg-size 1MiB --zero-copy -- --zero-copy
done
echo "# broadcast, 1 MiB messages, 8 slots, xxh3 (slowest consumer)"
CHANNEL_FLAGS=(--delivery broadcast --slots 8 --slot-size 1MiB)
for consumers in 1 2 4; do
    measure "broadcast to $consumers" "$consumers" --msg-size 1MiB -- --from oldest
done
echo "# runs: mpmc, 4 MiB messages through 8 x 1 MiB, one and two consumers"
CHANNEL_FLAGS=(--sync mpmc --slots 8 --slot-size 1MiB)
measure "mpmc 4 MiB, 1 consumer" 1 --msg-size 4MiB
AGGREGATE=sum measure "mpmc 4 MiB, 2 consumers (runs), sum" 2 --msg-size 4MiB
