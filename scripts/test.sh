#!/usr/bin/env bash
# Sets up .venv (and headless Chromium for the browser tests) if needed, then runs the whole test suite.
# Set-up prints one line per step; its full output is in outputs/setup.log.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/quiet.sh
scripts/setup.sh
scripts/ensure_chromium.sh
exec .venv/bin/python -m pytest -q "$@"
