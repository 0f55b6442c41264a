#!/usr/bin/env bash
# Mutation testing (mutmut) of the modules that protect data and figures; not part of scripts/test.sh.
#   scripts/mutate.sh MODULE|all [--children N]     MODULE: reading journal numbers intervals export
# Each module is mutated in its own scratch folder (.mutants/MODULE) against only the test files that
# exercise it, so one run takes minutes. Prints killed/total per file; survivors are listed with
# `cd .mutants/MODULE && ../../.venv/bin/mutmut results` and shown with `mutmut show NAME`.
set -euo pipefail -f  # -f: the mutant-name patterns below are for mutmut, not the shell
cd "$(dirname "$0")/.."
ROOT=$PWD

# module → files to mutate | the functions in them (mutant names, fnmatch) | test files that exercise them
declare -A FILES=(
  [reading]="extract/reading/limits.py extract/reading/__init__.py extract/reading/decode.py"
  [journal]="extract/batch/journal.py"
  [numbers]="extract/indicators/numbers.py"
  [intervals]="extract/audit/intervals.py"
  [export]="extract/export/__init__.py extract/export/tables.py"
)
# reading: the limits, and of the reader only what reads up to the byte cap and decodes a cut input
declare -A ONLY=(
  [reading]="extract.reading.limits.* extract.reading.x_read_stream__* extract.reading.x__read_bytes__* extract.reading.x__document__* extract.reading.x__lines__* extract.reading.decode.x__decode__*"
)
declare -A TESTS=(
  [reading]="tests/test_reading.py tests/test_hostile.py tests/test_limits.py"
  # not all of test_batch.py: its Dask cluster, started in mutmut's own process, outlives the test and hangs the forks
  [journal]="tests/test_journal.py tests/test_batch.py::test_a_run_killed_twice_resumes_to_every_article_exactly_once_in_order tests/test_batch.py::test_a_journal_of_another_command_is_not_resumed tests/test_batch.py::test_two_workers_write_the_same_bytes_in_input_order tests/test_run_faults.py::test_a_resume_over_a_changed_input_is_refused tests/test_run_faults.py::test_a_resume_reads_afresh_a_file_the_run_had_not_reached tests/test_run_faults.py::test_a_resume_with_another_spelling_of_the_paths_is_refused tests/test_run_faults.py::test_a_full_disk_is_one_line_its_own_exit_code_and_resumable"
  [numbers]="tests/test_numbers.py tests/test_indicators.py tests/test_pattern_corpus.py"
  [intervals]="tests/test_audit.py tests/test_intervals.py"
  [export]="tests/test_export.py"
)
ORDER="reading journal numbers intervals export"

usage() { echo "usage: scripts/mutate.sh {${ORDER// /|}|all} [--children N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
target=$1; shift
children=1  # the machine is shared: one mutant at a time unless asked
while [ $# -gt 0 ]; do
  case $1 in --children) children=$2; shift 2 ;; *) usage ;; esac
done
if [ "$target" = all ]; then modules=$ORDER; elif [ -n "${FILES[$target]:-}" ]; then modules=$target; else usage; fi

scripts/setup.sh
if ! .venv/bin/python -c "import mutmut" 2>/dev/null; then
  .venv/bin/python -m pip install --quiet "mutmut>=3.8,<4"
fi

toml_list() { local out="" x; for x in "$@"; do out+="\"$x\", "; done; echo "[${out%, }]"; }

run_module() {
  local name=$1 scratch="$ROOT/.mutants/$1" tests=()
  local t
  for t in ${TESTS[$name]}; do [ -f "${t%%::*}" ] && tests+=("$t"); done
  rm -rf "$scratch" && mkdir -p "$scratch"
  # Links, not copies: mutmut copies through them into $scratch/mutants; ../shared is where the tests look.
  ln -s "$ROOT/extract" "$ROOT/tests" "$ROOT/corpus" "$ROOT/scripts" "$ROOT/docs" "$ROOT/schema" "$ROOT/README.md" "$scratch/"
  ln -s "$ROOT/../shared" "$scratch/shared"
  cat > "$scratch/pyproject.toml" <<EOF
[tool.mutmut]
source_paths = ["extract"]
only_mutate = $(toml_list ${FILES[$name]})
also_copy = ["corpus", "scripts", "docs", "schema", "README.md"]
pytest_add_cli_args = ["-p", "no:randomly", "-p", "no:cacheprovider", "-q"]
pytest_add_cli_args_test_selection = $(toml_list "${tests[@]}")

[tool.pytest.ini_options]
markers = ["browser: needs headless Chromium", "slow: long-running"]
EOF
  echo "== $name: ${ONLY[$name]:-${FILES[$name]}} against ${tests[*]}" >&2
  (cd "$scratch" && "$ROOT/.venv/bin/mutmut" run --max-children "$children" ${ONLY[$name]:-} >"$scratch/run.log" 2>&1) || {
    echo "mutmut failed on $name; see $scratch/run.log" >&2; tail -20 "$scratch/run.log" >&2; return 1; }
  (cd "$scratch" && "$ROOT/.venv/bin/mutmut" results --all true >"$scratch/results.txt" 2>&1)
  "$ROOT/.venv/bin/python" "$ROOT/scripts/mutation_score.py" "$scratch/results.txt" ${FILES[$name]}
}

for m in $modules; do run_module "$m"; done
