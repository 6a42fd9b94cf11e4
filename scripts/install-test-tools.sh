#!/usr/bin/env bash
# Installs the real tools the test suite runs: promtool and prometheus (Debian package
# "prometheus") and alertmanager (package "prometheus-alertmanager"), and checks for kubectl.
# Does nothing when they are already on the PATH.
set -euo pipefail

# kubectl (which embeds kustomize) renders the deploy manifests in bundle-tests. Debian has no
# package for it; the project's machines ship it, and a Kubernetes apt repository provides it.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl is missing: install it (e.g. the 'kubectl' package of the Kubernetes apt repository)." >&2
  echo "bundle-tests renders deploy/ with 'kubectl kustomize' and fails without it." >&2
  exit 1
fi

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
