#!/usr/bin/env bash
# What criterion cannot time, and the ratios of BENCHMARKS.md:
#
#   benches/run.sh            every section below
#   benches/run.sh SECTION... some of: ratios memory process callgrind describe
#
# - ratios:    from the estimates of `cargo bench -p block-benches --bench
#              engine` (run it first): each stage per N, parse + compile +
#              run against serde_json's parse of the same text, and
#              t(100 000) / t(10 000);
# - memory:    peak resident memory of `blocks run` on 10 000 and 100 000
#              steps against the file's size (/usr/bin/time, else /proc);
# - process:   wall time of the whole `blocks run` process on one step
#              (hyperfine when installed, else a timed loop);
# - callgrind: instructions per stage on 1 000 steps, steady on a busy
#              machine (valgrind), the figures to compare before and after
#              a change;
# - describe:  the criterion bench of benches/many_blocks (250 generated
#              blocks, its own workspace), built with this workspace's
#              Cargo.lock; not in the default list, as it builds 250 blocks.
#
# Files go to target/bench-data/. Debian packages used when present:
# time, hyperfine, valgrind (`apt-get install -y time hyperfine valgrind`).
set -euo pipefail
cd "$(dirname "$0")/.."

data=target/bench-data
criterion=target/criterion
mkdir -p "$data"
sections=("$@")
[ ${#sections[@]} -gt 0 ] || sections=(ratios memory process callgrind)

# The release binaries: the CLI and the workload runner of benches/.
build() {
    cargo build --release --quiet -p blocks --bin blocks
    cargo bench --no-run --quiet -p block-benches --bench workload 2>/dev/null
    workload=$(cargo bench --no-run -p block-benches --bench workload --message-format=json 2>/dev/null \
        | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
    blocks=target/release/blocks
}

# The workflow of N steps as a file.
workflow() {
    local file="$data/steps-$1.json"
    [ -s "$file" ] || "$workload" write "$1" "$file" >/dev/null
    echo "$file"
}

# The settings of `blocks run`: the two variables allowed, the limits on
# file size and step count lifted.
settings=(--allow-env HOME --allow-env PATH --max-file-bytes 1000000000 --max-steps 1000000)

# The median of one criterion benchmark, in nanoseconds.
median() {
    local file="$criterion/$1/new/estimates.json"
    [ -f "$file" ] || { echo "missing"; return; }
    sed -n 's/.*"median":{"confidence_interval":{[^}]*},"point_estimate":\([0-9.e+-]*\).*/\1/p' "$file"
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "missing" || b == "missing" || b == 0) print "-"; else printf "%.2f", a / b }'
}

shown() {
    awk -v ns="$1" 'BEGIN {
        if (ns == "missing") { print "-"; exit }
        if (ns < 1e3) printf "%.0f ns", ns
        else if (ns < 1e6) printf "%.1f µs", ns / 1e3
        else if (ns < 1e9) printf "%.2f ms", ns / 1e6
        else printf "%.2f s", ns / 1e9 }'
}

ratios() {
    echo "== criterion medians (cargo bench -p block-benches --bench engine)"
    printf '%-8s %12s %12s %12s %12s %12s %12s\n' N serde_parse compile run compile_run text text/parse
    for n in 1 10 100 1000 10000 100000; do
        local parse compile run both text
        parse=$(median "serde_json_parse/$n")
        compile=$(median "compile/$n")
        run=$(median "run/$n")
        both=$(median "compile_run/$n")
        text=$(median "text/$n")
        printf '%-8s %12s %12s %12s %12s %12s %12s\n' "$n" "$(shown "$parse")" "$(shown "$compile")" \
            "$(shown "$run")" "$(shown "$both")" "$(shown "$text")" "$(ratio "$text" "$parse")"
    done
    echo "== scaling t(100000) / t(10000)"
    for stage in serde_json_parse compile run compile_run text; do
        printf '%-18s %s\n' "$stage" "$(ratio "$(median "$stage/100000")" "$(median "$stage/10000")")"
    done
}

# Peak resident memory of a command, in KiB.
peak_kib() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
    else
        "$@" >/dev/null &
        local pid=$! peak=0 seen
        while kill -0 "$pid" 2>/dev/null; do
            seen=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
            [ -n "$seen" ] && peak=$seen
            sleep 0.01
        done
        wait "$pid"
        echo "$peak"
    fi
}

memory() {
    echo "== peak memory of blocks run"
    printf '%-8s %14s %14s %8s\n' N file_bytes peak_bytes ratio
    for n in 1 10000 100000; do
        local file size peak
        file=$(workflow "$n")
        size=$(stat -c %s "$file")
        peak=$(( $(peak_kib "$blocks" run "$file" "${settings[@]}") * 1024 ))
        printf '%-8s %14s %14s %8s\n' "$n" "$size" "$peak" "$(ratio "$peak" "$size")"
    done
}

process() {
    local file
    file=$(workflow 1)
    echo "== whole process: blocks run on 1 step"
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 20 --runs 300 --export-json "$data/process.json" \
            "$blocks run $file ${settings[*]}" | sed -n '/Time/,/Range/p'
    else
        local runs=300 start end
        start=$(date +%s%N)
        for _ in $(seq "$runs"); do "$blocks" run "$file" "${settings[@]}" >/dev/null; done
        end=$(date +%s%N)
        echo "mean of $runs runs: $(( (end - start) / runs / 1000 )) µs"
    fi
}

# Instructions of one stage on N steps, without the making of the workflow:
# the difference between 10 repetitions and none, divided by 10.
instructions() {
    local counts=()
    for repeat in 0 10; do
        counts+=("$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$workload" "$1" "$2" "$repeat" 2>&1 \
            | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')")
    done
    echo $(( (counts[1] - counts[0]) / 10 ))
}

callgrind() {
    command -v valgrind >/dev/null || { echo "== callgrind: valgrind is not installed"; return; }
    echo "== instructions per stage on 1000 steps (callgrind)"
    local parse
    parse=$(instructions parse 1000)
    printf '%-12s %14s\n' parse "$parse"
    for stage in compile run compile_run text; do
        local count
        count=$(instructions "$stage" 1000)
        printf '%-12s %14s  (%s x parse)\n' "$stage" "$count" "$(ratio "$count" "$parse")"
    done
}

describe() {
    echo "== describe over 250 blocks (benches/many_blocks)"
    cp Cargo.lock benches/many_blocks/Cargo.lock
    CARGO_TARGET_DIR=target/many_blocks cargo bench --quiet \
        --manifest-path benches/many_blocks/Cargo.toml --bench describe 2>&1 \
        | grep -E '^[a-z_0-9]+/|time:'
    "target/many_blocks/release/many-blocks" \
        | awk '{ printf "one cold process, timed inside: registry %.2f ms, registry + describe %.2f ms, %d bytes, %d blocks\n", $1 / 1e6, $2 / 1e6, $3, $4 }'
}

build
for section in "${sections[@]}"; do
    "$section"
done
