#!/usr/bin/env bash
# Throughput of the engine next to redis-server on this machine, measured with redis-benchmark.
#
#   cache-engine/bench/compare-with-redis.sh [requests] [pipeline]     (defaults: 200000 1)
#
# Needs redis-server and redis-benchmark (apt-get install redis-server redis-tools) and a built
# module (mvn -pl cache-engine package -DskipTests). The engine gets one untimed warm-up run first,
# since a long-running server's JIT is warm. Both servers run without persistence.
set -euo pipefail
cd "$(dirname "$0")/../.."

REQUESTS="${1:-200000}"
PIPELINE="${2:-1}"
ENGINE_PORT="${ENGINE_PORT:-16380}"
REDIS_PORT="${REDIS_PORT:-16379}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

for tool in redis-server redis-benchmark redis-cli; do
  command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install redis-server redis-tools" >&2; exit 1; }
done
[ -d cache-engine/target/lib ] || { echo "build first: mvn -pl cache-engine package -DskipTests" >&2; exit 1; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$JAVA" -Xmx1g -cp "cache-engine/target/classes:cache-engine/target/lib/*" io.bidtrack.engine.EngineMain \
  --port "$ENGINE_PORT" >/dev/null 2>&1 &
pids+=($!)
redis-server --port "$REDIS_PORT" --save '' --appendonly no >/dev/null 2>&1 &
pids+=($!)

for port in "$ENGINE_PORT" "$REDIS_PORT"; do
  for _ in $(seq 100); do redis-cli -p "$port" PING >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$port" PING >/dev/null || { echo "nothing answers on port $port" >&2; exit 1; }
done

run() { redis-benchmark -p "$1" -t set,get -n "$REQUESTS" -P "$PIPELINE" -q 2>/dev/null | tr '\r' '\n' | grep 'requests per second'; }

run "$ENGINE_PORT" >/dev/null   # JIT warm-up, not reported
echo "requests=$REQUESTS pipeline=$PIPELINE clients=50 (redis-benchmark default), $(nproc) cores"
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'):"
run "$REDIS_PORT" | sed 's/^/  /'
echo "cache-engine:"
run "$ENGINE_PORT" | sed 's/^/  /'
