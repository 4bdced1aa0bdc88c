#!/usr/bin/env bash
# ./bidtrack bench hotpath: starts the whole stack (./bidtrack demo) on spare ports in a temporary
# data directory, runs the hot-path benchmark against it (loadgen's HotPathBench), stops the stack.
# Both run on this machine, so the figures are "the whole stack and its load on these cores".
# The hot store runs in its own process, as in production (BENCH_STORE=engine, the default: the
# bundled engine in its own JVM; BENCH_STORE=redis: redis-server; BENCH_STORE=embedded: the engine
# inside the demo's JVM, as `./bidtrack demo` runs it). HOTPATH_ENGINE_JVM_OPTS: the engine's JVM options.
# Options after "hotpath" go to the benchmark (--bid-rate, --event-rate, --duration, --warmup, --connections).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="$JAVA_HOME/bin/java"
DATA="$(mktemp -d /tmp/bidtrack-bench-hotpath.XXXXXX)"
LOG="$DATA/demo.log"
PORTS=(--engine-port 16479 --kafka-port 19192 --trino-port 18190 --bidder-port 18180 --tracker-port 18181 --updater-port 18182)

STORE_PORT=16479
BENCH_STORE="${BENCH_STORE:-engine}"
# The engine here holds a keyspace that grows by every bid (an hour of them in production): with
# G1, each young collection copies the newly stored bids and scans the growing old generation,
# and its pauses (up to 100 ms, many per second here) stall every bid waiting for its SET. ZGC
# collects concurrently. (`bench engine` keeps G1: pipelined throughput on 2 cores is its measure.)
: "${HOTPATH_ENGINE_JVM_OPTS:=-XX:+UseZGC}"

cleanup() {
  # The sink first, while Kafka and Trino still run: it stores what it holds before it exits.
  if [ -n "${SINK_PID:-}" ] && kill -0 "$SINK_PID" 2>/dev/null; then
    kill -TERM "$SINK_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SINK_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SINK_PID" 2>/dev/null || true
  fi
  if [ -n "${STORE_PID:-}" ]; then kill -TERM "$STORE_PID" 2>/dev/null || true; fi
  if [ -n "${FLOOR_PID:-}" ]; then kill -TERM "$FLOOR_PID" 2>/dev/null || true; fi
  if [ -n "${DEMO_PID:-}" ] && kill -0 "$DEMO_PID" 2>/dev/null; then
    kill -TERM "$DEMO_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$DEMO_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$DEMO_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

# Waits for a process's ready line in its log; gives up when it exits or after TRIES half-seconds.
await_ready() { # PID LOG TEXT WHAT TRIES
  for _ in $(seq 1 "$5"); do
    grep -q "$3" "$2" && return 0
    kill -0 "$1" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 40 "$2" >&2
  echo "bench hotpath: $4 did not start" >&2
  exit 1
}

# The reference: a no-op HTTP server in its own JVM (loadgen's FloorServer), measured first.
FLOOR_PORT=18183
# shellcheck disable=SC2086
"$JAVA" -Xmx256m --enable-native-access=ALL-UNNAMED -cp "$ROOT/loadgen/target/classes:$ROOT/loadgen/target/lib/*" io.bidtrack.loadgen.bench.FloorServer "$FLOOR_PORT" \
  >"$DATA/floor.log" 2>&1 &
FLOOR_PID=$!

STORE_ARGS=()
case "$BENCH_STORE" in
  engine)
    # shellcheck disable=SC2086
    "$JAVA" -Xmx2g --enable-native-access=ALL-UNNAMED $HOTPATH_ENGINE_JVM_OPTS -cp "$ROOT/cache-engine/target/classes:$ROOT/cache-engine/target/lib/*" \
      io.bidtrack.engine.EngineMain --port "$STORE_PORT" >"$DATA/engine.log" 2>&1 &
    STORE_PID=$! ;;
  redis)
    command -v redis-server >/dev/null || { echo "bench hotpath: BENCH_STORE=redis needs redis-server on PATH" >&2; exit 1; }
    redis-server --port "$STORE_PORT" --save '' --appendonly no >"$DATA/redis.log" 2>&1 &
    STORE_PID=$! ;;
  embedded) ;;
  *) echo "bench hotpath: BENCH_STORE is engine, redis or embedded, not '$BENCH_STORE'" >&2; exit 2 ;;
esac
if [ "$BENCH_STORE" != embedded ]; then
  STORE_ARGS=(--store-url "redis://127.0.0.1:$STORE_PORT")
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$STORE_PORT") 2>/dev/null && break; sleep 0.2; done
fi

echo "bench hotpath: starting the stack, hot store: $BENCH_STORE (log: $LOG)"
# shellcheck disable=SC2086 # the flags are words
"$JAVA" $JVM_FLAGS_TEXT -Xmx2g $DEMO_JVM_OPTS -Dbidtrack.home="$ROOT" -cp "$ROOT/infra/stack/target/classes:$ROOT/infra/stack/target/lib/*" \
  io.bidtrack.infra.stack.DemoMain --data-dir "$DATA/stack" "${PORTS[@]}" "${STORE_ARGS[@]}" --no-sink >"$LOG" 2>&1 &
DEMO_PID=$!
await_ready "$DEMO_PID" "$LOG" "bidtrack demo ready" "the stack" 360

# The cold-store sink in a process of its own, as in production, at a lower CPU priority: it writes
# a minute of bids at each rotation, a burst of work with a minute of slack, and on these shared
# cores the request paths come first (as an operator would set it up on one machine).
# shellcheck disable=SC2086
nice -n 10 "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED $ENGINE_JVM_OPTS -cp "$ROOT/cold-store/target/classes:$ROOT/cold-store/target/lib/*" \
  io.bidtrack.coldstore.ColdStoreMain --kafka 127.0.0.1:19192 --lake "$DATA/stack/lake" \
  --trino "jdbc:trino://127.0.0.1:18190?user=bidtrack" >"$DATA/cold-store.log" 2>&1 &
SINK_PID=$!
await_ready "$SINK_PID" "$DATA/cold-store.log" "cold-store ready" "the sink" 120

"$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$ROOT/loadgen/target/classes:$ROOT/loadgen/target/lib/*" io.bidtrack.loadgen.bench.HotPathBench \
  --bidder http://127.0.0.1:18180 --tracker http://127.0.0.1:18181 --kafka 127.0.0.1:19192 \
  --floor "http://127.0.0.1:$FLOOR_PORT" "$@"
