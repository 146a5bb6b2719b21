-- 0001: every received message, the patients they name, and the clinical
-- facts they carry. Times are integer milliseconds since the Unix epoch, UTC.
-- Rows are only ever appended by the daemon; nothing here is updated in place
-- except patients.status / merged_into.

-- Every frame that arrived, whatever became of it, kept raw for audit and
-- replay. The row id is the order of arrival at the store.
CREATE TABLE messages (
  id             INTEGER PRIMARY KEY,
  protocol       TEXT    NOT NULL,  -- 'protobuf' (iraed.v1.Envelope)
  peer           TEXT    NOT NULL,  -- remote address:port of the connection
  source         TEXT,              -- Envelope.source; NULL if undecodable
  message_id     TEXT,              -- Envelope.message_id; NULL if undecodable
  body_kind      TEXT,              -- observations | medication_administration
                                    -- | therapy_event | patient_event
  sent_at_ms     INTEGER,           -- Envelope.sent_at, when given
  received_at_ms INTEGER NOT NULL,
  outcome        TEXT    NOT NULL
                 CHECK (outcome IN ('accepted', 'duplicate', 'rejected')),
  reason         TEXT,              -- rejection reason; for a duplicate whose
                                    -- bytes differ from the original, says so
  duplicate_of   INTEGER REFERENCES messages(id),
  raw_size       INTEGER NOT NULL,  -- frame length as announced
  raw            BLOB    NOT NULL   -- frame bytes as received; empty when the
                                    -- frame exceeded the size limit
);
-- At most one accepted message per (source, message_id): the dedupe key.
CREATE UNIQUE INDEX messages_accepted_key
  ON messages (source, message_id) WHERE outcome = 'accepted';

-- Patient key: (assigning_authority, identifier), as sent.
CREATE TABLE patients (
  id                  INTEGER PRIMARY KEY,
  assigning_authority TEXT    NOT NULL,
  identifier          TEXT    NOT NULL,
  id_type             TEXT    NOT NULL,
  first_message       INTEGER NOT NULL REFERENCES messages(id),
  status              TEXT    NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'discharged', 'merged')),
  merged_into         INTEGER REFERENCES patients(id),
  UNIQUE (assigning_authority, identifier)
);

-- One row per Observation of an accepted ObservationBatch.
CREATE TABLE observations (
  id             INTEGER PRIMARY KEY,
  message        INTEGER NOT NULL REFERENCES messages(id),
  patient        INTEGER NOT NULL REFERENCES patients(id),
  code_system    TEXT    NOT NULL,
  code           TEXT    NOT NULL,
  code_display   TEXT    NOT NULL,
  value_numeric  REAL,              -- exactly one of value_numeric/value_text,
  value_text     TEXT,              -- or neither for cancelled/in-error
  comparator     TEXT    NOT NULL,  -- '', '<', '<=', '>', '>='
  unit           TEXT    NOT NULL,
  ref_low        REAL,
  ref_high       REAL,
  ref_text       TEXT    NOT NULL,
  abnormal_flag  TEXT    NOT NULL,
  status         TEXT    NOT NULL
                 CHECK (status IN ('final', 'corrected', 'preliminary',
                                   'cancelled', 'entered_in_error')),
  observed_at_ms INTEGER NOT NULL,
  result_id      TEXT    NOT NULL
);
CREATE INDEX observations_by_patient
  ON observations (patient, code, observed_at_ms);

-- Further codings of an observation (OBX-3 alternate identifier).
CREATE TABLE observation_alternate_codes (
  observation INTEGER NOT NULL REFERENCES observations(id),
  code_system TEXT    NOT NULL,
  code        TEXT    NOT NULL,
  display     TEXT    NOT NULL
);
CREATE INDEX observation_alternate_codes_by_observation
  ON observation_alternate_codes (observation);

CREATE TABLE medication_administrations (
  id                INTEGER PRIMARY KEY,
  message           INTEGER NOT NULL REFERENCES messages(id),
  patient           INTEGER NOT NULL REFERENCES patients(id),
  drug_system       TEXT    NOT NULL,
  drug_code         TEXT    NOT NULL,
  drug_name         TEXT    NOT NULL,
  dose              REAL,
  dose_unit         TEXT    NOT NULL,
  rate              REAL,
  rate_unit         TEXT    NOT NULL,
  route             TEXT    NOT NULL,
  started_at_ms     INTEGER NOT NULL,
  ended_at_ms       INTEGER,
  administration_id TEXT    NOT NULL,
  status            TEXT    NOT NULL
                    CHECK (status IN ('in_progress', 'completed', 'stopped',
                                      'not_given', 'entered_in_error'))
);
CREATE INDEX medication_administrations_by_patient
  ON medication_administrations (patient, started_at_ms);

CREATE TABLE therapies (
  id               INTEGER PRIMARY KEY,
  message          INTEGER NOT NULL REFERENCES messages(id),
  patient          INTEGER NOT NULL REFERENCES patients(id),
  kind             TEXT    NOT NULL
                   CHECK (kind IN ('car_t_infusion',
                                   'bispecific_t_cell_engager',
                                   'checkpoint_inhibitor_dose')),
  product_system   TEXT    NOT NULL,
  product_code     TEXT    NOT NULL,
  product_name     TEXT    NOT NULL,
  target           TEXT    NOT NULL,  -- '', 'PD-1', 'PD-L1', 'CTLA-4', 'LAG-3'
  administered_at_ms INTEGER NOT NULL,
  event_id         TEXT    NOT NULL,
  entered_in_error INTEGER NOT NULL CHECK (entered_in_error IN (0, 1))
);
CREATE INDEX therapies_by_patient ON therapies (patient, administered_at_ms);

CREATE TABLE patient_events (
  id             INTEGER PRIMARY KEY,
  message        INTEGER NOT NULL REFERENCES messages(id),
  patient        INTEGER NOT NULL REFERENCES patients(id),
  kind           TEXT    NOT NULL
                 CHECK (kind IN ('registered', 'updated', 'discharged',
                                 'merged')),
  merged_from    INTEGER REFERENCES patients(id),
  occurred_at_ms INTEGER NOT NULL
);
CREATE INDEX patient_events_by_patient ON patient_events (patient);
