#!/usr/bin/env python3
"""Benchmark (not a test) of the nurse console: 500 open alerts, 50 live
browsers.

Starts the daemon (the given binaries: use the Release build) with the
console on a fresh database, raises ALERTS alerts (one per patient, over
the native protocol), signs BROWSERS users in and opens one server-sent
event stream per browser, then measures:

  board render   GET /board (the whole page: query, HTML, audit entry) and
                 GET /board/rows (the live refresh), one browser at a time
                 and all BROWSERS at once;
  event delivery from the acknowledgement of a new alert's message to its
                 "alert" event on every stream, and until every browser has
                 fetched its rows again (what a real page does next).

usage: console_bench.py IRAED IRAECTL GENERATED_PYTHON_DIR
       [--alerts 500] [--browsers 50] [--rounds 20]
Prints a table and one JSON line.
"""
import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

PASSWORD = "benchmark password"


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Session:
    def __init__(self, port, name):
        self.port = port
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/signin")
        res = conn.getresponse()
        html = res.read().decode()
        form = re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)
        signin = res.getheader("Set-Cookie").split(";")[0]
        conn.request("POST", "/signin", body=urllib.parse.urlencode(
            {"csrf": form, "name": name, "password": PASSWORD}), headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": signin})
        res = conn.getresponse()
        res.read()
        assert res.status == 303, res.status
        self.cookie = [v for k, v in res.getheaders()
                       if k.lower() == "set-cookie"
                       and v.startswith("iraed_session=")][0].split(";")[0]
        self.conn = conn

    def get(self, path):
        start = time.perf_counter()
        self.conn.request("GET", path, headers={"Cookie": self.cookie})
        res = self.conn.getresponse()
        body = res.read()
        assert res.status == 200, (path, res.status)
        return time.perf_counter() - start, body

    def open_stream(self):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=60)
        s.sendall(("GET /events HTTP/1.1\r\nHost: x\r\nCookie: %s\r\n\r\n"
                   % self.cookie).encode())
        buf = b""
        while b"\r\n\r\n" not in buf:
            buf += s.recv(4096)
        return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("iraed")
    ap.add_argument("iraectl")
    ap.add_argument("python_dir")
    ap.add_argument("--alerts", type=int, default=500)
    ap.add_argument("--browsers", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=20)
    a = ap.parse_args()
    sys.path.insert(0, a.python_dir)
    sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(
        __file__)), "..", "integration"))
    from proto_util import raise_alert  # noqa: E402

    with tempfile.TemporaryDirectory() as tmp:
        users = os.path.join(tmp, "users")
        for i in range(a.browsers):
            subprocess.run([a.iraectl, "users", "--users", users, "add",
                            "nurse%d" % i, "--role", "nurse",
                            "--password-stdin"], input=PASSWORD + "\n",
                           text=True, check=True, capture_output=True)
        conf = os.path.join(tmp, "iraed.conf")
        with open(conf, "w") as f:
            f.write('console { enabled: true users_file: "%s" }\n' % users)
            f.write("http_listener { max_connections: 1024 }\n")
            f.write("alerting { realert_min_interval_minutes: 0 }\n")
        db = os.path.join(tmp, "iraed.db")
        ready = os.path.join(tmp, "ready.json")
        log = open(os.path.join(tmp, "iraed.log"), "w")
        proc = subprocess.Popen(
            [a.iraed, "--config", conf, "--db", db, "--proto-listen",
             "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--ready-file",
             ready, "--log-level", "warn"], stderr=log)
        try:
            while not os.path.exists(ready):
                time.sleep(0.05)
            info = json.load(open(ready))
            port = info["http_port"]
            proto = socket.create_connection(("127.0.0.1", info["proto_port"]),
                                             timeout=60)
            t0 = time.perf_counter()
            for i in range(a.alerts):
                raise_alert(proto, "B%04d" % i)
            fill = time.perf_counter() - t0
            sessions = [Session(port, "nurse%d" % i)
                        for i in range(a.browsers)]
            # Board render, one browser at a time.
            page, rows = [], []
            for r in range(a.rounds):
                s = sessions[r % len(sessions)]
                dt, body = s.get("/board")
                assert body.count(b'data-alert="') >= a.alerts, "rows missing"
                page.append(dt)
                rows.append(s.get("/board/rows")[0])
            # All browsers at once.
            at_once = []

            def load(s):
                at_once.append(s.get("/board/rows")[0])
            threads = [threading.Thread(target=load, args=(s,))
                       for s in sessions]
            start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            all_rows = time.perf_counter() - start
            # Event delivery.
            streams = [s.open_stream() for s in sessions]
            time.sleep(1)
            deliver, refetch = [], []
            for r in range(a.rounds):
                got = [None] * len(streams)
                fetched = [None] * len(streams)

                def wait(i, sock, sess):
                    buf = b""
                    while b"event: alert\n" not in buf:
                        buf += sock.recv(65536)
                    got[i] = time.perf_counter()
                    sess.get("/board/rows")
                    fetched[i] = time.perf_counter()
                threads = [threading.Thread(target=wait, args=(
                    i, streams[i], sessions[i])) for i in range(len(streams))]
                for t in threads:
                    t.start()
                sent = time.perf_counter()
                raise_alert(proto, "E%04d" % r, 1200)
                for t in threads:
                    t.join()
                deliver.extend(g - sent for g in got)
                refetch.append(max(fetched) - sent)
            ms = lambda v: round(v * 1000, 1)  # noqa: E731
            result = {
                "alerts": a.alerts, "browsers": a.browsers,
                "rounds": a.rounds, "fill_seconds": round(fill, 2),
                "board_page_ms_p50": ms(percentile(page, 50)),
                "board_page_ms_p95": ms(percentile(page, 95)),
                "board_rows_ms_p50": ms(percentile(rows, 50)),
                "board_rows_ms_p95": ms(percentile(rows, 95)),
                "rows_all_browsers_at_once_ms": ms(all_rows),
                "rows_at_once_ms_p95": ms(percentile(at_once, 95)),
                "event_delivery_ms_p50": ms(percentile(deliver, 50)),
                "event_delivery_ms_p95": ms(percentile(deliver, 95)),
                "event_delivery_ms_max": ms(max(deliver)),
                "all_browsers_refreshed_ms_p50":
                    ms(statistics.median(refetch)),
                "all_browsers_refreshed_ms_max": ms(max(refetch)),
            }
            for k, v in result.items():
                print("%-34s %s" % (k, v))
            print(json.dumps(result))
            for s in streams:
                s.close()
        finally:
            proc.terminate()
            proc.wait(timeout=60)


if __name__ == "__main__":
    main()
