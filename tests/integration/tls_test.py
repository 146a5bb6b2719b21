#!/usr/bin/env python3
"""TLS on the ingest listeners, through real handshakes against the real
daemon, with certificates made at test time by the openssl CLI
(tests/support/make_test_certs.sh):

- HL7 over MLLP over TLS with a valid client certificate is answered AA,
  and the session is logged with the certificate's subject;
- plaintext to a TLS port gets no answer, and the failed handshake is logged;
- mutual TLS: no client certificate, one from another CA, and an expired
  one are all refused;
- TLS 1.1 is refused; TLS 1.2 and 1.3 are served;
- SIGHUP reads renewed certificates: new connections see the new one;
- the operations listener serves /healthz over HTTPS, not plain HTTP;
- the nurse console on it sets its cookies Secure, and accepts forms
  posted from its own origin and from the proxy's external_url, not from
  another (403);
- iraectl reaches a listener that requires client certificates with
  --tls-ca/--tls-cert/--tls-key, and is refused without them.

usage: tls_test.py IRAED_BINARY IRAECTL_BINARY MAKE_TEST_CERTS
"""
import http.client
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import CHECK  # noqa: E402
from mllp_util import exchange, oru  # noqa: E402

if len(sys.argv) != 4:
    sys.exit(__doc__)
IRAED, IRAECTL, MAKE_CERTS = sys.argv[1], sys.argv[2], sys.argv[3]


def client_context(certs, cert=None, maximum=None, minimum=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(os.path.join(certs, "ca.pem"))
    if cert:
        ctx.load_cert_chain(os.path.join(certs, cert + ".pem"),
                            os.path.join(certs, cert + ".key"))
    if maximum:
        ctx.maximum_version = maximum
    if minimum:
        ctx.minimum_version = minimum
    return ctx


def tls_send(port, certs, cert, control_id, **versions):
    """An HL7 message over TLS; returns the answer ('' when refused)."""
    ctx = client_context(certs, cert, **versions)
    try:
        raw = socket.create_connection(("127.0.0.1", port), timeout=15)
        with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
            return exchange(s, oru(control_id))
    except (ssl.SSLError, OSError):
        return ""


def server_serial(port, certs):
    ctx = client_context(certs, "client")
    raw = socket.create_connection(("127.0.0.1", port), timeout=15)
    with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
        der = s.getpeercert(binary_form=True)
    out = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout",
                          "-serial"], input=der, capture_output=True)
    return out.stdout.decode().strip()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        certs = os.path.join(tmp, "certs")
        subprocess.run(["/bin/sh", MAKE_CERTS, certs], check=True)
        conf = os.path.join(tmp, "iraed.conf")
        tls = ('tls { cert_file: "%s/server.pem" key_file: "%s/server.key" '
               'client_ca_file: "%s/ca.pem" client_certificates: "%%s" }' %
               (certs, certs, certs))
        with open(conf, "w") as f:
            f.write("mllp_listener { %s }\n" % (tls % "required"))
            f.write("proto_listener { %s }\n" % (tls % "required"))
            f.write("http_listener { %s }\n" % (tls % "none"))
            users = os.path.join(tmp, "console-users")
            with open(users, "w"):
                pass
            os.chmod(users, 0o600)
            f.write('console { enabled: true users_file: "%s" '
                    'external_url: "https://iraed.hospital.example" }\n'
                    % users)
        ready = os.path.join(tmp, "ready.json")
        log_path = os.path.join(tmp, "iraed.log")
        log = open(log_path, "w")
        proc = subprocess.Popen(
            [IRAED, "--config", conf, "--db", os.path.join(tmp, "iraed.db"),
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
            mllp, proto = info["mllp_port"], info["proto_port"]

            def handshake_failures():
                conn = http.client.HTTPSConnection(
                    "127.0.0.1", info["http_port"], timeout=15,
                    context=client_context(certs))
                conn.request("GET", "/metrics")
                body = conn.getresponse().read().decode()
                conn.close()
                for line in body.splitlines():
                    if line.startswith("iraed_tls_handshake_failures_total"
                                       "{listener=\"mllp\"}"):
                        return float(line.split()[-1])
                raise AssertionError("no handshake counter: " + body)

            CHECK.assertEqual(handshake_failures(), 0)

            # HTTPS on the operations listener; plain HTTP gets nothing.
            https = http.client.HTTPSConnection(
                "127.0.0.1", info["http_port"], timeout=15,
                context=client_context(certs))
            https.request("GET", "/healthz")
            r = https.getresponse()
            CHECK.assertTrue(r.status == 200 and r.read() == b"alive\n",
                             r.status)
            https.close()
            try:
                plain = http.client.HTTPConnection("127.0.0.1",
                                                   info["http_port"],
                                                   timeout=15)
                plain.request("GET", "/healthz")
                status = plain.getresponse().status
            except (OSError, http.client.HTTPException):
                status = None
            CHECK.assertNotEqual(status, 200, status)

            # The console over TLS: Secure cookies; forms from its own
            # origin or the proxy's external_url pass the origin check
            # (then fail for want of a form token: 401), others get 403.
            def console(method, path, origin=None):
                conn = http.client.HTTPSConnection(
                    "127.0.0.1", info["http_port"], timeout=15,
                    context=client_context(certs))
                headers = {"Origin": origin} if origin else {}
                if method == "POST":
                    headers["Content-Type"] = (
                        "application/x-www-form-urlencoded")
                conn.request(method, path, body="name=x&password=y"
                             if method == "POST" else None, headers=headers)
                r = conn.getresponse()
                r.read()
                conn.close()
                return r

            r = console("GET", "/signin")
            CHECK.assertEqual(r.status, 200)
            CHECK.assertIn("; Secure", r.getheader("Set-Cookie"))
            CHECK.assertIn("HttpOnly", r.getheader("Set-Cookie"))
            for origin, status in (
                    ("https://iraed.hospital.example", 401),
                    ("https://127.0.0.1:%d" % info["http_port"], 401),
                    ("http://127.0.0.1:%d" % info["http_port"], 403),
                    ("https://evil.example", 403)):
                r = console("POST", "/signin", origin)
                CHECK.assertEqual(r.status, status, origin)

            answer = tls_send(mllp, certs, "client", "T1")
            CHECK.assertIn("MSA|AA|T1", answer, answer)
            for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
                answer = tls_send(mllp, certs, "client", "V" + version.name,
                                  maximum=version, minimum=version)
                CHECK.assertIn("MSA|AA|V" + version.name, answer,
                               (version, answer))

            # Plaintext to the TLS port: no answer, the handshake fails.
            with socket.create_connection(("127.0.0.1", mllp),
                                          timeout=15) as s:
                CHECK.assertNotIn("MSA", exchange(s, oru("P1")))
            for cert in (None, "rogue", "expired"):
                answer = tls_send(mllp, certs, cert, "R1")
                CHECK.assertNotIn("MSA", answer, (cert, answer))
            # Every refusal above is counted (plaintext and three
            # certificates), not only logged.
            deadline = time.time() + 10
            while handshake_failures() < 4:
                CHECK.assertLess(time.time(), deadline, handshake_failures())
                time.sleep(0.1)
            try:
                old = tls_send(mllp, certs, "client", "OLD",
                               maximum=ssl.TLSVersion.TLSv1_1,
                               minimum=ssl.TLSVersion.TLSv1)
            except ValueError:
                old = ""  # this Python cannot even offer TLS 1.1
            CHECK.assertNotIn("MSA", old, old)
            # iraectl to the proto listener (client certificates required):
            # with its certificate the daemon answers (alert 99 does not
            # exist: exit 4); without TLS, or without a certificate, it
            # cannot get through (exit 5).
            db = os.path.join(tmp, "iraed.db")
            ctl = [IRAECTL, "--db", db, "--connect", "127.0.0.1:%d" % proto]
            tls_args = ["--tls-ca", os.path.join(certs, "ca.pem"),
                        "--tls-cert", os.path.join(certs, "client.pem"),
                        "--tls-key", os.path.join(certs, "client.key")]
            ack = ctl + ["alerts", "ack", "99", "--by", "rn.jones"]
            r = subprocess.run(ctl[:5] + tls_args + ack[5:],
                               capture_output=True, text=True, timeout=60)
            CHECK.assertTrue(r.returncode == 4 and "does not exist" in r.stderr,
                             r)
            r = subprocess.run(ack, capture_output=True, text=True,
                               timeout=60)
            CHECK.assertEqual(r.returncode, 5, r)
            r = subprocess.run(ctl[:5] + tls_args[:2] + ack[5:],
                               capture_output=True, text=True, timeout=60)
            CHECK.assertEqual(r.returncode, 5, r)
            # A CA that did not sign the server: refused by iraectl.
            r = subprocess.run(
                ctl[:5] + ["--tls-ca", os.path.join(certs, "rogue-ca.pem")] +
                ack[5:], capture_output=True, text=True, timeout=60)
            CHECK.assertTrue(r.returncode == 5 and "certificate" in r.stderr,
                             r)

            # Renewed server certificate, read on SIGHUP.
            before = server_serial(mllp, certs)
            subprocess.run(
                ["openssl", "x509", "-req", "-in",
                 os.path.join(certs, "server.csr"), "-CA",
                 os.path.join(certs, "ca.pem"), "-CAkey",
                 os.path.join(certs, "ca.key"), "-CAcreateserial", "-out",
                 os.path.join(certs, "server.pem"), "-days", "30",
                 "-extfile", os.path.join(certs, "server.ext")],
                check=True, capture_output=True)
            proc.send_signal(signal.SIGHUP)
            deadline = time.time() + 30
            while "mllp_listener.tls: certificates read again" not in \
                    open(log_path).read():
                CHECK.assertLess(time.time(), deadline, open(log_path).read())
                time.sleep(0.1)
            after = server_serial(mllp, certs)
            CHECK.assertNotEqual(after, before, (before, after))
            CHECK.assertIn("MSA|AA|T2", tls_send(mllp, certs, "client", "T2"))

            proc.send_signal(signal.SIGTERM)
            CHECK.assertEqual(proc.wait(timeout=60), 0)
        finally:
            if proc.poll() is None:
                proc.kill()
            log.close()
        text = open(log_path).read()
        CHECK.assertIn("tls client=CN=ward7-pager,O=Hospital", text, text)
        CHECK.assertIn("TLS handshake failed peer=127.0.0.1:", text, text)
        CHECK.assertTrue("MRN1" not in text and "DOE" not in text,
                         "patient data logged")
    print("TLS: all checks passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print("FAIL", e)
        sys.exit(1)
