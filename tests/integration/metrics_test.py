#!/usr/bin/env python3
"""The operations listener against the real daemon: /metrics read by a real
Prometheus text parser (Debian's python3-prometheus-client) with values that
move as HL7 messages arrive over MLLP; /healthz; /readyz failing while
storage fails (another connection holds the write lock) and ready again
after; only GET and HEAD; unknown paths 404.

Also checks that every iraed_ metric the example alert rules use
(deploy/prometheus/iraed-alerts.yml) is one iraed exports.

usage: metrics_test.py IRAED_BINARY ALERT_RULES
"""
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import CHECK  # noqa: E402
from mllp_util import exchange, oru  # noqa: E402

from prometheus_client.parser import text_string_to_metric_families

if len(sys.argv) != 3:
    sys.exit(__doc__)
IRAED, RULES = sys.argv[1], sys.argv[2]


def get(port, path, method="GET"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path)
    r = conn.getresponse()
    body = r.read().decode()
    conn.close()
    return r.status, r.getheader("Content-Type"), body


def scrape(port):
    status, ctype, body = get(port, "/metrics")
    CHECK.assertEqual(status, 200, status)
    CHECK.assertTrue(ctype.startswith("text/plain; version=0.0.4"), ctype)
    samples = {}
    families = {}
    for family in text_string_to_metric_families(body):
        families[family.name] = family.type
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return families, samples


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "iraed.db")
        ready = os.path.join(tmp, "ready.json")
        log = open(os.path.join(tmp, "iraed.log"), "w")
        proc = subprocess.Popen(
            [IRAED, "--db", db, "--proto-listen", "127.0.0.1:0",
             "--mllp-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0",
             "--ready-file", ready], stderr=log)
        try:
            deadline = time.time() + 30
            while not os.path.exists(ready):
                CHECK.assertTrue(time.time() < deadline and proc.poll() is None,
                                 "iraed did not start")
                time.sleep(0.05)
            info = json.load(open(ready))
            port = info["http_port"]
            CHECK.assertTrue(isinstance(port, int) and port > 0, info)

            CHECK.assertEqual(get(port, "/healthz")[0], 200)
            status, _, body = get(port, "/readyz")
            CHECK.assertTrue(status == 200 and body == "ready\n",
                             (status, body))
            CHECK.assertEqual(get(port, "/nothing")[0], 404)
            CHECK.assertEqual(get(port, "/metrics", "POST")[0], 405)
            CHECK.assertEqual(get(port, "/healthz", "HEAD")[0], 200)

            families, before = scrape(port)
            for name, kind in (
                    ("iraed_build_info", "gauge"),
                    ("iraed_messages", "counter"),
                    ("iraed_commit_duration_seconds", "histogram"),
                    ("iraed_commit_group_messages", "histogram"),
                    ("iraed_store_queue_depth", "gauge"),
                    ("iraed_storage_failures", "counter"),
                    ("iraed_storage_degraded", "gauge"),
                    ("iraed_open_connections", "gauge"),
                    ("iraed_alerts_raised", "counter"),
                    ("iraed_escalations", "counter"),
                    ("iraed_data_quality_rows", "counter"),
                    ("iraed_feed_consumer_lag_events", "gauge"),
                    ("iraed_last_message_stored_timestamp_seconds", "gauge"),
                    ("iraed_database_readable", "gauge")):
                CHECK.assertEqual(families.get(name), kind,
                                  (name, families.get(name)))
            exported = set()
            for name, kind in families.items():
                exported.add(name)
                exported.update(name + s for s in
                                ("_total", "_count", "_sum", "_bucket"))
            used = set(re.findall(r"\b(iraed_[a-z_]+)",
                                  "".join(l for l in open(RULES)
                                          if "expr:" in l)))
            CHECK.assertTrue(used and used <= exported, used - exported)

            sock = socket.create_connection(("127.0.0.1", info["mllp_port"]))
            for i in range(3):
                CHECK.assertIn("MSA|AA|M%d" % i,
                               exchange(sock, oru("M%d" % i)))
            # A drug iraed does not know: stored, with a data-quality row.
            ras = ("MSH|^~\\&|MAR|ONC|IRAED|ONC|20260921090000+0000||"
                   "RAS^O17|Q1|P|2.5.1\rPID|1||MRN1^^^HOSP^MR\r"
                   "ORC|RE|O-Q1|F-1\rRXA|0|1|20260921090000+0000|"
                   "20260921100000+0000|5555^PEMBRO^99PHARM|200|mg\r")
            CHECK.assertIn("MSA|AA|Q1", exchange(sock, ras))
            _, after = scrape(port)
            accepted = value(after, "iraed_messages_total", protocol="hl7v2",
                             outcome="accepted")
            CHECK.assertEqual(accepted - value(before, "iraed_messages_total",
                                    protocol="hl7v2",
                                    outcome="accepted"), 4, accepted)
            commits = value(after, "iraed_commit_duration_seconds_count")
            CHECK.assertGreaterEqual(commits, value(before,
                                    "iraed_commit_duration_seconds_count") + 1)
            CHECK.assertEqual(value(after, "iraed_commit_duration_seconds_bucket",
                         le="+Inf"), commits)
            CHECK.assertEqual(value(after, "iraed_open_connections",
                         listener="mllp"), 1)
            stamp = value(after,
                          "iraed_last_message_stored_timestamp_seconds",
                          source="LIS|LAB-1")
            CHECK.assertLess(abs(stamp - time.time()), 300, stamp)
            CHECK.assertGreaterEqual(value(after, "iraed_data_quality_rows_total",
                         issue="unrecognised_drug"), 1, after)
            CHECK.assertEqual(value(after, "iraed_database_readable"), 1)
            CHECK.assertEqual(value(after, "iraed_storage_degraded"), 0)

            # Storage failing: another connection holds the write lock, so
            # the next commit fails (after SQLite's busy timeout).
            lock = sqlite3.connect(db, timeout=30, isolation_level=None)
            lock.execute("BEGIN IMMEDIATE")
            answer = exchange(sock, oru("L1"))
            CHECK.assertNotIn("MSA|AA|L1", answer, answer)
            status, _, body = get(port, "/readyz")
            CHECK.assertTrue(status == 503 and "storage: failing" in body, (status,
                                                                  body))
            _, failing = scrape(port)
            CHECK.assertEqual(value(failing, "iraed_storage_degraded"), 1)
            CHECK.assertGreaterEqual(value(failing, "iraed_storage_failures_total"),
                                     1)
            CHECK.assertGreaterEqual(value(failing, "iraed_messages_total", protocol="hl7v2",
                         outcome="unavailable"), 1)
            CHECK.assertEqual(get(port, "/healthz")[0], 200)  # alive, not ready
            lock.execute("COMMIT")
            lock.close()
            CHECK.assertIn("MSA|AA|L1", exchange(sock, oru("L1")))
            status, _, body = get(port, "/readyz")
            CHECK.assertEqual(status, 200, (status, body))
            sock.close()

            # Stopping: the listener goes away with the daemon.
            proc.send_signal(signal.SIGTERM)
            CHECK.assertEqual(proc.wait(timeout=60), 0)
        finally:
            if proc.poll() is None:
                proc.kill()
            log.close()
    print("metrics, health and readiness: all checks passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print("FAIL", repr(e))
        sys.exit(1)
