#!/usr/bin/env bash
# What sending one reply costs: runs the built jar with ../shared/bench/conversa/run.sh at 16 and
# 64 connections against the machine's PostgreSQL (database conversa_drain) and, once the
# 64-connection load has stopped and the outbox still holds thousands of replies, counts over 6 s the
# CPU of the JVM (and of its JIT compilers) and of every PostgreSQL process, per reply sent.
# Usage: .ci/drain-cost.sh [LABEL]  (PROJECT: the checkout whose jar runs, default this one)
set -euo pipefail
label="${1:-$(git rev-parse --short HEAD)}"
here=$(cd "$(dirname "$0")/.." && pwd)
db=conversa_drain
P=(psql -h 127.0.0.1 -U postgres -d "$db" -Atq)
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
log=$(mktemp)
LABEL="$label" PROJECT="${PROJECT:-$here}" \
    CV_ARGS="--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$db --spring.datasource.username=postgres" \
    "$here/../shared/bench/conversa/run.sh" 16 64 >"$log" 2>&1 &
run=$!
count() { "${P[@]}" -c "$1" 2>/dev/null || echo 0; }
# The 64-connection load built a backlog in the outbox ...
until [ "$(count "SELECT count(*) FROM outbox WHERE status IN ('PENDING', 'SENDING')")" -gt 6000 ]; do
    kill -0 "$run" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
done
# ... and has stopped: no new messages arrive.
previous=-1
while [ "$(count "SELECT count(*) FROM inbox")" != "$previous" ]; do
    previous=$(count "SELECT count(*) FROM inbox")
    sleep 1
done
jvm=$(ss -ltnpH "sport = :${CV_PORT:-18090}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
source "$here/.ci/cpu-ticks.sh"
sent() { count "SELECT count(*) FROM outbox WHERE status = 'SENT'"; }
read -r pg0 jv0 < <(ticks "$jvm"); jit0=$(jit "$jvm"); s0=$(sent)
sleep 6
read -r pg1 jv1 < <(ticks "$jvm"); jit1=$(jit "$jvm"); s1=$(sent)
n=$((s1 - s0)); hz=$(getconf CLK_TCK)
ms() { python3 -c "print(round($1 * 1000 / $hz / $n, 3))"; }
echo "$label: $n replies sent in 6 s while the outbox drained; per reply:"
echo "  CPU ms: JVM $(ms $((jv1 - jv0))) (JIT compilers $(ms $((jit1 - jit0)))), PostgreSQL $(ms $((pg1 - pg0)))"
wait "$run" || true
grep -E '^\| ' "$log" | tail -2
rm -f "$log"
