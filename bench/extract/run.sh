#!/usr/bin/env bash
# Attachment text: pages per second for text PDFs and images per second for OCR, through the real extractor
# (TikaProcessExtractor: Apache Tika in a child JVM worker). ExtractionBenchmark, in adapters-extract's test classes,
# is the driver; this script compiles the module and runs it on the module's test class path.
#
#   bench/extract/run.sh [PAGES_PER_PDF [PDF_FILES [OCR_IMAGES]]]     defaults: 50 20 10
#
# Settings (environment):
#   OPENMAIL_EXTRACTION_WORKERS=1   worker processes, and as many concurrent callers
#   MVN_OFFLINE=-o                  passed to Maven (empty to allow downloads)
# OCR needs tesseract (Debian packages tesseract-ocr tesseract-ocr-eng); without it only the PDF figure is printed.
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./mvnw -B -q ${MVN_OFFLINE--o} -pl adapters-extract -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test > "$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
cp="adapters-extract/target/test-classes:adapters-extract/target/classes:domain/target/classes:$(cat "$work/classpath")"

echo "== $(date -u +%FT%TZ)  $(nproc) cores  load average:$(cut -d' ' -f1-3 /proc/loadavg)  workers=${OPENMAIL_EXTRACTION_WORKERS:-1}"
echo "   $(java -version 2>&1 | head -1); tesseract: $(command -v tesseract > /dev/null && tesseract --version 2>&1 | head -1 || echo none)"
java -cp "$cp" dev.openmail.adapters.extract.ExtractionBenchmark "$@"
