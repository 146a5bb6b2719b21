-- 0006: alert delivery, acknowledgement and escalation (issue 5).

-- Alerts held back by the re-alert rule (alerts/alert_policy.h): recorded,
-- never silent, but not sent to nurses. Appended only.
CREATE TABLE alert_suppressions (
  id             INTEGER PRIMARY KEY,
  patient_id     INTEGER NOT NULL REFERENCES patients(id),
  syndrome       TEXT    NOT NULL,
  grade          INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
  previous_grade INTEGER NOT NULL CHECK (previous_grade BETWEEN 0 AND 5),
  suppressed_at_ms INTEGER NOT NULL,
  observed_at    TEXT    NOT NULL,
  summary        TEXT    NOT NULL,
  finding_ids    TEXT    NOT NULL,  -- JSON array of findings.id
  rule_version   TEXT    NOT NULL,
  message        INTEGER NOT NULL REFERENCES messages(id),
  suppressed_by  INTEGER NOT NULL REFERENCES alerts(id),  -- the active alert
  reason         TEXT    NOT NULL
);

-- The alert feed: everything that happens to an alert, in commit order.
-- `id` is the feed position notifiers confirm. Appended only.
CREATE TABLE alert_events (
  id            INTEGER PRIMARY KEY,
  alert         INTEGER NOT NULL REFERENCES alerts(id),
  kind          TEXT    NOT NULL
                CHECK (kind IN ('raised', 'escalated', 'acknowledged',
                                'resolved', 'superseded', 'suppressed')),
  at            TEXT    NOT NULL,  -- ISO 8601 UTC
  at_ms         INTEGER NOT NULL,
  actor         TEXT,     -- acknowledged, resolved: who; raised: the first
                          -- role; escalated: the role paged
  note          TEXT,     -- acknowledged, resolved: the note, if any
  escalation    INTEGER,  -- escalated: 1, 2, ...
  related_alert INTEGER REFERENCES alerts(id),  -- superseded: by which
  suppression   INTEGER REFERENCES alert_suppressions(id),  -- suppressed
  message       INTEGER REFERENCES messages(id),  -- what caused it; NULL for
                                                  -- escalations
  detail        TEXT    NOT NULL  -- JSON; raised: the escalation policy
);
CREATE INDEX alert_events_by_alert ON alert_events (alert);

-- Each alert's current state: a projection of alert_events kept in the same
-- transactions, with the escalation policy the alert was raised under.
CREATE TABLE alert_status (
  alert        INTEGER PRIMARY KEY REFERENCES alerts(id),
  patient_id   INTEGER NOT NULL REFERENCES patients(id),
  syndrome     TEXT    NOT NULL,
  grade        INTEGER NOT NULL,
  raised_at_ms INTEGER NOT NULL,
  state        TEXT    NOT NULL
               CHECK (state IN ('open', 'acknowledged', 'resolved',
                                'superseded')),
  acknowledge_within_ms INTEGER NOT NULL,
  repeat_every_ms       INTEGER NOT NULL,
  max_escalations       INTEGER NOT NULL,
  route        TEXT    NOT NULL,  -- roles, one per line
  escalations  INTEGER NOT NULL DEFAULT 0,
  next_escalation_ms INTEGER      -- NULL: none due
);
CREATE INDEX alert_status_active ON alert_status (patient_id, syndrome)
  WHERE state IN ('open', 'acknowledged');
CREATE INDEX alert_status_due ON alert_status (next_escalation_ms)
  WHERE next_escalation_ms IS NOT NULL;

-- Each notifier's confirmed position in the feed (alert_events.id): every
-- event up to it was delivered. Changed only by a FeedConfirmation message.
CREATE TABLE feed_consumers (
  name          TEXT    PRIMARY KEY,
  position      INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  message       INTEGER NOT NULL REFERENCES messages(id)
) WITHOUT ROWID;
