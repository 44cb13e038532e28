#!/usr/bin/env bash
# Score unknown-symbol and wrong-arity on real kernel code (see tests/KernelPrBot.Testing/ApiCheckScorer.cs):
# false findings per 10,000 lines of unmodified functions presented as added code, share of renamed calls
# flagged at the right line, and share of simple misspellings whose original name is among the suggestions.
#
# Usage: scripts/score-api-checks.sh [FUNCTIONS [SEED]]   (defaults 300 and 4, as the test)
# The report (with every false finding and every miss) is printed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
report=$(mktemp)
KPB_SCORE_FUNCTIONS=${1:-300} KPB_SCORE_SEED=${2:-4} KPB_SCORE_REPORT=$report \
	dotnet test tests/KernelPrBot.Checks.Tests -c Release --nologo --filter "FullyQualifiedName~ApiCheckScoreTests" > /dev/null
status=$?
cat "$report"
rm -f "$report"
exit $status
