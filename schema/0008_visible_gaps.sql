-- 0008: nothing iraed cannot use goes unseen (issue 11).

-- Drug and observation codes received that iraed could not map: a drug not
-- in the catalogue (nor the site's drugs), a numeric observation whose code
-- maps to no analyte. One row per code, counted, for the integration
-- engineer who completes `code_map` or the site drug list (`iraectl
-- unmapped`). A counter kept in place, not part of the clinical record:
-- the messages it counts are (and unrecognised drugs also leave a
-- data_quality row). `mapped_at_ms` is set at start-up once the site's
-- configuration maps the code, and cleared if it arrives unmapped again.
CREATE TABLE unmapped_codes (
  kind          TEXT    NOT NULL CHECK (kind IN ('drug', 'observation')),
  code_system   TEXT    NOT NULL,
  code          TEXT    NOT NULL,
  example_text  TEXT    NOT NULL,  -- the display text or name first sent
  example_unit  TEXT    NOT NULL,  -- observations: the unit first sent
  count         INTEGER NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  last_seen_ms  INTEGER NOT NULL,
  first_message INTEGER NOT NULL REFERENCES messages(id),
  last_message  INTEGER NOT NULL REFERENCES messages(id),
  mapped_at_ms  INTEGER,           -- NULL: still unmapped
  PRIMARY KEY (kind, code_system, code)
) WITHOUT ROWID;

-- The alert feed also carries system events that are about paging itself,
-- not about one alert: 'consumer_stalled' (a notifier has left events
-- unconfirmed longer than its maximum lag) and 'consumer_recovered'. They
-- have no alert; `actor` names the consumer and `detail` the lag. The
-- table is rebuilt only to relax `alert` and widen the kinds: its columns,
-- their order and every row stay as they were, so each row's audit hash
-- (its canonical form) is unchanged.
CREATE TABLE alert_events_0008 (
  id            INTEGER PRIMARY KEY,
  alert         INTEGER REFERENCES alerts(id),  -- NULL: a system event
  kind          TEXT    NOT NULL
                CHECK (kind IN ('raised', 'escalated', 'acknowledged',
                                'resolved', 'superseded', 'suppressed',
                                'consumer_stalled', 'consumer_recovered')),
  at            TEXT    NOT NULL,
  at_ms         INTEGER NOT NULL,
  actor         TEXT,
  note          TEXT,
  escalation    INTEGER,
  related_alert INTEGER REFERENCES alerts(id),
  suppression   INTEGER REFERENCES alert_suppressions(id),
  message       INTEGER REFERENCES messages(id),
  detail        TEXT    NOT NULL,
  CHECK ((alert IS NULL) = (kind IN ('consumer_stalled',
                                     'consumer_recovered')))
);
INSERT INTO alert_events_0008 SELECT * FROM alert_events;
DROP TABLE alert_events;
ALTER TABLE alert_events_0008 RENAME TO alert_events;
CREATE INDEX alert_events_by_alert ON alert_events (alert);
CREATE INDEX alert_events_system ON alert_events (actor, id)
  WHERE alert IS NULL;
