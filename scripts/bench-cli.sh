#!/usr/bin/env bash
# kernel-pr-bot start-up and memory, for the three ways it can be published (measured in one run):
#   jit  framework-dependent, JIT-compiled (what `dotnet publish` gives without options)
#   r2r  ReadyToRun (precompiled IL, still the .NET runtime)
#   aot  Native AOT (what scripts/publish.sh ships)
#
# Cold start (hyperfine, median of RUNS): `--version`, `check` of one 20-line patch and of the 5,002-line new
# driver (drivers/mmc/host/sdhci.c as a new file). Memory (GNU time, peak RSS): `check` of a series of 100 mails
# adding 500 lines each (50,000 added lines, new files copied from drivers/), with its wall time.
#
# Usage: scripts/bench-cli.sh [-r RUNS]
# Environment: KPB_KERNEL_TREE (default /var/cache/kernel-pr-bot/linux-source-6.12)
# Needs: dotnet, a C toolchain (for AOT), hyperfine, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10
while (($#)); do
	case $1 in
	-r) runs=${2:?-r needs a number}; shift ;;
	-h | --help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	*) echo "bench-cli.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift
done
tree=${KPB_KERNEL_TREE:-/var/cache/kernel-pr-bot/linux-source-6.12}
[[ -f $tree/drivers/mmc/host/sdhci.c ]] || { echo "bench-cli.sh: no kernel tree at $tree" >&2; exit 2; }
for tool in hyperfine /usr/bin/time dotnet; do
	command -v $tool >/dev/null || { echo "bench-cli.sh: $tool is not installed" >&2; exit 2; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/kpb-bench-cli.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

echo "publishing jit, r2r and aot..." >&2
for v in jit r2r aot; do
	bash scripts/publish.sh --cli-only "--$v" -o "$work/$v" >/dev/null
done

mail() { # NUMBER SUBJECT FILE LINES OUT: one git format-patch mail adding the first LINES lines of FILE as a new file
	local n=$1 subject=$2 file=$3 lines=$4
	{
		printf 'From %040x Mon Sep 17 00:00:00 2001\nFrom: Jane Developer <jane.developer@example.org>\n' "$n"
		printf 'Date: Mon, 6 Jan 2025 10:00:00 +0000\nSubject: [PATCH] %s\n\nAdd the file.\n\n' "$subject"
		printf 'Signed-off-by: Jane Developer <jane.developer@example.org>\n---\n'
		printf 'diff --git a/%s b/%s\nnew file mode 100644\nindex 000000000000..5a17c0de5a17\n' "$file" "$file"
		printf -- '--- /dev/null\n+++ b/%s\n@@ -0,0 +1,%d @@\n' "$file" "$lines"
		head -n "$lines" "$tree/$file" | sed 's/^/+/'
		printf -- '-- \n2.47.0\n\n'
	} >"$5"
}
echo "generating inputs..." >&2
mail 1 "mmc: sdhci: add sdhci.c" drivers/mmc/host/sdhci.c "$(wc -l <"$tree/drivers/mmc/host/sdhci.c")" "$work/large.patch"
mail 1 "mmc: sdhci: add the first lines" drivers/mmc/host/sdhci.c 20 "$work/small.patch"
mkdir "$work/series"
(cd "$tree" && find drivers -name '*.c' -type f -print0 | xargs -0 wc -l | awk '$2 != "total" && $1 >= 500 { print $2 }' | LC_ALL=C sort | awk 'NR <= 100') >"$work/files"
k=0
while IFS= read -r file; do
	k=$((k + 1))
	mail "$k" "${file%/*}: add ${file##*/}" "$file" 500 "$work/series/$(printf '%04d' "$k").patch"
done <"$work/files"
((k == 100)) || { echo "bench-cli.sh: only $k files of 500 lines or more" >&2; exit 2; }

args=()
for v in jit r2r aot; do
	args+=(-n "$v --version" "$work/$v/kernel-pr-bot --version")
	args+=(-n "$v check small" "$work/$v/kernel-pr-bot check --fail-on never $work/small.patch")
	args+=(-n "$v check large" "$work/$v/kernel-pr-bot check --fail-on never $work/large.patch")
done
hyperfine -N --style basic --warmup 2 --runs "$runs" --export-csv "$work/times.csv" "${args[@]}" >&2

printf '\ncold start, median wall ms over %d runs (ratio: jit / this)\n' "$runs"
printf '  %-8s %12s %12s %12s\n' build "--version" "check small" "check large"
for v in jit r2r aot; do
	printf '  %-8s' "$v"
	for what in "--version" "check small" "check large"; do
		awk -F, -v n="$v $what" -v j="jit $what" '$1 == n { t = $4 } $1 == j { b = $4 } END { printf " %7.1f %4.1fx", t * 1000, b / t }' "$work/times.csv"
	done
	printf '\n'
done

printf '\n50,000-line series (100 mails x 500 added lines): peak RSS and wall time, one run each\n'
for v in jit r2r aot; do
	/usr/bin/time -f '%M %e' -o "$work/$v.time" "$work/$v/kernel-pr-bot" check --fail-on never --stats "$work/series" >/dev/null 2>"$work/$v.stats"
	read -r rss wall <"$work/$v.time"
	printf '  %-8s peak RSS %6.1f MiB   wall %5.2f s   %s\n' "$v" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$wall" \
		"$(grep -o 'analysis .*' "$work/$v.stats")"
done
