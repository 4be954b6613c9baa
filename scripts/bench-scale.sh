#!/bin/bash
# The scale benchmark: `pipeline bench` end to end on long generated archives, KafkaFloor in the
# same shape and public-inbox-index on the same epochs, interleaved, medians at the end.
#
#   scripts/bench-scale.sh SOURCE.git [options]
#
#   SOURCE.git            a public-inbox epoch (e.g. a mirror of lore's kvmarm/0) whose mail
#                         EpochGenerator repeats with fresh Message-IDs and commits
#   --sizes "N..."        messages per generated epoch (default "20000 100000 200000")
#   --runs R              interleaved rounds (default 3)
#   --big N --big-runs R  sizes >= N get only R rounds (default 200000, 1): a 200k round is long
#   --variants "A B"      JVM option sets of `bench`, from the list below (default "c1")
#   --floor-variant V     the options KafkaFloor runs with (default c1)
#   --public-inbox R      rounds that also run public-inbox-index (default 1; 0 for none)
#   --public-inbox-sizes "N..."  the sizes it runs at (default: all; at about 100 messages/s
#                         on 2 cores, 200,000 messages take half an hour)
#   --jar PATH            the pipeline.jar to measure (default pipeline/target/pipeline.jar)
#   --out DIR             where the epochs and results go (default /tmp/bench-scale)
#
# Variants (each with -Xmx1g): c1 = the launcher's -XX:TieredStopAtLevel=1 -XX:+UseParallelGC;
# c2 = -XX:+UseParallelGC (tiered, C2 included); default = the JVM's defaults (G1, tiered).
#
# Each round runs, for each size, every variant of `bench` then KafkaFloor then (first rounds
# only) public-inbox-index, so variants see the same load. Results: DIR/results.jsonl (one line
# per run) and DIR/summary.md (medians). Installs public-inbox (apt-get) and builds the jar and
# the test classes (Maven) if missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source_git=${1:?usage: scripts/bench-scale.sh SOURCE.git [options]}
shift
sizes="20000 100000 200000" runs=3 big=200000 big_runs=1 variants=c1 floor_variant=c1 pi_runs=1 pi_sizes=
jar=$here/pipeline/target/pipeline.jar out=/tmp/bench-scale
while [ $# -gt 0 ]; do
    case $1 in
        --sizes) sizes=$2 ;; --runs) runs=$2 ;; --big) big=$2 ;; --big-runs) big_runs=$2 ;;
        --variants) variants=$2 ;; --floor-variant) floor_variant=$2 ;; --public-inbox) pi_runs=$2 ;; --public-inbox-sizes) pi_sizes=$2 ;;
        --jar) jar=$2 ;; --out) out=$2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
pi_sizes=${pi_sizes:-$sizes}
mkdir -p "$out"
results=$out/results.jsonl

jvm_options() {
    case $1 in
        c1) echo "-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseParallelGC" ;;
        c2) echo "-Xmx1g -XX:+UseParallelGC" ;;
        default) echo "-Xmx1g" ;;
        *) echo "unknown variant $1" >&2; exit 2 ;;
    esac
}

# What it needs: the jar, the test classes (EpochGenerator, KafkaFloor) with their class path, public-inbox.
if [ ! -f "$jar" ]; then
    (cd "$here" && ./mvnw -B -q -pl pipeline package -DskipTests)
fi
if [ ! -f "$out/test-classpath.txt" ]; then
    (cd "$here/pipeline" && ../mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$out/deps.txt")
    rm -rf "$out/test-classes" && cp -r "$here/pipeline/target/test-classes" "$out/test-classes"
    echo "$out/test-classes:$here/pipeline/target/classes:$(cat "$out/deps.txt")" > "$out/test-classpath.txt"
fi
classpath=$(cat "$out/test-classpath.txt")
if [ "$pi_runs" -gt 0 ] && ! command -v public-inbox-index > /dev/null; then
    apt-get install -y -q public-inbox > /dev/null || sudo apt-get install -y -q public-inbox > /dev/null
fi

for size in $sizes; do
    epoch=$out/gen$size/git/0.git
    if [ ! -d "$epoch" ]; then
        java -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -cp "$classpath" dev.maildigest.bench.EpochGenerator \
            "$source_git" "$epoch" "$size"
    fi
done

# One run of `bench`: its JSON line, plus the size, variant, round and the load average.
run_bench() {
    local size=$1 variant=$2 round=$3 line
    # shellcheck disable=SC2046
    line=$(java $(jvm_options "$variant") -jar "$jar" bench --archive "$out/gen$size/git/0.git" --json 2> "$out/last-bench.log" | tail -1)
    echo "{\"tool\":\"bench\",\"size\":$size,\"variant\":\"$variant\",\"round\":$round,\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\",\"figures\":$line}" >> "$results"
}

# One run of KafkaFloor over the source's mail repeated to SIZE messages: key=value pairs as JSON.
run_floor() {
    local size=$1 round=$2 line
    # shellcheck disable=SC2046
    line=$(java $(jvm_options "$floor_variant") -cp "$classpath" dev.maildigest.bench.KafkaFloor "$source_git" --messages "$size" \
        2> "$out/last-floor.log" | grep '^floor ')
    echo "{\"tool\":\"floor\",\"size\":$size,\"variant\":\"$floor_variant\",\"round\":$round,\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\",\"figures\":{$(
        echo "$line" | sed 's/^floor //' | tr ' ' '\n' | sed 's/^\([^=]*\)=\(.*\)$/"\1":"\2"/' | paste -sd,)}}" >> "$results"
}

# One run of public-inbox-index (default options, full Xapian index) on a fresh v2 inbox holding a copy of the epoch.
run_public_inbox() {
    local size=$1 round=$2 inbox=$out/public-inbox
    rm -rf "$inbox" && mkdir -p "$inbox"
    export PI_CONFIG=$inbox/config
    public-inbox-init -V2 bench "$inbox/inbox" http://localhost/bench bench@example.org > /dev/null 2>&1
    rm -rf "$inbox/inbox/git/0.git" && cp -a "$out/gen$size/git/0.git" "$inbox/inbox/git/0.git"
    /usr/bin/time -f '%e %U %S %M' -o "$inbox/time" public-inbox-index "$inbox/inbox" > "$out/last-public-inbox.log" 2>&1
    read -r wall user sys rss_kb < "$inbox/time"
    echo "{\"tool\":\"public-inbox-index\",\"size\":$size,\"variant\":\"default\",\"round\":$round,\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\",\"figures\":{\"wall_s\":$wall,\"user_s\":$user,\"sys_s\":$sys,\"peak_rss_mb\":$((rss_kb / 1000))}}" >> "$results"
    rm -rf "$inbox"
}

for round in $(seq 1 "$runs"); do
    for size in $sizes; do
        if [ "$size" -ge "$big" ] && [ "$round" -gt "$big_runs" ]; then
            continue
        fi
        for variant in $variants; do
            echo "$(date -u +%T) round $round: bench $size $variant" >&2
            run_bench "$size" "$variant" "$round"
        done
        echo "$(date -u +%T) round $round: floor $size" >&2
        run_floor "$size" "$round"
        if [ "$round" -le "$pi_runs" ] && [[ " $pi_sizes " == *" $size "* ]]; then
            echo "$(date -u +%T) round $round: public-inbox-index $size" >&2
            run_public_inbox "$size" "$round"
        fi
    done
done

python3 "$here/scripts/bench-scale-summary.py" "$results" | tee "$out/summary.md"
