-- 0004: what ASTCT CRS and ICANS grading reads, kept beside the raw facts:
-- the catalogue class of each administered drug, and the normalised value
-- of each charted supportive-care or neurological state.

-- The drug catalogue's reading of an administration at the time it was
-- stored (NULL: not a drug iraed knows). drug_generic names the drug, so
-- that two vasopressors are told apart however each was spelled.
ALTER TABLE medication_administrations ADD COLUMN drug_class TEXT;
ALTER TABLE medication_administrations ADD COLUMN drug_generic TEXT;
CREATE INDEX medication_administrations_by_class
  ON medication_administrations (patient, drug_class, started_at_ms)
  WHERE drug_class IS NOT NULL;

-- One row per observation of an ASTCT input (body temperature, systolic
-- pressure, hypotension flag, oxygen device and flow, ICE score, level of
-- consciousness, seizure, motor weakness, cerebral oedema, sedation), in
-- one unit or one token (grading/clinical_states.h). A corrected result
-- adds a row with the same result_id, which supersedes the earlier ones; a
-- cancelled or entered-in-error result adds a row with token 'withdrawn'.
-- Appended only.
CREATE TABLE clinical_states (
  id             INTEGER PRIMARY KEY,
  patient        INTEGER NOT NULL REFERENCES patients(id),
  concept        TEXT    NOT NULL,  -- analyte name ("oxygen_device")
  observed_at_ms INTEGER NOT NULL,
  value_numeric  REAL,              -- Cel, mm[Hg], L/min or ICE points
  value_token    TEXT,              -- "nasal_cannula", "yes", "withdrawn"
  observation    INTEGER NOT NULL REFERENCES observations(id),
  result_id      TEXT    NOT NULL
);
CREATE INDEX clinical_states_by_patient
  ON clinical_states (patient, concept, observed_at_ms);
CREATE INDEX clinical_states_by_result
  ON clinical_states (patient, result_id) WHERE result_id <> '';
