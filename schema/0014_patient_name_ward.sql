-- Schema 14: the patient's name and where the patient is, for the nurse
-- console (README "Nurse console": the board's name column and ward filter).
-- From HL7 PID-5 (family^given^middle, shown "FAMILY, Given Middle") and
-- PV1-3 (point of care = ward; room and bed), or the native protocol's
-- PatientId.name, .ward and .bed. The latest message that gives one sets
-- it; HL7's delete ("") clears it. NULL: none on record. Identifying data:
-- never logged, never in the pharmacovigilance export.
ALTER TABLE patients ADD COLUMN name TEXT;
ALTER TABLE patients ADD COLUMN ward TEXT;
ALTER TABLE patients ADD COLUMN bed TEXT;
