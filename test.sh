#!/usr/bin/env bash
# Runs the whole test suite and prints the closing line "N passed, N failed, N skipped".
# The exit status is dotnet test's.
set -uo pipefail
cd "$(dirname "$0")"
# Everything the run puts in the temporary folder (the tests' kpb-* directories, the SDK's own scratch
# directories) goes in one folder that is removed at the end: /tmp holds nothing new afterwards.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/kpb-test-run-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"
log="$scratch/test.log"
dotnet test KernelPrBot.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# dotnet test prints one line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
read -r passed failed skipped < <(awk '
	/(Passed|Failed)! +- Failed: / {
		for (i = 1; i <= NF; i++) {
			v = $(i + 1); gsub(/,/, "", v)
			if ($i == "Failed:") f += v
			else if ($i == "Passed:") p += v
			else if ($i == "Skipped:") s += v
		}
	}
	END { print p + 0, f + 0, s + 0 }' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1 # the build or the test host failed before any test could report
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
