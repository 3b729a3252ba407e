#!/usr/bin/env bash
# The store tests (schema, migrations, facts, and the picture across documents) against a
# throwaway PostgreSQL server started here and removed afterwards: `make test-postgres`.
# Needs PostgreSQL's server programs (initdb, pg_ctl); without them it says so and skips.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

find_bin() { command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | tail -1 || true; }
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
if [ -z "$INITDB" ] || [ -z "$PG_CTL" ]; then
  echo "test-postgres: skipped: no PostgreSQL server programs (initdb, pg_ctl) on this machine"
  exit 0
fi
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "test-postgres: skipped: running as root and there is no 'postgres' user to run the server"
  exit 0
fi

DATA=$(mktemp -d)
PORT=${SITREP_TEST_PG_PORT:-54329}
as_server() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$DATA"
as_server "'$INITDB' -D '$DATA' -A trust -U postgres" >/dev/null
as_server "'$PG_CTL' -D '$DATA' -o '-p $PORT -k $DATA -c listen_addresses=127.0.0.1' -l '$DATA/log' -w start" >/dev/null
trap 'as_server "'"'$PG_CTL'"' -D '"'$DATA'"' -m fast stop" >/dev/null 2>&1 || true; rm -rf "$DATA"' EXIT

"$BIN/python" -m pip install -q -e '.[postgres]'
SITREP_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres" "$BIN/pytest" tests/store
