#!/usr/bin/env bash
# A local Elasticsearch 7.10.2 node for development and tests, built only from Maven Central jars
# (org.codelibs:elasticsearch-cluster-runner, see pom.xml). Not for production: see deploy/README.md.
#
#   es.sh install                                   resolve the jars into deploy/elasticsearch/lib (once)
#   es.sh start  --port 9200 --data DIR [--heap 512m] [--timeout 120] [--nodes 1] [--setting key=value ...]
#   es.sh stop   --data DIR [--timeout 60]
#   es.sh status [--port 9200]
#
# The node listens on 127.0.0.1 only (HTTP on --port, transport on the first free port from 9300).
# DIR holds everything of that node: es.pid, es.log (console output), config/, node_1/{data,logs}.
# --nodes N starts a cluster of N nodes, one process each (so that one can be stopped alone): node I answers
# HTTP on port+I-1, talks to the others on transport port+199+I, keeps its files in DIR/node-I; stop --data DIR
# stops them all, stop --data DIR/node-I one of them. Replicas are allowed there (no no-replicas template).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/pom.xml"
LIB="${KB_ES_LIB:-$HERE/lib}"
ES_VERSION=7.10.2
MIN_LOG4J=2.17.2
RUNNER=org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner

say() { echo "es.sh: $*" >&2; }
die() { say "$*"; exit 1; }

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------- install

version_lt() { # version_lt A B: A < B
  [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$1" ]
}

check_log4j() { # every log4j jar in $1 must be >= MIN_LOG4J
  local dir=$1 jar version bad=0
  for jar in "$dir"/log4j-*.jar; do
    [ -e "$jar" ] || continue
    version=$(basename "$jar" .jar | grep -oE '[0-9]+(\.[0-9]+)+$' || echo 0)
    if version_lt "$version" "$MIN_LOG4J"; then
      say "refusing $(basename "$jar"): log4j older than $MIN_LOG4J"
      bad=1
    fi
  done
  return $bad
}

pom_stamp() { sha256sum "$POM" | cut -d' ' -f1; }

installed() {
  [ -f "$LIB/.installed" ] && [ "$(cat "$LIB/.installed")" = "$(pom_stamp)" ] \
    && [ -f "$LIB/elasticsearch-$ES_VERSION.jar" ] && [ -f "$LIB/elasticsearch-cluster-runner-$ES_VERSION.0.jar" ]
}

cmd_install() {
  if installed; then return 0; fi
  command -v java >/dev/null 2>&1 || die "java is not installed (a JRE 11+ is needed; tested with 17)"
  command -v mvn >/dev/null 2>&1 || die "mvn (Maven) is not installed: apt-get install maven, or copy the jars into $LIB"
  local tmp
  tmp=$(mktemp -d "$(dirname "$LIB")/.lib.XXXXXX")
  say "resolving Elasticsearch $ES_VERSION jars from Maven Central into $LIB"
  if ! mvn -B -q -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.mvn.log" 2>&1; then
    cat "$tmp.mvn.log" >&2
    rm -rf "$tmp" "$tmp.mvn.log"
    die "mvn dependency:copy-dependencies failed"
  fi
  rm -f "$tmp.mvn.log"
  if ! check_log4j "$tmp"; then rm -rf "$tmp"; die "an old log4j came in: check dependencyManagement in $POM"; fi
  pom_stamp >"$tmp/.installed"
  # Swap in atomically; a concurrent install that finished first wins.
  if installed; then rm -rf "$tmp"; return 0; fi
  rm -rf "$LIB.old"
  [ -e "$LIB" ] && mv "$LIB" "$LIB.old"
  mv "$tmp" "$LIB"
  rm -rf "$LIB.old"
  say "installed $(find "$LIB" -name '*.jar' | wc -l) jars ($(basename "$(ls "$LIB"/log4j-core-*.jar)"))"
}

# ---------------------------------------------------------------- helpers

PORT=9200 DATA="" HEAP=512m TIMEOUT="" SETTINGS=() NODES=1 MEMBER=""
parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --port) PORT=${2:?--port needs a value}; shift 2 ;;
      --data) DATA=${2:?--data needs a value}; shift 2 ;;
      --heap) HEAP=${2:?--heap needs a value}; shift 2 ;;
      --timeout) TIMEOUT=${2:?--timeout needs a value}; shift 2 ;;
      --setting) SETTINGS+=("${2:?--setting needs key=value}"); shift 2 ;;
      --nodes) NODES=${2:?--nodes needs a value}; shift 2 ;;
      --member) MEMBER=${2:?}; shift 2 ;; # I/N/TRANSPORT_BASE, given by a --nodes start to each of its nodes
      -h|--help) usage ;;
      *) say "unknown argument: $1"; usage ;;
    esac
  done
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "--port must be a number"
  # The cluster runner probes ports only up to 9299 (ElasticsearchClusterRunner.maxHttpPort) and fails above it.
  { [ "$PORT" -ge 1025 ] && [ "$PORT" -le 9299 ]; } || die "--port must be between 1025 and 9299 (the cluster runner's limit)"
  [[ "$HEAP" =~ ^[0-9]+[mMgG]$ ]] || die "--heap takes a size like 512m or 1g"
  if [ -n "$TIMEOUT" ]; then [[ "$TIMEOUT" =~ ^[0-9]+$ ]] || die "--timeout takes seconds"; fi
  { [[ "$NODES" =~ ^[0-9]+$ ]] && [ "$NODES" -ge 1 ] && [ "$NODES" -le 9 ]; } || die "--nodes takes a number from 1 to 9"
  if [ -n "$MEMBER" ]; then [[ "$MEMBER" =~ ^[0-9]/[0-9]/[0-9]+$ ]] || die "--member takes I/N/TRANSPORT_BASE"; fi
  return 0
}

need_data() {
  [ -n "$DATA" ] || die "--data DIR is required"
  mkdir -p "$DATA"
  DATA="$(cd "$DATA" && pwd)"
  PIDFILE="$DATA/es.pid"
  LOG="$DATA/es.log"
}

http() { # http PATH [curl args...]: GET on our port, 127.0.0.1 only
  local path=$1; shift
  curl -s --noproxy '*' --connect-timeout 2 --max-time "${HTTP_MAX_TIME:-5}" "$@" "http://127.0.0.1:$PORT$path"
}

port_in_use() { # something accepts TCP connections on 127.0.0.1:PORT
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null
}

# Prints the pid recorded in DATA when that process is alive and is our node for DATA.
our_pid() {
  local pid
  [ -f "$PIDFILE" ] || return 1
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx "$RUNNER" || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx -- "$DATA" || return 1
  echo "$pid"
}

log_tail() {
  say "---- last lines of $LOG ----"
  tail -n 30 "$LOG" >&2 2>/dev/null || true
  local causes
  causes=$(grep -E 'Exception in thread|Caused by:|\]\[(ERROR|FATAL)' "$LOG" 2>/dev/null | tail -n 5 | cut -c1-400 || true)
  if [ -n "$causes" ]; then
    say "---- errors in $LOG ----"
    echo "$causes" >&2
  fi
}

kill_node() { # kill_node PID SECONDS: SIGTERM, bounded wait, then SIGKILL
  local pid=$1 wait=$2 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < wait * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  say "pid $pid did not stop within ${wait}s: sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  die "pid $pid is still there after SIGKILL"
}

# ---------------------------------------------------------------- start / stop / status

write_config() {
  mkdir -p "$DATA/config" "$DATA/tmp"
  {
    echo "# Written by deploy/elasticsearch/es.sh at each start: edit the script (or pass --setting), not this file."
    echo "network.host: 127.0.0.1"
    if [ -n "$MEMBER" ]; then
      local index=${MEMBER%%/*} rest=${MEMBER#*/} size base i seeds=""
      size=${rest%%/*} base=${rest#*/}
      for ((i = 1; i <= size; i++)); do
        seeds+="${seeds:+, }\"127.0.0.1:$((base + i))\""
      done
      # The runner names every node "Node 1" (its own node.name wins): the first masters are named by address.
      echo "transport.port: $((base + index))"
      echo "discovery.seed_hosts: [$seeds]"
      echo "cluster.initial_master_nodes: [$seeds]"
    else
      echo "discovery.type: single-node"
    fi
    echo "# A nearly full disk must not turn a development node read-only or its shards unassigned."
    echo "cluster.routing.allocation.disk.threshold_enabled: false"
    echo "# Indices are created explicitly (with their mappings): a write to a missing index is an error,"
    echo "# not a silently created index with dynamic mappings. Dot-prefixed system indices stay allowed."
    echo "action.auto_create_index: \"+.*,-*\""
    local kv
    for kv in "${SETTINGS[@]}"; do
      [[ "$kv" == *=* ]] || die "--setting takes key=value, got: $kv"
      echo "${kv%%=*}: ${kv#*=}"
    done
  } >"$DATA/config/elasticsearch.yml"
}

start_cluster() { # NODES processes, started side by side: the first cannot elect a master alone
  local i pids=() failed=0 args=(--heap "$HEAP")
  [ -n "$TIMEOUT" ] && args+=(--timeout "$TIMEOUT")
  for kv in "${SETTINGS[@]}"; do args+=(--setting "$kv"); done
  for ((i = 1; i <= NODES; i++)); do
    bash "${BASH_SOURCE[0]}" start --port $((PORT + i - 1)) --data "$DATA/node-$i" --member "$i/$NODES/$((PORT + 199))" "${args[@]}" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  [ $failed = 0 ] || die "a node of the cluster did not start (see $DATA/node-*/es.log); stop the others: es.sh stop --data $DATA"
  HTTP_MAX_TIME=65 http "/_cluster/health?wait_for_nodes=$NODES&wait_for_status=green&timeout=60s" >/dev/null || true
  say "cluster of $NODES nodes on http://127.0.0.1:$PORT-$((PORT + NODES - 1)): $(HTTP_MAX_TIME=3 http '/_cat/health?h=status,node.total' || echo '?')"
}

cmd_start() {
  parse_args "$@"
  need_data
  if [ "$NODES" -gt 1 ]; then
    start_cluster
    return
  fi
  local timeout=${TIMEOUT:-120} pid
  if pid=$(our_pid); then
    if [ "$(HTTP_MAX_TIME=3 http / | grep -c '"number" : "'"$ES_VERSION"'"')" = 1 ]; then
      say "already running: pid $pid, data $DATA, http://127.0.0.1:$PORT"
      return 0
    fi
    die "a node for $DATA is already running (pid $pid) but does not answer on port $PORT: stop it first"
  fi
  rm -f "$PIDFILE"
  if port_in_use; then
    say "refusing to start: something already answers on 127.0.0.1:$PORT:"
    HTTP_MAX_TIME=3 http / | head -n 20 >&2 || true
    exit 1
  fi
  cmd_install
  write_config
  [ -f "$LOG" ] && mv -f "$LOG" "$LOG.1"

  local started=$SECONDS
  # setsid: the node outlives the calling terminal/make/pytest; every fd is redirected so a caller
  # capturing our output does not wait for the node. The inner bash records its pid, then becomes java.
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
    java -Xms"$HEAP" -Xmx"$HEAP" -Xss1m \
    -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow \
    -Djava.io.tmpdir="$DATA/tmp" -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -Djava.locale.providers=SPI,COMPAT -Djna.nosys=true \
    -Des.networkaddress.cache.ttl=60 -Des.networkaddress.cache.negative.ttl=10 \
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
    -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0 \
    -Dlog4j2.disable.jmx=true \
    -Des.distribution.flavor=default -Des.distribution.type=tar \
    -cp "$LIB/*" "$RUNNER" \
    -basePath "$DATA" -confPath "$DATA/config" -numOfNode 1 -baseHttpPort $((PORT - 1)) -clusterName kb \
    </dev/null >"$LOG" 2>&1 &

  local i
  for ((i = 0; i < 40; i++)); do [ -s "$PIDFILE" ] && break; sleep 0.05; done
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  [ -n "$pid" ] || die "could not start java (no pid recorded)"

  local health="" deadline=$((SECONDS + timeout))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log_tail; rm -f "$PIDFILE"
      die "the node exited during startup"
    fi
    if grep -q 'Exception in thread "main"\|Failed to start node' "$LOG" 2>/dev/null; then
      log_tail; kill_node "$pid" 20; rm -f "$PIDFILE"
      die "the node failed to start"
    fi
    # The runner silently takes the next free port when ours got taken meanwhile: catch that.
    if grep -q '^HTTP Port: ' "$LOG" && ! grep -q "^HTTP Port: *$PORT\$" "$LOG"; then
      log_tail; kill_node "$pid" 20; rm -f "$PIDFILE"
      die "port $PORT was taken while starting"
    fi
    health=$(HTTP_MAX_TIME=4 http '/_cluster/health?wait_for_status=yellow&timeout=2s' || true)
    if [[ "$health" == *'"status":"'* && "$health" != *'"timed_out":true'* ]]; then break; fi
    health=""
    sleep 1
  done
  if [ -z "$health" ]; then
    log_tail; kill_node "$pid" 20; rm -f "$PIDFILE"
    die "no healthy node on 127.0.0.1:$PORT after ${timeout}s"
  fi
  if ! http '/_nodes/_local/process?filter_path=nodes.*.process.id' | grep -q "\"id\":$pid}"; then
    kill_node "$pid" 20; rm -f "$PIDFILE"
    die "the node answering on port $PORT is not the one just started"
  fi
  if [ -n "$MEMBER" ]; then
    say "Elasticsearch $ES_VERSION cluster node ${MEMBER%%/*} up on http://127.0.0.1:$PORT in $((SECONDS - started))s (pid $pid, data $DATA)"
    return 0
  fi
  # A single node cannot hold replicas: default every index to none, so the cluster stays green.
  # (Explicit index settings and composable templates take precedence over this legacy template.)
  http /_template/kb-dev-no-replicas -X PUT -H 'Content-Type: application/json' \
    -d '{"index_patterns":["*"],"order":-1000,"settings":{"number_of_replicas":0}}' | grep -q '"acknowledged":true' \
    || say "warning: could not install the no-replicas index template"
  say "Elasticsearch $ES_VERSION up on http://127.0.0.1:$PORT in $((SECONDS - started))s (pid $pid, data $DATA, log $LOG)"
}

cmd_stop() {
  parse_args "$@"
  need_data
  local timeout=${TIMEOUT:-60} pid node
  if [ ! -f "$PIDFILE" ] && compgen -G "$DATA/node-*/es.pid" >/dev/null; then # a --nodes cluster: every node
    for node in "$DATA"/node-*/; do
      bash "${BASH_SOURCE[0]}" stop --data "$node" --timeout "$timeout"
    done
    return 0
  fi
  if ! pid=$(our_pid); then
    rm -f "$PIDFILE"
    say "no node running for $DATA"
    return 0
  fi
  kill_node "$pid" "$timeout"
  rm -f "$PIDFILE"
  say "stopped pid $pid ($DATA)"
}

cmd_status() {
  parse_args "$@"
  local root health
  root=$(HTTP_MAX_TIME=3 http / || true)
  if [ -z "$root" ]; then
    echo "nothing answers on http://127.0.0.1:$PORT"
    return 3
  fi
  health=$(HTTP_MAX_TIME=3 http '/_cluster/health' || true)
  echo "http://127.0.0.1:$PORT: version $(sed -n 's/.*"number" : "\([^"]*\)".*/\1/p' <<<"$root")," \
    "flavor $(sed -n 's/.*"build_flavor" : "\([^"]*\)".*/\1/p' <<<"$root")," \
    "cluster $(sed -n 's/.*"status":"\([^"]*\)".*/\1/p' <<<"$health")"
}

case "${1:-}" in
  install) shift; [ $# -eq 0 ] || usage; cmd_install ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  *) usage ;;
esac
