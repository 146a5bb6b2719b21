"""Helpers shared by the Python integration tests that speak HL7 over MLLP."""
import ssl


def oru(control_id, value="40"):
    """An ORU^R01 with one ALT result for MRN1 (source LIS|LAB-1)."""
    return ("MSH|^~\\&|LIS|LAB-1|IRAED|ONC|20260921141500||ORU^R01^ORU_R01|"
            + control_id + "|P|2.5.1\r"
            "PID|1||MRN1^^^HOSP^MR||DOE^JANE\r"
            "OBR|1||F-1|24323-8^CMP^LN|||20260921141000\r"
            "OBX|1|NM|1742-6^ALT SerPl-cCnc^LN||" + value +
            "|U/L|7-56|N|||F|||20260921141320\r")


def exchange(sock, message):
    """Sends one MLLP frame and returns the answer; '' when the server closed
    or refused the connection first."""
    try:
        sock.sendall(b"\x0b" + message.encode() + b"\x1c\r")
        data = b""
        while not data.endswith(b"\x1c\r"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        return data.decode(errors="replace")
    except (ssl.SSLError, OSError):
        return ""
