#!/usr/bin/env bash
# Builds the demo jar when it is missing or older than the sources, then runs the demo: the
# real exporter against an embedded simulated cluster. Extra arguments go to the exporter,
# e.g. ./demo.sh --listen 127.0.0.1:9090 or ./demo.sh --no-demo-edit-war; ./demo.sh --help lists them.
set -euo pipefail
cd "$(dirname "$0")"

jar=demo/target/virt-platform-demo.jar
if [ ! -f "$jar" ] || [ -n "$(find exporter/src demo/src testkit/src pom.xml exporter/pom.xml demo/pom.xml testkit/pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building $jar ..."
  mvn -B -q -pl demo -am package -DskipTests
fi
exec java -jar "$jar" "$@"
