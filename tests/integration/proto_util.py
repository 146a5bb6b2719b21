"""Helpers shared by the Python integration tests that speak the native
protocol. The caller puts the generated Python code (iraed/v1/ingest_pb2.py)
on sys.path before importing this module."""
from google.protobuf.internal.decoder import _DecodeVarint32
from google.protobuf.internal.encoder import _VarintBytes
from iraed.v1 import ingest_pb2 as pb
from checks import CHECK  # the scripts put this folder on sys.path


def exchange(sock, env):
    """Sends one length-delimited Envelope and returns the server's Ack."""
    data = env.SerializeToString()
    sock.sendall(_VarintBytes(len(data)) + data)
    buf = b""
    while True:
        chunk = sock.recv(65536)
        CHECK.assertTrue(chunk, "the daemon closed the connection")
        buf += chunk
        try:
            size, pos = _DecodeVarint32(buf, 0)
        except IndexError:
            continue
        if len(buf) >= pos + size:
            ack = pb.Ack()
            ack.ParseFromString(buf[pos:pos + size])
            return ack


def roundtrip(sock, env):
    """exchange() that requires the Envelope to be ACCEPTED."""
    ack = exchange(sock, env)
    CHECK.assertEqual(ack.status, pb.ACK_STATUS_ACCEPTED, ack)
    return ack


def raise_alert(sock, patient, value=250, name="", ward=""):
    """A nivolumab dose for `patient` (of PYHOSP), then an ALT of `value`
    U/L (ULN 56): 250 raises a grade 2 hepatitis alert, 1200 grade 4. The
    dose gives the patient's `name` and `ward` when not empty."""
    dose = pb.Envelope(message_id="dose-" + patient, source="pharmacy")
    t = dose.therapy_event
    t.patient.id = patient
    t.patient.assigning_authority = "PYHOSP"
    t.patient.name = name
    t.patient.ward = ward
    t.kind = pb.THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE
    t.product.display = "nivolumab"
    t.administered_at.FromSeconds(1789000000)
    t.event_id = "dose-" + patient
    roundtrip(sock, dose)
    alt = pb.Envelope(message_id="alt-" + patient, source="lab")
    batch = alt.observations
    batch.patient.id = patient
    batch.patient.assigning_authority = "PYHOSP"
    o = batch.observations.add()
    o.code.system = "LN"
    o.code.code = "1742-6"
    o.numeric = value
    o.unit = "U/L"
    o.reference_range.low = 7
    o.reference_range.high = 56
    o.status = pb.RESULT_STATUS_FINAL
    o.observed_at.FromSeconds(1790000000)
    o.result_id = "alt-" + patient
    roundtrip(sock, alt)
