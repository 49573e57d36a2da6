#!/usr/bin/env bash
# Upstream TLS benchmark: the gateway in front of the testkit's fake over https, the fake offering HTTP/2 and
# HTTP/1.1 by ALPN as OpenAI's and Anthropic's endpoints do (the gateway takes HTTP/1.1; docs/benchmarks.md,
# "Upstream TLS", has the figures of the HTTP/2 client that was tried).
#   tollgate-bench/tls-upstream-bench.sh            two rounds (about 4 minutes)
#   TLS_ROUNDS=1 tollgate-bench/tls-upstream-bench.sh
# Per round and protocol, on a fresh gateway: a closed loop of plain calls (wrk -c64, 30 s warm-up, 15 s measured:
# req/s and the gateway's CPU per request), then a burst of 1,000 streams (50 events 20 ms apart, each about 1 s
# long) opened at once and kept up for 10 s ("cold": no upstream connection to the stream fake yet), then again
# ("warm"): streams finished in the 10 s, the gateway's CPU, the upstream connections it held after 5 s, and wrk's
# median latency of whole streams. The fakes are warmed first with wrk over https, straight to them.
# Needs wrk (apt-get install wrk) and the jars `./mvnw -DskipTests package` builds.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
GATEWAY_JAR=tollgate-gateway/target/tollgate-gateway-all.jar
FAKE_JAR=tollgate-testkit/target/tollgate-testkit-0.1.0-SNAPSHOT-standalone.jar
ROUNDS=${TLS_ROUNDS:-2}
for f in "$GATEWAY_JAR" "$FAKE_JAR"; do
  [ -f "$f" ] || { echo "tls-bench: $f is missing; run ./mvnw -DskipTests package first" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "tls-bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
HZ=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/tollgate-tls-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
cat > "$WORK/plain.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench-master"
wrk.body = '{"model":"bench-model","messages":[{"role":"user","content":"hi"}]}'
LUA
sed 's/"bench-model"/"bench-model-stream"/; s/}]}/}],"stream":true}/' "$WORK/plain.lua" > "$WORK/stream.lua"
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

# Starts a fake on a free port, prints "pid port".
start_fake() {
  local log="$WORK/fake-$RANDOM.log"
  "$JAVA" -jar "$FAKE_JAR" --port 0 --event-loops 2 "$@" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do grep -q '^https://' "$log" && break; sleep 0.1; done
  echo "$pid $(sed -n 's#^https://127.0.0.1:\([0-9]*\)/v1$#\1#p' "$log")"
}

row() { # protocol round
  local tls=$1 round=$2
  read -r fp plain_port < <(start_fake --tls "$tls" --text ok); PIDS+=("$fp")
  read -r fs stream_port < <(start_fake --tls "$tls" --chunks 50 --chunk-gap-ms 20 \
      --text "Tollgate TLS benchmark streaming reply: fifty pieces, twenty milliseconds apart."); PIDS+=("$fs")
  cat > "$WORK/config.yaml" <<YAML
model_list:
  - model_name: bench-model
    litellm_params: {model: openai/bench-model, api_base: "https://127.0.0.1:$plain_port/v1", api_key: sk-bench}
  - model_name: bench-model-stream
    litellm_params: {model: openai/bench-model, api_base: "https://127.0.0.1:$stream_port/v1", api_key: sk-bench}
litellm_settings:
  ssl_verify: false
general_settings:
  master_key: sk-bench-master
YAML
  # warm the fakes' own TLS and JIT first (wrk speaks https to them directly), so the bursts measure the gateway
  wrk -t1 -c64 -d20s -s "$WORK/plain.lua" "https://127.0.0.1:$plain_port/v1/chat/completions" > /dev/null
  wrk -t1 -c500 -d10s --timeout 10s -s "$WORK/stream.lua" "https://127.0.0.1:$stream_port/v1/chat/completions" \
      > /dev/null
  local port=$((20000 + RANDOM % 20000))
  rm -rf "$WORK/state"
  MALLOC_ARENA_MAX=2 "$JAVA" -XX:+UseParallelGC -Xms64m -Xmx192m -Xmn32m -XX:SurvivorRatio=4 -Xss512k \
      -XX:MetaspaceSize=64m -jar "$GATEWAY_JAR" --config "$WORK/config.yaml" --port "$port" --host 127.0.0.1 \
      --num_workers 2 --state_dir "$WORK/state" > "$WORK/gateway.log" 2>&1 &
  local gw=$!; PIDS+=("$gw")
  for _ in $(seq 100); do grep -q "ready" "$WORK/gateway.log" && break; sleep 0.1; done
  local url="http://127.0.0.1:$port/v1/chat/completions"
  local out="https (fake offers $tls) round $round |"
  wrk -t1 -c64 -d30s -s "$WORK/plain.lua" "$url" > /dev/null
  local t0; t0=$(ticks "$gw")
  local rps; rps=$(wrk -t1 -c64 -d15s -s "$WORK/plain.lua" "$url" | awk '/Requests\/sec/{print $2}')
  local t1; t1=$(ticks "$gw")
  out="$out plain wrk -c64: $rps req/s, $(awk -v t=$((t1 - t0)) -v hz="$HZ" -v r="$rps" \
'BEGIN{printf "%.1f", t / hz * 1e6 / (r * 15)}') µs CPU per request"
  # after the plain loop (the JIT is warm); the stream fake has no connection from the gateway yet
  for burst in cold warm; do
    local t0; t0=$(ticks "$gw")
    (sleep 5; ss -tn state established "( dport = :$stream_port )" | tail -n +2 | wc -l > "$WORK/conns") &
    local counter=$!
    local w; w=$(wrk -t1 -c1000 -d10s --timeout 10s --latency -s "$WORK/stream.lua" "$url")
    local t1; t1=$(ticks "$gw"); wait "$counter"
    out="$out $burst burst: $(echo "$w" | awk '/requests in/{print $1}') streams done, $(( (t1 - t0) * 1000 / HZ )) ms CPU, \
$(cat "$WORK/conns") upstream conns, p50 $(echo "$w" | awk '$1=="50%"{print $2}') |"
    sleep 1
  done
  kill "$gw" "$fp" "$fs"; wait "$gw" "$fp" "$fs" 2>/dev/null || true
  echo "$out"
}

echo "tls-bench: gateway $GATEWAY_JAR; fakes over https, 2 event loops each; $ROUNDS round(s)" >&2
for r in $(seq "$ROUNDS"); do
  row h2 "$r"
done
