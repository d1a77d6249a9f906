#!/usr/bin/env bash
# The lint step of action.yml: runs milestone-lint ($MILESTONE_LINT) on the action's
# inputs, as GitHub annotations or as a SARIF file, and records its exit status in
# $GITHUB_OUTPUT instead of failing, so that the SARIF upload runs before the last
# step fails the job.
set -uo pipefail
read -ra paths <<< "$(printf '%s' "${INPUT_PATHS:-.agent}" | tr '\n' ' ')"
read -ra args <<< "$(printf '%s' "${INPUT_ARGS:-}" | tr '\n' ' ')"
sarif_file="${INPUT_SARIF_FILE:-milestone-lint.sarif}"
if [ "${INPUT_SARIF:-false}" = "true" ]; then
  format=(--format sarif --output-file "$sarif_file")
else
  format=(--format github)
fi
node "$MILESTONE_LINT" "${format[@]}" ${args[@]+"${args[@]}"} -- ${paths[@]+"${paths[@]}"}
status=$?
echo "exit-code=$status" >> "$GITHUB_OUTPUT"
if [ "${INPUT_SARIF:-false}" = "true" ] && [ -f "$sarif_file" ]; then
  echo "sarif-written=true" >> "$GITHUB_OUTPUT"
  echo "milestone-lint: exit status $status; problems written to $sarif_file for code scanning"
fi
exit 0
