#!/usr/bin/env python3
"""Authenticated staff actions (issue 12), against the real daemon over
real TLS handshakes, with tokens made by the real iraectl:

- `iraectl token create|list|revoke` keeps only hashes, owner-only;
- with auth.mode required, an acknowledgement without a token or a
  certificate is refused (exit 3) and kept as a rejected message;
- a staff token acknowledges: the actor recorded is "token:NAME", the
  stated --by is kept as stated_by; a notifier token may not acknowledge,
  and confirms the feed only as its own consumer;
- a client certificate a rule names acknowledges as "cert:SUBJECT";
- a wrong token is refused; a revoked one stops working without a reload;
- no token text is in the database, the audit trail verifies and a
  replay reproduces every row;
- SIGHUP with auth.mode off takes the stated --by again.

usage: auth_test.py IRAED IRAECTL MAKE_TEST_CERTS GENERATED_PYTHON_DIR
"""
import json
import os
import signal
import socket
import sqlite3
import ssl
import stat
import subprocess
import sys
import tempfile
import time

if len(sys.argv) != 5:
    sys.exit(__doc__)
IRAED, IRAECTL, MAKE_CERTS = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, sys.argv[4])
sys.path.insert(1, os.path.dirname(os.path.abspath(__file__)))
from proto_util import raise_alert  # noqa: E402
from checks import CHECK  # noqa: E402

SUBJECT = "CN=ward7-pager,O=Hospital"


def query(db, sql, *args):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def run(argv, env=None, **kw):
    return subprocess.run(argv, capture_output=True, text=True, env=env,
                          timeout=60, **kw)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        certs = os.path.join(tmp, "certs")
        subprocess.run(["/bin/sh", MAKE_CERTS, certs], check=True)
        tokens = os.path.join(tmp, "tokens")

        # Tokens: shown once, only hashes kept.
        made = {}
        for name, role in (("rn.jones", []), ("pager", ["--role",
                                                        "notifier"])):
            r = run([IRAECTL, "--tokens", tokens, "token", "create", name] +
                    role)
            CHECK.assertEqual(r.returncode, 0, r.stderr)
            made[name] = r.stdout.strip()
            CHECK.assertTrue(made[name].startswith("iraed-"), r.stdout)
        r = run([IRAECTL, "--tokens", tokens, "token", "create", "pager"])
        CHECK.assertTrue(r.returncode == 1 and "exists" in r.stderr, r.stderr)
        r = run([IRAECTL, "--tokens", tokens, "token", "create", "x",
                 "--role", "root"])
        CHECK.assertTrue(r.returncode == 2 and "unknown role" in r.stderr,
                         r.stderr)
        listed = json.loads(run([IRAECTL, "--tokens", tokens, "token",
                                 "list", "--json"]).stdout)
        CHECK.assertEqual([(t["name"], t["roles"]) for t in listed], [
            ("rn.jones", "staff"), ("pager", "notifier:pager")], listed)
        text = open(tokens).read()
        CHECK.assertTrue(made["rn.jones"] not in text and made["pager"] not in text)
        CHECK.assertEqual(stat.S_IMODE(os.stat(tokens).st_mode), 0o600)
        token_files = {}
        for name, token in made.items():
            token_files[name] = os.path.join(tmp, name + ".token")
            with open(token_files[name], "w") as f:
                f.write(token + "\n")
        wrong = os.path.join(tmp, "wrong.token")
        with open(wrong, "w") as f:
            f.write("iraed-" + "0" * 64 + "\n")

        conf = os.path.join(tmp, "iraed.conf")
        tls = ('tls { cert_file: "%s/server.pem" key_file: "%s/server.key" '
               'client_ca_file: "%s/ca.pem" client_certificates: "optional" }'
               % (certs, certs, certs))

        def write_conf(mode):
            with open(conf, "w") as f:
                f.write("proto_listener { %s }\n" % tls)
                f.write('auth { mode: "%s" tokens_file: "%s" '
                        'certificate { subject: "%s" roles: "staff" } }\n'
                        % (mode, tokens, SUBJECT))
        write_conf("required")
        db = os.path.join(tmp, "iraed.db")
        ready = os.path.join(tmp, "ready.json")
        log_path = os.path.join(tmp, "iraed.log")
        log = open(log_path, "w")
        proc = subprocess.Popen(
            [IRAED, "--config", conf, "--db", db,
             "--proto-listen", "127.0.0.1:0", "--mllp-listen", "127.0.0.1:0",
             "--http-listen", "127.0.0.1:0", "--ready-file", ready],
            stderr=log)
        try:
            deadline = time.time() + 30
            while not os.path.exists(ready):
                CHECK.assertTrue(time.time() < deadline and proc.poll() is None,
                                 open(log_path).read())
                time.sleep(0.05)
            port = json.load(open(ready))["proto_port"]
            ctx = ssl.create_default_context(
                cafile=os.path.join(certs, "ca.pem"))
            with ctx.wrap_socket(socket.create_connection(
                    ("127.0.0.1", port), timeout=30),
                    server_hostname="127.0.0.1") as sock:
                for patient in ("P1", "P2", "P3"):
                    raise_alert(sock, patient)
            alerts = [r[0] for r in query(db, "SELECT id FROM alerts "
                                          "ORDER BY id")]
            CHECK.assertEqual(len(alerts), 3, alerts)

            ctl = [IRAECTL, "--connect", "127.0.0.1:%d" % port, "--tls-ca",
                   os.path.join(certs, "ca.pem")]
            no_env = {k: v for k, v in os.environ.items()
                      if k != "IRAED_AUTH_TOKEN"}

            def ack(alert, extra=(), env=no_env):
                return run(ctl + list(extra) + ["alerts", "ack", str(alert),
                                                "--by", "rn.jones"], env=env)

            r = ack(alerts[0])
            CHECK.assertTrue(r.returncode == 3 and "unauthenticated" in r.stderr,
                             (r.returncode, r.stderr))
            r = ack(alerts[0], ["--auth-token-file", token_files["pager"]])
            CHECK.assertTrue(r.returncode == 3 and "unauthorised: token:pager" in \
                r.stderr, r.stderr)
            r = ack(alerts[0], ["--auth-token-file", wrong])
            CHECK.assertTrue(r.returncode == 3 and "not valid" in r.stderr,
                             r.stderr)
            # The token from the environment.
            env = dict(no_env, IRAED_AUTH_TOKEN=made["rn.jones"])
            r = ack(alerts[0], env=env)
            CHECK.assertEqual(r.returncode, 0, r.stderr)
            rows = query(db, "SELECT actor, json_extract(detail, "
                         "'$.stated_by') FROM alert_events WHERE alert = ? "
                         "AND kind = 'acknowledged'", alerts[0])
            CHECK.assertEqual(rows, [("token:rn.jones", "rn.jones")], rows)
            # A client certificate that the rule names.
            r = ack(alerts[1], ["--tls-cert", os.path.join(certs,
                                                           "client.pem"),
                                "--tls-key", os.path.join(certs,
                                                          "client.key")])
            CHECK.assertEqual(r.returncode, 0, r.stderr)
            rows = query(db, "SELECT actor FROM alert_events WHERE alert = ? "
                         "AND kind = 'acknowledged'", alerts[1])
            CHECK.assertEqual(rows, [("cert:" + SUBJECT,)], rows)
            # A notifier confirms as its own consumer only.
            pager = ctl + ["--auth-token-file", token_files["pager"]]
            r = run(pager + ["alerts", "confirm", "--consumer", "pager", "1"],
                    env=no_env)
            CHECK.assertEqual(r.returncode, 0, r.stderr)
            r = run(pager + ["alerts", "confirm", "--consumer", "ward9",
                             "1"], env=no_env)
            CHECK.assertTrue(r.returncode == 3 and "notifier:ward9" in r.stderr,
                             r.stderr)
            # Revoked: refused at once, no reload.
            r = run([IRAECTL, "--tokens", tokens, "token", "revoke",
                     "rn.jones"])
            CHECK.assertEqual(r.returncode, 0, r.stderr)
            r = ack(alerts[2], env=env)
            CHECK.assertTrue(r.returncode == 3 and "not valid" in r.stderr,
                             r.stderr)
            r = run([IRAECTL, "--tokens", tokens, "token", "revoke",
                     "rn.jones"])
            CHECK.assertEqual(r.returncode, 4, r.returncode)  # no such token

            refused = query(db, "SELECT count(*) FROM messages WHERE outcome "
                            "= 'rejected' AND (reason LIKE 'unauthenticated:%'"
                            " OR reason LIKE 'unauthorised:%')")[0][0]
            CHECK.assertEqual(refused, 5, refused)
            for token in made.values():
                hits = query(db, "SELECT count(*) FROM messages WHERE "
                             "instr(raw, ?) > 0", token.encode())[0][0]
                CHECK.assertEqual(hits, 0, "a token is stored in messages.raw")
            v = run([IRAECTL, "--db", db, "audit", "verify"])
            CHECK.assertEqual(v.returncode, 0, v.stdout + v.stderr)
            # Replay takes the refusals as they were (the credential is
            # not in the raw bytes) and reproduces every row.
            rules = run([IRAECTL, "--help"]).stdout.strip().split()[-1]
            v = run([IRAECTL, "--db", db, "replay", "--rules", rules])
            CHECK.assertEqual(v.returncode, 0, v.stdout + v.stderr)

            # Reloaded with auth off: the stated --by is the actor again.
            write_conf("off")
            proc.send_signal(signal.SIGHUP)
            deadline = time.time() + 30
            while "SIGHUP: staff actions and feed confirmations are taken " \
                    "as sent" not in open(log_path).read():
                CHECK.assertLess(time.time(), deadline, open(log_path).read())
                time.sleep(0.05)
            r = ack(alerts[2])
            CHECK.assertEqual(r.returncode, 0, r.stderr)
            rows = query(db, "SELECT actor FROM alert_events WHERE alert = ? "
                         "AND kind = 'acknowledged'", alerts[2])
            CHECK.assertEqual(rows, [("rn.jones",)], rows)
            text = open(log_path).read()
            for token in made.values():
                CHECK.assertNotIn(token, text, "a token is in the log")
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
    print("auth checks passed")


if __name__ == "__main__":
    main()
