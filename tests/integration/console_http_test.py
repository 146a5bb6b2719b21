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
- the board, alert and patient pages name the patient and the ward the
  native feed gave (never in the log), and the ward filter keeps one ward
  or the patients without one;
- pharmacovigilance lands on the findings page; its episode download is
  byte for byte `iraectl export`'s and audited (console_export); admins
  land on the operations page (feeds, consumers, rejected messages, data
  quality, unmapped codes) and every patient page refuses them (403,
  console_page_refused);
- a POST without the CSRF token, or from another origin, is refused and
  changes nothing; sign-out with the token ends the session;
- a user removed from the users file is signed out at the next request;
- every sign-in, failed sign-in, refused form, board view and sign-out is
  an entry in the audit trail, which still verifies.

usage: console_http_test.py IRAED IRAECTL GENERATED_PYTHON_DIR
"""
import csv
import http.client
import io
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
from proto_util import exchange, pb, raise_alert, roundtrip  # noqa: E402
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


def send_values(sock, message_id, values):
    """One ObservationBatch for P1 of PYHOSP: (system, code, value or None,
    unit, status, result_id, seconds) each; display text hostile."""
    env = pb.Envelope(message_id=message_id, source="ward-obs")
    batch = env.observations
    batch.patient.id = "P1"
    batch.patient.assigning_authority = "PYHOSP"
    for system, code, value, unit, status, result_id, at in values:
        o = batch.observations.add()
        o.code.system = system
        o.code.code = code
        o.code.display = "<img src=x onerror=alert(1)>"
        if value is not None:
            o.numeric = value
        o.unit = unit
        o.status = status
        o.observed_at.FromSeconds(at)
        o.result_id = result_id
    roundtrip(sock, env)


def plot_values(page, plot):
    """The values of one plot of a patient page, and its data-points."""
    m = re.search(r'<figure class="plot" id="plot-%s">(.*?)</figure>' % plot,
                  page, re.S)
    CHECK.assertIsNotNone(m, plot)
    points = re.search(r'data-points="(\d+)"', m.group(1)).group(1)
    values = [float(v) for v in
              re.findall(r'class="point"[^>]*data-value="([^"]+)"',
                         m.group(1))]
    CHECK.assertEqual(int(points), len(values), plot)
    return values


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
                           ("pv.smith", "pharmacovigilance"),
                           ("ops.admin", "admin")):
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
            ("pv.smith", "pharmacovigilance"), ("ops.admin", "admin")])
        text = open(users).read()
        CHECK.assertNotIn(PASSWORD, text)
        CHECK.assertEqual(len(re.findall(r"\$argon2id\$v=19\$m=19456,t=2,p=1\$",
                                         text)), 4, text)
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
            raise_alert(proto, "P1", name="DOE, Jane", ward="5 West")
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
            CHECK.assertIn("<strong>DOE, Jane</strong>", board)
            CHECK.assertIn('<td class="ward">5 West</td>', board)
            CHECK.assertIn('<option value="5 West">5 West</option>', board)
            CHECK.assertIn('<option value="-">No ward given</option>', board)
            CHECK.assertIn("P3&lt;i&gt;x&lt;/i&gt; (PYHOSP)", board)
            CHECK.assertNotIn("<i>x</i>", board)
            CHECK.assertIn('<span id="board-count">2</span>', board)
            CHECK.assertIn("rn.jones", board)
            CHECK.assertIn("Times in Europe/Paris", board)
            csrf = b.form_token(board)

            # Live: an alert raised while the stream is open is announced.
            def open_stream():
                sock = socket.create_connection(
                    ("127.0.0.1", info["http_port"]), timeout=1)
                sock.sendall(("GET /events HTTP/1.1\r\nHost: x\r\nCookie: "
                              "iraed_session=%s\r\n\r\n"
                              % b.cookies["iraed_session"]).encode())
                head = b""
                while b"\r\n\r\n" not in head:
                    head += sock.recv(4096)
                CHECK.assertIn(b"200", head.split(b"\r\n")[0])
                CHECK.assertIn(b"text/event-stream", head)
                return sock

            # One session holds at most four streams: a fifth closes the
            # oldest (the server ends it), the others stay open.
            streams = [open_stream() for _ in range(5)]
            closed_at = time.time() + 10
            ended = False
            while time.time() < closed_at and not ended:
                try:
                    ended = streams[0].recv(4096) == b""
                except socket.timeout:
                    pass
            CHECK.assertTrue(ended, "the oldest of five streams stays open")
            for sock in streams:
                sock.close()
            events = open_stream()
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

            # The ward filter: one ward, or the patients no feed placed.
            res, rows = b.request("GET", "/board/rows?ward=5%20West")
            CHECK.assertIn("P1 (PYHOSP)", rows)
            CHECK.assertNotIn("P2 (PYHOSP)", rows)
            res, rows = b.request("GET", "/board/rows?ward=-")
            CHECK.assertNotIn("P1 (PYHOSP)", rows)
            CHECK.assertIn("P2 (PYHOSP)", rows)
            CHECK.assertIn("P3&lt;i&gt;x&lt;/i&gt; (PYHOSP)", rows)
            res, page = b.request("GET", "/board?ward=5%20West&syndrome=CRS")
            CHECK.assertIn("No open alerts.", page)
            CHECK.assertIn('<option value="5 West" selected>', page)
            # The patient and alert pages name the patient and the ward.
            res, page = b.request("GET", "/patients/PYHOSP/P1")
            CHECK.assertEqual(res.status, 200)
            CHECK.assertIn("<title>Patient DOE, Jane · iraed</title>", page)
            CHECK.assertIn("DOE, Jane · P1 (PYHOSP)", page)
            CHECK.assertIn("<dt>Ward</dt><dd>5 West</dd>", page)
            alert_id = query(db, "SELECT a.id FROM alerts a JOIN patients p "
                             "ON p.id = a.patient_id WHERE p.identifier = "
                             "'P1'")[0][0]
            res, page = b.request("GET", "/alerts/%d" % alert_id)
            CHECK.assertIn("DOE, Jane · P1 (PYHOSP)", page)
            # The patient page charts values as the graders read them: a
            # correction replaces what it corrects, a cancelled result is
            # withdrawn; what the feed sent is escaped.
            final, corrected, cancelled = (pb.RESULT_STATUS_FINAL,
                                           pb.RESULT_STATUS_CORRECTED,
                                           pb.RESULT_STATUS_CANCELLED)
            send_values(proto, "vitals-1", [
                ("LN", "8310-5", 39.5, "Cel", final, "t1", 1790000100),
                ("LN", "8310-5", 40.1, "Cel", final, "t2", 1790000200),
                ("IRAED", "ICE-SCORE", 7, "{score}", final, "i1", 1790000300),
                ("LN", "751-8", 0.4, "10*9/L", final, "n1", 1790000400)])
            send_values(proto, "vitals-2", [
                ("LN", "8310-5", 38.2, "Cel", corrected, "t1", 1790000100),
                ("LN", "8310-5", None, "Cel", cancelled, "t2", 1790000200)])
            res, page = b.request("GET", "/patients/PYHOSP/P1")
            CHECK.assertEqual(res.status, 200)
            CHECK.assertEqual(plot_values(page, "temperature"), [38.2])
            CHECK.assertEqual(plot_values(page, "ice"), [7.0])
            CHECK.assertEqual(plot_values(page, "anc"), [0.4])
            CHECK.assertEqual(plot_values(page, "alt"), [250.0])
            CHECK.assertNotIn("<img src=x", page)

            # Never in the log (identifying data).
            log.flush()
            CHECK.assertNotIn("DOE, Jane", open(log_path).read())

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

            # Pharmacovigilance: lands on the findings page; its export is
            # iraectl's, byte for byte, and audited.
            pv = Browser(info["http_port"])
            res, _ = pv.sign_in("pv.smith", PASSWORD)
            CHECK.assertEqual(res.getheader("Location"), "/findings")
            period = "from=2026-09-01&through=2026-10-31"
            res, page = pv.request("GET", "/findings?" + period)
            CHECK.assertEqual(res.status, 200, page)
            CHECK.assertIn('href="/patients/PYHOSP/P1">P1</a>', page)
            CHECK.assertIn("Findings and exports</a>", page)  # its menu
            res, exported = pv.request(
                "GET", "/findings/export?level=episode&format=csv&ctcae=5.0&"
                + period)
            CHECK.assertEqual(res.status, 200, exported)
            CHECK.assertIn("attachment", res.getheader("Content-Disposition"))
            CHECK.assertEqual(res.getheader("Cache-Control"), "no-store")
            r = subprocess.run(
                [IRAECTL, "--db", db, "export", "--from", "2026-09-01",
                 "--to", "2026-11-01", "--time-zone", "Europe/Paris"],
                capture_output=True, timeout=60)
            CHECK.assertEqual(r.returncode, 0, r.stderr)
            CHECK.assertEqual(exported, r.stdout.decode("utf-8"))
            episodes = list(csv.DictReader(io.StringIO(exported)))
            CHECK.assertIn(("P1", "PYHOSP"),
                           [(e["patient"], e["assigning_authority"])
                            for e in episodes])
            # Both CTCAE versions, as --ctcae-version all.
            res, both = pv.request("GET", "/findings/export?level=episode&"
                                   "format=csv&ctcae=all&" + period)
            r = subprocess.run(
                [IRAECTL, "--db", db, "export", "--from", "2026-09-01",
                 "--to", "2026-11-01", "--time-zone", "Europe/Paris",
                 "--ctcae-version", "all"], capture_output=True, timeout=60)
            CHECK.assertEqual(both, r.stdout.decode("utf-8"))
            systems = lambda text: {e["grading_system"] for e in
                                    csv.DictReader(io.StringIO(text))}
            CHECK.assertIn("CTCAE 6.0", systems(both))
            CHECK.assertNotIn("CTCAE 6.0", systems(exported))
            res, jsonl = pv.request(
                "GET", "/findings/export?level=finding&format=json&ctcae=6.0&"
                + period)
            CHECK.assertEqual(res.status, 200)
            CHECK.assertTrue(all(json.loads(line)["patient"] for line in
                                 jsonl.splitlines()), jsonl)
            # An export says what it exports: level, format, CTCAE rows
            # and both dates, else 400 (no silent default period).
            for bad_query in ("level=all&format=csv&ctcae=5.0&" + period,
                          "level=episode&format=csv&" + period,
                          "level=episode&format=csv&ctcae=5&" + period,
                          "level=episode&format=csv&ctcae=5.0",
                          "level=episode&format=csv&ctcae=5.0&"
                          "from=2026-09-01"):
                res, _ = pv.request("GET", "/findings/export?" + bad_query)
                CHECK.assertEqual(res.status, 400, bad_query)
            res, _ = pv.request("HEAD", "/findings/export?level=episode&"
                                "format=csv&ctcae=5.0&" + period)
            CHECK.assertEqual(res.status, 405)
            res, _ = pv.request("GET", "/operations")
            CHECK.assertEqual(res.status, 403)
            res, _ = pv.request("GET", "/board")
            CHECK.assertEqual(res.status, 200)  # reads, does not act

            # Admin: the operations page, and no patient data, even when a
            # sender puts the patient in its message id.
            bad = pb.Envelope(message_id="bad-P1", source="lab")
            bad.observations.patient.id = "P1"
            bad_ack = exchange(proto, bad)
            CHECK.assertEqual(bad_ack.status, pb.ACK_STATUS_REJECTED, bad_ack)
            admin = Browser(info["http_port"])
            res, _ = admin.sign_in("ops.admin", PASSWORD)
            CHECK.assertEqual(res.getheader("Location"), "/operations")
            res, page = admin.request("GET", "/operations")
            CHECK.assertEqual(res.status, 200, page)
            for section in ("Feeds", "Consumers", "Rejected messages",
                            "Data quality", "Unmapped codes"):
                CHECK.assertIn(">%s</h2>" % section, page)
            CHECK.assertIn("<td>pharmacy</td><td>protobuf</td>", page)
            CHECK.assertNotIn("No message was rejected.", page)
            CHECK.assertNotIn("P1", page)
            CHECK.assertNotIn("DOE", page)
            res, _ = admin.request("POST", "/alerts/%d/acknowledge" % alert_id,
                                   {"csrf": admin.form_token(page),
                                    "nonce": "b" * 64})
            CHECK.assertEqual(res.status, 403)
            for path in ("/board", "/board/rows", "/events",
                         "/patients/PYHOSP/P1", "/alerts/%d" % alert_id,
                         "/findings"):
                res, _ = admin.request("GET", path)
                CHECK.assertEqual(res.status, 403, path)
            res, _ = admin.request("GET", "/")
            CHECK.assertEqual(res.getheader("Location"), "/operations")

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
                               ("ops.admin", "admin", "127.0.0.1"),
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
            CHECK.assertIn(("findings", "2026-09-01/2026-10-31"),
                           [(v["page"], v.get("period")) for v in views])
            CHECK.assertIn("operations", [v["page"] for v in views])
            exports = [json.loads(d) for k, d in entries
                       if k == "console_export"]
            CHECK.assertEqual([(e["user"], e["level"], e["format"])
                               for e in exports],
                              [("pv.smith", "episode", "csv"),
                               ("pv.smith", "episode", "csv"),
                               ("pv.smith", "finding", "json")])
            CHECK.assertEqual([e["ctcae"] for e in exports],
                              ["5.0", "all", "6.0"])
            CHECK.assertGreater(exports[0]["rows"], 0)
            page_refused = [json.loads(d) for k, d in entries
                            if k == "console_page_refused"]
            CHECK.assertEqual(len(page_refused), 8, page_refused)
            CHECK.assertEqual(page_refused[0]["path"], "/operations")
            # /metrics counts what the audit trail holds.
            res, metrics = b.request("GET", "/metrics")
            CHECK.assertEqual(res.status, 200)
            counted = dict(re.findall(
                r'^iraed_console_refusals_total\{reason="(\w+)"\} (\d+)',
                metrics, re.M))
            CHECK.assertEqual(int(counted["csrf"]),
                              kinds.count("console_csrf_refused"), metrics)
            CHECK.assertEqual(int(counted["role"]),
                              kinds.count("console_page_refused") +
                              kinds.count("console_action_refused"))
            CHECK.assertEqual(int(counted["sign_in"]),
                              kinds.count("console_sign_in_failed"))
            CHECK.assertEqual((counted["busy"], counted["audit"]), ("0", "0"))
            CHECK.assertIn("\niraed_console_feed_readable 1", metrics)
            CHECK.assertRegex(metrics, r"\niraed_console_live_streams \d+")
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
