#!/usr/bin/env bash
# Scores the context rules on the real kernel tree:
#  - recall: bugs injected into real functions (unlock removed before a return, GFP_ATOMIC turned into
#    GFP_KERNEL under a spinlock, msleep or a GFP_KERNEL allocation inserted under a spinlock, the RCU read
#    section removed around rcu_dereference), each presented as a patch with full pre/post images;
#  - precision: whole real files from 13 subsystems presented as newly added code;
#  - with the tree's index (summaries on): the operators only the summaries can see (an ops-table callback that
#    sleeps, a sleeping callee two levels down, a helper whose callers in other files hold a spinlock; see
#    tests/KernelPrBot.Testing/TreeCorpus.cs), and real functions added to their own files (context and api
#    rules, TreePrecision.cs; KPB_TREE_PRECISION_FUNCTIONS, default 3700, about 105,000 lines).
# The generator and scorer live in tests/KernelPrBot.Testing/ContextCorpus.cs; this runs them with larger
# samples than the test suite does and prints the tables.
#
# Usage: scripts/score-context-rules.sh [PER_KIND [PRECISION_FUNCTIONS [SEED]]]   (defaults 100 3000 20261125)
# Needs the kernel tree (scripts/install-test-tools.sh, or KPB_KERNEL_TREE).
set -euo pipefail
cd "$(dirname "$0")/.."
export KPB_CORPUS_PER_KIND="${1:-100}" KPB_PRECISION_FUNCTIONS="${2:-3000}" KPB_CORPUS_SEED="${3:-20261125}"
export KPB_TREE_PRECISION_FUNCTIONS="${KPB_TREE_PRECISION_FUNCTIONS:-3700}"
dotnet test tests/KernelPrBot.Checks.Tests --nologo --filter "FullyQualifiedName~ContextCorpusTests" \
	--logger "console;verbosity=detailed" 2>&1 |
	sed -n -E 's/^\s*(\[xUnit[^]]*\])?\s*//; /^(kind |[a-z-]+ +[0-9]+ +[0-9]+ |miss: |[0-9]+ lines, |[0-9]+ functions, |[a-z].*\.c:[0-9]+: \[)/p' | awk '!seen[$0]++'
