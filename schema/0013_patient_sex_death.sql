-- Schema 13: the patient's sex and death, for the pharmacovigilance export
-- (README "Pharmacovigilance"). From HL7 PID-8 and PID-29 or the native
-- protocol's PatientId.sex and PatientId.died_at; the latest message that
-- carries one sets it. NULL: none on record (the export leaves sex empty and
-- marks no episode fatal).
ALTER TABLE patients ADD COLUMN sex TEXT
  CHECK (sex IS NULL OR sex IN ('female', 'male', 'other', 'unknown'));
ALTER TABLE patients ADD COLUMN died_at_ms INTEGER;
