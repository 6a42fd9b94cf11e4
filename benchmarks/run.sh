#!/usr/bin/env bash
# The scale benchmark (docs/performance.md): builds the exporter and the benchmarks, then runs the
# scrape comparison and one exporter per cluster size against fabric8's mock API server, and
# writes the tables into docs/performance.md. Not part of ./test.sh: it takes several minutes.
#
#   benchmarks/run.sh                      # sizes 1k and 10k, writes docs/performance.md
#   benchmarks/run.sh --sizes 1000,10000,50000 --update-seconds 30
#   BENCHMARK_JAVA_OPTS="-Xmx8g" benchmarks/run.sh --write -   # print only
#   benchmarks/run.sh --cold-start 10000 --write -   # the packaged jar, cold, per JVM flag set
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q package -DskipTests -pl benchmarks -am
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo '+changes')"
args=("$@")
if [[ ! " $* " =~ " --write " ]]; then
  args+=(--write docs/performance.md)
fi
# shellcheck disable=SC2086
exec java ${BENCHMARK_JAVA_OPTS:--Xmx4g} -XX:+UseG1GC \
  -Dbenchmark.commit="$commit" \
  -cp benchmarks/target/benchmarks.jar io.virtplatform.benchmarks.scale.ScaleBenchmark "${args[@]}"
