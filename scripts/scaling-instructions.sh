#!/usr/bin/env bash
# Linear time, counted in instructions: each hostile input family (tests/KernelPrBot.Testing/Pathological) at n and
# 8n through the shipped `kernel-pr-bot check` (Native AOT, no index), one fresh process per input, under
# `valgrind --tool=callgrind`. Instruction counts do not depend on what else the machine runs, so
# Ir(8n)/Ir(n) ≈ 8 shows linear work where wall time on a shared 2-core machine cannot.
#
# Usage: scripts/scaling-instructions.sh [FAMILY...]   (default: block-comment string-literal char-literal
#        folded-header hunk-lines; `dotnet run -c Release --project bench/KernelPrBot.Benchmarks -- scaling x`
#        lists all)
# Environment: KPB_CLI (an existing Native AOT kernel-pr-bot; otherwise one is published)
# Needs: dotnet, valgrind, a C toolchain for the AOT publish. Several minutes: callgrind runs ~50x slower.
set -euo pipefail
cd "$(dirname "$0")/.."
families=("$@")
((${#families[@]})) || families=(block-comment string-literal char-literal folded-header hunk-lines)
command -v valgrind >/dev/null || { echo "scaling-instructions.sh: valgrind is not installed" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/kpb-scaling.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

mkdir "$work/cli"
if [[ -n ${KPB_CLI:-} ]]; then
	cp "$KPB_CLI" "$work/cli/kernel-pr-bot"
else
	echo "publishing kernel-pr-bot (Native AOT)..." >&2
	bash scripts/publish.sh --cli-only -o "$work/publish" >/dev/null
	# The binary alone: valgrind cannot read the separate .dbg symbol file the publish writes beside it.
	cp "$work/publish/kernel-pr-bot" "$work/cli/"
fi
dotnet run -c Release --project bench/KernelPrBot.Benchmarks -- scaling --write "$work/in" "${families[@]}" >&2

instructions() { # PATCH
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/cli/kernel-pr-bot" check --fail-on never "$1" \
		2>&1 >/dev/null | awk '/Collected :/ { print $NF }'
}

printf '\n%-16s %16s %16s %10s\n' family "Ir(n)" "Ir(8n)" "Ir(8n)/Ir(n)"
for family in "${families[@]}"; do
	[[ -f $work/in/$family-1.patch ]] || { echo "scaling-instructions.sh: no family '$family'" >&2; exit 2; }
	one=$(instructions "$work/in/$family-1.patch")
	eight=$(instructions "$work/in/$family-8.patch")
	printf '%-16s %16s %16s %10s\n' "$family" "$one" "$eight" "$(awk -v a="$one" -v b="$eight" 'BEGIN { printf "%.2f", b / a }')"
done
