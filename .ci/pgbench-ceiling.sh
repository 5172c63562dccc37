#!/usr/bin/env bash
# The machine's PostgreSQL ceiling for one insert and one update per transaction, the shape
# of a conversation step. Usage: .ci/pgbench-ceiling.sh [clients] [seconds]  (needs pgbench
# and a PostgreSQL at PGHOST/PGPORT, default 127.0.0.1:5432, user postgres)
set -euo pipefail
clients="${1:-8}"
seconds="${2:-20}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db=conversa_pgbench
psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -q -d "$db" <<'SQL'
CREATE TABLE bench_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb NOT NULL);
CREATE TABLE bench_state (id int PRIMARY KEY, n bigint NOT NULL);
INSERT INTO bench_state SELECT g, 0 FROM generate_series(1, 10000) g;
SQL
script="$(mktemp)"
cat > "$script" <<'SQL'
\set id random(1, 10000)
BEGIN;
INSERT INTO bench_events (payload) VALUES ('{"type": "text", "body": "hello"}');
UPDATE bench_state SET n = n + 1 WHERE id = :id;
END;
SQL
pgbench -n -c "$clients" -j 2 -T "$seconds" -f "$script" "$db" | grep -E "tps|latency|clients"
rm -f "$script"
psql -q -d postgres -c "DROP DATABASE $db"
