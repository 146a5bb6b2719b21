#!/usr/bin/env python3
"""The reference notifier (deploy/iraed-notifier) with a webhook route.

Starts the real daemon, raises two alerts (nivolumab patients with an ALT
of 250 U/L), acknowledges the second, and runs the notifier against a local
HTTP server that answers 500 to the first two deliveries. Checks that the
notifier retries until the webhook takes the event, confirms only then (the
consumer's position in the database moves on), routes by grade (a
grade-3-only route gets nothing), skips the alert acknowledged before it
was read (stale), and stops cleanly on SIGTERM.

usage: notifier_webhook_test.py IRAED IRAECTL NOTIFIER GENERATED_PYTHON_DIR
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
from iraed.v1 import ingest_pb2 as pb  # noqa: E402
from proto_util import raise_alert, roundtrip  # noqa: E402
from checks import CHECK  # noqa: E402

ATTEMPTS = []  # bodies received, in order
FAILURES_LEFT = [2]


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        ATTEMPTS.append((self.path, json.loads(body)))
        if FAILURES_LEFT[0] > 0:
            FAILURES_LEFT[0] -= 1
            self.send_response(500)
        else:
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def acknowledge(sock, alert):
    env = pb.Envelope(message_id="ack-%d" % alert, source="iraectl@test")
    env.alert_action.alert_id = alert
    env.alert_action.kind = pb.ALERT_ACTION_KIND_ACKNOWLEDGE
    env.alert_action.by = "rn.jones"
    roundtrip(sock, env)


def position(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        row = con.execute("SELECT position FROM feed_consumers "
                          "WHERE name = 'hook'").fetchone()
        return row[0] if row else 0
    finally:
        con.close()


def main():
    iraed, iraectl, notifier = sys.argv[1], sys.argv[2], sys.argv[3]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = "http://127.0.0.1:%d" % server.server_address[1]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "iraed.db")
        ready = os.path.join(tmp, "ready.json")
        log = open(os.path.join(tmp, "iraed.log"), "w")
        daemon = subprocess.Popen(
            [iraed, "--db", db, "--proto-listen", "127.0.0.1:0",
             "--mllp-listen", "", "--http-listen", "",
             "--ready-file", ready], stderr=log)
        notify = None
        try:
            deadline = time.time() + 30
            while not os.path.exists(ready):
                if time.time() > deadline or daemon.poll() is not None:
                    raise RuntimeError("iraed did not become ready")
                time.sleep(0.01)
            port = json.load(open(ready))["proto_port"]
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            raise_alert(sock, "P1")  # feed event 1
            raise_alert(sock, "P2")  # feed event 2, acknowledged (event 3)
            acknowledge(sock, 2)     # before the notifier reads it: stale
            conf = os.path.join(tmp, "notifier.json")
            json.dump({
                "consumer": "hook", "start": "oldest", "iraectl": iraectl,
                "db": db,
                "connect": "127.0.0.1:%d" % port,
                "routes": [
                    {"min_grade": 3, "webhook": hook + "/severe"},
                    {"kinds": ["raised"], "max_grade": 2,
                     "webhook": hook + "/ward"},
                ],
                "retry": {"initial_seconds": 0.1, "max_seconds": 0.2},
            }, open(conf, "w"))
            errors = open(os.path.join(tmp, "notifier.err"), "w")
            notify = subprocess.Popen([sys.executable, notifier, conf],
                                      stderr=errors, start_new_session=True)
            deadline = time.time() + 60
            while position(db) < 3:
                if time.time() > deadline or notify.poll() is not None:
                    raise RuntimeError("the event was never confirmed: %s" %
                                       open(errors.name).read())
                time.sleep(0.05)
            # Two 500s, then delivered; P2's alert, already acknowledged,
            # and the acknowledgement itself (not a routed kind): confirmed,
            # never sent.
            CHECK.assertEqual(len(ATTEMPTS), 3, ATTEMPTS)
            for path, event in ATTEMPTS:
                CHECK.assertEqual(path, "/ward", path)  # grade 2: not the severe route
                CHECK.assertEqual(event["kind"], "raised", event)
                CHECK.assertEqual(event["grade"], 2, event)
                CHECK.assertEqual(event["syndrome"], "Hepatitis", event)
                CHECK.assertEqual(event["event"], 1, event)
            CHECK.assertIn("500", open(errors.name).read())  # failures are told
            notify.send_signal(signal.SIGTERM)
            CHECK.assertEqual(notify.wait(timeout=30), 0)
            daemon.send_signal(signal.SIGTERM)
            CHECK.assertEqual(daemon.wait(timeout=30), 0)
        finally:
            if notify is not None and notify.poll() is None:
                os.killpg(notify.pid, signal.SIGKILL)  # with its iraectl
            if daemon.poll() is None:
                daemon.kill()
            server.shutdown()
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
