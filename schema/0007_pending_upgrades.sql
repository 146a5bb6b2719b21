-- 0007: data upgrades that run in the daemon (they need code: SHA-256
-- audit entries), named here by the migration that needs them. The daemon
-- runs each at open, in one transaction with the deletion of its row, so a
-- crash or a full disk retries it at the next open instead of skipping it.
CREATE TABLE pending_upgrades (
  name TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Alerts raised before the feed (schema 6) get their status and 'raised'
-- event; data-quality records their audit entries.
INSERT INTO pending_upgrades (name) VALUES ('feed_and_audit_backfill');
