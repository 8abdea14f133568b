# shellcheck shell=bash disable=SC2034  # sourced by the bin/ scripts, which use what it sets
# Shared by bin/aot-train.sh and bin/openmail-aot.sh (sourced, not run). Resolves the jar, the AOT cache and the
# java binary the same way in both scripts, so that training and production use the same jar path.
#
#   OPENMAIL_JAR        the fat jar (default: bootstrap/target/openmail-server.jar of this checkout)
#   OPENMAIL_AOT_CACHE  the AOT cache file (default: the jar's path with .aot instead of .jar)
#   JAVA                the java binary (default: $JAVA_HOME/bin/java, else java on the PATH)

aot_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

# An absolute, symlink-free path: the JVM records the class path at training time and refuses the cache if it differs.
aot_abs_path() {
    local dir
    dir="$(cd "$(dirname "$1")" 2>/dev/null && pwd -P)" || { echo "$1"; return; }
    echo "$dir/$(basename "$1")"
}

jar="$(aot_abs_path "${OPENMAIL_JAR:-$aot_root/bootstrap/target/openmail-server.jar}")"
cache="$(aot_abs_path "${OPENMAIL_AOT_CACHE:-${jar%.jar}.aot}")"
if [ -n "${JAVA:-}" ]; then
    java="$JAVA"
elif [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
else
    java="java"
fi

# Feature release of $java (17, 21, 25, ...), read from the JDK's `release` file so that no JVM has to start;
# falls back to asking the JVM. Prints 0 when it cannot tell.
java_feature_version() {
    local bin home version=""
    bin="$(command -v "$java" 2>/dev/null)" || { echo 0; return; }
    home="$(dirname "$(dirname "$(readlink -f "$bin")")")"
    if [ -f "$home/release" ]; then
        version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$home/release")"
    fi
    if [ -z "$version" ]; then
        version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
    fi
    version="${version#1.}"
    version="${version%%[.+-]*}"
    case "$version" in
        ''|*[!0-9]*) echo 0 ;;
        *) echo "$version" ;;
    esac
}
