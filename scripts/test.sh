#!/usr/bin/env bash
# Sets up .venv (and headless Chromium for the browser tests) if needed, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -x scripts/ensure_chromium.sh ]; then scripts/ensure_chromium.sh; fi
exec .venv/bin/python -m pytest -q "$@"
