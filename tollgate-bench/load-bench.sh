#!/usr/bin/env bash
# Load benchmark: the fake upstream direct (baseline), nginx (the floor), Tollgate and the Portkey gateway, in one run.
#   tollgate-bench/load-bench.sh                    defaults: 30 s per rate, warm-up 15-45 s, rates 500,1000,2000
#   tollgate-bench/load-bench.sh --quick            5 s runs, 2-10 s warm-up (development)
#   tollgate-bench/load-bench.sh --targets direct,tollgate --rates 1000 --duration 10
# Environment (flags win): LOAD_DURATION, LOAD_WARMUP, LOAD_RATES, LOAD_TARGETS, LOAD_QUICK=1.
# Builds what it needs, installs nginx and wrk (apt-get) and @portkey-ai/gateway (npm, into tollgate-bench/target/portkey)
# when missing. Results: printed, and as Markdown in tollgate-bench/target/load-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME_25=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -z "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME_25/bin/java" ]; then
  export JAVA_HOME="$JAVA_HOME_25"
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR=tollgate-bench/target/tollgate-bench.jar
GATEWAY_JAR=tollgate-gateway/target/tollgate-gateway-all.jar
FAKE_JAR=tollgate-testkit/target/tollgate-testkit-0.1.0-SNAPSHOT-standalone.jar
PORTKEY_DIR=tollgate-bench/target/portkey

args=()
[ -n "${LOAD_DURATION:-}" ] && args+=(--duration "$LOAD_DURATION")
[ -n "${LOAD_WARMUP:-}" ] && args+=(--warmup "$LOAD_WARMUP")
[ -n "${LOAD_RATES:-}" ] && args+=(--rates "$LOAD_RATES")
[ -n "${LOAD_TARGETS:-}" ] && args+=(--targets "$LOAD_TARGETS")
[ "${LOAD_QUICK:-0}" = 1 ] && args+=(--quick)
for a in "$@"; do
  if [ "$a" = -h ] || [ "$a" = --help ]; then
    # Help only: no build, no installs. The bench jar lists every option once it is built.
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    echo
    if [ -f "$BENCH_JAR" ]; then
      exec "$JAVA" -cp "$BENCH_JAR" dev.tollgate.bench.load.LoadBenchmark --help
    fi
    echo "Every option: build first (any run builds), then --help again."
    exit 0
  fi
done

# 1. Build (package, never install: ~/.m2 is shared). Rebuild when a source or pom is newer than a jar.
stale() {
  local jar
  for jar in "$BENCH_JAR" "$GATEWAY_JAR" "$FAKE_JAR"; do
    [ -f "$jar" ] || return 0
    [ -n "$(find tollgate-* pom.xml -path '*/target' -prune -o \( -name '*.java' -o -name '*.xml' -o -name '*.yaml' \
        -o -name '*.json' \) -newer "$jar" -print -quit)" ] && return 0
  done
  return 1
}
if stale; then
  echo "load-bench: building the gateway, the fake upstream and the bench jar..." >&2
  ./mvnw -q -DskipTests package -pl tollgate-gateway,tollgate-testkit,tollgate-bench -am >&2
fi

# 2. nginx, the floor.
if [ ! -x /usr/sbin/nginx ]; then
  echo "load-bench: installing nginx..." >&2
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get install -y nginx >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y nginx >&2; } \
    || echo "load-bench: nginx could not be installed; its row will say n/a" >&2
  # The package may start a system nginx: this benchmark runs its own.
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop nginx >/dev/null 2>&1 || true; fi
fi

# 3. wrk, the generator of the max-throughput phase (the Java generator is the fallback: it needs more CPU).
if [ ! -x /usr/bin/wrk ]; then
  echo "load-bench: installing wrk..." >&2
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get install -y wrk >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y wrk >&2; } \
    || echo "load-bench: wrk could not be installed; max throughput falls back to the Java generator" >&2
fi

# 4. The Portkey gateway, the peer (only when it is measured: every target by default, or named in --targets).
targets="${LOAD_TARGETS:-}"
prev=
for a in "$@"; do
  [ "$prev" = --targets ] && targets="$a"
  prev="$a"
done
wants_portkey() { [ -z "$targets" ] || [[ ",$targets," == *,portkey,* ]]; }
if wants_portkey && [ ! -f "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "load-bench: installing @portkey-ai/gateway into $PORTKEY_DIR..." >&2
    mkdir -p "$PORTKEY_DIR"
    [ -f "$PORTKEY_DIR/package.json" ] || echo '{"name":"portkey-bench","private":true}' > "$PORTKEY_DIR/package.json"
    (cd "$PORTKEY_DIR" && npm install --no-audit --no-fund @portkey-ai/gateway >&2) \
      || echo "load-bench: npm install failed; the Portkey row will say n/a" >&2
  else
    echo "load-bench: npm not found; the Portkey row will say n/a" >&2
  fi
fi

# 5. Run. The orchestrator stops every process it started, also on failure or Ctrl-C.
exec "$JAVA" -XX:+UseParallelGC -cp "$BENCH_JAR" dev.tollgate.bench.load.LoadBenchmark \
  --java "$JAVA" --fake-jar "$FAKE_JAR" --gateway-jar "$GATEWAY_JAR" --portkey-dir "$PORTKEY_DIR" \
  --clk-tck "$(getconf CLK_TCK)" "${args[@]}" "$@"
