#!/usr/bin/env python3
"""A client in another language: Debian's python3-protobuf speaking iraed.v1.

Starts the real daemon, sends length-delimited Envelopes built with the
generated Python classes and reads the Acks with the standard varint
decoder, as any stock protobuf runtime would. Checks ACCEPTED, DUPLICATE and
REJECTED, in order, over one connection.

usage: python_client_test.py IRAED_BINARY GENERATED_PYTHON_DIR
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, sys.argv[2])
from google.protobuf.internal.decoder import _DecodeVarint32  # noqa: E402
from google.protobuf.internal.encoder import _VarintBytes  # noqa: E402
from iraed.v1 import ingest_pb2 as pb  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import CHECK  # noqa: E402


def envelope(message_id, patient, value):
    env = pb.Envelope(message_id=message_id, source="python-lis")
    env.sent_at.FromSeconds(1790000060)
    batch = env.observations
    batch.patient.id = patient
    batch.patient.assigning_authority = "PYHOSP"
    obs = batch.observations.add()
    obs.code.system = "LN"
    obs.code.code = "2823-3"
    obs.code.display = "Potassium SerPl-sCnc"
    obs.numeric = value
    obs.unit = "mmol/L"
    obs.status = pb.RESULT_STATUS_FINAL
    obs.observed_at.FromSeconds(1790000000)
    return env


def read_ack(sock, buf):
    while True:
        if buf:
            try:
                size, pos = _DecodeVarint32(buf, 0)
            except IndexError:
                size, pos = None, None
            if size is not None and len(buf) >= pos + size:
                ack = pb.Ack()
                ack.ParseFromString(bytes(buf[pos:pos + size]))
                del buf[:pos + size]
                return ack
        chunk = sock.recv(65536)
        if not chunk:
            raise RuntimeError("server closed the connection")
        buf.extend(chunk)


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        ready = os.path.join(tmp, "ready.json")
        log = open(os.path.join(tmp, "iraed.log"), "w")
        proc = subprocess.Popen(
            [binary, "--db", os.path.join(tmp, "iraed.db"),
             "--proto-listen", "127.0.0.1:0", "--mllp-listen", "127.0.0.1:0",
             "--http-listen", "127.0.0.1:0",
             "--ready-file", ready],
            stderr=log)
        try:
            deadline = time.time() + 30
            while not os.path.exists(ready):
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("iraed did not become ready")
                time.sleep(0.01)
            port = json.load(open(ready))["proto_port"]
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            bad = envelope("py-3", "P9", 4.1)
            bad.observations.observations[0].ClearField("status")
            frames = [envelope("py-1", "P1", 6.8), envelope("py-1", "P1", 6.8),
                      bad]
            for env in frames:
                data = env.SerializeToString()
                sock.sendall(_VarintBytes(len(data)) + data)
            buf = bytearray()
            acks = [read_ack(sock, buf) for _ in frames]
            got = [(a.message_id, pb.AckStatus.Name(a.status), a.frame_number)
                   for a in acks]
            want = [("py-1", "ACK_STATUS_ACCEPTED", 1),
                    ("py-1", "ACK_STATUS_DUPLICATE", 2),
                    ("py-3", "ACK_STATUS_REJECTED", 3)]
            CHECK.assertEqual(got, want, got)
            CHECK.assertEqual(acks[2].reason,
                              "observations.observations[0].status: required",
                              acks[2].reason)
            sock.close()
            proc.send_signal(signal.SIGTERM)
            CHECK.assertEqual(proc.wait(timeout=30), 0)
        finally:
            if proc.poll() is None:
                proc.kill()
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
