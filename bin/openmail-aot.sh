#!/usr/bin/env bash
# Runs the OpenMail server, with its AOT cache when it can: on JDK 25 or newer with a cache made by bin/aot-train.sh
# for this very jar, `java -XX:AOTCache=<cache> -jar <jar>`; otherwise a plain `java -jar <jar>` (JDK 17 and newer).
# Arguments go to the server; configuration is the usual environment variables (see README).
#
#   bin/aot-train.sh && bin/openmail-aot.sh
#
#   OPENMAIL_JAR        the fat jar (default: bootstrap/target/openmail-server.jar); must be the jar path used in training
#   OPENMAIL_AOT_CACHE  the cache (default: the jar's path with .aot instead of .jar)
#   JAVA                the java binary (default: $JAVA_HOME/bin/java, else java on the PATH)
#   JAVA_OPTS           more JVM options, e.g. -Xmx512m, or -Xlog:aot to see the cache being mapped, or
#                       -XX:AOTMode=on to refuse to start when the cache cannot be used
#
# A cache older than the jar (the jar was rebuilt) is not used: the server starts without it and says so; train again.
# The JVM checks the same thing itself (the jar's size and modification time are recorded in the cache) and, by
# default, starts without a cache that does not match.
set -euo pipefail

# shellcheck source=aot-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/aot-common.sh"

[ -f "$jar" ] || { echo "openmail-aot: no jar at $jar; build it: ./mvnw -q -pl bootstrap -am package -DskipTests" >&2; exit 1; }

aot_opts=()
feature="$(java_feature_version)"
if [ "$feature" -lt 25 ]; then
    echo "openmail-aot: JDK $feature: AOT cache needs JDK 25+, starting without it" >&2
elif [ ! -f "$cache" ]; then
    echo "openmail-aot: no AOT cache at $cache (bin/aot-train.sh makes it), starting without it" >&2
elif [ "$jar" -nt "$cache" ]; then
    echo "openmail-aot: AOT cache $cache is older than the jar (rebuilt?): starting without it; run bin/aot-train.sh" >&2
else
    aot_opts=("-XX:AOTCache=$cache")
fi

# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
exec "$java" "${aot_opts[@]}" ${JAVA_OPTS:-} -jar "$jar" "$@"
