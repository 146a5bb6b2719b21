#!/usr/bin/env python3
"""The Debian package (deploy/package), built, inspected and run.

usage: package_test.py DEB

Checks the control fields (runtime libraries only, no compilers or test
libraries), the files and their modes, the conffile and maintainer scripts,
the systemd units (systemd-analyze verify against the unpacked tree), then
unpacks it into a scratch root and runs the installed iraed with the
installed config on a database of its own, and the installed iraectl on it.
"""
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time

FAILURES = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        FAILURES.append(what)


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    deb = sys.argv[1]
    check(os.path.basename(deb).startswith("iraed_") and deb.endswith(
        "_amd64.deb"), "named iraed_<version>_amd64.deb: " + deb)

    fields = {}
    for name in ("Package", "Version", "Architecture", "Depends"):
        fields[name] = run(["dpkg-deb", "-f", deb, name]).stdout.strip()
    check(fields["Package"] == "iraed", "Package: iraed")
    depends = [d.strip().split(" ")[0] for d in fields["Depends"].split(",")]
    print("Depends:", fields["Depends"])
    for needed in ("libsqlite3-0", "libssl3", "libprotobuf32", "libsystemd0",
                   "python3", "tzdata"):
        check(any(d.startswith(needed) for d in depends), "depends on " + needed)
    build_tools = {"g++", "gcc", "clang", "cmake", "ninja-build", "ccache",
                   "protobuf-compiler", "make"}
    for d in depends:
        check(not (d.endswith("-dev") or d in build_tools or
                   d.startswith(("libgtest", "libgmock", "libbenchmark"))),
              "a runtime dependency, not a build one: " + d)

    listing = run(["dpkg-deb", "-c", deb]).stdout
    for path in ("./usr/sbin/iraed", "./usr/bin/iraectl",
                 "./usr/bin/iraed-notifier", "./etc/iraed/iraed.conf",
                 "./usr/lib/systemd/system/iraed.service",
                 "./usr/lib/systemd/system/iraed-notifier@.service",
                 "./usr/lib/sysusers.d/iraed.conf",
                 "./usr/lib/tmpfiles.d/iraed.conf",
                 "./usr/share/doc/iraed/LICENSE",
                 "./usr/share/doc/iraed/examples/iraed-alerts.yml"):
        check(path in listing, "contains " + path)
    check("gtest" not in listing and "bench" not in listing,
          "no tests or benchmarks in the package")

    with tempfile.TemporaryDirectory() as tmp:
        control = os.path.join(tmp, "control")
        run(["dpkg-deb", "-e", deb, control])
        conffiles = open(os.path.join(control, "conffiles")).read().split()
        check("/etc/iraed/iraed.conf" in conffiles,
              "the config is a conffile (a local edit is kept on upgrade)")
        for script in ("postinst", "prerm", "postrm"):
            p = os.path.join(control, script)
            check(os.path.exists(p) and os.access(p, os.X_OK),
                  script + " is executable")
            check(run(["sh", "-n", p]).returncode == 0, script + " parses")

        root = os.path.join(tmp, "root")
        check(run(["dpkg-deb", "-x", deb, root]).returncode == 0, "unpacks")
        conf = os.path.join(root, "etc/iraed/iraed.conf")
        conf_text = open(conf).read()
        check('path: "/var/lib/iraed/iraed.db"' in conf_text,
              "the installed config keeps the database in /var/lib/iraed")
        check('tokens_file: "/etc/iraed/tokens"' in conf_text,
              "the installed config reads API tokens from /etc/iraed/tokens")
        check(stat.S_IMODE(os.stat(conf).st_mode) & 0o007 == 0,
              "the installed config is not readable by others")
        unit = open(os.path.join(
            root, "usr/lib/systemd/system/iraed.service")).read()
        for line in ("Type=notify", "User=iraed", "StateDirectory=iraed",
                     "ConfigurationDirectory=iraed", "UMask=0077",
                     "WatchdogSec=", "NoNewPrivileges=yes",
                     "ProtectSystem=strict", "ProtectHome=yes",
                     "PrivateTmp=yes", "RestrictAddressFamilies="):
            check(line in unit, "iraed.service has " + line)

        analyze = run(["which", "systemd-analyze"]).stdout.strip()
        if analyze:
            # The units as installed, with their programs mapped into the
            # unpacked tree (verify checks that ExecStart= is executable).
            units = []
            for u in ("iraed.service", "iraed-notifier@.service"):
                text = open(os.path.join(root, "usr/lib/systemd/system",
                                         u)).read()
                for prog in ("/usr/sbin/iraed", "/usr/bin/iraed-notifier"):
                    text = text.replace(prog + " ", root + prog + " ")
                os.makedirs(os.path.join(tmp, "units"), exist_ok=True)
                units.append(os.path.join(tmp, "units", u))
                open(units[-1], "w").write(text)
            v = run([analyze, "verify"] + units)
            out = (v.stdout + v.stderr).strip()
            # Unknown keys are only warnings to systemd: any output fails.
            check(v.returncode == 0 and not out,
                  "systemd-analyze verify" + (": " + out if out else ""))
        else:
            print("skip systemd-analyze verify: systemd-analyze not installed")

        # The installed binaries with the installed config.
        iraed = os.path.join(root, "usr/sbin/iraed")
        iraectl = os.path.join(root, "usr/bin/iraectl")
        version = run([iraed, "--version"])
        check(version.returncode == 0 and fields["Version"] in version.stdout,
              "iraed --version: " + version.stdout.strip())
        db = os.path.join(tmp, "state", "iraed.db")
        ready = os.path.join(tmp, "ready.json")
        log = open(os.path.join(tmp, "iraed.log"), "w")
        daemon = subprocess.Popen(
            [iraed, "--config", conf, "--db", db, "--proto-listen",
             "127.0.0.1:0", "--mllp-listen", "127.0.0.1:0", "--http-listen",
             "127.0.0.1:0", "--ready-file", ready], stderr=log)
        try:
            for _ in range(300):
                if os.path.exists(ready) or daemon.poll() is not None:
                    break
                time.sleep(0.1)
            check(os.path.exists(ready), "the installed iraed starts")
            if os.path.exists(ready):
                info = json.load(open(ready))
                # One HL7 message over MLLP, answered AA.
                msg = ("MSH|^~\\&|LIS|LAB-1|IRAED|ONC|20260921141500||"
                       "ORU^R01^ORU_R01|PKG1|P|2.5.1\r"
                       "PID|1||MRN1^^^HOSP^MR||DOE^JANE\r"
                       "OBR|1||F-1|24323-8^CMP^LN|||20260921141000\r"
                       "OBX|1|NM|1742-6^ALT SerPl-cCnc^LN||40|U/L|7-56|N|||F"
                       "|||20260921141320\r")
                with socket.create_connection(
                        ("127.0.0.1", info["mllp_port"]), timeout=30) as s:
                    s.sendall(b"\x0b" + msg.encode() + b"\x1c\r")
                    ack = s.recv(65536).decode(errors="replace")
                check("MSA|AA|PKG1" in ack, "an HL7 message is answered AA")
                stats = run([iraectl, "--db", db, "stats"])
                check(stats.returncode == 0 and "messages" in stats.stdout,
                      "the installed iraectl reads the database")
                check(stat.S_IMODE(os.stat(db).st_mode) == 0o600,
                      "the database is 0600")
        finally:
            daemon.send_signal(signal.SIGTERM)
            try:
                code = daemon.wait(timeout=60)
            except subprocess.TimeoutExpired:
                daemon.kill()
                code = -1
            log.close()
        check(code == 0, "the installed iraed stops cleanly (exit %d)" % code)
        if FAILURES:
            print(open(os.path.join(tmp, "iraed.log")).read())

    if FAILURES:
        print("%d check(s) failed" % len(FAILURES))
        sys.exit(1)
    print("all package checks passed")


if __name__ == "__main__":
    main()
