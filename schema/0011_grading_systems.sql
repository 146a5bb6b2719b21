-- 0011: findings of the grading systems issue 14 adds. The CHECK on
-- findings.grading_system listed three systems; SQLite cannot change a
-- CHECK in place, so the table is rebuilt by SQLite's own procedure
-- (https://sqlite.org/lang_altertable.html, "other kinds of table schema
-- changes"): a new table, every row copied unchanged (same ids, same
-- values: the audit trail still verifies), the old one dropped, the new
-- one renamed, its index and triggers created again. ApplyMigrations runs
-- migrations with foreign-key enforcement off and checks every foreign key
-- before it commits.
CREATE TABLE findings_0011 (
  id             INTEGER PRIMARY KEY,
  patient_id     INTEGER NOT NULL REFERENCES patients(id),
  term           TEXT    NOT NULL,  -- CTCAE term verbatim, or the
                                    -- consensus syndrome name
  meddra_code    TEXT,              -- MedDRA LLT code where the reference
                                    -- gives one
  grading_system TEXT    NOT NULL
                 CHECK (grading_system IN ('CTCAE 5.0', 'CTCAE 6.0',
                                           'ASTCT 2019', 'ASCO 2021',
                                           'EHA/EBMT ICAHT 2023',
                                           'CAR-HEMATOTOX 2021')),
  grade          INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
  previous_grade INTEGER NOT NULL CHECK (previous_grade BETWEEN 0 AND 5),
  observed_at    TEXT    NOT NULL,  -- ISO 8601 UTC, time of the deciding
                                    -- observation
  observed_at_ms INTEGER NOT NULL,
  recorded_at_ms INTEGER NOT NULL,  -- when iraed recorded the finding
  rule_version   TEXT    NOT NULL,
  provisional    INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  evidence       TEXT    NOT NULL,  -- JSON: values, thresholds, baseline,
                                    -- therapy and day, assumption
  message        INTEGER NOT NULL REFERENCES messages(id),
  observation    INTEGER REFERENCES observations(id)
);
INSERT INTO findings_0011 (id, patient_id, term, meddra_code, grading_system,
                           grade, previous_grade, observed_at, observed_at_ms,
                           recorded_at_ms, rule_version, provisional, evidence,
                           message, observation)
  SELECT id, patient_id, term, meddra_code, grading_system, grade,
         previous_grade, observed_at, observed_at_ms, recorded_at_ms,
         rule_version, provisional, evidence, message, observation
  FROM findings;
DROP TABLE findings;
ALTER TABLE findings_0011 RENAME TO findings;
CREATE INDEX findings_by_patient_term
  ON findings (patient_id, term, observed_at_ms);

-- The triggers of 0010, dropped with the old table.
CREATE TRIGGER findings_evidence_is_json
BEFORE INSERT ON findings WHEN NOT json_valid(NEW.evidence)
BEGIN SELECT RAISE(ABORT, 'findings.evidence is not valid JSON'); END;

CREATE TRIGGER findings_evidence_stays_json
BEFORE UPDATE OF evidence ON findings WHEN NOT json_valid(NEW.evidence)
BEGIN SELECT RAISE(ABORT, 'findings.evidence is not valid JSON'); END;
