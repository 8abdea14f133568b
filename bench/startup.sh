#!/usr/bin/env bash
# Moved to bench/startup/run.sh, which measures the OpenMail server next to a bare Micronaut baseline, on H2 and
# MariaDB, on JDK 17, JDK 25 and JDK 25 with an AOT cache. This stays so that `bench/startup.sh [runs]` still works.
exec "$(dirname "$0")/startup/run.sh" "$@"
