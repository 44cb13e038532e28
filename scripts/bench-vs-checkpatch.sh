#!/usr/bin/env bash
# Time KernelPrBot against the kernel's own scripts/checkpatch.pl, whole process
# included (start-up, reading, checking, printing).
#
# Usage: scripts/bench-vs-checkpatch.sh [-r RUNS]
#
#   -r RUNS  repetitions of each measurement (default 5, or $KPB_BENCH_RUNS);
#            the median wall time is reported
#
# Inputs are generated from the kernel tree into a temporary directory, the
# same kind as bench/KernelPrBot.Benchmarks builds:
#   large   one git format-patch mail adding drivers/mmc/host/sdhci.c
#           (5,002 lines in 6.12) as a new file
#   series  SERIES_COUNT mails (default 100), each inserting a copy of the 20
#           lines that start at the middle of one .c file under drivers/, with
#           three lines of context; the files are every .c file under drivers/
#           with at least 200 lines, in byte order, then 100 evenly spaced
#
# Measurements:
#   large       checkpatch.pl --no-tree -q on the patch, vs kernel-pr-bot check
#   series      checkpatch.pl once per patch file, vs kernel-pr-bot once over
#               all files in one process and vs kernel-pr-bot once per file;
#               and both tools once over all files, one process each
#   per patch   in-process time per patch: kernel-pr-bot check --stats (its own
#               clock, no start-up, one cold process) vs checkpatch.pl's
#               marginal cost per patch in one process: (one process over all
#               the series' files - the mean single-patch process) / (N - 1),
#               which takes perl's start-up and compilation out of its figure;
#               and kernel-pr-bot on the series copied ten times (1,000 files)
#
# Environment:
#   KPB_KERNEL_TREE  kernel source tree containing scripts/checkpatch.pl
#                    (default /var/cache/kernel-pr-bot/linux-source-6.12)
#   KPB_CLI          an existing kernel-pr-bot executable; without it the CLI is
#                    published in Release, Native AOT, into the temporary directory
#   KPB_BENCH_RUNS   default for -r
#   SERIES_COUNT     number of mails in the series (default 100, at least 100)
#   KPB_BENCH_KEEP   a directory to copy the generated inputs into (large.patch,
#                    series/), to profile or re-run on the same inputs
#
# Uses hyperfine when installed, a date +%s%N loop otherwise. Exit status: 0 on
# success, 2 on usage or environment errors (no tree, no perl, build failed).

set -euo pipefail

die() {
	printf 'bench-vs-checkpatch: %s\n' "$*" >&2
	exit 2
}

usage() {
	sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

runs=${KPB_BENCH_RUNS:-5}
while (($#)); do
	case $1 in
	-h | --help)
		usage
		exit 0
		;;
	-r | --runs)
		(($# >= 2)) || die "$1 needs a value"
		runs=$2
		shift
		;;
	*)
		die "unknown argument: $1 (see --help)"
		;;
	esac
	shift
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, not '$runs'"

series_count=${SERIES_COUNT:-100}
[[ $series_count =~ ^[0-9]+$ ]] && ((series_count >= 100)) || die "SERIES_COUNT must be a whole number of at least 100, not '$series_count'"

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tree=${KPB_KERNEL_TREE:-/var/cache/kernel-pr-bot/linux-source-6.12}
large_file=drivers/mmc/host/sdhci.c
min_lines=200
added_lines=20
context=3
author='Jane Developer <jane.developer@example.org>'
date_line='Mon, 6 Jan 2025 10:00:00 +0000'

[[ -d $tree/drivers ]] || die "no kernel tree at '$tree' (set KPB_KERNEL_TREE to an extracted kernel source tree)"
[[ -f $tree/scripts/checkpatch.pl ]] || die "'$tree/scripts/checkpatch.pl' not found (set KPB_KERNEL_TREE to a kernel source tree)"
[[ -f $tree/$large_file ]] || die "'$tree/$large_file' not found: the tree does not look like Linux 6.x"
command -v perl >/dev/null || die "perl is not installed; it is needed to run checkpatch.pl"

work=$(mktemp -d "${TMPDIR:-/tmp}/kpb-bench.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

# --- the CLI ------------------------------------------------------------------

if [[ -n ${KPB_CLI:-} ]]; then
	cli=$KPB_CLI
	[[ -x $cli ]] || die "KPB_CLI='$cli' is not an executable file"
else
	command -v dotnet >/dev/null || die "dotnet is not installed (or set KPB_CLI to a kernel-pr-bot executable)"
	printf 'publishing the CLI (scripts/publish.sh --cli-only: Release, Native AOT)...\n' >&2
	bash "$repo/scripts/publish.sh" --cli-only -o "$work/cli" >"$work/publish.log" 2>&1 ||
		{
			cat "$work/publish.log" >&2
			die "scripts/publish.sh failed"
		}
	cli=$work/cli/kernel-pr-bot
fi

# --- inputs -------------------------------------------------------------------

# "drivers/mmc/host" -> "mmc: host"
prefix() {
	local dir=${1#*/}
	if [[ $dir == */*/* ]]; then
		dir=${dir#"${dir%/*/*}/"}
	fi
	printf '%s' "${dir//\//: }"
}

mail_header() { # NUMBER SUBJECT
	printf 'From %040x Mon Sep 17 00:00:00 2001\n' "$1"
	printf 'From: %s\nDate: %s\nSubject: %s\n\n' "$author" "$date_line" "$2"
}

mail_trailer() {
	printf -- '-- \n2.47.0\n\n'
}

make_large() { # OUT
	local src=$tree/$large_file n
	n=$(wc -l <"$src")
	{
		mail_header 1 "[PATCH] $(prefix "${large_file%/*}"): add ${large_file##*/}"
		printf 'Add the core of the driver as a single new file.\n\n'
		printf 'Signed-off-by: %s\n---\n' "$author"
		printf ' %s | %d %s\n' "$large_file" "$n" "$(printf '+%.0s' {1..60})"
		printf ' 1 file changed, %d insertions(+)\n create mode 100644 %s\n\n' "$n" "$large_file"
		printf 'diff --git a/%s b/%s\nnew file mode 100644\nindex 000000000000..5a17c0de5a17\n' "$large_file" "$large_file"
		printf -- '--- /dev/null\n+++ b/%s\n@@ -0,0 +1,%d @@\n' "$large_file" "$n"
		sed 's/^/+/' "$src"
		if [[ -n $(tail -c1 "$src") ]]; then
			printf '\n\\ No newline at end of file\n'
		fi
		mail_trailer
	} >"$1"
}

make_series() { # DIR
	local dir=$1 count k=0 width path n mid added after start
	(
		cd "$tree"
		find drivers -type f -name '*.c' -print0 | xargs -0 wc -l |
			awk -v min="$min_lines" '$2 != "total" && $1 >= min { print $2 }'
	) | LC_ALL=C sort >"$work/candidates"
	count=$(wc -l <"$work/candidates")
	((count >= series_count)) || die "only $count .c files under $tree/drivers have $min_lines lines or more"
	awk -v c="$count" -v n="$series_count" '{ if (k < n && NR - 1 == int(k * c / n)) { print; k++ } }' \
		"$work/candidates" >"$work/series-files"
	width=${#series_count}
	while IFS= read -r path; do
		k=$((k + 1))
		n=$(wc -l <"$tree/$path")
		mid=$((n / 2))
		added=$((n - mid < added_lines ? n - mid : added_lines))
		after=$((n - mid < context ? n - mid : context))
		start=$((mid - context))
		{
			mail_header "$k" "$(printf '[PATCH %0*d/%d] %s: repeat a block in %s' "$width" "$k" "$series_count" "$(prefix "${path%/*}")" "${path##*/}")"
			printf 'Repeat a block of code in the middle of the file.\n\n'
			printf 'Signed-off-by: %s\n---\n' "$author"
			printf ' %s | %d %s\n' "$path" "$added" "$(printf '+%.0s' $(seq "$added"))"
			printf ' 1 file changed, %d insertions(+)\n\n' "$added"
			printf 'diff --git a/%s b/%s\nindex %012x..%012x 100644\n' "$path" "$path" "$k" $((k + 0x100000))
			printf -- '--- a/%s\n+++ b/%s\n' "$path" "$path"
			printf '@@ -%d,%d +%d,%d @@\n' $((start + 1)) $((context + after)) $((start + 1)) $((context + added + after))
			awk -v s="$start" -v m="$mid" -v a="$added" -v t="$after" '
				NR - 1 >= s && NR - 1 < m { ctx_before = ctx_before " " $0 "\n" }
				NR - 1 >= m && NR - 1 < m + a { plus = plus "+" $0 "\n" }
				NR - 1 >= m && NR - 1 < m + t { ctx_after = ctx_after " " $0 "\n" }
				NR - 1 >= m + a && NR - 1 >= m + t { exit }
				END { printf "%s%s%s", ctx_before, plus, ctx_after }
			' "$tree/$path"
			mail_trailer
		} >"$dir/$(printf '%04d' "$k")-${path//\//-}.patch"
	done <"$work/series-files"
}

printf 'generating inputs from %s...\n' "$tree" >&2
make_large "$work/large.patch"
mkdir "$work/series"
make_series "$work/series"
nseries=$(find "$work/series" -name '*.patch' | wc -l)
if [[ -n ${KPB_BENCH_KEEP:-} ]]; then
	mkdir -p "$KPB_BENCH_KEEP"
	cp -r "$work/large.patch" "$work/series" "$KPB_BENCH_KEEP/"
fi

# Both tools must accept the inputs, or the timings would measure an error path.
"$cli" check --fail-on never "$work/large.patch" "$work/series" >"$work/kpb-sanity.txt" 2>&1 ||
	{
		cat "$work/kpb-sanity.txt" >&2
		die "kernel-pr-bot failed on the generated inputs"
	}
GIT_DIR=/nonexistent perl "$tree/scripts/checkpatch.pl" --no-tree "$work/large.patch" >"$work/cp-sanity.txt" 2>&1 || true
grep -Eq '^total: [0-9]+ errors|has no obvious style problems' "$work/cp-sanity.txt" || {
	cat "$work/cp-sanity.txt" >&2
	die "checkpatch.pl did not check the generated patch"
}

# --- timing -------------------------------------------------------------------

# Command lines run by bash -c; paths are single-quoted for that shell.
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
checkpatch="GIT_DIR=/nonexistent perl $(q "$tree/scripts/checkpatch.pl") --no-tree -q"
kpb="$(q "$cli") check --fail-on never"
cmd_cp_large="$checkpatch $(q "$work/large.patch") >/dev/null 2>&1 || true"
cmd_kpb_large="$kpb $(q "$work/large.patch") >/dev/null"
cmd_cp_series="for f in $(q "$work/series")/*.patch; do $checkpatch \"\$f\" >/dev/null 2>&1 || true; done"
cmd_kpb_series="$kpb $(q "$work/series")/*.patch >/dev/null"
cmd_kpb_each="for f in $(q "$work/series")/*.patch; do $kpb \"\$f\" >/dev/null || exit 1; done"
cmd_cp_series_one="$checkpatch $(q "$work/series")/*.patch >/dev/null 2>&1 || true"

names=(cp_large kpb_large cp_series kpb_series kpb_each cp_series_one)
declare -A median

if command -v hyperfine >/dev/null; then
	timer=hyperfine
	hyperfine --style basic --warmup 1 --runs "$runs" --export-csv "$work/times.csv" \
		-n cp_large "$cmd_cp_large" \
		-n kpb_large "$cmd_kpb_large" \
		-n cp_series "$cmd_cp_series" \
		-n kpb_series "$cmd_kpb_series" \
		-n kpb_each "$cmd_kpb_each" \
		-n cp_series_one "$cmd_cp_series_one" >&2
	while IFS=, read -r name _ _ med _; do
		median[$name]=$med
	done < <(tail -n +2 "$work/times.csv")
else
	timer="date +%s%N loop"
	for name in "${names[@]}"; do
		var=cmd_$name
		printf 'timing %s (%d runs)...\n' "$name" "$runs" >&2
		bash -c "${!var}" # warm-up
		samples=()
		for ((r = 0; r < runs; r++)); do
			t0=$(date +%s%N)
			bash -c "${!var}"
			t1=$(date +%s%N)
			samples+=($((t1 - t0)))
		done
		median[$name]=$(printf '%s\n' "${samples[@]}" | sort -n |
			awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.6f", m / 1e9 }')
	done
fi

for name in "${names[@]}"; do
	[[ -n ${median[$name]:-} ]] || die "no timing recorded for $name"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
secs() { awk -v s="$1" 'BEGIN { printf "%.3f", s }'; }

printf '\nmedian wall time over %d runs (%s); ratio = checkpatch / kernel-pr-bot\n' "$runs" "$timer"
printf 'large: %s, %d lines as a new file; series: %d patches of %d added lines\n\n' \
	"$large_file" "$(wc -l <"$tree/$large_file")" "$nseries" "$added_lines"
printf '%-44s %10s %8s\n' "measurement" "seconds" "ratio"
printf '%-44s %10s %8s\n' "checkpatch.pl, large patch" "$(secs "${median[cp_large]}")" ""
printf '%-44s %10s %8s\n' "kernel-pr-bot, large patch" "$(secs "${median[kpb_large]}")" "$(ratio "${median[cp_large]}" "${median[kpb_large]}")"
printf '%-44s %10s %8s\n' "checkpatch.pl, series, once per patch" "$(secs "${median[cp_series]}")" ""
printf '%-44s %10s %8s\n' "kernel-pr-bot, series, one process" "$(secs "${median[kpb_series]}")" "$(ratio "${median[cp_series]}" "${median[kpb_series]}")"
printf '%-44s %10s %8s\n' "kernel-pr-bot, series, once per patch" "$(secs "${median[kpb_each]}")" "$(ratio "${median[cp_series]}" "${median[kpb_each]}")"
printf '%-44s %10s %8s\n' "checkpatch.pl, series, one process" "$(secs "${median[cp_series_one]}")" ""
printf '%-44s %10s %8s\n' "kernel-pr-bot, same, vs one checkpatch run" "" "$(ratio "${median[cp_series_one]}" "${median[kpb_series]}")"

# --- in-process, per patch ------------------------------------------------------

# kernel-pr-bot's own clock (check --stats: reading, parsing and analysis, no process start-up), median of RUNS.
# checkpatch.pl has no such clock: its per-patch figure is what one more mail costs inside one perl process,
# (all N mails in one process - the mean one-mail process) / (N - 1). Dividing the N-mail process by N instead
# would count perl's start-up (about 0.17 s) in every patch and flatter kernel-pr-bot.
stat_ms() { # FIELD-REGEX, inputs...
	local field=$1 r
	shift
	for ((r = 0; r < runs; r++)); do
		"$cli" check --fail-on never --stats "$@" 2>&1 >/dev/null | sed -n "s/.*$field.*/\1/p"
	done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
kpb_series_pp=$(stat_ms ', \([0-9.]*\) ms per patch' "$work/series")
kpb_large_ip=$(stat_ms ', \([0-9.]*\) ms per patch' "$work/large.patch")
# The same mails ten times over: how the one-time costs of a fresh process (first-touched memory, cold code)
# spread over a longer series.
mkdir "$work/series10"
for ((r = 0; r < 10; r++)); do
	for f in "$work/series"/*.patch; do cp "$f" "$work/series10/$r-${f##*/}"; done
done
kpb_series10_pp=$(stat_ms ', \([0-9.]*\) ms per patch' "$work/series10")
cp_series_pp=$(awk -v all="${median[cp_series_one]}" -v each="${median[cp_series]}" -v n="$nseries" \
	'BEGIN { printf "%.3f", (all - each / n) * 1000 / (n - 1) }')
cp_large_ms=$(awk -v s="${median[cp_large]}" 'BEGIN { printf "%.1f", s * 1000 }')
printf '\nin-process per patch (kernel-pr-bot check --stats, one cold process; checkpatch.pl: one more mail in one process)\n\n'
printf '%-44s %10s %8s\n' "measurement" "ms" "ratio"
printf '%-44s %10s %8s\n' "checkpatch.pl, series, marginal per patch" "$cp_series_pp" ""
printf '%-44s %10s %8s\n' "kernel-pr-bot, series, per patch" "$kpb_series_pp" "$(ratio "$cp_series_pp" "$kpb_series_pp")"
printf '%-44s %10s %8s\n' "kernel-pr-bot, series x10, per patch" "$kpb_series10_pp" "$(ratio "$cp_series_pp" "$kpb_series10_pp")"
printf '%-44s %10s %8s\n' "checkpatch.pl, large patch (whole process)" "$cp_large_ms" ""
printf '%-44s %10s %8s\n' "kernel-pr-bot, large patch, in-process" "$kpb_large_ip" "$(ratio "$cp_large_ms" "$kpb_large_ip")"
