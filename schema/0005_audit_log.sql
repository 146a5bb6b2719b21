-- 0005: the tamper-evident audit trail (store/audit_log.h). One entry per
-- fact recorded, chained by SHA-256; appended in the same transaction as the
-- fact. Never updated, never deleted.
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,  -- 1, 2, 3 ... without gaps
  recorded_at_ms INTEGER NOT NULL,
  kind           TEXT    NOT NULL,     -- message_received | finding | alert
                                       -- | rules_loaded
  subject_table  TEXT,                 -- messages | findings | alerts
  subject_id     INTEGER,
  content_sha256 TEXT    NOT NULL,     -- of the subject row's canonical form,
                                       -- or of `detail`
  detail         TEXT    NOT NULL,     -- events without a row: what happened
  prev_sha256    TEXT    NOT NULL,     -- entry_sha256 of entry id - 1
  entry_sha256   TEXT    NOT NULL
);
