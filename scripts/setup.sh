#!/usr/bin/env bash
# Creates .venv on first use and installs the project into it; reinstalls only when pyproject.toml changes.
# One line per step; pip's output goes to outputs/setup.log (shown when a step fails).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/quiet.sh
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  step "creating .venv with $PY" "$PY" -m venv .venv
  step "upgrading pip in .venv" .venv/bin/python -m pip install --upgrade pip
fi
stamp=.venv/.extract-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  step "installing extract and its dependencies into .venv (spaCy, underthesea, DuckDB…; about a minute)" \
    .venv/bin/python -m pip install -e ".[dev]"
  echo "$want" > "$stamp"
fi
