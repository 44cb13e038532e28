#!/usr/bin/env bash
# Compare KernelPrBot findings with the kernel's own scripts/checkpatch.pl.
#
# For every patch, checkpatch is run with --no-tree --show-types and every
# report whose type belongs to one of the categories KernelPrBot covers
# (sign-off, Fixes: tag, SPDX tag, deprecated API) must be matched by a
# KernelPrBot finding with the corresponding rule id.
#
# Usage: scripts/checkpatch-compare.sh [-v] [DIR|PATCH]...
#
#   DIR     every *.patch file in DIR is checked (default:
#           tests/corpus/checkpatch relative to the repository root)
#   PATCH   a single patch file
#   -v      also list KernelPrBot findings in these categories that no
#           checkpatch report accounts for (informational only)
#
# Environment:
#   KPB_KERNEL_TREE  kernel source tree containing scripts/checkpatch.pl
#                    (default /var/cache/kernel-pr-bot/linux-source-6.12)
#   KPB              command that runs KernelPrBot, split like a shell
#                    command line; it is run from the repository root
#                    (default: dotnet run --project src/KernelPrBot.Cli --no-build --)
#
# Output: one tab-separated line per checkpatch report in these categories,
#   MATCH|MISS <TAB> patch <TAB> TYPE <TAB> location
# followed by a summary line. Exit status: 0 if nothing was missed, 1 if any
# report was missed, 2 on usage or environment errors or if KernelPrBot failed.

set -euo pipefail

die() {
	printf 'checkpatch-compare: %s\n' "$*" >&2
	exit 2
}

usage() {
	sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

verbose=0
args=()
while (($#)); do
	case $1 in
	-h | --help)
		usage
		exit 0
		;;
	-v | --verbose)
		verbose=1
		;;
	--)
		shift
		args+=("$@")
		break
		;;
	-*)
		die "unknown option: $1 (see --help)"
		;;
	*)
		args+=("$1")
		;;
	esac
	shift
done

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)

command -v perl >/dev/null 2>&1 || die "perl is required to run checkpatch.pl"
command -v python3 >/dev/null 2>&1 || die "python3 is required to parse the results"

kernel_tree=${KPB_KERNEL_TREE:-/var/cache/kernel-pr-bot/linux-source-6.12}
checkpatch=$kernel_tree/scripts/checkpatch.pl
[[ -d $kernel_tree ]] ||
	die "kernel tree '$kernel_tree' not found; set KPB_KERNEL_TREE to an extracted kernel source tree"
[[ -f $checkpatch ]] ||
	die "'$checkpatch' not found; KPB_KERNEL_TREE must point at a kernel source tree"

kpb_string=${KPB:-dotnet run --project src/KernelPrBot.Cli --no-build --}
kpb_cmd=()
while IFS= read -r -d '' word; do
	kpb_cmd+=("$word")
done < <(python3 -c 'import shlex, sys
for w in shlex.split(sys.argv[1]):
    sys.stdout.write(w + "\0")' "$kpb_string")
((${#kpb_cmd[@]})) || die "KPB is empty"
if [[ ${kpb_cmd[0]} != */* ]] && ! command -v -- "${kpb_cmd[0]}" >/dev/null 2>&1; then
	die "'${kpb_cmd[0]}' not found; install it or set KPB to the command that runs KernelPrBot"
fi

if ((${#args[@]} == 0)); then
	args=("$repo_root/tests/corpus/checkpatch")
fi

# Collect the patches as absolute paths (the tool runs from the repository root).
patches=()
for arg in "${args[@]}"; do
	if [[ -d $arg ]]; then
		dir=$(cd -- "$arg" && pwd)
		found=0
		while IFS= read -r -d '' p; do
			patches+=("$p")
			found=1
		done < <(find "$dir" -maxdepth 1 -type f -name '*.patch' -print0 | LC_ALL=C sort -z)
		((found)) || die "no *.patch files in '$arg'"
	elif [[ -f $arg ]]; then
		patches+=("$(cd -- "$(dirname -- "$arg")" && pwd)/$(basename -- "$arg")")
	else
		die "'$arg' is neither a directory nor a file"
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/checkpatch-compare.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

manifest=$work/manifest
: >"$manifest"
tool_failures=0
i=0
for patch in "${patches[@]}"; do
	i=$((i + 1))
	name=$(basename -- "$patch")

	# checkpatch exits 1 whenever it finds an error; only a higher status
	# (perl died) is a real failure. GIT_DIR points nowhere so that the
	# result does not depend on the git repository we happen to run in
	# (checkpatch looks up Fixes:/commit ids in ./.git otherwise).
	rc=0
	(cd "$work" && GIT_DIR="$work/no-git" perl "$checkpatch" --no-tree --show-types \
		--color=never -- "$patch") >"$work/$i.cp" 2>"$work/$i.cp.err" || rc=$?
	if ((rc > 1)); then
		cat -- "$work/$i.cp.err" >&2
		die "checkpatch.pl failed on '$patch' (exit status $rc)"
	fi

	rc=0
	(cd "$repo_root" && "${kpb_cmd[@]}" check --format json --fail-on never "$patch") \
		>"$work/$i.json" 2>"$work/$i.json.err" || rc=$?
	if ((rc != 0)); then
		tool_failures=$((tool_failures + 1))
		printf 'checkpatch-compare: KernelPrBot failed on %s (exit status %d):\n' "$name" "$rc" >&2
		head -n 20 -- "$work/$i.json.err" >&2 || true
		: >"$work/$i.json"
	fi

	printf '%s\0' "$name" >>"$manifest"
done

status=0
python3 - "$work" "$verbose" <<'PY' || status=$?
import json
import re
import sys

work, verbose = sys.argv[1], sys.argv[2] == "1"

# checkpatch type -> KernelPrBot rule ids that count as a match
MAPPING = {
    "MISSING_SIGN_OFF": {"missing-signed-off-by"},
    "NO_AUTHOR_SIGN_OFF": {"missing-signed-off-by"},
    "FROM_SIGN_OFF_MISMATCH": {"sign-off-mismatch"},
    "BAD_SIGN_OFF": {"sign-off-mismatch", "ai-sign-off"},
    "BAD_FIXES_TAG": {"fixes-tag"},
    "SPDX_LICENSE_TAG": {"spdx-license"},
    "AVOID_BUG": {"deprecated-api"},
    "ALLOC_WITH_MULTIPLY": {"deprecated-api"},
    "CONSIDER_KSTRTO": {"deprecated-api"},
    "STRCPY": {"deprecated-api"},
    "STRLCPY": {"deprecated-api", "removed-api"},
    "STRNCPY": {"deprecated-api"},
    "PREFER_FALLTHROUGH": {"deprecated-api"},
    "DEPRECATED_API": {"deprecated-api", "removed-api"},
    "FLEXIBLE_ARRAY": {"deprecated-api"},
}
OUR_RULES = set().union(*MAPPING.values())

# How far (before, after) our line may be from checkpatch's line.
# FLEXIBLE_ARRAY is reported on the line after the array (the closing
# "};"); ALLOC_WITH_MULTIPLY on the first line of a possibly multi-line
# statement.
TOLERANCE = {"FLEXIBLE_ARRAY": (1, 0), "ALLOC_WITH_MULTIPLY": (3, 3)}

HEAD_RE = re.compile(r"^(ERROR|WARNING|CHECK):([A-Z0-9_]+): ")
FILE_RE = re.compile(r"^#\d+: FILE: (.*):(\d+):\s*$")
LOG_RE = re.compile(r"^#(\d+): ")


LONG_FIXES_RE = re.compile(r'^Fixes: [0-9a-f]{13,40} \(".+"\)$')
ACCEPTED = []


def parse_checkpatch(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    reports = []
    for idx, line in enumerate(lines):
        m = HEAD_RE.match(line)
        if not m or m.group(2) not in MAPPING:
            continue
        nxt = lines[idx + 1] if idx + 1 < len(lines) else ""
        fm = FILE_RE.match(nxt)
        lm = LOG_RE.match(nxt)
        if fm:
            reports.append((m.group(2), fm.group(1), int(fm.group(2)), None))
        elif lm and "FILE:" not in nxt and m.group(2) == "BAD_FIXES_TAG" and idx + 2 < len(lines) \
                and LONG_FIXES_RE.match(lines[idx + 2]):
            # The one chosen divergence: fixes-tag accepts 12 to 40 digits, as submitting-patches.rst does.
            ACCEPTED.append(int(lm.group(1)))
        elif lm and "FILE:" not in nxt:
            reports.append((m.group(2), None, None, int(lm.group(1))))
        else:
            reports.append((m.group(2), None, None, None))
    return reports


def parse_findings(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if not text.strip():
        return []
    start = text.find("{")
    if start < 0:
        return []
    try:
        doc, _ = json.JSONDecoder().raw_decode(text[start:])
    except ValueError as e:
        print(f"checkpatch-compare: cannot parse KernelPrBot output ({e})", file=sys.stderr)
        return []
    findings = doc.get("findings") if isinstance(doc, dict) else None
    return [x for x in findings or [] if isinstance(x, dict)]


def norm_path(p):
    p = (p or "").strip()
    for prefix in ("./", "a/", "b/"):
        if p.startswith(prefix):
            p = p[len(prefix):]
    return p


def as_int(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def matches(report, finding):
    cp_type, cp_file, cp_line, _ = report
    if finding.get("rule") not in MAPPING[cp_type]:
        return False
    if cp_file is None:
        return True
    if finding.get("kind") == "commit":
        return False
    if norm_path(finding.get("file")) != norm_path(cp_file):
        return False
    line = as_int(finding.get("line"))
    if line is None:
        return False
    end = as_int(finding.get("endLine"))
    if end is None or end < line:
        end = line
    if line <= cp_line <= end:
        # a multi-line finding that covers checkpatch's line
        return True
    before, after = TOLERANCE.get(cp_type, (0, 0))
    # our line may be up to `before` lines before checkpatch's line and up
    # to `after` lines after it
    return cp_line - before <= line <= cp_line + after


def location(report):
    _, cp_file, cp_line, log_line = report
    if cp_file is not None:
        return f"{cp_file}:{cp_line}"
    if log_line is not None:
        return f"commit message (patch line {log_line})"
    return "patch"


with open(f"{work}/manifest", "rb") as f:
    names = [n.decode("utf-8", "replace") for n in f.read().split(b"\0")[:-1]]

total = matched = 0
for i, name in enumerate(names, 1):
    reports = parse_checkpatch(f"{work}/{i}.cp")
    findings = parse_findings(f"{work}/{i}.json")
    used = set()
    for report in reports:
        total += 1
        hits = [k for k, fd in enumerate(findings) if matches(report, fd)]
        used.update(hits)
        if hits:
            matched += 1
        print(f"{'MATCH' if hits else 'MISS'}\t{name}\t{report[0]}\t{location(report)}")
    if verbose:
        for k, fd in enumerate(findings):
            if k not in used and fd.get("rule") in OUR_RULES:
                where = "commit message" if fd.get("kind") == "commit" else \
                    f"{fd.get('file')}:{fd.get('line')}"
                print(f"EXTRA\t{name}\t{fd.get('rule')}\t{where}")

missed = total - matched
print(f"checkpatch reported {total} problems in these categories; "
      f"KernelPrBot matched {matched}; missed {missed}"
      f"{f'; {len(ACCEPTED)} Fixes: tags of 13-40 digits accepted on purpose' if ACCEPTED else ''}")
sys.exit(1 if missed else 0)
PY

if ((tool_failures)); then
	printf 'checkpatch-compare: KernelPrBot failed on %d patch(es)\n' "$tool_failures" >&2
	exit 2
fi
exit "$status"
