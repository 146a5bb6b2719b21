-- 0002: findings, the complete pharmacovigilance record of grade changes,
-- and data-quality records for values that could not be graded.

-- One row each time a patient's grade for one term changes (grade 0 when
-- it resolves). Appended only.
CREATE TABLE findings (
  id             INTEGER PRIMARY KEY,
  patient_id     INTEGER NOT NULL REFERENCES patients(id),
  term           TEXT    NOT NULL,  -- CTCAE v5.0 term verbatim, or the
                                    -- consensus syndrome name
  meddra_code    TEXT,              -- MedDRA LLT code where the reference
                                    -- gives one
  grading_system TEXT    NOT NULL
                 CHECK (grading_system IN ('CTCAE 5.0', 'ASTCT 2019',
                                           'ASCO 2021')),
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
CREATE INDEX findings_by_patient_term
  ON findings (patient_id, term, observed_at_ms);

-- Values that were stored but could not be graded, and why (unknown unit,
-- no reference range ...). Never silent.
CREATE TABLE data_quality (
  id             INTEGER PRIMARY KEY,
  message        INTEGER NOT NULL REFERENCES messages(id),
  observation    INTEGER REFERENCES observations(id),
  patient_id     INTEGER REFERENCES patients(id),
  issue          TEXT    NOT NULL,  -- unknown_unit | not_graded
  detail         TEXT    NOT NULL,
  recorded_at_ms INTEGER NOT NULL
);
CREATE INDEX data_quality_by_message ON data_quality (message);
