# Sourced by .ci/message-cost.sh and .ci/drain-cost.sh: CPU ticks (utime + stime) read from /proc.
# ticks JVM_PID: of every postgres process, then of the JVM; jit JVM_PID: of the JVM's JIT compiler threads
# (their names hold a space: fields are counted from the end of the name).
ticks() { cat /proc/[0-9]*/stat 2>/dev/null | awk -v j="$1" '$2 == "(postgres)" { pg += $14 + $15 } $1 == j { jv = $14 + $15 } END { print pg, jv }'; }
jit() { cat /proc/"$1"/task/*/stat 2>/dev/null | awk '/\((C1|C2) CompilerThre\)/ { sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'; }
