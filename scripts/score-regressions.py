#!/usr/bin/env python3
"""
Scores the context rules on real regressions (tests/regressions/cases.json): each case is a commit that a later
Fixes: commit repaired, in the public git history of a kernel driver or module repository. The introducing commit
is checked as a patch against the tree of its day: the kernel tree (--base, linux-source-6.12) with the
repository's files at the introducing commit's parent in place of the driver's directory (treePrefix; Lustre,
which is no longer in the kernel, goes to drivers/staging/lustre-release/). A case is caught when a finding of its
kind is reported in its file within two lines of the line the bug is at ("in-function": elsewhere in the same
function, e.g. at the return a leaked lock reaches rather than at the goto that skips the unlock). Other context
findings are listed.

With --model-answers FILE (tests/fixtures/model-answers/regressions.json), the recorded claims of a model reviewer
are verified by the analysis too (check --model-answers): each case lists every claim with its verdict ("*" marks a
claim within two lines of the bug), and the totals give the verdicts, the model's own recall (a claim at the bug,
whatever its verdict) and the recall of what is posted with the stage (the rules' findings plus confirmed claims).

The repositories are not in this one: clone each bare into MIRRORS/<owner>+<name>/repo
(git clone --bare https://github.com/<owner>/<name> MIRRORS/<owner>+<name>/repo).

usage: scripts/score-regressions.py --mirrors DIR [--base TREE] [--cli PATH] [--work DIR] [--out DIR] [--model-answers FILE] [CASE-PREFIX ...]
"""
import argparse, json, os, re, shutil, subprocess, sys

KIND_RULES = {
    "sleep-in-atomic": {"sleep-in-atomic", "atomic-sleeping-alloc"},
    "atomic-sleeping-alloc": {"sleep-in-atomic", "atomic-sleeping-alloc"},
    "lock-not-released": {"lock-not-released"},
    "rcu": {"rcu-deref-outside-read-section"},
    "lock-other": {"lock-variant-mismatch", "lock-not-released", "sleep-in-atomic", "rcu-deref-outside-read-section"},
}
CONTEXT = {"sleep-in-atomic", "atomic-sleeping-alloc", "lock-not-released", "lock-variant-mismatch", "rcu-deref-outside-read-section"}


def extract(git_dir, rev, sub, dest):
    """Writes the files of rev (under sub) into dest with git cat-file --batch, leaving out blobs the clone lacks."""
    import subprocess, os
    listing = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "-z", rev] + ([sub] if sub else []), capture_output=True, check=True).stdout
    entries = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, path = item.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob" and mode != b"120000":
            entries.append((sha.decode(), path.decode("utf-8", "replace")))
    proc = subprocess.Popen(["git", "--git-dir", git_dir, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for sha, path in entries:
        proc.stdin.write(sha.encode() + b"\n"); proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            continue
        data = proc.stdout.read(int(header[2])); proc.stdout.read(1)
        rel = path[len(sub):].lstrip("/") if sub and path.startswith(sub) else path
        target = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)
    proc.stdin.close(); proc.wait()


def function_span(text, name):
    """Lines (1-based, inclusive) of the definition of name in a kernel-style C file, or None."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if re.match(r"^[A-Za-z_].*\b" + re.escape(name) + r"\s*\(", line) and not line.rstrip().endswith(";"):
            for k in range(i, min(i + 8, len(lines))):
                if lines[k].startswith("{"):
                    for e in range(k, len(lines)):
                        if lines[e].startswith("}"):
                            return (i + 1, e + 1)
                    break
    return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser()
    p.add_argument("--mirrors", required=True)
    p.add_argument("--base", default=os.environ.get("KPB_KERNEL_TREE", "/var/cache/kernel-pr-bot/linux-source-6.12"))
    p.add_argument("--cli", default=os.environ.get("KPB_CLI", "kernel-pr-bot"))
    p.add_argument("--work", default="/var/tmp/kpb-regressions")
    p.add_argument("--out", default=None)
    p.add_argument("--model-answers", default=None)
    p.add_argument("only", nargs="*")
    a = p.parse_args()
    cases = json.load(open(os.path.join(here, "..", "tests", "regressions", "cases.json")))
    out = a.out or os.path.join(a.work, "out")
    os.makedirs(out, exist_ok=True)
    by_kind = {}
    verdicts, added, model_hits, claim_count = {}, [], 0, 0
    for c in cases:
        if a.only and not any(c["id"].startswith(o) for o in a.only):
            continue
        git_dir = os.path.join(a.mirrors, c["repo"].replace("/", "+"), "repo")
        prefix = c["treePrefix"] or "drivers/staging/lustre-release/"
        sub = c["repoSubdir"]
        tree = os.path.join(a.work, c["id"])
        if not os.path.isfile(os.path.join(tree, ".kpb-ready")):
            shutil.rmtree(tree, ignore_errors=True)
            subprocess.run(["cp", "-al", a.base, tree], check=True)  # hard links: the tree is indexed, links are not followed
            dest = os.path.join(tree, prefix)
            shutil.rmtree(dest, ignore_errors=True)
            os.makedirs(dest, exist_ok=True)
            extract(git_dir, c["introSha"] + "^", sub, dest)
            open(os.path.join(tree, ".kpb-ready"), "w").close()
        patch = subprocess.run(["git", "--git-dir", git_dir, "format-patch", "-1", "--stdout", c["introSha"]], capture_output=True, check=True).stdout.decode("utf-8", "replace")

        def mapped(path):
            return prefix + (path[len(sub):] if sub and path.startswith(sub) else path)

        patch = re.sub(r"^(diff --git a/)(\S+)( b/)(\S+)", lambda x: x.group(1) + mapped(x.group(2)) + x.group(3) + mapped(x.group(4)), patch, flags=re.M)
        patch = re.sub(r"^(--- a/|\+\+\+ b/)(\S+)", lambda x: x.group(1) + mapped(x.group(2)), patch, flags=re.M)
        patch_file = os.path.join(out, c["id"] + ".patch")
        open(patch_file, "w").write(patch)
        extra = ["--model-answers", a.model_answers] if a.model_answers else []
        r = subprocess.run([a.cli, "check", "--tree", tree, "--format", "json", "--fail-on", "never"] + extra + [patch_file], capture_output=True, text=True)
        open(os.path.join(out, c["id"] + ".json"), "w").write(r.stdout)
        findings = json.loads(r.stdout).get("findings", []) if r.stdout.strip() else []
        context = [f for f in findings if f.get("rule") in CONTEXT]
        file = mapped(c["file"])
        hit = [f for f in context if f["rule"] in KIND_RULES[c["kind"]] and f.get("file") == file and abs(f.get("line", 0) - c["line"]) <= 2]
        post = subprocess.run(["git", "--git-dir", git_dir, "show", c["introSha"] + ":" + c["file"]], capture_output=True).stdout.decode("utf-8", "replace")
        span = function_span(post, c["function"]) or (0, -1)
        near = [f for f in context if f not in hit and f["rule"] in KIND_RULES[c["kind"]] and f.get("file") == file and span[0] <= f.get("line", 0) <= span[1]]
        verdict = "CAUGHT" if hit else "in-function" if near else "missed"
        total, caught, elsewhere = by_kind.get(c["kind"], (0, 0, 0))
        by_kind[c["kind"]] = (total + 1, caught + (verdict == "CAUGHT"), elsewhere + (verdict == "in-function"))
        print(f"{c['id']:55} {c['kind']:22} {verdict:11} other context findings: {len(context) - len(hit) - len(near)}")
        for f in context:
            print(f"    {f['rule']} {f.get('file')}:{f.get('line')}: {f.get('message', '')[:300]}")
        claims = json.loads(r.stdout).get("claims", []) if r.stdout.strip() else []
        claimed = False
        for cl in claims:
            at_bug = cl["file"] == file and abs(cl["line"] - c["line"]) <= 2
            claimed |= at_bug
            verdicts[cl["verdict"]] = verdicts.get(cl["verdict"], 0) + 1
            if cl["verdict"] == "confirmed" and not cl.get("alreadyReported"):
                added.append((c["id"], at_bug, cl))
            print(f"    claim {'*' if at_bug else ' '} {cl['verdict']:13} {cl['kind']:26} {cl['file']}:{cl['line']}{' (rules too)' if cl.get('alreadyReported') else ''}: {cl['evidence'][:200]}")
        model_hits += claimed
        claim_count += len(claims)
        sys.stdout.flush()
    print()
    for kind, (total, caught, elsewhere) in sorted(by_kind.items()):
        print(f"{kind:22} caught {caught} of {total} at the line; {elsewhere} more elsewhere in the function")
    if a.model_answers:
        print(f"model claims: {claim_count} in {sum(t for t, _, _ in by_kind.values())} patches; " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
        print(f"the model claimed the bug (within two lines, any verdict) in {model_hits} of {sum(t for t, _, _ in by_kind.values())} cases")
        for cid, at_bug, cl in added:
            print(f"posted from the model: {cid} {cl['file']}:{cl['line']} {'(the bug)' if at_bug else '(not the bug: judge it)'} {cl['evidence'][:200]}")
    print(f"{'all':22} caught {sum(c for _, c, _ in by_kind.values())} (+{sum(e for _, _, e in by_kind.values())} in the function) of {sum(t for t, _, _ in by_kind.values())}")


if __name__ == "__main__":
    main()
