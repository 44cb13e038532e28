#!/usr/bin/env bash
# Measure the symbol index over a whole kernel tree, against universal-ctags in the same run:
#   - kernel-pr-bot index --tree T -o FILE: wall time and peak RSS (/usr/bin/time -v), index size, with the
#     Native AOT build that scripts/publish.sh ships (and, with -j, the JIT-compiled build too)
#   - ctags -R --languages=C -f TAGS T:     wall time and peak RSS, tags size
#   - index load time: BenchmarkDotNet IndexLoadBenchmarks (in-process, warm) and one cold load by the CLI
#
# Usage: scripts/measure-index.sh [-n] [-b] [-j]
#   -n  skip ctags
#   -j  also measure the JIT-compiled kernel-pr-bot
#   -b  also run the BenchmarkDotNet benchmark (about two minutes)
#
# Environment:
#   KPB_KERNEL_TREE  the tree (default /var/cache/kernel-pr-bot/linux-source-6.12)
#   KPB_OUT          where the index, tags and logs go (default a temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${KPB_KERNEL_TREE:-/var/cache/kernel-pr-bot/linux-source-6.12}
out=${KPB_OUT:-$(mktemp -d)}
run_ctags=1
run_bench=0
run_jit=0
while getopts nbj opt; do
	case $opt in
	n) run_ctags=0 ;;
	b) run_bench=1 ;;
	j) run_jit=1 ;;
	*) echo "usage: $0 [-n] [-b] [-j]" >&2; exit 2 ;;
	esac
done
[ -f "$tree/Makefile" ] || { echo "no kernel tree at $tree" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (GNU time)" >&2; exit 2; }

bash scripts/publish.sh --cli-only -o "$out/cli" >/dev/null
cli="$out/cli/kernel-pr-bot"
if [ "$run_jit" = 1 ]; then
	bash scripts/publish.sh --cli-only --jit -o "$out/cli-jit" >/dev/null
fi

# Warm the page cache so that neither tool pays for the first read of the tree.
find "$tree" -name '*.[ch]' -type f -print0 | xargs -0 cat > /dev/null

measure() { # name, command...
	local name=$1; shift
	/usr/bin/time -v "$@" > "$out/$name.out" 2> "$out/$name.time" || { cat "$out/$name.time" >&2; exit 1; }
	local wall rss
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/$name.time")
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$out/$name.time")
	printf '%-22s wall %-9s peak RSS %6s MiB\n' "$name" "$wall" "$rss"
}

if [ "$run_jit" = 1 ]; then
	measure "index (JIT build)" "$out/cli-jit/kernel-pr-bot" index --tree "$tree" -o "$out/kernel-jit.idx"
	grep -h indexed "$out/index (JIT build).time" || true
fi
measure "kernel-pr-bot index" "$cli" index --tree "$tree" -o "$out/kernel.idx"
grep -h indexed "$out/kernel-pr-bot index.time" || true
printf '%-22s %s bytes\n' "index size" "$(stat -c %s "$out/kernel.idx")"
if [ "$run_ctags" = 1 ]; then
	measure "ctags -R --languages=C" ctags -R --languages=C -f "$out/tags" "$tree"
	printf '%-22s %s bytes\n' "tags size" "$(stat -c %s "$out/tags")"
fi

# One cold load in a fresh process, timed inside it (read, checksum, block tables).
"$cli" index --verify "$out/kernel.idx"
# The same seen from outside: check --index on a one-line diff, against check without an index.
printf 'diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-int a;\n+int b;\n' > "$out/tiny.diff"
start=$(date +%s%N); "$cli" check --index "$out/kernel.idx" "$out/tiny.diff" > /dev/null || true; end=$(date +%s%N)
start0=$(date +%s%N); "$cli" check "$out/tiny.diff" > /dev/null || true; end0=$(date +%s%N)
printf '%-22s %d ms (check with the index %d ms, without %d ms)\n' "cold load (CLI)" $(( (end - start - end0 + start0) / 1000000 )) $(( (end - start) / 1000000 )) $(( (end0 - start0) / 1000000 ))

if [ "$run_bench" = 1 ]; then
	KPB_INDEX="$out/kernel.idx" dotnet run -c Release --project bench/KernelPrBot.Benchmarks -- --filter '*IndexLoadBenchmarks*' --job short 2>&1 |
		grep -E '^\| (Method|Load|Find|Suggest)|// index:' || true
fi
echo "artifacts in $out"
