#!/usr/bin/env bash
# Validates the alert rules and runs their promtool unit tests. promtool's exit status is this
# script's exit status: any lint finding, syntax error or failed test fails the run.
# Usage: alerts/check.sh   (from any directory; needs promtool on PATH)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

promtool check rules --lint=all --lint-fatal alerts/virt-platform.rules.yaml
promtool test rules alerts/tests/*.yaml
