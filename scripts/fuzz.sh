#!/usr/bin/env bash
# Usage: scripts/fuzz.sh TARGET SECONDS        (TARGET: mbox | diff | lexer | check)
#        scripts/fuzz.sh replay TARGET DIR...  (runs saved inputs through the uninstrumented target)
#
# Builds fuzz/KernelPrBot.Fuzz in Release, instruments KernelPrBot.Checks.dll with SharpFuzz and runs one
# afl-fuzz campaign for SECONDS on one core. Seeds: tests/corpus (patches and fuzz regressions),
# tests/fixtures/kernel-patches and examples/acme-series (for the lexer, their added lines, plus a few small .c files of
# the kernel tree when it is installed). Findings go to .fuzz/out/TARGET (crashes/, hangs/, fuzzer_stats);
# a second run of the same target resumes there. Installs afl++ (apt, needs root) and the sharpfuzz tool
# (.tools/sharpfuzz) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
work=.fuzz
targets="mbox diff lexer check"

usage() { echo "usage: scripts/fuzz.sh {$(echo $targets | tr ' ' '|')} SECONDS | scripts/fuzz.sh replay TARGET DIR..." >&2; exit 2; }

publish() {
	rm -rf "$work/bin"
	dotnet publish fuzz/KernelPrBot.Fuzz -c Release -m:1 --nologo -v q -o "$work/bin" >/dev/null
}

if [ "${1:-}" = replay ]; then
	[ $# -ge 3 ] || usage
	publish
	exec dotnet "$work/bin/KernelPrBot.Fuzz.dll" "${@:2}"
fi

[ $# -eq 2 ] || usage
target=$1
seconds=$2
case " $targets " in *" $target "*) ;; *) usage ;; esac

if ! command -v afl-fuzz >/dev/null; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x .tools/sharpfuzz/sharpfuzz ]; then
	dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path .tools/sharpfuzz >/dev/null
fi

publish
# Only the library under test gets coverage probes; the harness and the runtime stay as they are.
.tools/sharpfuzz/sharpfuzz "$work/bin/KernelPrBot.Checks.dll"

seeds="$work/seeds/$target"
rm -rf "$seeds"
mkdir -p "$seeds"
patches=$(ls tests/corpus/checkpatch/*.patch tests/corpus/cli/*.patch examples/acme-series/*.patch tests/fixtures/kernel-patches/*.patch 2>/dev/null || true)
if [ "$target" = lexer ]; then
	for p in $patches; do
		sed -n 's/^+\([^+]\)/\1/p' "$p" >"$seeds/$(basename "$p" .patch).c"
	done
	tree=${KPB_KERNEL_TREE:-/var/cache/kernel-pr-bot/linux-source-6.12}
	if [ -d "$tree/kernel" ]; then
		find "$tree/kernel/locking" "$tree/drivers/char" -maxdepth 1 -name '*.c' -size -6k 2>/dev/null | sort | head -12 |
			while read -r f; do cp "$f" "$seeds/tree-$(basename "$f")"; done
	fi
	dict=fuzz/dict/c.dict
else
	for p in $patches; do cp "$p" "$seeds/"; done
	dict=fuzz/dict/patch.dict
fi
if [ -d tests/corpus/fuzz-regressions ]; then
	find tests/corpus/fuzz-regressions -type f -size -64k -exec cp {} "$seeds/" \;
fi
find "$seeds" -type f -empty -delete

out="$work/out/$target"
mkdir -p "$out"
# dotnet is not an afl-instrumented binary (the probes are in the IL); the machine is shared, so no core pinning.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_AUTORESUME=1 AFL_NO_UI=1 DOTNET_TieredPGO=0
afl-fuzz -i "$seeds" -o "$out" -x "$dict" -m none -t "${FUZZ_TIMEOUT_MS:-5000}" -V "$seconds" \
	-- dotnet "$work/bin/KernelPrBot.Fuzz.dll" "$target" >"$out/afl.log" 2>&1 || {
	tail -40 "$out/afl.log" >&2
	exit 1
}

stats="$out/default/fuzzer_stats"
field() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "target $target: run_time $(field run_time)s, execs $(field execs_done), $(field execs_per_sec) exec/s," \
	"corpus $(field corpus_count), edges $(field edges_found) ($(field bitmap_cvg)), crashes $(field saved_crashes), hangs $(field saved_hangs)"
ls "$out/default/crashes" "$out/default/hangs" 2>/dev/null | grep -v README || true
