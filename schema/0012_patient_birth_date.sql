-- Schema 12: the patient's birth date (reference 10.5: children under 12
-- are graded for ICANS by CAPD instead of ICE). From HL7 PID-7 or the
-- native protocol's PatientId.birth_date; the latest message that carries
-- one sets it. NULL: none on record (ICANS then grades by ICE and says the
-- age is unknown).
ALTER TABLE patients ADD COLUMN birth_date TEXT
  CHECK (birth_date IS NULL OR
         (length(birth_date) = 10 AND
          date(birth_date, '+0 days') = birth_date));
