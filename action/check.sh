#!/usr/bin/env bash
# action.yml's check step: runs `planlint check` once for the counts (JSON) and once for the
# pull request's annotations (GitHub format), sets the outputs `errors` and `warnings`, and
# exits with planlint's code so the job fails on error findings.
#
# Inputs (environment): PLANLINT_ARGS (extra arguments, split on spaces), PLANLINT_PATHS,
# PLANLINT_AS_OF, GITHUB_OUTPUT, RUNNER_TEMP.
set -uo pipefail

args=(check)
if [ -n "${PLANLINT_AS_OF:-}" ]; then args+=(--as-of "$PLANLINT_AS_OF"); fi
# arguments and paths are separated by spaces: split on purpose
# shellcheck disable=SC2206
extra=(${PLANLINT_ARGS:-})
# shellcheck disable=SC2206
paths=(${PLANLINT_PATHS:-})

json="${RUNNER_TEMP:-/tmp}/planlint-findings.json"
planlint "${args[@]}" "${extra[@]}" --format json "${paths[@]}" > "$json"
code=$?
if [ "$code" -le 1 ]; then
  count() { grep -o "\"$1\": *[0-9]*" "$json" | tail -n 1 | grep -o '[0-9]*$'; }
  errors=$(count error)
  warnings=$(count warning)
  echo "errors=${errors:-0}" >> "${GITHUB_OUTPUT:?}"
  echo "warnings=${warnings:-0}" >> "$GITHUB_OUTPUT"
fi
# the annotations (and the job summary); the exit code is the first run's
planlint "${args[@]}" "${extra[@]}" --format github "${paths[@]}"
exit "$code"
