#!/usr/bin/env python3
"""clang-tidy (the repository's .clang-tidy) over daemon/ sources.

usage: run_tidy.py BUILD_DIR            the daemon/*.cc files changed by the
                                        newest commits (IRAED_TIDY_COMMITS,
                                        default 5) and not yet committed
       run_tidy.py --all BUILD_DIR      every daemon/*.cc file

BUILD_DIR holds compile_commands.json. Exit status 0 when no finding is an
error (bugprone, performance, a function over about 80 lines, compiler
warnings), 1 otherwise, 2 for a bad command line. Without git
history (a shallow export) there is nothing to compare, which is said, and
the run is skipped (exit 77, reported by ctest as Skipped).
"""
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def git(*args):
    r = subprocess.run(["git", "-C", ROOT] + list(args), capture_output=True,
                       text=True)
    return r.returncode, r.stdout


def changed_files():
    commits = int(os.environ.get("IRAED_TIDY_COMMITS", "5"))
    files = set()
    for depth in range(commits, 0, -1):
        rc, out = git("diff", "--name-only", "HEAD~%d" % depth)
        if rc == 0:
            files.update(out.split())
            break
    else:
        return None
    rc, out = git("diff", "--name-only", "HEAD")
    files.update(out.split() if rc == 0 else [])
    return sorted(f for f in files
                  if f.startswith("daemon/") and f.endswith(".cc") and
                  os.path.exists(os.path.join(ROOT, f)))


def tidy(build_dir, path):
    r = subprocess.run(
        ["clang-tidy", "--quiet", "-p", build_dir,
         "--extra-arg=-Wno-unknown-warning-option", os.path.join(ROOT, path)],
        capture_output=True, text=True)
    findings = [line for line in r.stdout.splitlines()
                if (": error: " in line or ": warning: " in line) and
                line.startswith(ROOT)]
    return path, r.returncode, findings


def main():
    args = sys.argv[1:]
    everything = args[:1] == ["--all"]
    if everything:
        args = args[1:]
    if len(args) != 1:
        sys.exit(__doc__)
    build_dir = os.path.abspath(args[0])
    if not os.path.exists(os.path.join(build_dir, "compile_commands.json")):
        print("run_tidy: no compile_commands.json in " + build_dir)
        return 2
    if everything:
        files = sorted(os.path.relpath(os.path.join(d, f), ROOT)
                       for d, _, names in os.walk(os.path.join(ROOT, "daemon"))
                       for f in names if f.endswith(".cc"))
    else:
        files = changed_files()
        if files is None:
            print("run_tidy: no git history to compare with; skipped "
                  "(run with --all to check the whole tree)")
            return 77
    print("run_tidy: %d file(s): %s" % (len(files), " ".join(files)))
    failed = False
    seen = set()
    with ThreadPoolExecutor(max_workers=2) as pool:
        for path, rc, findings in pool.map(lambda f: tidy(build_dir, f),
                                           files):
            for line in findings:
                if line not in seen:  # a header's finding comes once
                    seen.add(line)
                    print(line.replace(ROOT + "/", ""))
            if rc != 0:
                failed = True
                print("run_tidy: %s: clang-tidy reports errors" % path)
    print("run_tidy: %s" % ("FAILED" if failed else "no errors"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
