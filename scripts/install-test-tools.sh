#!/usr/bin/env bash
# Installs the real tools the test suite runs: promtool and prometheus (Debian package
# "prometheus") and alertmanager (package "prometheus-alertmanager"). Does nothing when
# they are already on the PATH.
set -euo pipefail

missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
echo "Installing ${missing[*]} from Debian packages..."
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  $(printf "%s\n" "${missing[@]}" | sort -u)
