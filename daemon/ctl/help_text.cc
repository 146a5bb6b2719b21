#include "ctl/help_text.h"

namespace iraed::ctl::help {

const char* const kTool =
    R"(Reports on an iraed database, online backups and audits (read-only: safe
while the daemon runs), and the staff and notifier commands that change
state, which go through the daemon's native listener like any message.
`iraectl COMMAND --help` describes one command. The options below may
stand before or after the command.)";

const char* const kExitStatus =
    R"(Exit status:
  0  success
  1  any other failure (a file that cannot be written, a failed backup,
     the daemon unable to store a write)
  2  a bad command line, or a config, key, token or date that cannot be
     read or is invalid
  3  the answer is no: `audit verify` finds the trail altered, `replay`
     finds differences, or the daemon refused the command
  4  what the command names does not exist (an alert, a token)
  5  the daemon or the database cannot be reached or used)";

const char* const kMessages =
    R"(The newest messages received (default 50), newest first, with their
outcome (accepted, duplicate, rejected), reason and, for a duplicate, the
accepted message it repeats. --outcome keeps one outcome; --differing keeps
the duplicates whose content differs from the accepted message with the
same source and id (kept for review, not applied: the sender re-used an
id).)";

const char* const kUnmapped =
    R"(What was received but could not be used, for the integration engineer:
drugs not in the drug catalogue (nor the site's grading { drugs }) and
numeric observation codes that map to no analyte (complete
grading { code_map }), most frequent first, with count, first and last
seen, example text and unit. Codes the configuration maps since the
daemon's last start are left out unless --all.)";

const char* const kPatients =
    R"(Patients by first appearance, newest first, with their number of
observations (shows patient identifiers: for authorised staff only).)";

const char* const kAlerts =
    R"(The newest alerts (default 50), newest first: syndrome, grade, summary
and action, state (open, acknowledged, resolved, superseded), escalations
so far and the last action's author, with the patient identifier
(authorised staff only). ack, resolve, follow and confirm act on them.)";

const char* const kStaffAuth =
    R"(When the daemon requires authenticated staff actions (auth.mode; README
"Staff identity"), this command needs --auth-token-file or a client
certificate (--tls-cert); the actor recorded is the token's or the
certificate's identity (--by is kept beside it as stated_by); without one
the daemon refuses (exit status 3, the refusal stored for audit).)";

const char* const kAlertAck =
    R"(Acknowledge an alert: stops its escalation. Sent to the daemon. Exit
status 4 when there is no such alert, 3 with the reason when refused
(resolved, superseded by a newer alert, not authorised). With --message-id
ID a retry after a lost answer is safe: the daemon answers the repeat as a
duplicate (exit status 0) and applies it once.)";

const char* const kAlertResolve =
    R"(Close an alert (open or acknowledged). Sent to the daemon. Exit status 4
when there is no such alert, 3 with the reason when refused. With
--message-id ID a retry after a lost answer is safe: the daemon answers
the repeat as a duplicate (exit status 0) and applies it once.)";

const char* const kAlertFollow =
    R"(Stream the alert feed (raised, escalated, acknowledged, resolved,
superseded, suppressed), one line per event in commit order, from NAME's
confirmed position. Confirm delivery by writing "confirm N" (or "N") to
its stdin: every event up to N was delivered; the position is stored in
the daemon, so a notifier that restarts gets every event after it, and
none it confirmed again. A consumer without a position yet starts at the
oldest event (the whole feed; said on stderr), or with --start newest at
the newest (only what comes next is sent); an explicit --start is stored
as its position at once, also on an empty feed; --start is ignored once it
has a position. Confirmations are read and stored as soon as they are
written, also while the output waits to be read. --once prints what is
pending and exits. Needs --db and --connect. Exit status 1 when the daemon
cannot store a confirmation, 5 when it or the database cannot be
reached.)";

const char* const kAlertConfirm =
    R"(Confirm delivery up to EVENT_ID for consumer NAME (exit status 3 when
beyond the newest event).)";

const char* const kFindings =
    R"(The newest findings (default 50): CTCAE/ASTCT/ASCO term, grade change,
rule version and the JSON evidence.)";

const char* const kStats =
    R"(Schema version, rows per table, messages per outcome and duplicates whose
content differs, data-quality records per issue
(data_quality_unrecognised_drug, ..._invalid_characters,
..._ambiguous_local_time ...), unmapped drug and observation codes and how
often they came, the feed and each consumer's position and lag.)";

const char* const kBackup =
    R"(An online, consistent copy of the database as of one commit (SQLite's
backup API), written to DEST.partial, checked, then renamed to DEST; an
existing DEST is never overwritten.)";

const char* const kAuditVerify =
    R"(Walks the SHA-256 chained audit trail, recomputing every entry and the
hash of every row it covers (messages, findings, alerts, alert events,
suppressions, data-quality records); names the first entry that was
altered, inserted, deleted or re-ordered, or a row with no entry; checks
each alert's status against its feed events and each notifier's position
against its confirmations. With --key-file FILE (the daemon's
audit.key_file) also checks every entry's HMAC-SHA256 and that the newest
entry carries one, which authenticates the whole chain: a history
rewritten by someone without the key fails. Without it the plain chain is
checked and the MACs counted. Exit status 3 when the trail does not
verify.)";

const char* const kAuditExplain =
    R"(The provenance of one alert for a person: the alert, each finding behind
it with its rule version and evidence (values, thresholds, baseline,
therapy and day, supportive care), the observations and raw messages it
came from, what happened to the alert since (acknowledgements,
escalations ...), and their audit entries (shows patient identifiers:
authorised staff only). Exit status 4 when there is no such alert.)";

const char* const kAuditKeygen =
    R"(Writes a new audit key (64 random hex digits) to FILE, created 0600; an
existing FILE is never overwritten. Give it to iraed as audit { key_file }
(chown root:iraed, chmod 0640).)";

const char* const kTokenCreate =
    R"(A new API token for the daemon's auth.tokens_file (--tokens, default
/etc/iraed/tokens; created 0600, an existing file keeps its group and
mode; under a lock): printed once on stdout, only its SHA-256 is kept.
ROLES: staff (default: acknowledge and resolve alerts), notifier (confirm
the feed as consumer NAME), notifier:CONSUMER, notifier:*, or a
comma-separated list.)";

const char* const kTokenList =
    R"(The tokens: name, roles, created, first digits of the hash.)";

const char* const kTokenRevoke =
    R"(Removes the token; the daemon refuses it from its next check (it reads a
changed tokens file again; no reload needed). Exit status 4 when there is
no such token.)";

const char* const kUsersAdd =
    R"(A new account for the nurse console in its users file (--users, default
/etc/iraed/console-users; created 0600, an existing file keeps its group
and mode; under a lock). ROLE: nurse or physician (act on alerts),
pharmacovigilance (reads findings and exports), admin (feeds, consumers,
data quality). The password (12 to 256 characters, not the name) is asked
twice on the terminal, or read from standard input's first line with
--password-stdin; only its Argon2id hash is kept. The daemon reads the
changed file at its next request.)";

const char* const kUsersList =
    R"(The console's users: name, role, created (never the hash).)";

const char* const kUsersPasswd =
    R"(Sets a new password for NAME (asked twice, or --password-stdin). Exit
status 4 when there is no such user.)";

const char* const kUsersRemove =
    R"(Removes NAME; their sessions end at their next request. Exit status 4
when there is no such user.)";

const char* const kExport =
    R"(Adverse-event episodes (--level episode, the default) or graded
findings (--level finding) in [--from, --to), for pharmacovigilance.
--from and --to take a date (midnight in the export's time zone) or a
date-time with Z or an offset (2026-12-01T23:59:59+01:00); a date-time
without one is local. An episode is one patient, term and grading system
from onset (the first grade above the baseline grade after the first
monitored dose) through its worst grade to its end (back at or below the
baseline grade for --episode-end-days days, default 3; a relapse sooner
continues it); outcome recovered, recovering, ongoing, fatal (the feed
gave the death) or unknown (CRS, ICANS or ICAHT monitoring ended), read
as of the period's last instant or now, whichever is earlier; exported
when it overlaps the period. A combination given on one day is one
regimen (its ingredients ';'-joined). --config also gives the ASTCT
window (astct_window_days). Columns: patient, site, sex and age band,
term, grading system, MedDRA LLT code (text), MedDRA version, CTCAE system
organ class, grades and dates, severe (grade >= 3), provisional, therapy
class, active ingredient and product, first and latest dose and the dose,
day of therapy (day 1 = the first dose's calendar day) and days since the
latest dose. --describe prints the data dictionary (every column, its
type and meaning) instead. Dates are ISO 8601 with the offset of
--time-zone (default: --config's site_time_zone, else the system's zone).
--format csv (default: RFC 4180, UTF-8, CRLF, formula-guarded) or json
(JSON Lines, one object per line; also the default under --json); jsonl
is the same. --pseudonym-key-file FILE replaces patient identifiers by a
keyed pseudonym (HMAC-SHA256 with the file's bytes, at least 16, as the
key: stable across exports with the same key, not reversible without it);
the site column stays. --output FILE writes the export to FILE, created
readable by its owner only (0600), instead of standard output.
--ctcae-version 5.0 (default), 6.0 or all: the CTCAE version whose rows
are exported (iraed grades both side by side; one result gives a row under
each); rows of the other grading systems, and the terms iraed grades
under the other version only (in a 6.0 export fever, diarrhea, chronic
kidney disease, CPK, cardiac troponins, febrile neutropenia, lymphocyte
count; in a 5.0 export hyperglycemia, creatinine clearance, HDL, LDL),
are always in. CAR-HEMATOTOX (a
risk score) is never exported. README "Pharmacovigilance" shows the files
and how to load them (keep the code columns as text).)";

const char* const kReplay =
    R"(Re-grades the stored messages through the daemon's own path (decoders,
store, grading), in their original order and with their original receipt
times, into a scratch database, and reports every finding, alert and
suppression that would differ from the stored ones: proof that past
decisions reproduce, or the impact of new rules or settings. Messages
received before --to are replayed; the rows of those received in
[--from, --to) are compared. VERSION must be the rule set this iraectl
carries (iraectl --help names it). --config: the daemon's config file, for
its grading and alerting settings and site time zone (default: the
built-in defaults; one config for the whole history). Staff actions follow
their alert by message and syndrome. Exit status 3 when anything differs.
Escalations (wall-clock) are not replayed. The scratch database lives in a
private folder in $TMPDIR and is removed afterwards.)";

}  // namespace iraed::ctl::help
