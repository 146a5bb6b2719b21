#!/usr/bin/env python3
"""The nurse console in a real browser (headless Chromium driven by
Selenium, Debian chromium, chromium-driver and python3-selenium) against
the real daemon (issue 16):

- a wrong password is refused; a nurse signs in through the form;
- an HL7 result sent over MLLP during the test appears on the open board,
  with the patient's name (PID-5) and ward and bed (PV1-3),
  without a reload (the page's own marker survives), with its grade in
  words and colour;
- the alert escalates while nobody acknowledges it (the board says so);
  the nurse opens it, reads the findings and evidence behind it,
  acknowledges it with a note, and escalation stops (no escalated event
  after the acknowledgement, none scheduled);
- a second click on the same form is one action (a DUPLICATE message);
- a POST without the CSRF token is refused and changes nothing;
- the nurse resolves it and it leaves the board;
- a pharmacovigilance user sees the alert but no action form;
- the audit trail holds the sign-ins, views and actions, and verifies;
  a replay reproduces every row, the console's actions included.
Screenshots are written to ARTIFACT_DIR (board, alert, sign-in).

usage: console_browser_test.py IRAED IRAECTL ARTIFACT_DIR
"""
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

if len(sys.argv) != 4:
    sys.exit(__doc__)
IRAED, IRAECTL, ARTIFACTS = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import CHECK  # noqa: E402
from mllp_util import exchange  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

PASSWORD = "correct horse battery"


def query(db, sql, *args):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def wait_until(what, condition, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    CHECK.fail("timed out waiting for " + what)


def oru(control_id, mrn, value, observed="20261204085800"):
    """An ORU^R01 with one ALT result (ULN 56 U/L) for MRN of HOSP, on
    ward 5W, room 12, bed 2."""
    return ("MSH|^~\\&|LIS|LAB-1|IRAED|ONC|20261204090000||ORU^R01^ORU_R01|"
            + control_id + "|P|2.5.1\r"
            "PID|1||" + mrn + "^^^HOSP^MR||DOE^JANE\r"
            "PV1|1|I|5W^12^2^GHH\r"
            "OBR|1||F-" + control_id + "|24323-8^CMP^LN|||" + observed + "\r"
            "OBX|1|NM|1742-6^ALT SerPl-cCnc^LN||" + value +
            "|U/L|7-56|H|||F|||" + observed + "\r")


def rxa(control_id, mrn):
    """A nivolumab administration for MRN of HOSP (RAS^O17)."""
    return ("MSH|^~\\&|PHARM|ONC|IRAED|ONC|20261120090000||RAS^O17^RAS_O17|"
            + control_id + "|P|2.5.1\r"
            "PID|1||" + mrn + "^^^HOSP^MR||DOE^JANE\r"
            "ORC|RE|O-" + control_id + "\r"
            "RXA|0|1|20261120090000|20261120100000|"
            "OPDIVO^nivolumab^RXNORM|240|mg|||||||||||||CP|A\r")


def browser():
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
              "--window-size=1366,900", "--lang=en-GB"):
        o.add_argument(a)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                            options=o)


def sign_in(d, base, name, password):
    d.get(base + "/signin")
    d.find_element(By.ID, "name").send_keys(name)
    d.find_element(By.ID, "password").send_keys(password)
    d.find_element(By.ID, "signin").click()


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        users = os.path.join(tmp, "console-users")
        for name, role in (("rn.jones", "nurse"),
                           ("pv.smith", "pharmacovigilance")):
            r = subprocess.run([IRAECTL, "users", "--users", users, "add",
                                name, "--role", role, "--password-stdin"],
                               input=PASSWORD + "\n", capture_output=True,
                               text=True, timeout=60)
            CHECK.assertEqual(r.returncode, 0, r.stderr)
        conf = os.path.join(tmp, "iraed.conf")
        with open(conf, "w") as f:
            f.write('console { enabled: true users_file: "%s" }\n' % users)
            f.write('mllp_listener { site_time_zone: "Europe/Paris" }\n')
            f.write('alerting { escalation { grade: 3 '
                    'acknowledge_within_seconds: 2 repeat_every_seconds: 3 '
                    'max_escalations: 50 route: "ward nurse" '
                    'route: "charge nurse" } }\n')
        db = os.path.join(tmp, "iraed.db")
        ready = os.path.join(tmp, "ready.json")
        log_path = os.path.join(tmp, "iraed.log")
        log = open(log_path, "w")
        proc = subprocess.Popen(
            [IRAED, "--config", conf, "--db", db,
             "--proto-listen", "127.0.0.1:0", "--mllp-listen", "127.0.0.1:0",
             "--http-listen", "127.0.0.1:0", "--ready-file", ready],
            stderr=log)
        d = None
        try:
            wait_until("the ready file", lambda: os.path.exists(ready)
                       or proc.poll() is not None)
            CHECK.assertIsNone(proc.poll(), open(log_path).read())
            info = json.load(open(ready))
            base = "http://127.0.0.1:%d" % info["http_port"]
            mllp = socket.create_connection(("127.0.0.1", info["mllp_port"]),
                                            timeout=30)
            ack = exchange(mllp, rxa("RX-1", "MRN1"))
            CHECK.assertIn("MSA|AA", ack)
            ack = exchange(mllp, oru("LAB-0", "MRN1", "45", "20261201080000"))
            CHECK.assertIn("MSA|AA", ack)
            d = browser()
            wait = WebDriverWait(d, 30)

            # A wrong password is refused.
            sign_in(d, base, "rn.jones", "not the password")
            problem = wait.until(EC.presence_of_element_located(
                (By.ID, "problem")))
            CHECK.assertIn("not recognised", problem.text)
            d.save_screenshot(os.path.join(ARTIFACTS, "signin-refused.png"))

            # The nurse signs in and sees the (empty) board, live.
            sign_in(d, base, "rn.jones", PASSWORD)
            wait.until(EC.title_contains("Alert board"))
            wait.until(lambda drv: drv.find_element(By.ID, "live")
                       .get_attribute("data-state") == "live")
            CHECK.assertIn("Times in Europe/Paris",
                           d.find_element(By.ID, "zone").text)
            d.execute_script("window.iraedMarker = 'not reloaded';")

            # A result sent now appears without a reload.
            ack = exchange(mllp, oru("LAB-1", "MRN1", "300"))
            CHECK.assertIn("MSA|AA", ack)
            row = wait.until(EC.presence_of_element_located(
                (By.CSS_SELECTOR, "#board-rows tr[data-alert]")))
            CHECK.assertEqual(d.execute_script("return window.iraedMarker"),
                              "not reloaded")
            grade = row.find_element(By.CSS_SELECTOR, ".grade")
            CHECK.assertEqual(grade.text, "Grade 3 · severe")
            CHECK.assertIn("g3", grade.get_attribute("class"))
            CHECK.assertIn("MRN1 (HOSP)", row.text)
            CHECK.assertIn("DOE, JANE", row.text)
            CHECK.assertEqual(row.find_element(By.CSS_SELECTOR, "td.ward")
                              .text, "5W\nbed 12-2")
            alert_id = int(row.get_attribute("data-alert"))

            # Nobody acknowledges: it escalates, and the board shows it.
            wait.until(lambda drv: "Escalated" in drv.find_element(
                By.CSS_SELECTOR, "#alert-%d .state" % alert_id).text)
            d.save_screenshot(os.path.join(ARTIFACTS, "board.png"))

            # The alert explained, and acknowledged with a note.
            d.find_element(By.CSS_SELECTOR,
                           "#alert-%d a[href^='/alerts/']" % alert_id).click()
            wait.until(EC.presence_of_element_located((By.ID, "acknowledge")))
            page = d.find_element(By.TAG_NAME, "main").text
            for expected in ("Findings behind it", "Hepatitis",
                             "1742-6", "300", "History"):
                CHECK.assertIn(expected, page)
            d.find_element(By.ID, "note-acknowledge").send_keys(
                "Seen, Dr on the way")
            d.save_screenshot(os.path.join(ARTIFACTS, "alert.png"))
            # A double click: the same form reaches the daemon twice (here
            # once by script, then by the button), and is applied once.
            status = d.execute_async_script(
                "var done = arguments[arguments.length - 1];"
                "var f = document.querySelector('form[action$=\"/acknowledge\"]');"
                "fetch(f.action, {method: 'POST', body: "
                "new URLSearchParams(new FormData(f))})"
                ".then(function (r) { done(r.status); });")
            CHECK.assertEqual(status, 200)
            d.find_element(By.ID, "acknowledge").click()
            outcome = wait.until(EC.presence_of_element_located(
                (By.ID, "outcome")))
            CHECK.assertIn("Acknowledged", outcome.text)
            CHECK.assertIn("applied once", outcome.text)
            CHECK.assertEqual(d.find_element(By.ID, "state").text,
                              "acknowledged")
            acked_at = query(db, "SELECT max(id) FROM alert_events WHERE "
                             "alert = ? AND kind = 'acknowledged'",
                             alert_id)[0][0]
            CHECK.assertIsNotNone(acked_at)
            CHECK.assertEqual(query(db, "SELECT count(*) FROM alert_events "
                                    "WHERE alert = ? AND kind = "
                                    "'acknowledged'", alert_id), [(1,)])
            # The same bytes: a plain duplicate, not one "with other
            # content" (which operators are told to look into).
            CHECK.assertEqual(query(
                db, "SELECT outcome, reason FROM messages WHERE source = "
                "'iraed-console' ORDER BY id"), [("accepted", None),
                                                 ("duplicate", None)])
            CHECK.assertEqual(query(db, "SELECT next_escalation_ms, state "
                                    "FROM alert_status WHERE alert = ?",
                                    alert_id), [(None, "acknowledged")])
            event = query(db, "SELECT actor, note FROM alert_events WHERE "
                          "id = ?", acked_at)
            CHECK.assertEqual(event, [("console:rn.jones",
                                       "Seen, Dr on the way")])
            # Escalation has stopped: none after the acknowledgement.
            time.sleep(4)
            CHECK.assertEqual(query(db, "SELECT count(*) FROM alert_events "
                                    "WHERE alert = ? AND kind = 'escalated' "
                                    "AND id > ?", alert_id, acked_at),
                              [(0,)])
            # The board says who has it.
            d.get(base + "/board")
            wait.until(EC.text_to_be_present_in_element(
                (By.CSS_SELECTOR, "#alert-%d .state" % alert_id),
                "Acknowledged by console:rn.jones"))

            # The patient's course: the ALT plot has one dot per value and
            # the CTCAE bands behind it; the dose is on the time line.
            d.get(base + "/alerts/%d" % alert_id)
            d.find_element(By.CSS_SELECTOR, "dl.facts a[href^='/patients/']"
                           ).click()
            plot = wait.until(EC.presence_of_element_located(
                (By.ID, "plot-alt")))
            svg = plot.find_element(By.TAG_NAME, "svg")
            CHECK.assertEqual(svg.get_attribute("data-points"), "2")
            dots = [float(c.get_attribute("data-value")) for c in
                    svg.find_elements(By.CSS_SELECTOR, "circle.point")]
            CHECK.assertEqual(dots, [45.0, 300.0])
            bands = sorted({int(b.get_attribute("data-grade")) for b in
                            svg.find_elements(By.CSS_SELECTOR, "rect.band")})
            CHECK.assertEqual(bands[:3], [1, 2, 3])
            CHECK.assertIn("CTCAE 5.0 at ULN 56 U/L", plot.text)
            CHECK.assertIn("nivolumab", d.find_element(By.ID, "timeline").text)
            CHECK.assertEqual(len(d.find_elements(By.CSS_SELECTOR,
                                                  "figure.plot")), 12)
            d.set_window_size(1366, 200 + d.execute_script(
                "return document.body.scrollHeight"))
            d.save_screenshot(os.path.join(ARTIFACTS, "patient.png"))
            d.set_window_size(1366, 900)

            # A POST without the CSRF token is refused.
            status = d.execute_async_script(
                "var done = arguments[arguments.length - 1];"
                "fetch('/alerts/%d/resolve', {method: 'POST', headers: "
                "{'Content-Type': 'application/x-www-form-urlencoded'}, "
                "body: 'note=x&nonce=' + '0'.repeat(64)})"
                ".then(function (r) { done(r.status); });" % alert_id)
            CHECK.assertEqual(status, 403)
            CHECK.assertEqual(query(db, "SELECT state FROM alert_status "
                                    "WHERE alert = ?", alert_id),
                              [("acknowledged",)])

            # Resolved: it leaves the board.
            d.get(base + "/alerts/%d" % alert_id)
            d.find_element(By.ID, "note-resolve").send_keys("ALT falling")
            d.find_element(By.ID, "resolve").click()
            outcome = wait.until(EC.presence_of_element_located(
                (By.ID, "outcome")))
            CHECK.assertIn("Resolved", outcome.text)
            d.get(base + "/board")
            wait.until(EC.presence_of_element_located(
                (By.CSS_SELECTOR, "#board-rows tr.none")))

            # Pharmacovigilance reads, does not act.
            d.delete_all_cookies()
            sign_in(d, base, "pv.smith", PASSWORD)
            wait.until(EC.title_contains("Findings and exports"))
            d.get(base + "/findings?from=2026-11-01&through=2026-12-31")
            table = d.find_element(By.CSS_SELECTOR, "table.report")
            CHECK.assertIn("MRN1", table.text)
            CHECK.assertIn("Episodes (CSV)",
                           d.find_element(By.TAG_NAME, "main").text)
            d.save_screenshot(os.path.join(ARTIFACTS, "findings.png"))
            d.get(base + "/alerts/%d" % alert_id)
            CHECK.assertEqual(d.find_elements(By.ID, "resolve"), [])
            CHECK.assertIn("Findings behind it",
                           d.find_element(By.TAG_NAME, "main").text)
            # Even with a valid form token, the role may not act.
            status = d.execute_async_script(
                "var done = arguments[arguments.length - 1];"
                "var csrf = document.querySelector('input[name=csrf]').value;"
                "fetch('/alerts/%d/acknowledge', {method: 'POST', headers: "
                "{'Content-Type': 'application/x-www-form-urlencoded'}, "
                "body: 'csrf=' + csrf + '&nonce=' + 'a'.repeat(64)})"
                ".then(function (r) { done(r.status); });" % alert_id)
            CHECK.assertEqual(status, 403)
            # A link cannot make the page claim an action.
            d.get(base + "/alerts/%d?done=acknowledged" % alert_id)
            CHECK.assertEqual(d.find_elements(By.ID, "outcome"), [])

            # The audit trail: sign-ins (one refused), views, actions.
            kinds = [k for (k,) in query(
                db, "SELECT kind FROM audit_log WHERE kind LIKE 'console_%'")]
            for kind in ("console_sign_in_failed", "console_sign_in",
                         "console_view", "console_action_refused",
                         "console_csrf_refused"):
                CHECK.assertIn(kind, kinds)
            views = [json.loads(d_) for (d_,) in query(
                db, "SELECT detail FROM audit_log WHERE kind = "
                "'console_view'")]
            CHECK.assertIn(("rn.jones", alert_id),
                           [(v["user"], v.get("alert")) for v in views])
            CHECK.assertIn(("pv.smith", alert_id),
                           [(v["user"], v.get("alert")) for v in views])
            CHECK.assertIn(("rn.jones", "patient", "HOSP^MRN1"),
                           [(v["user"], v["page"], v.get("patient"))
                            for v in views])
            actions = query(db, "SELECT kind, actor FROM alert_events WHERE "
                            "alert = ? AND kind IN ('acknowledged', "
                            "'resolved') ORDER BY id", alert_id)
            CHECK.assertEqual(actions, [("acknowledged", "console:rn.jones"),
                                        ("resolved", "console:rn.jones")])
            mllp.close()
        except (TimeoutException, AssertionError):
            if d is not None:
                d.save_screenshot(os.path.join(ARTIFACTS, "failure.png"))
                print(d.page_source[:4000])
            raise
        finally:
            if d is not None:
                d.quit()
            proc.terminate()
            CHECK.assertEqual(proc.wait(timeout=60), 0)
        r = subprocess.run([IRAECTL, "--db", db, "audit", "verify"],
                           capture_output=True, text=True, timeout=120)
        CHECK.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        # The console's actions replay like any other staff action.
        rules = subprocess.run([IRAECTL, "--help"], capture_output=True,
                               text=True).stdout.strip().split()[-1]
        r = subprocess.run([IRAECTL, "--db", db, "replay", "--rules", rules,
                            "--config", conf], capture_output=True, text=True,
                           timeout=300)
        CHECK.assertEqual(r.returncode, 0, r.stdout + r.stderr)
    print("console in Chromium: sign-in, live board, acknowledge, "
          "escalation stops, resolve, CSRF, roles, audit: ok; screenshots "
          "in " + ARTIFACTS)


if __name__ == "__main__":
    main()
