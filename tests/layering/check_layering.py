#!/usr/bin/env python3
"""Dependencies in daemon/ point one way (README "Layout"): each folder may
include headers of the folders listed for it below and of nothing else.
grading/ (the clinical rules) includes nothing of iraed's; surveillance/
(input assembly, pure) includes neither store/ nor net/; net/ reaches the
store only through model::SubmissionSink; config/ reads settings into
the components' own option types and of store/ includes only the plain
store/durability.h; no lower layer includes store/, net/ or server/. A folder not listed fails the check, so a
new library states its place here.

usage: check_layering.py DAEMON_DIR     check a tree (exit 1 on a violation)
       check_layering.py --self-test    show that a violation is caught
"""
import os
import re
import sys
import tempfile

# Folder -> the folders it may include ("iraed" is the generated protobuf
# code, "schema" the embedded migrations).
ALLOWED = {
    "common": set(),
    "grading": set(),
    "model": {"common", "grading"},
    "alerts": {"common", "grading"},
    "auth": {"common"},
    "http": {"common"},
    "hl7": {"common", "grading", "model"},
    "ingest": {"common", "model", "iraed"},
    "surveillance": {"alerts", "common", "grading", "model"},
    "store": {"alerts", "auth", "common", "grading", "model", "schema",
              "surveillance"},
    "net": {"auth", "common", "hl7", "ingest", "model"},
    "config": {"alerts", "auth", "common", "grading", "hl7", "iraed", "net"},
    "console": {"auth", "common", "grading", "http", "ingest", "iraed",
                "model", "pv", "reports", "store", "surveillance"},
    "server": {"alerts", "auth", "common", "config", "console", "grading",
               "hl7", "http", "ingest", "iraed", "model", "net", "store"},
    "pv": {"common"},
    "reports": {"alerts", "common", "grading", "pv", "store"},
    "ctl": {"alerts", "auth", "common", "config", "grading", "hl7", "ingest",
            "iraed",
            "model", "pv", "reports", "server", "store"},
}
# Single headers a folder may include from a folder it may not otherwise.
ALLOWED_HEADERS = {
    "config": {"store/durability.h"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"(([a-z0-9_]+)/[^"]*)"', re.M)


def violations(daemon_dir):
    found = []
    for folder in sorted(os.listdir(daemon_dir)):
        path = os.path.join(daemon_dir, folder)
        if not os.path.isdir(path):
            continue
        if folder not in ALLOWED:
            found.append("%s/: not in the layering table of %s" %
                         (folder, os.path.abspath(__file__)))
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith((".h", ".cc")):
                continue
            with open(os.path.join(path, name), encoding="utf-8") as f:
                text = f.read()
            for header, dep in INCLUDE.findall(text):
                if header in ALLOWED_HEADERS.get(folder, ()):
                    continue
                if dep != folder and dep not in ALLOWED[folder]:
                    found.append("%s/%s includes %s/ (allowed for %s/: %s)" %
                                 (folder, name, dep, folder,
                                  ", ".join(sorted(ALLOWED[folder])) or
                                  "nothing"))
    return found


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        for folder, name, text in (
                ("grading", "ok.h", '#include <map>\n#include "grading/x.h"\n'),
                ("store", "ok.cc", '#include "grading/ok.h"\n'),
                ("grading", "bad.cc", '#include "store/sqlite_db.h"\n'),
                ("surveillance", "bad.h", '#include "net/listener.h"\n'),
                ("net", "bad.cc", '#include "store/store_worker.h"\n'),
                ("config", "ok.h", '#include "store/durability.h"\n'),
                ("config", "bad.h", '#include "store/message_store.h"\n'),
                ("surprise", "new.h", "")):
            os.makedirs(os.path.join(tmp, folder), exist_ok=True)
            with open(os.path.join(tmp, folder, name), "w") as f:
                f.write(text)
        found = violations(tmp)
        if len(found) != 5 or not (
                found[0].startswith("config/bad.h includes store/") and
                found[1].startswith("grading/bad.cc includes store/") and
                found[2].startswith("net/bad.cc includes store/") and
                found[3].startswith("surprise/: not in the layering") and
                found[4].startswith("surveillance/bad.h includes net/")):
            print("self-test FAILED: %r" % (found,))
            return 1
    print("self-test passed: a grading/ file including store/, a "
          "surveillance/ file including net/, a net/ file including store/, "
          "a config/ file including the store beyond store/durability.h "
          "and an unlisted folder are all caught; store/durability.h is "
          "allowed to config/")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    found = violations(sys.argv[1])
    for v in found:
        print("layering: " + v)
    if found:
        return 1
    print("layering: every include in %s points down" % sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
