#!/usr/bin/env python3
"""The nurse console over plain HTTP against the real daemon (issue 16):

- `iraectl users add|list|passwd|remove` keeps Argon2id hashes only, in an
  owner-only file, and refuses a short password and an unknown role;
- without a session a page redirects to /signin and a fragment answers 401;
- the sign-in form's token is a double-submit cookie: a POST without it is
  refused; a wrong password is refused with the same words as an unknown
  name; five failures in a row lock the name (even the right password is
  then refused) and the lock is logged;
- a right sign-in sets an HttpOnly, SameSite=Strict session cookie (no
  Secure over plain HTTP) and leads to the board, which lists the open
  alert with its grade in words, escapes what the feed sent, and carries a
  Content-Security-Policy;
- the board's live stream (server-sent events) announces an alert raised
  after it opened;
- a POST without the CSRF token, or from another origin, is refused and
  changes nothing; sign-out with the token ends the session;
- a user removed from the users file is signed out at the next request;
- every sign-in, failed sign-in, refused form, board view and sign-out is
  an entry in the audit trail, which still verifies.

usage: console_http_test.py IRAED IRAECTL GENERATED_PYTHON_DIR
"""
import http.client
import json
import os
import re
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import urllib.parse

if len(sys.argv) != 4:
    sys.exit(__doc__)
IRAED, IRAECTL = sys.argv[1], sys.argv[2]
sys.path.insert(0, sys.argv[3])
sys.path.insert(1, os.path.dirname(os.path.abspath(__file__)))
from proto_util import raise_alert  # noqa: E402
from checks import CHECK  # noqa: E402

PASSWORD = "correct horse battery"


def query(db, sql, *args):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def run(argv, stdin=None):
    return subprocess.run(argv, capture_output=True, text=True, input=stdin,
                          timeout=60)


class Browser:
    """Just enough of a browser: cookies by name, no automatic redirect."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=h)
        res = conn.getresponse()
        text = res.read().decode("utf-8")
        for name, value in res.getheaders():
            if name.lower() != "set-cookie":
                continue
            cname, cvalue = value.split(";")[0].split("=", 1)
            if "Max-Age=0" in value:
                self.cookies.pop(cname, None)
            else:
                self.cookies[cname] = cvalue
        conn.close()
        return res, text

    def form_token(self, html):
        m = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
        CHECK.assertIsNotNone(m, html)
        return m.group(1)

    def sign_in(self, name, password):
        res, html = self.request("GET", "/signin")
        CHECK.assertEqual(res.status, 200, html)
        return self.request("POST", "/signin", {
            "csrf": self.form_token(html), "name": name,
            "password": password})


def read_event(sock, kind, deadline):
    """Reads server-sent events until one of `kind` arrives."""
    buf = b""
    while time.time() < deadline:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            continue
        CHECK.assertTrue(chunk, "the event stream closed")
        buf += chunk
        if ("event: %s\n" % kind).encode() in buf:
            return buf.decode()
    CHECK.fail("no %s event: %r" % (kind, buf))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        users = os.path.join(tmp, "console-users")
        # Accounts: Argon2id hashes only, owner-only file.
        for name, role in (("rn.jones", "nurse"), ("dr.who", "physician"),
                           ("pv.smith", "pharmacovigilance")):
            r = run([IRAECTL, "users", "--users", users, "add", name,
                     "--role", role, "--password-stdin"], PASSWORD + "\n")
            CHECK.assertEqual(r.returncode, 0, r.stderr)
        r = run([IRAECTL, "users", "--users", users, "add", "short",
                 "--role", "nurse", "--password-stdin"], "too short\n")
        CHECK.assertTrue(r.returncode == 2 and "at least 12" in r.stderr,
                         r.stderr)
        r = run([IRAECTL, "users", "--users", users, "add", "x",
                 "--role", "root", "--password-stdin"], PASSWORD + "\n")
        CHECK.assertTrue(r.returncode == 2 and "--role" in r.stderr, r.stderr)
        r = run([IRAECTL, "users", "--users", users, "add", "rn.jones",
                 "--role", "nurse", "--password-stdin"], PASSWORD + "\n")
        CHECK.assertTrue(r.returncode == 1 and "exists" in r.stderr, r.stderr)
        listed = json.loads(run([IRAECTL, "users", "--users", users, "list",
                                 "--json"]).stdout)
        CHECK.assertEqual([(u["name"], u["role"]) for u in listed], [
            ("rn.jones", "nurse"), ("dr.who", "physician"),
            ("pv.smith", "pharmacovigilance")])
        text = open(users).read()
        CHECK.assertNotIn(PASSWORD, text)
        CHECK.assertEqual(len(re.findall(r"\$argon2id\$v=19\$m=19456,t=2,p=1\$",
                                         text)), 3, text)
        CHECK.assertEqual(stat.S_IMODE(os.stat(users).st_mode), 0o600)

        conf = os.path.join(tmp, "iraed.conf")
        with open(conf, "w") as f:
            f.write('console { enabled: true users_file: "%s" }\n' % users)
            f.write('mllp_listener { site_time_zone: "Europe/Paris" }\n')
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
            info = json.load(open(ready))
            CHECK.assertTrue(info["console"], info)
            proto = socket.create_connection(("127.0.0.1", info["proto_port"]),
                                             timeout=30)
            raise_alert(proto, "P1")
            raise_alert(proto, "P3<i>x</i>")  # escaped wherever shown
            b = Browser(info["http_port"])

            # Not signed in.
            res, _ = b.request("GET", "/board")
            CHECK.assertEqual((res.status, res.getheader("Location")),
                              (303, "/signin"))
            res, _ = b.request("GET", "/board/rows")
            CHECK.assertEqual(res.status, 401)
            res, _ = b.request("GET", "/metrics")
            CHECK.assertEqual(res.status, 200)  # operations stay open

            # The sign-in form's token.
            res, html = b.request("GET", "/signin")
            cookie = res.getheader("Set-Cookie")
            CHECK.assertIn("HttpOnly", cookie)
            CHECK.assertIn("SameSite=Strict", cookie)
            CHECK.assertIn("Times in Europe/Paris", html)
            res, html = b.request("POST", "/signin", {
                "csrf": "0" * 64, "name": "rn.jones", "password": PASSWORD})
            CHECK.assertEqual(res.status, 401, html)
            CHECK.assertIn("expired", html)
            CHECK.assertNotIn("iraed_session", b.cookies)

            # Wrong password and unknown name: the same words.
            res, wrong = b.sign_in("rn.jones", "not the password")
            CHECK.assertEqual(res.status, 401)
            res, unknown = b.sign_in("nobody", PASSWORD)
            CHECK.assertEqual(res.status, 401)
            for page in (wrong, unknown):
                CHECK.assertIn("Name or password not recognised.", page)

            # A name of 10 000 bytes: refused, kept short in the audit trail.
            res, _ = b.sign_in("x" * 10000, PASSWORD)
            CHECK.assertEqual(res.status, 401)

            # Lock-out: five failures in a row.
            for _ in range(4):
                res, page = b.sign_in("dr.who", "wrong password!")
            CHECK.assertIn("Name or password not recognised.", page)
            res, page = b.sign_in("dr.who", "wrong password!")
            CHECK.assertEqual(res.status, 401)
            CHECK.assertIn("Too many failed sign-ins", page)
            res, page = b.sign_in("dr.who", PASSWORD)
            CHECK.assertEqual(res.status, 401)
            CHECK.assertIn("Too many failed sign-ins", page)
            CHECK.assertNotIn("iraed_session", b.cookies)

            # A right sign-in.
            res, _ = b.sign_in("rn.jones", PASSWORD)
            CHECK.assertEqual((res.status, res.getheader("Location")),
                              (303, "/board"))
            session_cookie = [v for k, v in res.getheaders()
                              if k.lower() == "set-cookie"
                              and v.startswith("iraed_session=")][0]
            for attribute in ("HttpOnly", "SameSite=Strict", "Path=/"):
                CHECK.assertIn(attribute, session_cookie)
            CHECK.assertNotIn("Secure", session_cookie)  # plain HTTP
            res, board = b.request("GET", "/board")
            CHECK.assertEqual(res.status, 200, board)
            CHECK.assertIn("default-src 'none'",
                           res.getheader("Content-Security-Policy"))
            CHECK.assertEqual(res.getheader("X-Frame-Options"), "DENY")
            CHECK.assertIn("Hepatitis", board)
            CHECK.assertIn("Grade 2 · moderate", board)
            CHECK.assertIn("P1 (PYHOSP)", board)
            CHECK.assertIn("P3&lt;i&gt;x&lt;/i&gt; (PYHOSP)", board)
            CHECK.assertNotIn("<i>x</i>", board)
            CHECK.assertIn('<span id="board-count">2</span>', board)
            CHECK.assertIn("rn.jones", board)
            CHECK.assertIn("Times in Europe/Paris", board)
            csrf = b.form_token(board)

            # Live: an alert raised while the stream is open is announced.
            events = socket.create_connection(("127.0.0.1", info["http_port"]),
                                              timeout=1)
            events.sendall(("GET /events HTTP/1.1\r\nHost: x\r\nCookie: "
                            "iraed_session=%s\r\n\r\n"
                            % b.cookies["iraed_session"]).encode())
            buf = b""
            while b"\r\n\r\n" not in buf:
                buf += events.recv(4096)
            CHECK.assertIn(b"200", buf.split(b"\r\n")[0])
            CHECK.assertIn(b"text/event-stream", buf)
            time.sleep(0.5)  # the feed watcher has seen the newest event
            raise_alert(proto, "P2", 1200)
            read_event(events, "alert", time.time() + 15)
            events.close()
            res, rows = b.request("GET", "/board/rows")
            CHECK.assertEqual(res.status, 200)
            CHECK.assertIn("P2 (PYHOSP)", rows)
            CHECK.assertIn("Grade 4 · life-threatening", rows)
            CHECK.assertLess(rows.index("P2 (PYHOSP)"),
                             rows.index("P1 (PYHOSP)"))  # worst first

            # CSRF: without the token, or from another origin: refused.
            res, page = b.request("POST", "/signout", {"csrf": "f" * 64})
            CHECK.assertEqual(res.status, 403, page)
            res, page = b.request("POST", "/signout", {"csrf": csrf},
                                  {"Origin": "http://evil.example"})
            CHECK.assertEqual(res.status, 403, page)
            res, _ = b.request("GET", "/board")
            CHECK.assertEqual(res.status, 200)  # still signed in

            # Sign-out with the token.
            res, _ = b.request("POST", "/signout", {"csrf": csrf})
            CHECK.assertEqual((res.status, res.getheader("Location")),
                              (303, "/signin"))
            CHECK.assertNotIn("iraed_session", b.cookies)
            res, _ = b.request("GET", "/board")
            CHECK.assertEqual(res.status, 303)

            # A new password signs the user out everywhere.
            c = Browser(info["http_port"])
            res, _ = c.sign_in("pv.smith", PASSWORD)
            CHECK.assertEqual(res.status, 303)
            CHECK.assertEqual(c.request("GET", "/board")[0].status, 200)
            r = run([IRAECTL, "users", "--users", users, "passwd", "pv.smith",
                     "--password-stdin"], "another long secret\n")
            CHECK.assertEqual(r.returncode, 0, r.stderr)
            CHECK.assertEqual(c.request("GET", "/board")[0].status, 303)
            res, _ = c.sign_in("pv.smith", PASSWORD)
            CHECK.assertEqual(res.status, 401)
            res, _ = c.sign_in("pv.smith", "another long secret")
            CHECK.assertEqual(res.status, 303)
            CHECK.assertEqual(c.request("GET", "/board")[0].status, 200)

            # A removed user is signed out at the next request.
            r = run([IRAECTL, "users", "--users", users, "remove", "pv.smith"])
            CHECK.assertEqual(r.returncode, 0, r.stderr)
            CHECK.assertEqual(c.request("GET", "/board")[0].status, 303)
            r = run([IRAECTL, "users", "--users", users, "remove", "pv.smith"])
            CHECK.assertEqual(r.returncode, 4, r.stderr)

            # The audit trail.
            entries = query(db, "SELECT kind, detail FROM audit_log WHERE "
                            "kind LIKE 'console_%' ORDER BY id")
            kinds = [k for k, _ in entries]
            for kind in ("console_sign_in", "console_sign_in_failed",
                         "console_view", "console_csrf_refused",
                         "console_sign_out"):
                CHECK.assertIn(kind, kinds)
            failed = [json.loads(d) for k, d in entries
                      if k == "console_sign_in_failed"]
            reasons = [(f["user"], f["reason"]) for f in failed]
            CHECK.assertIn(("rn.jones", "wrong password"), reasons)
            CHECK.assertIn(("nobody", "unknown user"), reasons)
            CHECK.assertIn(("x" * 64 + "... (10000 bytes)", "unknown user"),
                           reasons)
            CHECK.assertIn(("dr.who", "locked out after repeated failures"),
                           reasons)
            signed_in = [json.loads(d) for k, d in entries
                         if k == "console_sign_in"]
            CHECK.assertEqual([(s["user"], s["role"], s["from"])
                               for s in signed_in],
                              [("rn.jones", "nurse", "127.0.0.1"),
                               ("pv.smith", "pharmacovigilance",
                                "127.0.0.1"),
                               ("pv.smith", "pharmacovigilance",
                                "127.0.0.1")])
            refused = [json.loads(d)["reason"] for k, d in entries
                       if k == "console_csrf_refused"]
            CHECK.assertEqual(refused, ["CSRF token missing or wrong",
                                        "posted from another origin"])
            views = [json.loads(d) for k, d in entries if k == "console_view"]
            CHECK.assertEqual(views[0]["page"], "board")
            # The lock-out was logged (without a password).
            log.flush()
            text = open(log_path).read()
            CHECK.assertIn("locked out", text)
            CHECK.assertNotIn(PASSWORD, text)
            proto.close()
        finally:
            proc.terminate()
            CHECK.assertEqual(proc.wait(timeout=60), 0)
        r = run([IRAECTL, "--db", db, "audit", "verify"])
        CHECK.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        print("console over HTTP: sign-in, lock-out, board, live, CSRF, "
              "audit: ok")


if __name__ == "__main__":
    main()
