# Shared by .ci/run and bench/run: find a JDK >= 21 and make sure PostgreSQL and RabbitMQ (with its management
# API) are installed and running on this machine. Source it; it defines functions only.

log() { printf '\n==> %s\n' "$*"; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

select_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "no JDK >= 21 found under /usr/lib/jvm; install one (e.g. apt-get install openjdk-21-jdk-headless)" >&2
  exit 1
}

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null; then
    log "installing PostgreSQL"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2
  exit 1
}

ensure_rabbitmq() {
  if ! command -v rabbitmq-server >/dev/null; then
    log "installing RabbitMQ"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server
  fi
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    log "starting RabbitMQ"
    rabbitmq-server -detached
  fi
  rabbitmqctl -q await_startup --timeout 120
  # The management API lets tests create a virtual host of their own per run.
  rabbitmq-plugins -q enable rabbitmq_management >/dev/null
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null -u guest:guest http://127.0.0.1:15672/api/overview && return 0
    sleep 1
  done
  echo "RabbitMQ management API did not come up on 127.0.0.1:15672" >&2
  exit 1
}

# The CLI's end-to-end test (CliE2E) runs `stagecraft … --wait` in a real terminal through tmux.
ensure_tmux() {
  if ! command -v tmux >/dev/null; then
    log "installing tmux"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux
  fi
}

# DashboardE2E drives Debian's chromium through its chromedriver (e2e-tests; no browser downloads at test time).
ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing chromium and chromium-driver"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
  chromedriver --version >/dev/null || { echo "chromedriver does not run" >&2; exit 1; }
}
