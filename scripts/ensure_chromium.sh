#!/usr/bin/env bash
# Installs Debian's headless Chromium for the browser tests, only when it is missing (apt output: outputs/setup.log).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/quiet.sh
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
APT_GET=${APT_GET:-apt-get}
if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
step "updating the Debian package lists" $SUDO "$APT_GET" update
step "installing headless Chromium and its driver for the browser tests (about 160 MB)" \
  $SUDO env DEBIAN_FRONTEND=noninteractive "$APT_GET" install -y chromium chromium-driver
