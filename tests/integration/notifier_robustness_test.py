#!/usr/bin/env python3
"""The reference notifier (deploy/iraed-notifier) never dies on an event and
refuses a bad configuration with exit status 2 (issue 11, item 4).

  - configuration errors (not JSON, an unknown key at the top, in a route or
    in retry, bad routes) and databases it cannot open: exit 2, one line
    naming what is wrong;
  - a fake iraectl printing crafted lines: bytes that are not UTF-8, a line
    that is not JSON, an unknown kind with unknown fields, the system kind
    consumer_stalled with its placeholders, an event of an odd shape: the
    notifier delivers what a route wants, skips the rest with a warning,
    confirms, and keeps running;
  - the example configuration printed by --help is valid JSON and works
    when copied (paths and commands adjusted) against the real daemon;
  - a notifier whose pager command fails: iraed marks it stalled on the
    feed, a second notifier pages the on-call engineer, and the recovery
    follows when the pager works again;
  - the real daemon with invalid UTF-8 in a stored alert (as an older iraed
    wrote it): the notifier killed (SIGKILL) mid-stream and restarted
    delivers every event in order, repeats none it confirmed, and delivers
    the one with bad bytes (as U+FFFD), never dropping it.

usage: notifier_robustness_test.py IRAED IRAECTL NOTIFIER GENERATED_PYTHON_DIR
"""
import http.server
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, sys.argv[4])
sys.path.insert(1, os.path.dirname(os.path.abspath(__file__)))
from proto_util import raise_alert  # noqa: E402
from checks import CHECK  # noqa: E402

IRAED, IRAECTL, NOTIFIER = sys.argv[1], sys.argv[2], sys.argv[3]
PASSED = []


class Daemon:
    def __init__(self, tmp, config=None):
        self.db = os.path.join(tmp, "iraed.db")
        ready = os.path.join(tmp, "ready.json")
        self.log = open(os.path.join(tmp, "iraed.log"), "w")
        argv = [IRAED, "--db", self.db, "--proto-listen", "127.0.0.1:0",
                "--mllp-listen", "", "--http-listen", "",
                "--ready-file", ready]
        if config is not None:
            conf = os.path.join(tmp, "iraed.conf")
            open(conf, "w").write(config)
            argv += ["--config", conf]
        self.proc = subprocess.Popen(argv, stderr=self.log)
        deadline = time.time() + 30
        while not os.path.exists(ready):
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("iraed did not become ready")
            time.sleep(0.01)
        self.port = json.load(open(ready))["proto_port"]
        self.connect = "127.0.0.1:%d" % self.port
        self.sock = socket.create_connection(("127.0.0.1", self.port),
                                             timeout=30)

    def position(self, consumer):
        con = sqlite3.connect("file:%s?mode=ro" % self.db, uri=True)
        try:
            row = con.execute("SELECT position FROM feed_consumers "
                              "WHERE name = ?", (consumer,)).fetchone()
            return row[0] if row else None
        finally:
            con.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)


def run_notifier(conf, timeout=20):
    return subprocess.run([sys.executable, NOTIFIER, conf],
                          capture_output=True, text=True, timeout=timeout)


def spawn(conf, err_path):
    return subprocess.Popen([sys.executable, NOTIFIER, conf],
                            stderr=open(err_path, "a"),
                            start_new_session=True)


def wait_for(predicate, what, seconds=60, proc=None, err=None):
    deadline = time.time() + seconds
    while not predicate():
        if time.time() > deadline or (proc is not None and
                                      proc.poll() is not None):
            raise AssertionError("%s never happened: %s" %
                                 (what, open(err).read() if err else ""))
        time.sleep(0.05)


def test_configuration_errors(tmp, db):
    good = {"consumer": "pager", "db": db, "routes": []}
    cases = [
        ("{not json", "not JSON"),
        ([1, 2], "a JSON object is required"),
        (dict(good, colour="red"), "unknown key 'colour'"),
        (dict(good, retry={"initial_seconds": 1, "tries": 3}),
         "retry: unknown key 'tries'"),
        (dict(good, retry={"initial_seconds": "fast"}),
         "retry.initial_seconds"),
        (dict(good, routes=[{"command": ["x"], "colour": "red"}]),
         "routes[0]: unknown key 'colour'"),
        (dict(good, routes=[{"command": ["x"], "webhook": "http://h/"}]),
         "routes[0]: exactly one of command, webhook"),
        (dict(good, routes=[{}]), "routes[0]: exactly one of"),
        (dict(good, routes=[{"command": []}]), "routes[0].command"),
        (dict(good, routes=[{"command": "send-page"}]), "routes[0].command"),
        (dict(good, routes=[{"command": ["x", "{nonsense}"]}]),
         "unknown placeholder {nonsense}"),
        (dict(good, routes=[{"webhook": "ftp://h/x"}]),
         "routes[0].webhook: an http:// or https:// URL"),
        (dict(good, routes=[{"webhook": "not a url"}]), "routes[0].webhook"),
        (dict(good, routes=[{"command": ["x"], "kinds": []}]),
         "routes[0].kinds: a non-empty list"),
        (dict(good, routes=[{"command": ["x"], "kinds": ["raisd"]}]),
         "unknown kind 'raisd'"),
        (dict(good, routes=[{"command": ["x"], "min_grade": 0}]),
         "routes[0].min_grade"),
        (dict(good, routes=[{"command": ["x"], "max_grade": 6}]),
         "routes[0].max_grade"),
        (dict(good, routes=[{"command": ["x"], "min_grade": 4,
                             "max_grade": 2}]),
         "min_grade 4 is above max_grade 2"),
        (dict(good, start="middle"), "start is newest or oldest"),
        (dict(good, consumer="pager one"), "consumer"),
        ({"db": db}, "consumer is required"),
    ]
    conf = os.path.join(tmp, "bad.json")
    for content, expected in cases:
        with open(conf, "w") as f:
            f.write(content if isinstance(content, str) else
                    json.dumps(content))
        r = run_notifier(conf)
        CHECK.assertEqual(r.returncode, 2, (content, r.returncode, r.stderr))
        CHECK.assertIn(expected, r.stderr, (expected, r.stderr))
        CHECK.assertEqual(r.stderr.count("\n"), 1, r.stderr)  # one clear line
    r = run_notifier(os.path.join(tmp, "missing.json"))
    CHECK.assertTrue(r.returncode == 2 and "cannot read it" in r.stderr,
                     r.stderr)
    # Databases it cannot open.
    not_sqlite = os.path.join(tmp, "notes.txt")
    open(not_sqlite, "w").write("hello")
    empty = os.path.join(tmp, "empty.db")
    sqlite3.connect(empty).execute("CREATE TABLE t (x)").connection.close()
    for path, expected in ((os.path.join(tmp, "absent.db"),
                            "does not exist"),
                           (not_sqlite, "cannot be read"),
                           (empty, "cannot be read")):
        with open(conf, "w") as f:
            json.dump(dict(good, db=path), f)
        r = run_notifier(conf)
        CHECK.assertEqual(r.returncode, 2, (path, r.stderr))
        CHECK.assertIn(expected, r.stderr, (expected, r.stderr))
    # An iraectl that refuses its command line (exit 2) stops it too.
    with open(conf, "w") as f:
        json.dump(dict(good, iraectl="/bin/false"), f)
    fake = os.path.join(tmp, "refuse.sh")
    with open(fake, "w") as f:
        f.write("#!/bin/sh\nexit 2\n")
    os.chmod(fake, 0o755)
    with open(conf, "w") as f:
        json.dump(dict(good, iraectl=fake), f)
    r = run_notifier(conf)
    CHECK.assertTrue(r.returncode == 2 and "refused" in r.stderr, r.stderr)
    PASSED.append("configuration errors")


FAKE_IRAECTL = r'''#!/usr/bin/env python3
import os, sys, time
out, conf = sys.argv[0] + ".lines", sys.argv[0] + ".confirmed"
if os.path.exists(conf):  # started again: hold until stopped
    time.sleep(60)
    sys.exit(0)
sys.stdout.buffer.write(open(out, "rb").read())
sys.stdout.buffer.flush()
with open(conf, "w") as c:
    for line in sys.stdin:
        c.write(line)
        c.flush()
        if line.strip() == "confirm 5":
            break
time.sleep(60)
'''


def test_crafted_lines(tmp, db):
    fake = os.path.join(tmp, "fake-iraectl")
    with open(fake, "w") as f:
        f.write(FAKE_IRAECTL)
    os.chmod(fake, 0o755)
    lines = [
        b'{"event": 1, "kind": "raised", "at": "2026-12-02T10:00:00.000Z",'
        b' "alert": 1, "patient": "H^P1", "syndrome": "Hepatitis",'
        b' "grade": 2, "state": "open", "summary": "Keytruda\xae day 3",'
        b' "action": "x", "provisional": false, "detail": {}}',
        b'garbage, not JSON {"event": 2, \xff',
        b'{"event": 3, "kind": "mystery", "at": "x", "novel": [1, 2]}',
        b'{"event": 4, "kind": "consumer_stalled", "at": "x",'
        b' "consumer": "pager", "lag_events": 12, "lag_seconds": 340,'
        b' "max_lag_seconds": 300, "detail": {"position": 7}}',
        b'{"event": 5, "kind": "raised", "grade": "two", "state": "open",'
        b' "detail": "not an object"}',
    ]
    with open(fake + ".lines", "wb") as f:
        f.write(b"\n".join(lines) + b"\n")
    record = os.path.join(tmp, "record.sh")
    with open(record, "w") as f:
        f.write('#!/bin/sh\nprintf "%%s\\n" "$*" >> %s/argv\n'
                'cat >> %s/stdin\necho >> %s/stdin\n' % (tmp, tmp, tmp))
    os.chmod(record, 0o755)
    conf = os.path.join(tmp, "crafted.json")
    with open(conf, "w") as f:
        json.dump({"consumer": "pager", "db": db, "iraectl": fake,
                   "start": "oldest",
                   "routes": [
                       {"kinds": ["raised"], "command": [record, "{kind}",
                                                         "{event}"]},
                       {"kinds": ["consumer_stalled"],
                        "command": [record, "stalled", "{consumer}",
                                    "{lag_events}", "{max_lag_seconds}",
                                    "{grade}"]}],
                   "retry": {"initial_seconds": 0.1}}, f)
    err = os.path.join(tmp, "crafted.err")
    proc = spawn(conf, err)
    try:
        wait_for(lambda: os.path.exists(fake + ".confirmed") and
                 "confirm 5" in open(fake + ".confirmed").read(),
                 "confirmation of event 5", proc=proc, err=err)
        CHECK.assertIsNone(proc.poll(), "the notifier died")
        confirmed = open(fake + ".confirmed").read().split("\n")
        CHECK.assertEqual(confirmed[:4], ["confirm 1", "confirm 3", "confirm 4",
                                 "confirm 5"], confirmed)
        argv = open(os.path.join(tmp, "argv")).read().splitlines()
        CHECK.assertEqual(argv, ["raised 1", "stalled pager 12 300 "], argv)
        stdin = open(os.path.join(tmp, "stdin"), encoding="utf-8").read()
        CHECK.assertIn("Keytruda\ufffd day 3", stdin, stdin)  # delivered, replaced
        CHECK.assertIn('"lag_events": 12', stdin, stdin)
        errors = open(err).read()
        CHECK.assertIn("unreadable feed line (event 2) after event 1", errors,
                       errors)
        CHECK.assertNotIn("garbage", errors, errors)  # never the content
        CHECK.assertIn("unknown kind 'mystery'", errors, errors)
        proc.send_signal(signal.SIGTERM)
        CHECK.assertEqual(proc.wait(timeout=30), 0)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    PASSED.append("crafted lines")


class Hook(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Hook.received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_help_example_works(tmp, daemon):
    r = subprocess.run([sys.executable, NOTIFIER, "--help"],
                       capture_output=True, text=True)
    CHECK.assertEqual(r.returncode, 0, r.stderr)
    text = r.stdout
    start = text.index("\n{", text.index("Example"))
    end = text.index("\n}\n", start) + 2
    example = json.loads(text[start:end])  # valid JSON as printed
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out = os.path.join(tmp, "example.out")
    record = os.path.join(tmp, "example.sh")
    with open(record, "w") as f:
        f.write('#!/bin/sh\necho "$*" >> %s\n' % out)
    os.chmod(record, 0o755)
    example["iraectl"] = IRAECTL
    example["db"] = daemon.db
    example["connect"] = daemon.connect
    example["start"] = "oldest"
    for route in example["routes"]:
        if "command" in route:
            route["command"][0] = record
        else:
            route["webhook"] = "http://127.0.0.1:%d/ward" % \
                server.server_address[1]
    conf = os.path.join(tmp, "example.json")
    json.dump(example, open(conf, "w"))
    raise_alert(daemon.sock, "EX1", 250)    # grade 2: the webhook route
    raise_alert(daemon.sock, "EX2", 1200)   # grade 4: the pager route
    err = os.path.join(tmp, "example.err")
    proc = spawn(conf, err)
    try:
        wait_for(lambda: (daemon.position("pager") or 0) >= 2,
                 "the example's deliveries", proc=proc, err=err)
        CHECK.assertEqual([e["grade"] for e in Hook.received], [2],
                          Hook.received)
        lines = open(out).read().splitlines()
        CHECK.assertEqual(lines,
                          ["--to primary nurse --text Hepatitis grade 4"],
                          lines)
        proc.send_signal(signal.SIGTERM)
        CHECK.assertEqual(proc.wait(timeout=30), 0)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        server.shutdown()
    PASSED.append("help example")


def delivered(path):
    out = []
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                out.append(json.loads(line))
    return out


def test_killed_on_bad_bytes(tmp, daemon):
    for i in range(6):
        raise_alert(daemon.sock, "BB%d" % i)
    # As an older iraed stored it: a Latin-1 byte in the alert's text.
    con = sqlite3.connect(daemon.db)
    con.execute("UPDATE alerts SET summary = CAST(X'4B65797472756461AE2064"
                "6179' AS TEXT) WHERE patient_id = (SELECT id FROM patients "
                "WHERE identifier = 'BB2')")
    con.commit()
    con.close()
    first = None
    con = sqlite3.connect("file:%s?mode=ro" % daemon.db, uri=True)
    rows = con.execute("SELECT e.id FROM alert_events e JOIN alerts a ON "
                       "a.id = e.alert JOIN patients p ON p.id = a.patient_id"
                       " WHERE p.identifier LIKE 'BB%' ORDER BY e.id")
    ids = [r[0] for r in rows]
    con.close()
    first, last = ids[0], ids[-1]
    out = os.path.join(tmp, "bb.jsonl")
    conf = os.path.join(tmp, "bb.json")
    json.dump({"consumer": "bb", "db": daemon.db, "iraectl": IRAECTL,
               "connect": daemon.connect, "start": "oldest",
               # One write per event (the line and its newline together):
               # the kill may land at any moment, and a JSON object written
               # without its newline would run into the next delivery's.
               "routes": [{"kinds": ["raised"], "command": [
                   "/bin/sh", "-c", "printf '%%s\\n' \"$(cat)\" >> %s; "
                   "sleep 0.3" % out]}],
               "retry": {"initial_seconds": 0.1}}, open(conf, "w"))
    err = os.path.join(tmp, "bb.err")
    proc = spawn(conf, err)
    try:
        wait_for(lambda: len([e for e in delivered(out)
                              if e["event"] >= first]) >= 3,
                 "three deliveries", proc=proc, err=err)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        confirmed = daemon.position("bb")
        proc = spawn(conf, err)
        wait_for(lambda: daemon.position("bb") == last,
                 "every event confirmed", proc=proc, err=err)
        proc.send_signal(signal.SIGTERM)
        CHECK.assertEqual(proc.wait(timeout=30), 0)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    got = [e for e in delivered(out) if e["event"] >= first]
    times = {}
    for e in got:
        times[e["event"]] = times.get(e["event"], 0) + 1
    for i in ids:
        CHECK.assertGreaterEqual(times.get(i, 0), 1, "event %d was lost" % i)
        if i <= confirmed:
            CHECK.assertEqual(times[i], 1,
                              "confirmed event %d was repeated" % i)
    for a, b in zip(got, got[1:]):
        CHECK.assertTrue(b["event"] == a["event"] + 1 or b["event"] <= a["event"],
                         got)
    bad = [e for e in got if "Keytruda\ufffd day" in e["summary"]]
    CHECK.assertTrue(bad, "the event with bad bytes was dropped")
    PASSED.append("killed and restarted on bad bytes")


def test_failing_pager_pages_the_on_call_engineer(tmp):
    """A notifier whose pager command fails stops confirming: iraed puts
    consumer_stalled on the feed, a second notifier pages the on-call
    engineer with it, and consumer_recovered follows once the pager works."""
    daemon = Daemon(tmp, "alerting { consumer_max_lag_seconds: 1 }\n")
    procs = []
    try:
        broken = os.path.join(tmp, "pager-broken")
        open(broken, "w").close()
        pager_cmd = os.path.join(tmp, "pager.sh")
        with open(pager_cmd, "w") as f:
            f.write("#!/bin/sh\n[ -e %s ] && exit 1\ncat >/dev/null\n"
                    % broken)
        os.chmod(pager_cmd, 0o755)
        oncall_out = os.path.join(tmp, "oncall.out")
        oncall_cmd = os.path.join(tmp, "oncall.sh")
        with open(oncall_cmd, "w") as f:
            f.write('#!/bin/sh\necho "$*" >> %s\n' % oncall_out)
        os.chmod(oncall_cmd, 0o755)
        base = {"db": daemon.db, "iraectl": IRAECTL,
                "connect": daemon.connect, "start": "newest",
                "retry": {"initial_seconds": 0.1, "max_seconds": 0.5}}
        pager_conf = os.path.join(tmp, "pager.json")
        json.dump(dict(base, consumer="pager", routes=[
            {"kinds": ["raised", "escalated"], "command": [pager_cmd]}]),
            open(pager_conf, "w"))
        oncall_conf = os.path.join(tmp, "oncall.json")
        json.dump(dict(base, consumer="oncall", routes=[
            {"kinds": ["consumer_stalled", "consumer_recovered"],
             "command": [oncall_cmd, "{kind}", "{consumer}",
                         "{max_lag_seconds}"]}]), open(oncall_conf, "w"))
        for conf, name in ((pager_conf, "pager"), (oncall_conf, "oncall")):
            procs.append(spawn(conf, os.path.join(tmp, name + ".err")))
            wait_for(lambda: daemon.position(name) is not None,
                     name + " registered", proc=procs[-1],
                     err=os.path.join(tmp, name + ".err"))
        raise_alert(daemon.sock, "ST1")
        wait_for(lambda: os.path.exists(oncall_out) and
                 "consumer_stalled pager 1" in open(oncall_out).read(),
                 "the on-call page", err=os.path.join(tmp, "oncall.err"))
        CHECK.assertIn("exited 1", open(os.path.join(tmp, "pager.err")).read())
        stats = subprocess.run([IRAECTL, "--db", daemon.db, "--json",
                                "stats"], capture_output=True, text=True)
        figures = {r["figure"]: r["value"] for r in json.loads(stats.stdout)}
        CHECK.assertEqual(figures["consumer.pager.stalled"], 1, figures)
        CHECK.assertGreaterEqual(figures["consumer.pager.lag_events"], 1,
                                 figures)
        CHECK.assertGreaterEqual(figures["consumer.pager.lag_seconds"], 1,
                                 figures)
        os.remove(broken)  # the pager gateway is back
        wait_for(lambda: "consumer_recovered pager 1" in
                 open(oncall_out).read(), "the recovery page",
                 err=os.path.join(tmp, "oncall.err"))
        log = open(os.path.join(tmp, "iraed.log")).read()
        CHECK.assertIn("feed consumer 'pager' is stalled", log, log)
        CHECK.assertNotIn("ST1", log, log)  # no patient identifier
        for p in procs:
            p.send_signal(signal.SIGTERM)
            CHECK.assertEqual(p.wait(timeout=30), 0)
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
        daemon.stop()
    PASSED.append("failing pager pages the on-call engineer")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        stall_dir = os.path.join(tmp, "stall")
        os.mkdir(stall_dir)
        test_failing_pager_pages_the_on_call_engineer(stall_dir)
        daemon = Daemon(tmp)
        try:
            test_configuration_errors(tmp, daemon.db)
            test_crafted_lines(tmp, daemon.db)
            test_help_example_works(tmp, daemon)
            test_killed_on_bad_bytes(tmp, daemon)
            daemon.stop()
            CHECK.assertEqual(daemon.proc.returncode, 0)
        finally:
            if daemon.proc.poll() is None:
                daemon.proc.kill()
    print("%d passed, 0 failed: %s" % (len(PASSED), ", ".join(PASSED)))


if __name__ == "__main__":
    main()
