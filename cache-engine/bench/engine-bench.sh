#!/usr/bin/env bash
# The engine next to redis-server on this machine, in one invocation: throughput and latency with
# redis-benchmark (same arguments for both, runs alternating), then memory per key.
#
#   ./bidtrack bench engine [--requests N] [--keys N] [--engine-heap 3g]
#   (the engine runs with ENGINE_JVM_OPTS, set by ./bidtrack; override it to compare GC settings)
#
# Throughput: -t set,get,incr,lpush,hset -r 1000000 -d 200 -c 50, at -P 1 and at -P 16, plus an
# 80/20 GET/SET mix (two redis-benchmark processes at once, 40 and 10 clients). Each server first
# gets one untimed warm-up pass (a long-running server is warm; the JVM needs it, Redis does not mind).
# Memory: N keys with 600-byte values (a hot bid's size) loaded through redis-cli --pipe; bytes per
# key from INFO used_memory (the engine's after a full GC, so it counts live data as Redis does) and
# from the process' resident set size.
#
# Needs redis-server, redis-benchmark and redis-cli (apt-get install redis-server redis-tools) and a
# built engine (./bidtrack build). Prints one table; figures are this machine's, nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/../.."

REQUESTS=1000000
KEYS=1000000
ENGINE_HEAP=3g
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) REQUESTS="$2"; shift 2 ;;
    --keys) KEYS="$2"; shift 2 ;;
    --engine-heap) ENGINE_HEAP="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "engine-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

for tool in redis-server redis-benchmark redis-cli; do
  command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install redis-server redis-tools" >&2; exit 1; }
done
JAVA="${JAVA_HOME:?JAVA_HOME must point at a JDK 25}/bin/java"
[ -d cache-engine/target/lib ] || { echo "build first: ./bidtrack build" >&2; exit 1; }

ENGINE_PORT="${ENGINE_PORT:-16380}"
REDIS_PORT="${REDIS_PORT:-16379}"
for port in "$ENGINE_PORT" "$REDIS_PORT"; do
  ! redis-cli -p "$port" PING >/dev/null 2>&1 || { echo "port $port is taken (set ENGINE_PORT / REDIS_PORT)" >&2; exit 1; }
done
ENGINE_PID=""
REDIS_PID=""
cleanup() {
  for pid in $ENGINE_PID $REDIS_PID; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

start_engine() {
  # shellcheck disable=SC2086 # word splitting of the extra options is intended
  "$JAVA" -Xms"$ENGINE_HEAP" -Xmx"$ENGINE_HEAP" --enable-native-access=ALL-UNNAMED ${ENGINE_JVM_OPTS:-} -cp "cache-engine/target/classes:cache-engine/target/lib/*" \
    io.bidtrack.engine.EngineMain --port "$ENGINE_PORT" >/dev/null 2>&1 &
  ENGINE_PID=$!
}
start_redis() {
  redis-server --port "$REDIS_PORT" --save '' --appendonly no >/dev/null 2>&1 &
  REDIS_PID=$!
}
await_ping() {
  for _ in $(seq 200); do redis-cli -p "$1" PING >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "nothing answers on port $1" >&2; exit 1
}
stop_both() {
  kill "$ENGINE_PID" "$REDIS_PID" 2>/dev/null || true
  wait "$ENGINE_PID" "$REDIS_PID" 2>/dev/null || true
  ENGINE_PID=""; REDIS_PID=""
}

# One redis-benchmark run: prints CSV lines "test,rps,p50,p99" (quotes stripped). A command the
# server rejects stops redis-benchmark; that test then shows n/a in the table, and the run goes on.
bench() {
  local port="$1"; shift
  { redis-benchmark -p "$port" --csv "$@" 2>/dev/null || true; } | tr -d '"' |
    awk -F, 'NR > 1 && NF >= 7 { print $1 "," $2 "," $5 "," $7 }'
}

RESULTS=$(mktemp)
record() { # server pipeline lines...
  local server="$1" pipeline="$2"
  while IFS=, read -r test rps p50 p99; do
    [ -n "$test" ] && echo "$test,P$pipeline,$server,$rps,$p50,$p99" >>"$RESULTS"
  done
}

echo "engine-bench: engine JVM options: -Xmx$ENGINE_HEAP ${ENGINE_JVM_OPTS:-}" >&2
echo "engine-bench: redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') vs cache-engine, $(nproc) cores, $REQUESTS requests per test" >&2
start_engine; start_redis
await_ping "$ENGINE_PORT"; await_ping "$REDIS_PORT"

TESTS=set,get,incr,lpush,hset
COMMON=(-r 1000000 -d 200 -c 50)
echo "engine-bench: warm-up" >&2
bench "$ENGINE_PORT" -t "$TESTS" -n 300000 -P 16 "${COMMON[@]}" >/dev/null
bench "$REDIS_PORT" -t "$TESTS" -n 300000 -P 16 "${COMMON[@]}" >/dev/null

for pipeline in 1 16; do
  for test in ${TESTS//,/ }; do
    echo "engine-bench: $test -P $pipeline" >&2
    # Alternate which server goes first, so neither always runs on a cooler machine.
    bench "$REDIS_PORT" -t "$test" -n "$REQUESTS" -P "$pipeline" "${COMMON[@]}" | record redis "$pipeline"
    bench "$ENGINE_PORT" -t "$test" -n "$REQUESTS" -P "$pipeline" "${COMMON[@]}" | record engine "$pipeline"
  done
done

# 80/20 GET/SET: two benchmark processes at once; the mix's rate is the sum, its p99 the worse one.
mix() {
  local port="$1" server="$2" get set
  get=$(mktemp); set=$(mktemp)
  bench "$port" -t get -n $((REQUESTS * 8 / 10)) -c 40 -r 1000000 -d 200 >"$get" &
  local a=$!
  bench "$port" -t set -n $((REQUESTS * 2 / 10)) -c 10 -r 1000000 -d 200 >"$set" &
  local b=$!
  wait "$a" "$b"
  cat "$get" "$set" | awk -F, -v s="$server" '
    { rps += $2; if ($3 > p50) p50 = $3; if ($4 > p99) p99 = $4; n++ }
    END { if (n == 2) printf "GET/SET 80/20,P1,%s,%.2f,%.3f,%.3f\n", s, rps, p50, p99 }' >>"$RESULTS"
  rm -f "$get" "$set"
}
echo "engine-bench: 80/20 GET/SET mix" >&2
mix "$REDIS_PORT" redis
mix "$ENGINE_PORT" engine

# Memory: fresh servers, N keys of 600 bytes through the pipe protocol.
stop_both; start_engine; start_redis
await_ping "$ENGINE_PORT"; await_ping "$REDIS_PORT"
used_memory() {
  if [ "$1" = "$ENGINE_PORT" ]; then "$JAVA_HOME/bin/jcmd" "$ENGINE_PID" GC.run >/dev/null; fi
  redis-cli -p "$1" INFO memory | tr -d '\r' | sed -n 's/^used_memory:\([0-9]*\)$/\1/p'
}
rss_bytes() { echo $(( $(sed -n 's/^VmRSS:[^0-9]*\([0-9]*\) kB/\1/p' "/proc/$1/status") * 1024 )); }
load_keys() {
  awk -v n="$KEYS" 'BEGIN {
    v = sprintf("%600s", ""); gsub(/ /, "x", v)
    for (i = 0; i < n; i++) { k = "bid:" i; printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$600\r\n%s\r\n", length(k), k, v }
  }' | redis-cli -p "$1" --pipe >/dev/null
}
MEM=$(mktemp)
for side in redis engine; do
  if [ "$side" = redis ]; then port=$REDIS_PORT; pid=$REDIS_PID; else port=$ENGINE_PORT; pid=$ENGINE_PID; fi
  echo "engine-bench: loading $KEYS keys of 600 bytes into $side" >&2
  before_used=$(used_memory "$port"); before_rss=$(rss_bytes "$pid")
  load_keys "$port"
  keys=$(redis-cli -p "$port" DBSIZE)
  after_used=$(used_memory "$port"); after_rss=$(rss_bytes "$pid")
  echo "$side,$keys,$(( (after_used - before_used) / keys )),$(( (after_rss - before_rss) / keys ))" >>"$MEM"
done

echo
printf '%-16s %-4s %12s %12s %7s %9s %9s %9s %9s %7s\n' test pipe "redis req/s" "engine req/s" ratio \
  "redis p50" "eng p50" "redis p99" "eng p99" "p99 x"
awk -F, '
  { key = $1 "," $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    rps[key "," $3] = $4; p50[key "," $3] = $5; p99[key "," $3] = $6 }
  END {
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, part, ",")
      r = rps[k ",redis"]; e = rps[k ",engine"]
      ratio = (r > 0 && e > 0) ? sprintf("%.2f", e / r) : "n/a"
      p99x = (p99[k ",redis"] > 0 && p99[k ",engine"] > 0) ? sprintf("%.2f", p99[k ",engine"] / p99[k ",redis"]) : "n/a"
      printf "%-16s %-4s %12s %12s %7s %9s %9s %9s %9s %7s\n", part[1], part[2], (r == "" ? "n/a" : r), (e == "" ? "n/a" : e), ratio,
        p50[k ",redis"], p50[k ",engine"], p99[k ",redis"], p99[k ",engine"], p99x
    }
  }' "$RESULTS"
echo "(latencies in ms; ratio = engine/redis throughput, p99 x = engine/redis p99)"
echo
printf '%-8s %10s %16s %16s\n' server keys "used_memory/key" "RSS growth/key"
while IFS=, read -r side keys used rss; do printf '%-8s %10s %16s %16s\n' "$side" "$keys" "$used" "$rss"; done <"$MEM"
awk -F, '{ used[$1] = $3; rss[$1] = $4 } END {
  if (used["redis"] > 0) printf "ratio engine/redis: used_memory %.2f, RSS %.2f\n", used["engine"] / used["redis"], rss["engine"] / rss["redis"] }' "$MEM"
rm -f "$RESULTS" "$MEM"
