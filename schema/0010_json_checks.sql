-- 0010: the JSON columns hold valid JSON (issue 13). SQLite cannot add a
-- CHECK to an existing table, so triggers refuse a row whose JSON column
-- is not valid JSON (json_valid) or, for the lists of finding ids, not a
-- JSON array. Rows written before this migration are left as they are
-- (the audit trail covers them); every write from now on is checked.
CREATE TRIGGER findings_evidence_is_json
BEFORE INSERT ON findings WHEN NOT json_valid(NEW.evidence)
BEGIN SELECT RAISE(ABORT, 'findings.evidence is not valid JSON'); END;

CREATE TRIGGER alerts_finding_ids_is_json
BEFORE INSERT ON alerts WHEN NOT json_valid(NEW.finding_ids)
  OR json_type(NEW.finding_ids) <> 'array'
BEGIN SELECT RAISE(ABORT, 'alerts.finding_ids is not a JSON array'); END;

CREATE TRIGGER alert_suppressions_finding_ids_is_json
BEFORE INSERT ON alert_suppressions WHEN NOT json_valid(NEW.finding_ids)
  OR json_type(NEW.finding_ids) <> 'array'
BEGIN
  SELECT RAISE(ABORT, 'alert_suppressions.finding_ids is not a JSON array');
END;

CREATE TRIGGER alert_events_detail_is_json
BEFORE INSERT ON alert_events WHEN NOT json_valid(NEW.detail)
BEGIN SELECT RAISE(ABORT, 'alert_events.detail is not valid JSON'); END;

-- These rows are never updated (audit_log covers them); an update of the
-- JSON columns is refused the same way.
CREATE TRIGGER findings_evidence_stays_json
BEFORE UPDATE OF evidence ON findings WHEN NOT json_valid(NEW.evidence)
BEGIN SELECT RAISE(ABORT, 'findings.evidence is not valid JSON'); END;

CREATE TRIGGER alert_events_detail_stays_json
BEFORE UPDATE OF detail ON alert_events WHEN NOT json_valid(NEW.detail)
BEGIN SELECT RAISE(ABORT, 'alert_events.detail is not valid JSON'); END;
