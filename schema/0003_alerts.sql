-- 0003: alerts, what a nurse should see. One row each time a patient's
-- grade for a syndrome rises to at least its alert threshold. The row id is
-- the monotonic cursor notifiers read from. Appended only.
CREATE TABLE alerts (
  id             INTEGER PRIMARY KEY,
  patient_id     INTEGER NOT NULL REFERENCES patients(id),
  syndrome       TEXT    NOT NULL,  -- Hepatitis, Nephritis, Myocarditis ...
  grade          INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
  previous_grade INTEGER NOT NULL CHECK (previous_grade BETWEEN 0 AND 5),
  raised_at      TEXT    NOT NULL,  -- ISO 8601 UTC, when iraed raised it
  raised_at_ms   INTEGER NOT NULL,
  observed_at    TEXT    NOT NULL,  -- ISO 8601 UTC of the deciding result
  summary        TEXT    NOT NULL,  -- one line: what, how bad, since when
  action         TEXT    NOT NULL,  -- what the grade implies (with source)
  finding_ids    TEXT    NOT NULL,  -- JSON array of findings.id
  provisional    INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  rule_version   TEXT    NOT NULL,
  message        INTEGER NOT NULL REFERENCES messages(id)
);
CREATE INDEX alerts_by_patient ON alerts (patient_id, syndrome);

CREATE TABLE alert_findings (
  alert   INTEGER NOT NULL REFERENCES alerts(id),
  finding INTEGER NOT NULL REFERENCES findings(id),
  PRIMARY KEY (alert, finding)
) WITHOUT ROWID;
