#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs the Prometheus tools when missing, checks and
# unit-tests the alert rules with promtool, then runs every Maven test (unit, integration,
# bundle consistency). Any failure stops it with a non-zero exit code.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-test-tools.sh
alerts/check.sh
mvn -B verify
