#!/usr/bin/env bash
# ./bidtrack bench cold: the cold tier's figures side by side in one run (infra/stack's ColdBenchMain):
#   1. sink throughput on one consumer thread (bids produced to a Kafka broker first, then drained);
#  1b. compaction of that lake's files, hour by hour on one thread (cold-store's Compactor);
#   2. freshness: produce to queryable through Trino, at the sink's default rotation;
#   3. single and batched cold lookups over a lake of --hours x --bids-per-hour bids as compaction
#      leaves closed hours (one file per hour sorted by id, no bloom filter, 8 MiB row groups, pages
#      of 200 rows), next to Trino's floor (SELECT 1): cold lookups are of bids older than the hot
#      window, so they almost always read compacted hours, and the lookup targets are judged here;
#   4. the same over the lake as the sink writes it before compaction (--files-per-hour files per
#      hour, --file-overlap of them per time slice, sorted by id, bloom filter): what compaction buys;
#   5. the same over those files without sorting and bloom filter: what those two buy (and, with
#      --compare-row-group-mib or --compare-page-rows, the sink's files with other row groups or pages).
# The summary puts the three lakes' lookups side by side. Kafka runs in the benchmark's JVM, Trino
# in a child JVM. Generated lakes are cached under --work-dir (default target/bench-cold), keyed by
# their parameters: the default size (3 x 24 M bids) takes minutes to write and some GiB of disk;
# delete target/bench-cold/lakes to reclaim it.
#
#   ./bidtrack bench cold [--hours 24] [--bids-per-hour 1000000] [--sink-bids 2000000]
#                         [--freshness-duration 3m]
#                         [--skip-sink|--skip-freshness|--skip-lookups|--skip-uncompacted|--skip-unsorted]
#   ./bidtrack bench cold --help      (every option)
#
# COLD_BENCH_JVM_OPTS: the benchmark JVM's options (default: a 3 GiB heap, for the broker and the
# sink's buffers). Figures are this machine's; nothing is asserted, but a bid not found fails the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA_HOME:?JAVA_HOME must point at a JDK 25}/bin/java"
[ -d "$ROOT/infra/stack/target/lib" ] && [ -d "$ROOT/infra/trino-server/target/lib" ] \
  || { echo "bench cold: build first (./bidtrack build)" >&2; exit 1; }
: "${COLD_BENCH_JVM_OPTS:=-Xmx3g}"

# shellcheck disable=SC2086 # the flags are words
exec "$JAVA" ${JVM_FLAGS_TEXT:-} $COLD_BENCH_JVM_OPTS -Dbidtrack.home="$ROOT" \
  -cp "$ROOT/infra/stack/target/classes:$ROOT/infra/stack/target/lib/*" \
  io.bidtrack.infra.bench.ColdBenchMain "$@"
