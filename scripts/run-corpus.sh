#!/usr/bin/env bash
# Sets up .venv if needed, then extracts one record per article of corpus/ into outputs/records.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/extract run corpus --out outputs/records.jsonl "$@"
