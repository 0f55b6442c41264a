# Sourced by the set-up scripts: each step prints one line; its output goes to a log file, shown when it fails.
# SETUP_LOG is shared by nested scripts, so one run of scripts/test.sh keeps one log.
if [ -z "${SETUP_LOG:-}" ]; then
  mkdir -p outputs
  export SETUP_LOG="$PWD/outputs/setup.log"
  : > "$SETUP_LOG"
fi

step() {  # step "what is being done" command [args…]
  local what=$1 rc=0
  shift
  printf '%s … ' "$what"
  printf '\n== %s: %s\n' "$what" "$*" >> "$SETUP_LOG"
  "$@" >> "$SETUP_LOG" 2>&1 || rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "done"
    return 0
  fi
  echo "FAILED (exit $rc); the last lines of $SETUP_LOG:"
  tail -n 40 "$SETUP_LOG" | sed 's/^/  | /'
  echo "full log: $SETUP_LOG"
  exit "$rc"
}
