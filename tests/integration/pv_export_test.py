#!/usr/bin/env python3
"""Pharmacovigilance export end to end (issue 15): a multi-week course sent
to the real daemon over MLLP (a checkpoint patient whose hepatitis rises,
improves, relapses and resolves; a CAR-T patient with CRS and ICANS),
exported with iraectl and loaded the way an analyst loads it: Python's csv
and json modules and pandas (Debian python3-pandas), keeping codes as text.

Checks the episodes against the course as an analyst derives them by hand,
and every episode against an independent derivation from the finding-level
export (the rules of README "Adverse-event episodes", written again here);
the period summary, its SVG plot, the data dictionary; and that replay
reproduces the episodes.

usage: pv_export_test.py IRAED_BINARY IRAECTL_BINARY
"""
import csv
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import CHECK  # noqa: E402
from mllp_util import exchange  # noqa: E402

if len(sys.argv) != 3:
    sys.exit(__doc__)
IRAED, IRAECTL = sys.argv[1], sys.argv[2]

DAY0_ICI = datetime(2026, 8, 3, 9, 0, tzinfo=timezone.utc)
DAY0_CART = datetime(2026, 9, 1, 10, 0, tzinfo=timezone.utc)
PERIOD = ["--from", "2026-07-01", "--to", "2026-11-30T23:00:00+01:00",
          "--time-zone", "UTC"]
AS_OF = datetime(2026, 11, 30, 22, 0, tzinfo=timezone.utc)
END_DAYS = 3  # --episode-end-days default
CODE_COLUMNS = {"meddra_llt_code": "string", "meddra_version": "string"}


def hl7_time(t):
    return t.strftime("%Y%m%d%H%M%S+0000")


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")


class Feed:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.n = 0

    def send(self, kind, pid, body):
        self.n += 1
        msg = ("MSH|^~\\&|LIS|LAB|IRAED|ONC|20260801000000+0000||" + kind +
               "|PV-%d|P|2.5.1\r" % self.n + pid + "\r" + body)
        CHECK.assertIn("MSA|AA|", exchange(self.sock, msg))


ICI_PID = "PID|1||ICI-7^^^HOSP^MR||DOE^ANN||19580302|F"
CART_PID = "PID|1||CART-9^^^HOSP^MR||ROE^BEN||19800615|M"

# The checkpoint patient's ALT (ULN 56 U/L) by day after the first dose:
# grade 1, 2, 3; improves to 1; relapses to 3; back to 1; normal on day 35.
ALT_COURSE = [(7, 100, 1), (10, 200, 2), (14, 400, 3), (18, 150, 1),
              (21, 350, 3), (28, 120, 1), (35, 40, 0), (42, 38, 0)]


def send_checkpoint_course(feed):
    for day in (0, 21):
        at = DAY0_ICI + timedelta(days=day)
        feed.send("RAS^O17", ICI_PID,
                  "ORC|RE|P-%d|F-%d\rRXA|0|1|%s||PEMBRO^KEYTRUDA 100 MG/4 ML "
                  "INJ^99PHARM|200|mg|||||||||||||CP|A\r" %
                  (day, day, hl7_time(at)))
    for day, alt, _ in ALT_COURSE:
        at = hl7_time(DAY0_ICI + timedelta(days=day, hours=-1))
        feed.send("ORU^R01", ICI_PID,
                  "OBR|1||ALT-%d\rOBX|1|NM|1742-6^ALT SerPl-cCnc^LN||%d|U/L|"
                  "7-56||||F|||%s\r" % (day, alt, at))


DEATH = DAY0_ICI + timedelta(days=12)


def send_fatal_course(feed):
    """A second checkpoint patient: ALT grade 3 on day 10, then the feed
    reports the death (ADT^A03 with PID-29) on day 12."""
    pid = "PID|1||ICI-8^^^HOSP^MR||POE^LEE||19700101|U"
    # ALT 100 U/L (above ULN) before the first dose: iraed grades from the
    # first dose, so the baseline grade is 0, and CTCAE grades ALT 400 by
    # the abnormal baseline (4 x baseline: grade 2; ASCO by ULN: 3).
    feed.send("ORU^R01", pid,
              "OBR|1||ALT-8P\rOBX|1|NM|1742-6^ALT SerPl-cCnc^LN||100|U/L|"
              "7-56||||F|||%s\r" % hl7_time(DAY0_ICI - timedelta(days=3)))
    feed.send("RAS^O17", pid,
              "ORC|RE|P-8|F-8\rRXA|0|1|%s||NIVO^Opdivo^99PHARM|240|mg"
              "|||||||||||||CP|A\r" % hl7_time(DAY0_ICI))
    feed.send("ORU^R01", pid,
              "OBR|1||ALT-8\rOBX|1|NM|1742-6^ALT SerPl-cCnc^LN||400|U/L|"
              "7-56||||F|||%s\r" % hl7_time(DAY0_ICI + timedelta(days=10)))
    feed.send("ADT^A03", pid + "|" * 21 + hl7_time(DEATH) + "|Y",
              "PV1|1|I\r")


def send_withdrawn_result(feed):
    """A third checkpoint patient whose only abnormal ALT is withdrawn
    (OBX-11 W): no adverse event."""
    pid = "PID|1||ICI-9^^^HOSP^MR||ZOE^MAX||19700101|M"
    feed.send("RAS^O17", pid,
              "ORC|RE|P-9|F-9\rRXA|0|1|%s||PEMBRO^Keytruda^99PHARM|200|mg"
              "|||||||||||||CP|A\r" % hl7_time(DAY0_ICI))
    at = hl7_time(DAY0_ICI + timedelta(days=7))
    for status in ("F", "W"):
        feed.send("ORU^R01", pid,
                  "OBR|1||ALT-9\rOBX|1|NM|1742-6^ALT SerPl-cCnc^LN||400|U/L|"
                  "7-56||||%s|||%s\r" % (status, at))


def send_car_t_course(feed):
    feed.send("RAS^O17", CART_PID,
              "ORC|RE|P-1|F-1\rRXA|0|1|%s|%s|KYM^Kymriah^99PHARM|1|bag"
              "|||||||||||||CP|A\r" %
              (hl7_time(DAY0_CART),
               hl7_time(DAY0_CART + timedelta(minutes=30))))

    def vitals(day, hours, temp, device):
        at = hl7_time(DAY0_CART + timedelta(days=day, hours=hours))
        feed.send("ORU^R01", CART_PID,
                  "OBR|1||V-%d-%d\rOBX|1|NM|8310-5^Body temperature^LN||%s|"
                  "Cel|||||F|||%s\rOBX|2|ST|O2-DEVICE^Oxygen device^IRAED||"
                  "%s||||||F|||%s\r" % (day, hours, temp, at, device, at))

    def ice(day, score):
        at = hl7_time(DAY0_CART + timedelta(days=day))
        feed.send("ORU^R01", CART_PID,
                  "OBR|1||N-%d\rOBX|1|NM|ICE-SCORE^ICE^IRAED||%d||||||F|||"
                  "%s\rOBX|2|ST|LOC^Consciousness^IRAED||alert||||||F|||%s\r"
                  % (day, score, at, at))

    vitals(1, 0, "38.9", "room air")       # CRS 1
    vitals(2, 0, "39.4", "nasal cannula")  # CRS 2
    vitals(3, 0, "38.5", "nasal cannula")
    vitals(5, 0, "37.0", "room air")       # CRS 0
    ice(5, 7)   # ICANS 1
    ice(6, 4)   # ICANS 2
    ice(8, 10)  # ICANS 0


def send_late_vitals(feed):
    """Day-4 vitals of the CAR-T patient that arrive late (after the
    replay split): CRS grade 1 inside the episode opened on day 1."""
    at = hl7_time(DAY0_CART + timedelta(days=4))
    feed.send("ORU^R01", CART_PID,
              "OBR|1||V-4-late\rOBX|1|NM|8310-5^Body temperature^LN||38.2|"
              "Cel|||||F|||%s\rOBX|2|ST|O2-DEVICE^Oxygen device^IRAED||"
              "room air||||||F|||%s\r" % (at, at))


def iraectl(db, *args):
    r = subprocess.run([IRAECTL, "--db", db] + list(args),
                       capture_output=True, text=True, timeout=120)
    CHECK.assertEqual(r.returncode, 0, r.stderr)
    return r.stdout


def parse_time(text):
    return datetime.fromisoformat(text) if text else None


def derive(findings, deaths, monitoring_ends):
    """Episodes from finding-level rows by README's rules, written as
    interval merging (not the walk iraed's code does): the runs of grades
    above baseline, joined when the gap back at baseline is shorter than the
    window. `deaths` by patient, `monitoring_ends` by series."""
    starts, series = {}, {}
    for f in findings:
        if f["first_dose_at"]:
            t = parse_time(f["first_dose_at"])
            starts[f["patient"]] = min(starts.get(f["patient"], t), t)
        key = (f["patient"], f["term"], f["grading_system"])
        series.setdefault(key, []).append(f)
    window = timedelta(days=END_DAYS)
    out = {}
    for key, rows in series.items():
        start = starts.get(key[0])
        if start is None:
            continue
        grade_at = {}  # the last finding recorded for an instant holds
        for f in sorted(rows, key=lambda f: int(f["finding_id"])):
            grade_at[parse_time(f["observed_at"])] = int(f["grade"])
        timeline = sorted(grade_at.items())
        before = [g for t, g in timeline if t <= start]
        baseline = before[-1] if before else 0
        death, mon = deaths.get(key[0]), monitoring_ends.get(key)
        # Observation stops at whichever came first, the death or the end
        # of monitoring (both within the period).
        # (a tie is the monitoring end: the death did not come first)
        stops = [(t, rank, why) for t, rank, why in
                 ((mon, 0, "monitoring"), (death, 1, "death"))
                 if t is not None and t <= AS_OF]
        first = min(stops)[2] if stops else None
        died, unmonitored = first == "death", first == "monitoring"
        stop = death if died else (mon if unmonitored else AS_OF)
        timeline = [(t, g) for t, g in timeline if start < t <= stop]
        # Runs above baseline: [begin, back), back = the next point at or
        # below baseline (None: still above).
        runs = []
        for t, g in timeline:
            above = g >= 1 and g > baseline
            if above and (not runs or runs[-1][1] is not None):
                runs.append([t, None])
            elif not above and runs and runs[-1][1] is None:
                runs[-1][1] = t
        groups = []
        for begin, back in runs:
            if groups and begin - groups[-1][1] < window:
                groups[-1][1] = back
            else:
                groups.append([begin, back])
        episodes = []
        for i, (begin, back) in enumerate(groups):
            ended = back is not None and (
                i + 1 < len(groups) or died or unmonitored or
                stop - back >= window)
            last = back if ended else stop  # an open group is the last
            pts = [(t, g) for t, g in timeline if begin <= t <= last]
            worst = max(g for _, g in pts)
            e = dict(onset=begin, worst=worst,
                     worst_at=min(t for t, g in pts if g == worst),
                     end=back if ended else None, n=len(pts))
            if ended:
                e["outcome"] = "recovered"
            elif died:
                e.update(outcome="fatal", end=death)
            elif unmonitored:
                e.update(outcome="unknown", end=mon)
            elif back is not None or pts[-1][1] < worst:
                e["outcome"] = "recovering"
            else:
                e["outcome"] = "ongoing"
            episodes.append(e)
        out[key] = episodes
    return out


def check_by_hand(episodes):
    """The course as a pharmacovigilance analyst reads it."""
    alt = [e for e in episodes if e["patient"] == "ICI-7" and
           e["term"] == "Alanine aminotransferase increased"]
    CHECK.assertEqual(len(alt), 1, alt)  # improve and relapse: one episode
    e = alt[0]
    day = lambda d: iso(DAY0_ICI + timedelta(days=d, hours=-1))  # noqa: E731
    CHECK.assertEqual(e["onset_at"], day(7))
    CHECK.assertEqual(e["onset_grade"], "1")
    CHECK.assertEqual(e["worst_grade"], "3")
    CHECK.assertEqual(e["worst_grade_at"], day(14))
    CHECK.assertEqual(e["end_at"], day(35))
    CHECK.assertEqual(e["outcome"], "recovered")
    CHECK.assertEqual(e["severe"], "1")
    CHECK.assertEqual(e["findings"], "7")  # 1,2,3,1,3,1,0
    CHECK.assertEqual(e["soc"], "Investigations")
    CHECK.assertEqual(e["meddra_llt_code"], "10001551")
    CHECK.assertEqual(e["meddra_version"], "20.1")
    CHECK.assertEqual(e["therapy_class"], "checkpoint inhibitor (PD-1)")
    CHECK.assertEqual(e["active_ingredient"], "pembrolizumab")
    CHECK.assertEqual(e["product"], "KEYTRUDA 100 MG/4 ML INJ")
    CHECK.assertEqual(e["first_dose_at"], iso(DAY0_ICI))
    CHECK.assertEqual(e["latest_dose"], "200")
    CHECK.assertEqual(e["latest_dose_unit"], "mg")
    CHECK.assertEqual(e["day_of_therapy"], "8")  # day 1 = the first dose
    CHECK.assertEqual(e["days_since_latest_dose"], "7")
    CHECK.assertEqual(e["sex"], "female")
    CHECK.assertEqual(e["age_band"], "elderly")  # 68
    CHECK.assertEqual(e["assigning_authority"], "HOSP")

    CHECK.assertEqual([e for e in episodes if e["patient"] == "ICI-9"], [])
    crs = [e for e in episodes if e["patient"] == "CART-9" and
           e["term"] == "Cytokine release syndrome" and
           e["grading_system"] == "ASTCT 2019"]
    CHECK.assertEqual(len(crs), 1, crs)
    CHECK.assertEqual(crs[0]["end_at"], iso(DAY0_CART + timedelta(days=5)))
    CHECK.assertEqual(crs[0]["outcome"], "recovered")
    CHECK.assertEqual(crs[0]["onset_at"], iso(DAY0_CART + timedelta(days=1)))
    CHECK.assertEqual(crs[0]["onset_grade"], "1")
    CHECK.assertEqual(crs[0]["worst_grade"], "2")
    CHECK.assertEqual(crs[0]["worst_grade_at"],
                      iso(DAY0_CART + timedelta(days=2)))
    CHECK.assertEqual(crs[0]["soc"], "Immune system disorders")
    CHECK.assertEqual(crs[0]["therapy_class"], "CAR-T cell therapy")
    CHECK.assertEqual(crs[0]["active_ingredient"], "tisagenlecleucel")
    CHECK.assertEqual(crs[0]["day_of_therapy"], "2")
    CHECK.assertEqual(crs[0]["sex"], "male")
    CHECK.assertEqual(crs[0]["age_band"], "adult")

    fatal = [e for e in episodes if e["patient"] == "ICI-8" and
             e["grading_system"] == "CTCAE 5.0"]
    CHECK.assertEqual(len(fatal), 1, fatal)
    CHECK.assertEqual(fatal[0]["outcome"], "fatal")
    CHECK.assertEqual(fatal[0]["baseline_grade"], "0")
    CHECK.assertEqual(fatal[0]["worst_grade"], "2")
    CHECK.assertEqual(fatal[0]["died_at"], iso(DEATH))
    CHECK.assertEqual(fatal[0]["end_at"], iso(DEATH))
    CHECK.assertEqual(fatal[0]["sex"], "unknown")
    CHECK.assertEqual(fatal[0]["therapy_class"], "checkpoint inhibitor (PD-1)")
    CHECK.assertEqual(fatal[0]["active_ingredient"], "nivolumab")

    icans = [e for e in episodes if e["patient"] == "CART-9" and
             e["grading_system"] == "ASTCT 2019" and
             e["term"].startswith("Immune effector cell")]
    CHECK.assertEqual(len(icans), 1, icans)
    CHECK.assertEqual(icans[0]["onset_at"],
                      iso(DAY0_CART + timedelta(days=5)))
    CHECK.assertEqual(icans[0]["worst_grade"], "2")
    CHECK.assertEqual(icans[0]["end_at"], iso(DAY0_CART + timedelta(days=8)))
    CHECK.assertEqual(icans[0]["outcome"], "recovered")
    CHECK.assertEqual(icans[0]["meddra_llt_code"], "10083347")
    CHECK.assertEqual(icans[0]["soc"], "Nervous system disorders")
    CHECK.assertEqual(icans[0]["coding_source"], "CTCAE 6.0")


def check_against_findings(episodes, findings):
    astct_end = DAY0_CART + timedelta(days=30)  # astct_window_days default
    derived = derive(findings, {"ICI-8": DEATH}, {
        ("CART-9", "Cytokine release syndrome", "ASTCT 2019"): astct_end,
        ("CART-9", "Cytokine release syndrome", "CTCAE 5.0"): astct_end,
        ("CART-9", "Immune effector cell-associated neurotoxicity syndrome",
         "ASTCT 2019"): astct_end})
    exported = {}
    for e in episodes:
        key = (e["patient"], e["term"], e["grading_system"])
        exported.setdefault(key, []).append(e)
    CHECK.assertEqual(sorted(k for k, v in derived.items() if v),
                      sorted(exported))
    for key, mine in derived.items():
        theirs = sorted(exported.get(key, []), key=lambda e: e["onset_at"])
        CHECK.assertEqual(len(mine), len(theirs), key)
        for m, t in zip(mine, theirs):
            CHECK.assertEqual(iso(m["onset"]), t["onset_at"], key)
            CHECK.assertEqual(str(m["worst"]), t["worst_grade"], key)
            CHECK.assertEqual(iso(m["worst_at"]), t["worst_grade_at"], key)
            CHECK.assertEqual(iso(m["end"]) if m["end"] else "", t["end_at"],
                              key)
            CHECK.assertEqual(m["outcome"], t["outcome"], key)
            CHECK.assertEqual(str(m["n"]), t["findings"], key)


def check_loaders(db, tmp):
    csv_path = os.path.join(tmp, "episodes.csv")
    json_path = os.path.join(tmp, "episodes.jsonl")
    iraectl(db, "export", *PERIOD, "--output", csv_path)
    iraectl(db, "export", *PERIOD, "--format", "json", "--output", json_path)
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(json_path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    CHECK.assertEqual(len(rows), len(lines))
    for r, j in zip(rows, lines):
        CHECK.assertEqual(r["episode_id"], str(j["episode_id"]))
        CHECK.assertIsInstance(j["meddra_llt_code"], (str, type(None)))
        CHECK.assertIsInstance(j["meddra_version"], (str, type(None)))
        CHECK.assertIsInstance(j["worst_grade"], int)
    # pandas, one line each, the codes kept as text (README).
    frame = pd.read_csv(csv_path, dtype=CODE_COLUMNS)
    jframe = pd.read_json(json_path, lines=True, dtype=CODE_COLUMNS)
    for df in (frame, jframe):
        CHECK.assertEqual(len(df), len(rows))
        CHECK.assertEqual(str(df["meddra_llt_code"].dtype), "string")
        CHECK.assertEqual(str(df["meddra_version"].dtype), "string")
        CHECK.assertIn("10001551", set(df["meddra_llt_code"].dropna()))
        CHECK.assertIn("20.1", set(df["meddra_version"].dropna()))
        CHECK.assertIn("28.0", set(df["meddra_version"].dropna()))
        CHECK.assertTrue(pd.api.types.is_integer_dtype(df["worst_grade"]))
    return rows


def check_summary(db, tmp):
    plot = os.path.join(tmp, "incidence.svg")
    out = iraectl(db, "export", *PERIOD, "--summary", "--plot", plot)
    summary = list(csv.DictReader(io.StringIO(out)))
    alt = [r for r in summary if
           r["term"] == "Alanine aminotransferase increased"]
    # Three checkpoint patients at risk; ALT episodes at worst grade 2
    # (ICI-8) and 3 (ICI-7); ICI-9's withdrawn result is none.
    CHECK.assertEqual(alt, [{
        "therapy_class": "checkpoint inhibitor (PD-1)",
        "term": "Alanine aminotransferase increased",
        "grading_system": "CTCAE 5.0", "worst_grade": str(g),
        "episodes": "1", "patients": "1", "patients_at_risk": "3",
        "incidence_percent": "33.3"} for g in (2, 3)])
    crs = [r for r in summary if r["term"] == "Cytokine release syndrome" and
           r["grading_system"] == "ASTCT 2019"]
    CHECK.assertEqual([(r["therapy_class"], r["worst_grade"], r["patients"],
                        r["patients_at_risk"]) for r in crs],
                      [("CAR-T cell therapy", "2", "1", "1")])
    root = ET.parse(plot).getroot()
    CHECK.assertTrue(root.tag.endswith("svg"), root.tag)
    text = open(plot, encoding="utf-8").read()
    CHECK.assertIn("4 patient(s) at risk", text)
    CHECK.assertIn("Cytokine release syndrome (ASTCT 2019)", text)
    describe = iraectl(db, "export", "--describe", "--format", "csv")
    columns = list(csv.DictReader(io.StringIO(describe)))
    episode_columns = [c["column"] for c in columns if c["level"] == "episode"]
    header = next(csv.reader(io.StringIO(iraectl(db, "export", *PERIOD))))
    CHECK.assertEqual(episode_columns, header)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "iraed.db")
        ready = os.path.join(tmp, "ready.json")
        log = open(os.path.join(tmp, "iraed.log"), "w")
        proc = subprocess.Popen(
            [IRAED, "--db", db, "--proto-listen", "127.0.0.1:0",
             "--mllp-listen", "127.0.0.1:0", "--ready-file", ready],
            stderr=log)
        try:
            deadline = time.time() + 30
            while not os.path.exists(ready):
                CHECK.assertTrue(time.time() < deadline and
                                 proc.poll() is None, "iraed did not start")
                time.sleep(0.05)
            feed = Feed(json.load(open(ready))["mllp_port"])
            send_checkpoint_course(feed)
            send_car_t_course(feed)
            # Messages received after `split` are not replayed by
            # replay --to split: a faithful replay still reproduces every
            # episode the earlier messages opened.
            time.sleep(0.01)
            split = datetime.now(timezone.utc)
            time.sleep(0.01)
            send_late_vitals(feed)
            send_fatal_course(feed)
            send_withdrawn_result(feed)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        rows = check_loaders(db, tmp)
        check_by_hand(rows)
        findings = list(csv.DictReader(io.StringIO(
            iraectl(db, "export", *PERIOD, "--level", "finding"))))
        check_against_findings(rows, findings)
        check_summary(db, tmp)
        replay = iraectl(db, "replay", "--rules", "iraed-rules-4")
        CHECK.assertIn("Reproduced exactly.", replay)
        CHECK.assertRegex(replay, r"episodes\s+stored [1-9]")
        partial = iraectl(db, "replay", "--rules", "iraed-rules-4", "--to",
                          split.strftime("%Y-%m-%dT%H:%M:%S.") +
                          "%03dZ" % (split.microsecond // 1000))
        CHECK.assertIn("Reproduced exactly.", partial)
        CHECK.assertRegex(partial, r"episodes\s+stored [1-9]")
    print("pv export: episodes, loaders, summary and replay as expected")


if __name__ == "__main__":
    main()
