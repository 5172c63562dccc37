#!/usr/bin/env bash
# What one customer message costs, measured under the benchmark's load: runs the built jar with
# ../shared/bench/conversa/run.sh against the machine's PostgreSQL (database conversa_cost), and
# over a 10 s window of the warmed run counts, per message processed in the window, the CPU of the
# JVM and of every PostgreSQL process (/proc), and the statements, plans, execution time and WAL
# records of each statement (pg_stat_statements, which PostgreSQL must preload).
# Usage: .ci/message-cost.sh [LABEL] [CONNS]  (PROJECT: the checkout whose jar runs, default this one;
# PGSETUP: SQL run on the fresh database first, e.g. auto_explain settings; CV_EXTRA: more arguments for Conversa)
set -euo pipefail
label="${1:-$(git rev-parse --short HEAD)}"
conns="${2:-16}"
here=$(cd "$(dirname "$0")/.." && pwd)
project="${PROJECT:-$here}"
db=conversa_cost
sink=http://127.0.0.1:18100
P=(psql -h 127.0.0.1 -U postgres -d "$db" -Atq)
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
"${P[@]}" -c "CREATE EXTENSION pg_stat_statements"
[ -z "${PGSETUP:-}" ] || "${P[@]}" -c "$PGSETUP"
log=$(mktemp)
DURATION="${DURATION:-70}" LABEL="$label" PROJECT="$project" \
    CV_ARGS="--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$db --spring.datasource.username=postgres ${CV_EXTRA:-}" \
    "$here/../shared/bench/conversa/run.sh" "$conns" >"$log" 2>&1 &
run=$!
sent() { curl -fsS "$sink/stats" 2>/dev/null | python3 -c "import sys, json; print(json.load(sys.stdin)['count'])" 2>/dev/null || echo 0; }
# The measured phase, warmed: past the first few thousand replies after the warm-up's reset, and 10 s more.
until [ "$(sent)" -gt "${WARM_REPLIES:-6000}" ]; do
    kill -0 "$run" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 2
done
sleep 10
jvm=$(ss -ltnpH "sport = :${CV_PORT:-18090}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
source "$here/.ci/cpu-ticks.sh"
"${P[@]}" -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset_shared('wal')" >/dev/null
read -r pg0 jv0 < <(ticks "$jvm"); jit0=$(jit "$jvm"); read -r c0 from < <("${P[@]}" -F ' ' -c "SELECT xact_commit, now() FROM pg_stat_database WHERE datname = '$db'")
sleep 10
read -r pg1 jv1 < <(ticks "$jvm"); jit1=$(jit "$jvm"); read -r c1 to < <("${P[@]}" -F ' ' -c "SELECT xact_commit, now() FROM pg_stat_database WHERE datname = '$db'")
n=$("${P[@]}" -c "SELECT count(*) FROM inbox WHERE processed_at BETWEEN '$from' AND '$to'")
hz=$(getconf CLK_TCK)
echo "$label: $n messages processed in 10 s; per message:"
echo "  commits $(python3 -c "print(round(($c1 - $c0) / $n, 2))")"
echo "  CPU ms: PostgreSQL $(python3 -c "print(round(($pg1 - $pg0) * 1000 / $hz / $n, 3))"), JVM $(python3 -c "print(round(($jv1 - $jv0) * 1000 / $hz / $n, 3))") (JIT compilers $(python3 -c "print(round(($jit1 - $jit0) * 1000 / $hz / $n, 3))"))"
# Statements from the reset on, divided by the messages processed since (the rows its 'update inbox' changed).
"${P[@]}" -F ' | ' <<SQL
WITH s AS (SELECT * FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$db')),
     m AS (SELECT rows::numeric AS n FROM s WHERE query LIKE 'update "inbox" set "processed_at"%')
SELECT 'statements ' || round(sum(calls) FILTER (WHERE query NOT IN ('BEGIN', 'COMMIT')) / min(m.n), 2)
       || ', plans ' || round(sum(plans) / min(m.n), 2) || ', execution ms ' || round(sum(total_exec_time)::numeric / min(m.n), 3)
       || ', WAL records ' || round(sum(wal_records) / min(m.n), 1)
FROM s, m;
SELECT 'calls/msg', 'plans/msg', 'ms/call', 'ms/msg', 'WAL/msg', 'statement';
WITH s AS (SELECT * FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$db')),
     m AS (SELECT rows::numeric AS n FROM s WHERE query LIKE 'update "inbox" set "processed_at"%')
SELECT round(calls / m.n, 3), round(plans / m.n, 3), round(mean_exec_time::numeric, 3),
       round(total_exec_time::numeric / m.n, 3), round(wal_records / m.n, 1), left(regexp_replace(query, '\s+', ' ', 'g'), 110)
FROM s, m
ORDER BY total_exec_time DESC LIMIT 20;
SQL
wait "$run" || true
grep -E '^\| ' "$log" | tail -1
rm -f "$log"
