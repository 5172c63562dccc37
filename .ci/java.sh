# Sourced by ./conversa and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# Spring Boot 4 and Vaadin 25 need Java 21+; some machines default to an older java.

java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

select_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
        return 0
    fi
    if command -v javac >/dev/null 2>&1; then
        local home
        home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
        if [ "$(java_major "$home/bin/java")" -ge 21 ]; then
            export JAVA_HOME="$home"
            return 0
        fi
    fi
    local candidate
    for candidate in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
        if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "Conversa needs a JDK 21 or newer; none was found. Install one, or set JAVA_HOME to it." >&2
    return 1
}

select_jdk
export PATH="$JAVA_HOME/bin:$PATH"
