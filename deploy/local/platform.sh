#!/usr/bin/env bash
# The local platform: a single-node KRaft Kafka broker (official jars from Maven Central), Redis and
# PostgreSQL on loopback. Idempotent: `up` reuses what already answers, starts what is installed but
# down, installs Debian packages when missing (as root). `down` stops only what `up` started.
#
#   deploy/local/platform.sh up | down | status | env
#
# Servers an SRE already has are used as they are, nothing is started for them, when their address is in the
# environment: KAFKA_BOOTSTRAP_SERVERS (the topics are still created there), QUARKUS_REDIS_HOSTS, POSTGRES_HOST
# (and POSTGRES_PORT; its databases and role must exist, see docs/operations.md).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/deploy/local"
STATE="$ROOT/.platform"
LOGS="$STATE/logs"
KAFKA_DIR="$STATE/kafka"

KAFKA_HOST=127.0.0.1
KAFKA_PORT=9092
REDIS_PORT=6379
PG_PORT=5432
PG_USER=sms
PG_PASSWORD=sms
DATABASES=(sms_campaign sms_compliance sms_dispatch)
KAFKA_HEAP=${KAFKA_HEAP:-"-Xms128m -Xmx512m"}
EXTERNAL_KAFKA=${KAFKA_BOOTSTRAP_SERVERS:-}
EXTERNAL_REDIS=${QUARKUS_REDIS_HOSTS:-}
EXTERNAL_POSTGRES=${POSTGRES_HOST:-}

say() { printf '[platform] %s\n' "$*"; }
die() { printf '[platform] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port seconds what
  local i
  for ((i = 0; i < $2 * 4; i++)); do
    port_open "$1" && return 0
    sleep 0.25
  done
  return 1
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

apt_install() {
  say "installing Debian package(s): $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$LOGS/apt.log" 2>&1 ||
    { as_root apt-get update -q >>"$LOGS/apt.log" 2>&1 &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$LOGS/apt.log" 2>&1; } ||
    die "could not install $* (see $LOGS/apt.log); install it yourself and run again"
}

# ---------------------------------------------------------------- Redis
redis_pong() {
  local reply
  reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'PING\r\n' >&3 && timeout 2 head -c 7 <&3) 2>/dev/null || true)
  [[ $reply == +PONG* ]]
}

redis_up() {
  if redis_pong; then say "redis      up   127.0.0.1:$REDIS_PORT"; return; fi
  command -v redis-server >/dev/null || apt_install redis-server
  say "starting redis-server"
  mkdir -p "$STATE/redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$STATE/redis" --pidfile "$STATE/redis.pid" --logfile "$LOGS/redis.log" >/dev/null
  for _ in $(seq 1 40); do redis_pong && break; sleep 0.25; done
  redis_pong || die "redis did not answer on 127.0.0.1:$REDIS_PORT (see $LOGS/redis.log)"
  say "redis      up   127.0.0.1:$REDIS_PORT (started)"
}

# ---------------------------------------------------------------- PostgreSQL
pg_ready() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; }

# Runs SQL as a superuser: over TCP as postgres when trusted, else over the socket as the postgres OS user.
pg_admin() {
  if psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -w -qtAc "select 1" >/dev/null 2>&1; then
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -w -qtAc "$1"
  else
    as_root su postgres -c "psql -p $PG_PORT -d postgres -qtAc \"$1\""
  fi
}

postgres_up() {
  local started=""
  if ! pg_ready; then
    if ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql; fi
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    [[ -n $version ]] || die "PostgreSQL is installed but has no cluster under /etc/postgresql"
    say "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >>"$LOGS/postgres.log" 2>&1 ||
      die "could not start PostgreSQL (see $LOGS/postgres.log)"
    echo "$version" >"$STATE/postgres.started"
    for _ in $(seq 1 40); do pg_ready && break; sleep 0.25; done
    pg_ready || die "PostgreSQL did not answer on 127.0.0.1:$PG_PORT"
    started=" (started)"
  fi
  if [[ $(pg_admin "select 1 from pg_roles where rolname='$PG_USER'") != 1 ]]; then
    pg_admin "create role $PG_USER login password '$PG_PASSWORD'" >/dev/null
  fi
  local db
  for db in "${DATABASES[@]}"; do
    if [[ $(pg_admin "select 1 from pg_database where datname='$db'") != 1 ]]; then
      pg_admin "create database $db owner $PG_USER" >/dev/null
      say "created database $db"
    fi
  done
  say "postgresql up   127.0.0.1:$PG_PORT (databases: ${DATABASES[*]}; user $PG_USER)$started"
}

# ---------------------------------------------------------------- Kafka
kafka_classpath() {
  local cp="$KAFKA_DIR/classpath.txt" stamp="$KAFKA_DIR/classpath.pom.sha"
  local sum
  sum=$(sha1sum "$HERE/kafka/pom.xml" | cut -d' ' -f1)
  if [[ ! -s $cp || ! -f $stamp || $(cat "$stamp") != "$sum" ]]; then
    say "resolving the Kafka broker jars with Maven" >&2
    mvn -B -q -f "$HERE/kafka/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp" >"$LOGS/kafka-resolve.log" 2>&1 ||
      die "Maven could not resolve the Kafka jars (see $LOGS/kafka-resolve.log)"
    echo "$sum" >"$stamp"
  fi
  cat "$cp"
}

kafka_create_topics() {
  local sum stamp="$KAFKA_DIR/topics.sha"
  sum=$(sha1sum "$HERE/topics.conf" | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$sum" || ${1:-} == force ]]; then
    java -Xmx128m -cp "$(kafka_classpath)" "$HERE/CreateTopics.java" "${EXTERNAL_KAFKA:-$KAFKA_HOST:$KAFKA_PORT}" \
      "$HERE/topics.conf" \
      2>>"$LOGS/kafka-topics.log" | sed 's/^/[platform] /' || die "topic creation failed (see $LOGS/kafka-topics.log)"
    echo "$sum" >"$stamp"
  fi
}

kafka_up() {
  if port_open "$KAFKA_PORT"; then
    if pid_alive "$STATE/kafka.pid"; then
      kafka_create_topics
      say "kafka      up   $KAFKA_HOST:$KAFKA_PORT"
    else
      say "kafka      up   $KAFKA_HOST:$KAFKA_PORT (not started by this script; topics are checked)"
      kafka_create_topics force
    fi
    return
  fi
  command -v java >/dev/null || die "java is not on the PATH (Java 17 is required)"
  command -v mvn >/dev/null || die "mvn is not on the PATH (Maven is required)"
  local cp
  cp=$(kafka_classpath)
  mkdir -p "$KAFKA_DIR/data" "$LOGS/kafka"
  { cat "$HERE/kafka/server.properties"; echo "log.dirs=$KAFKA_DIR/data"; } >"$KAFKA_DIR/server.properties"
  if [[ ! -f $KAFKA_DIR/data/meta.properties ]]; then
    local cluster_id
    cluster_id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null)
    java -cp "$cp" -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" -Dkafka.logs.dir="$LOGS/kafka" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" --standalone \
      >"$LOGS/kafka-format.log" 2>&1 || die "formatting the Kafka storage failed (see $LOGS/kafka-format.log)"
    say "formatted Kafka storage (cluster $cluster_id) in ${KAFKA_DIR#"$ROOT"/}/data"
    rm -f "$KAFKA_DIR/topics.sha"
  fi
  say "starting Kafka broker"
  # shellcheck disable=SC2086
  nohup java $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" -Dkafka.logs.dir="$LOGS/kafka" \
    -cp "$cp" kafka.Kafka "$KAFKA_DIR/server.properties" >"$LOGS/kafka.out" 2>&1 &
  echo $! >"$STATE/kafka.pid"
  if ! wait_port "$KAFKA_PORT" 90; then
    tail -20 "$LOGS/kafka.out" "$LOGS/kafka/server.log" 2>/dev/null >&2 || true
    die "Kafka did not listen on $KAFKA_PORT within 90 s (see $LOGS/kafka/server.log)"
  fi
  kafka_create_topics
  say "kafka      up   $KAFKA_HOST:$KAFKA_PORT (started, pid $(cat "$STATE/kafka.pid"))"
}

# ---------------------------------------------------------------- commands
stop_pid() { # pidfile name
  if pid_alive "$1"; then
    local pid
    pid=$(cat "$1")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    say "stopped $2 (pid $pid)"
  fi
  rm -f "$1"
}

up() {
  mkdir -p "$STATE" "$LOGS"
  if [[ -n $EXTERNAL_REDIS ]]; then say "redis      given  $EXTERNAL_REDIS (not started here)"; else redis_up; fi
  if [[ -n $EXTERNAL_POSTGRES ]]; then
    say "postgresql given  $EXTERNAL_POSTGRES:${POSTGRES_PORT:-5432} (not started here; databases ${DATABASES[*]} must exist)"
  else
    postgres_up
  fi
  if [[ -n $EXTERNAL_KAFKA ]]; then
    say "kafka      given  $EXTERNAL_KAFKA (not started here; topics are checked)"
    kafka_create_topics force
  else
    kafka_up
  fi
}

down() {
  stop_pid "$STATE/kafka.pid" kafka
  stop_pid "$STATE/redis.pid" redis
  if [[ -f $STATE/postgres.started ]]; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$(cat "$STATE/postgres.started")" main stop || true
    rm -f "$STATE/postgres.started"
    say "stopped PostgreSQL"
  fi
  say "down (services this script did not start were left running)"
}

status() {
  local rc=0
  [[ -n $EXTERNAL_REDIS$EXTERNAL_POSTGRES$EXTERNAL_KAFKA ]] &&
    say "given in the environment: ${EXTERNAL_REDIS:+redis $EXTERNAL_REDIS }${EXTERNAL_POSTGRES:+postgresql $EXTERNAL_POSTGRES }${EXTERNAL_KAFKA:+kafka $EXTERNAL_KAFKA}(checked by the services' readiness)"
  if redis_pong; then say "redis      up   127.0.0.1:$REDIS_PORT"; else say "redis      DOWN"; rc=1; fi
  if pg_ready; then say "postgresql up   127.0.0.1:$PG_PORT"; else say "postgresql DOWN"; rc=1; fi
  if port_open "$KAFKA_PORT"; then say "kafka      up   $KAFKA_HOST:$KAFKA_PORT"; else say "kafka      DOWN"; rc=1; fi
  return $rc
}

env_vars() {
  cat <<EOF
export KAFKA_BOOTSTRAP_SERVERS=${EXTERNAL_KAFKA:-$KAFKA_HOST:$KAFKA_PORT}
export QUARKUS_REDIS_HOSTS=${EXTERNAL_REDIS:-redis://127.0.0.1:$REDIS_PORT}
export POSTGRES_HOST=${EXTERNAL_POSTGRES:-127.0.0.1}
export POSTGRES_PORT=${POSTGRES_PORT:-$PG_PORT}
EOF
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) env_vars ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
