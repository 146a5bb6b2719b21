// iraectl: the command-line tool of iraed. Reads open the database
// read-only; writes (later) go through the daemon's protocol.
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/logging.h"
#include "common/private_files.h"
#include "ctl/client_tls.h"
#include "ctl/daemon_client.h"
#include "ctl/explain.h"
#include "ctl/follow.h"
#include "ctl/replay.h"
#include "ctl/reports.h"
#include "ctl/tokens.h"
#include "grading/rule_set.h"
#include "server/config.h"
#include "store/audit_key.h"
#include "store/audit_log.h"
#include "store/backup.h"
#include "store/migrations.h"

namespace {

constexpr const char* kUsage =
    R"(Usage: iraectl --db PATH [--json] [--limit N] COMMAND
       iraectl --db PATH messages [--outcome accepted|duplicate|rejected]
                        [--differing]
       iraectl --db PATH unmapped [--all]
       iraectl --db PATH backup DEST
       iraectl --db PATH audit verify [--key-file FILE]
       iraectl --db PATH audit explain ALERT_ID
       iraectl audit keygen FILE
       iraectl [--tokens FILE] token create NAME [--role ROLES]
       iraectl [--tokens FILE] token list [--json]
       iraectl [--tokens FILE] token revoke NAME
       iraectl --db PATH export --from DATE --to DATE [--format csv|json]
                        [--pseudonym-key-file FILE]
       iraectl [--connect HOST:PORT] alerts ack|resolve ALERT_ID --by USER
                        [--note TEXT] [--message-id ID]
       iraectl --db PATH [--connect HOST:PORT] alerts follow --consumer NAME
                        [--start newest|oldest] [--json] [--once]
       iraectl [--connect HOST:PORT] alerts confirm --consumer NAME EVENT_ID
       iraectl --db PATH replay --rules VERSION [--from DATE --to DATE]
                        [--config FILE]

Reports on an iraed database, online backups and audits (read-only: safe
while the daemon runs), and the staff and notifier commands that change
state, which go through the daemon's native listener like any message.

Commands:
  messages   the newest messages received (default 50), newest first, with
             their outcome (accepted, duplicate, rejected), reason and, for a
             duplicate, the accepted message it repeats; --outcome keeps one
             outcome; --differing keeps the duplicates whose content differs
             from the accepted message with the same source and id (kept for
             review, not applied: the sender re-used an id)
  unmapped   what was received but could not be used, for the integration
             engineer: drugs not in the drug catalogue (nor the site's
             grading { drugs }) and numeric observation codes that map to no
             analyte (complete grading { code_map }), most frequent first,
             with count, first and last seen, example text and unit; codes
             the configuration maps since the daemon's last start are left
             out unless --all
  patients   patients by first appearance, newest first, with their number
             of observations (shows patient identifiers: for authorised
             staff only)
  alerts     the newest alerts (default 50), newest first: syndrome, grade,
             summary and action, state (open, acknowledged, resolved,
             superseded), escalations so far and the last action's author,
             with the patient identifier (authorised staff only)
  alerts ack ALERT_ID --by USER [--note TEXT]
             acknowledge an alert: stops its escalation. Sent to the daemon;
             exit status 3 with the reason when refused (unknown alert,
             resolved, superseded by a newer alert)
  alerts resolve ALERT_ID --by USER [--note TEXT]
             close an alert (open or acknowledged). With --message-id ID
             (ack and resolve) a retry after a lost answer is safe: the
             daemon answers the repeat as a duplicate (exit status 0) and
             applies it once
  alerts follow --consumer NAME [--start newest|oldest] [--json] [--once]
             stream the alert feed (raised, escalated, acknowledged,
             resolved, superseded, suppressed), one line per event in commit
             order, from NAME's confirmed position. Confirm delivery by
             writing "confirm N" (or "N") to its stdin: every event up to N
             was delivered; the position is stored in the daemon, so a
             notifier that restarts gets every event after it, and none it
             confirmed again. A consumer without a position yet starts at
             the oldest event (the whole feed; said on stderr), or with
             --start newest at the newest (only what comes next is sent);
             an explicit --start is stored as its position at once, also
             on an empty feed; --start is ignored once it has a position.
             Confirmations are read and stored as soon as they are written,
             also while the output waits to be read. --once prints what is
             pending and exits. Exit status 1 when the daemon cannot store a
             confirmation
  alerts confirm --consumer NAME EVENT_ID
             confirm delivery up to EVENT_ID (exit status 3 when beyond the
             newest event)
             When the daemon requires authenticated staff actions (auth.mode;
             README "Staff identity"), ack, resolve, follow and confirm need
             --auth-token-file or a client certificate (--tls-cert); the
             actor recorded is the token's or the certificate's identity
             (--by is kept beside it as stated_by); without one the daemon
             refuses (exit status 3, the refusal stored for audit)
  token create NAME [--role ROLES]
             a new API token for the daemon's auth.tokens_file (--tokens,
             default /etc/iraed/tokens; created 0600, an existing file keeps
             its group and mode; under a lock): printed once on stdout, only
             its SHA-256
             is kept. ROLES: staff (default: acknowledge and resolve
             alerts), notifier (confirm the feed as consumer NAME),
             notifier:CONSUMER, notifier:*, or a comma-separated list
  token list [--json]
             the tokens: name, roles, created, first digits of the hash
  token revoke NAME
             removes the token; the daemon refuses it from its next check
             (it reads a changed tokens file again; no reload needed).
             Exit status 3 when there is no such token
  findings   the newest findings (default 50): CTCAE/ASTCT/ASCO term,
             grade change, rule version and the JSON evidence
  stats      schema version, rows per table, messages per outcome and
             duplicates whose content differs, data-quality records per
             issue (data_quality_unrecognised_drug, ..._invalid_characters,
             ..._ambiguous_local_time ...), unmapped drug and observation
             codes and how often they came
  backup DEST
             an online, consistent copy of the database as of one commit
             (SQLite's backup API), written to DEST.partial, checked, then
             renamed to DEST; an existing DEST is never overwritten
  export     findings observed in [--from, --to) for pharmacovigilance
             (dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.mmm]Z, UTC): CTCAE term,
             MedDRA code, grade, grading system and rule version, onset,
             therapy and product, day since infusion or last dose, serious
             (grade >= 3), provisional; --format csv (default) or json;
             --pseudonym-key-file FILE replaces patient identifiers by a
             keyed pseudonym (HMAC-SHA256 with the file's bytes as the key:
             stable across exports with the same key, not reversible
             without it); --output FILE writes the export to FILE,
             created readable by its owner only (0600), instead of
             standard output
  audit keygen FILE
             writes a new audit key (64 random hex digits) to FILE, created
             0600; an existing FILE is never overwritten. Give it to iraed as
             audit { key_file } (chown root:iraed, chmod 0640)
  audit explain ALERT_ID
             the provenance of one alert for a person: the alert, each
             finding behind it with its rule version and evidence (values,
             thresholds, baseline, therapy and day, supportive care), the
             observations and raw messages it came from, what happened to
             the alert since (acknowledgements, escalations ...), and their
             audit entries (shows patient identifiers: authorised staff
             only)
  replay --rules VERSION [--from DATE --to DATE] [--config FILE]
             re-grades the stored messages through the daemon's own path
             (decoders, store, grading), in their original order and with
             their original receipt times, into a scratch database, and
             reports every finding, alert and suppression that would differ
             from the stored ones: proof that past decisions reproduce, or
             the impact of new rules or settings. Messages received before
             --to are replayed; the rows of those received in [--from, --to)
             are compared. VERSION must be the rule set this iraectl carries
             (iraectl --help names it below). --config: the daemon's config
             file, for its grading and alerting settings and site time zone
             (default: the built-in defaults; one config for the whole
             history). Staff actions follow their alert by message and
             syndrome. Exit status 3 when anything differs. Escalations
             (wall-clock) are not replayed. The scratch database lives in
             a private folder in $TMPDIR and is removed afterwards
  audit verify
             walks the SHA-256 chained audit trail, recomputing every entry
             and the hash of every row it covers (messages, findings,
             alerts, alert events, suppressions, data-quality records);
             names the first entry that was altered, inserted, deleted or
             re-ordered, or a row with no entry; checks each alert's status
             against its feed events and each notifier's position against
             its confirmations. With --key-file FILE (the daemon's
             audit.key_file) also checks every entry's HMAC-SHA256 and that
             the newest entry carries one, which authenticates the whole
             chain: a history rewritten by someone without the key fails.
             Without it the plain chain is checked and the MACs counted.
             Exit status 3 when the trail does not verify

Options:
  --db PATH  the database file (as given to iraed --db)
  --connect HOST:PORT
             the daemon's native listener (default 127.0.0.1:7570)
  --tls-ca FILE
             talk TLS to the daemon's native listener (--connect): its
             certificate must chain to the CA in FILE and name the host or
             address of --connect; TLS 1.2 or 1.3
  --tls-cert FILE --tls-key FILE
             the client certificate and key, for a listener that asks for
             one (proto_listener.tls client_certificates)
  --auth-token-file FILE
             send the API token in FILE's first line with ack, resolve,
             follow and confirm (default: $IRAED_AUTH_TOKEN when set). Keep
             it out of the command line: others can read that
  --tokens FILE
             the tokens file for token create|list|revoke
             (default /etc/iraed/tokens)
  --json     print JSON (an array of objects; for follow, one object per
             line) instead of a table
  --limit N  at most N rows for messages, patients, alerts and findings
             (default 50)
  --help     print this text
  --version  print the version

Exit status: 0 on success, 1 when the database or the daemon cannot be
reached, 2 for a bad command line, 3 when `audit verify` finds the trail
altered, `replay` finds differences, or the daemon refuses a command.
)";

// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC)
// in Unix milliseconds.
std::optional<std::int64_t> ParseDate(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
  char tail = 0;
  if (text.size() == 24 && text[19] == '.' && text[23] == 'Z') {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &y, &mo, &d,
                    &h, &mi, &sec, &ms) != 7 ||
        ms < 0) {
      return std::nullopt;
    }
  } else if (text.size() == 10) {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3) {
      return std::nullopt;
    }
  } else if (text.size() == 20 && text[19] == 'Z') {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h,
                    &mi, &sec) != 6) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + ms;
}

int Fail(const std::string& message, int code) {
  std::cerr << "iraectl: " << message << "\n";
  return code;
}

constexpr const char* kDefaultConnect = "127.0.0.1:7570";
constexpr const char* kDefaultTokensFile = "/etc/iraed/tokens";

// The command line, split into options with values, flags and words.
struct CommandLine {
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  std::vector<std::string> words;

  std::string Value(const std::string& name, std::string fallback = {}) const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
  bool Has(const std::string& name) const { return values.count(name) > 0; }
};

std::optional<std::int64_t> ParsePositive(const std::string& v) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < 1) {
    return std::nullopt;
  }
  return n;
}

// Acknowledges or resolves an alert through the daemon.
int AlertAction(const CommandLine& cl, iraed::v1::AlertActionKind kind) {
  using namespace iraed;
  if (cl.words.size() != 3) {
    return Fail("alerts " + cl.words[1] + " needs one alert id", 2);
  }
  auto id = ParsePositive(cl.words[2]);
  if (!id) return Fail("alert id must be a positive whole number", 2);
  if (cl.Value("--by").empty()) {
    return Fail("alerts " + cl.words[1] + " needs --by USER", 2);
  }
  iraed::v1::Envelope env;
  // A caller-chosen id makes a retry after a lost answer safe: the daemon
  // answers the repeat as a duplicate and applies it no second time.
  env.set_message_id(cl.Value("--message-id", ctl::NewMessageId()));
  env.set_source(ctl::CommandSource());
  auto* a = env.mutable_alert_action();
  a->set_alert_id(static_cast<std::uint64_t>(*id));
  a->set_kind(kind);
  a->set_by(cl.Value("--by"));
  a->set_note(cl.Value("--note"));
  auto ack = ctl::SendToDaemon(cl.Value("--connect", kDefaultConnect), env);
  if (!ack.ok()) return Fail(ack.status().message(), 1);
  if (!ctl::AckStored(*ack)) {
    return Fail("alert " + std::to_string(*id) + ": " + ctl::DescribeAck(*ack),
                3);
  }
  std::cout << "alert " << *id << " "
            << (kind == iraed::v1::ALERT_ACTION_KIND_RESOLVE ? "resolved"
                                                             : "acknowledged")
            << " by " << cl.Value("--by") << "\n";
  return 0;
}

// token create|list|revoke on the tokens file (ctl/tokens.h).
int TokenCommand(const CommandLine& cl, bool json) {
  using namespace iraed;
  const std::string file = cl.Value("--tokens", kDefaultTokensFile);
  const std::string action = cl.words.size() > 1 ? cl.words[1] : "";
  if (action == "list" && cl.words.size() == 2) {
    if (Status s = ctl::ListTokens(file, json, std::cout); !s.ok()) {
      return Fail(s.message(), 1);
    }
    return 0;
  }
  if ((action == "create" || action == "revoke") && cl.words.size() == 3) {
    const std::string& name = cl.words[2];
    if (action == "revoke") {
      Status s = ctl::RevokeToken(file, name);
      if (!s.ok()) {
        return Fail(s.message(), s.code() == StatusCode::kNotFound ? 3 : 1);
      }
      std::cout << "token " << name << " revoked in " << file
                << " (the daemon refuses it from its next check)\n";
      return 0;
    }
    auto token = ctl::CreateToken(file, name, cl.Value("--role", "staff"),
                                  RealClock().NowMillis());
    if (!token.ok()) {
      const bool usage = token.status().code() == StatusCode::kInvalidArgument;
      return Fail(token.status().message(), usage ? 2 : 1);
    }
    std::cerr << "token " << name << " added to " << file
              << "; it is shown once, below: keep it where only its holder "
                 "can read it\n";
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 0040) == 0) {
      std::cerr << "note: " << file
                << " is not readable by its group; the daemon (user iraed) "
                   "reads it: chown root:iraed "
                << file << " && chmod 0640 " << file << "\n";
    }
    std::cout << *token << "\n";
    return 0;
  }
  return Fail("token needs create NAME, list or revoke NAME (see --help)", 2);
}

// Re-grades the stored messages with this build's rules (ctl/replay.h).
int Replay(const CommandLine& cl, const std::string& db_path) {
  using namespace iraed;
  if (cl.words.size() != 1) return Fail("replay takes no argument", 2);
  const std::string rules = cl.Value("--rules");
  if (rules.empty()) {
    return Fail(std::string("replay needs --rules VERSION (this iraectl "
                            "carries ") +
                    grading::kRuleSetVersion + ")",
                2);
  }
  if (rules != grading::kRuleSetVersion) {
    return Fail("this iraectl carries rule set " +
                    std::string(grading::kRuleSetVersion) +
                    "; replaying with " + rules +
                    " needs the iraectl of the release that carried it",
                2);
  }
  ctl::ReplayOptions o;
  o.source_db = db_path;
  o.from = 0;
  o.to = INT64_MAX;
  if (cl.Has("--from") || cl.Has("--to")) {
    auto from = ParseDate(cl.Value("--from", "1970-01-01"));
    auto to = ParseDate(cl.Value("--to", "9999-12-31"));
    if (!from || !to || *from >= *to) {
      return Fail(
          "replay --from and --to are dates (YYYY-MM-DD or "
          "YYYY-MM-DDTHH:MM:SS[.mmm]Z), --from before --to",
          2);
    }
    o.from = *from;
    o.to = *to;
  }
  server::Config config;
  if (cl.Has("--config")) {
    Status s = server::LoadConfigFile(cl.Value("--config"), config);
    if (!s.ok()) return Fail(s.message(), 2);
  }
  o.grading = config.grading;
  o.alerting = config.alerting;
  o.hl7 = config.hl7;
  const server::SiteTimeZone site_zone = server::ResolveSiteTimeZone(config);
  if (!site_zone.warning.empty())
    std::cerr << "iraectl: " << site_zone.warning << "\n";
  o.hl7.zone = site_zone.zone;
  // The scratch database holds patient data: a private folder (0700) in
  // $TMPDIR, removed afterwards.
  const char* tmp = std::getenv("TMPDIR");
  std::string scratch_dir =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/iraectl-replay-XXXXXX";
  if (::mkdtemp(scratch_dir.data()) == nullptr) {
    return Fail("cannot create a scratch folder for the replay", 1);
  }
  const std::string scratch = scratch_dir;
  o.scratch_db = scratch + "/replay.db";
  // Quiet: the replay's own store would log its start-up at info.
  (void)SetLogLevel("warn");
  auto report = ctl::Replay(o);
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
  if (!report.ok()) return Fail(report.status().message(), 1);
  std::cout << ctl::RenderReplayReport(*report, rules);
  return report->Identical() ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace iraed;
  // Backups, exports and replay scratch databases hold patient data.
  RestrictNewFilesToOwner();
  std::vector<std::string> args(argv + 1, argv + argc);
  static const std::set<std::string> kValued = {
      "--db",       "--limit",      "--from",
      "--to",       "--format",     "--pseudonym-key-file",
      "--connect",  "--by",         "--note",
      "--consumer", "--rules",      "--config",
      "--start",    "--message-id", "--outcome",
      "--output",   "--key-file",   "--tls-ca",
      "--tls-cert", "--tls-key",    "--auth-token-file",
      "--tokens",   "--role"};
  static const std::set<std::string> kFlags = {"--json", "--once",
                                               "--differing", "--all"};
  CommandLine cl;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage << "\nRule set carried (for replay --rules): "
                << grading::kRuleSetVersion << "\n";
      return 0;
    }
    if (a == "--version") {
      std::cout << "iraectl " << IRAED_VERSION << "\n";
      return 0;
    }
    if (kValued.count(a)) {
      if (i + 1 >= args.size()) return Fail(a + " needs a value", 2);
      cl.values[a] = args[++i];
    } else if (kFlags.count(a)) {
      cl.flags.insert(a);
    } else if (a.rfind("-", 0) == 0) {
      return Fail("unknown option " + a + " (see --help)", 2);
    } else {
      cl.words.push_back(a);
    }
  }
  if (cl.words.empty()) return Fail("a command is required (see --help)", 2);
  if (cl.Has("--tls-ca") || cl.Has("--tls-cert") || cl.Has("--tls-key")) {
    if (cl.Value("--tls-ca").empty()) {
      return Fail("--tls-cert and --tls-key need --tls-ca (TLS to iraed)", 2);
    }
    if (cl.Value("--tls-cert").empty() != cl.Value("--tls-key").empty()) {
      return Fail("--tls-cert and --tls-key go together", 2);
    }
    ctl::SetClientTls(ctl::ClientTls{
        cl.Value("--tls-ca"), cl.Value("--tls-cert"), cl.Value("--tls-key")});
  }
  if (auto token = ctl::ReadClientToken(cl.Value("--auth-token-file"));
      !token.ok()) {
    return Fail(token.status().message(), 2);
  } else {
    ctl::SetClientAuthToken(std::move(token).value());
  }
  const std::string command = cl.words[0];
  const std::string action = cl.words.size() > 1 ? cl.words[1] : "";
  const bool json = cl.flags.count("--json") > 0;
  std::int64_t limit = 50;
  if (cl.Has("--limit")) {
    auto n = ParsePositive(cl.Value("--limit"));
    if (!n) return Fail("--limit needs a positive whole number", 2);
    limit = *n;
  }
  static const std::set<std::string> kCommands = {
      "messages", "patients", "alerts", "findings", "stats", "backup",
      "audit",    "export",   "replay", "unmapped", "token"};
  if (!kCommands.count(command)) {
    return Fail("unknown command '" + command + "' (see --help)", 2);
  }
  // Writes through the daemon: no database needed.
  if (command == "alerts" && (action == "ack" || action == "acknowledge")) {
    return AlertAction(cl, iraed::v1::ALERT_ACTION_KIND_ACKNOWLEDGE);
  }
  if (command == "alerts" && action == "resolve") {
    return AlertAction(cl, iraed::v1::ALERT_ACTION_KIND_RESOLVE);
  }
  if (command == "alerts" && action == "confirm") {
    auto n = cl.words.size() == 3 ? ParsePositive(cl.words[2]) : std::nullopt;
    if (!n || cl.Value("--consumer").empty()) {
      return Fail("alerts confirm needs --consumer NAME and an event id", 2);
    }
    return ctl::ConfirmDelivery(cl.Value("--connect", kDefaultConnect),
                                cl.Value("--consumer"), *n);
  }
  if (command == "alerts" && !action.empty() && action != "follow") {
    return Fail("unknown alerts action '" + action + "' (see --help)", 2);
  }
  if (command == "alerts" && action == "follow" && cl.words.size() != 2) {
    return Fail("alerts follow takes no further argument", 2);
  }
  if (command == "alerts" && action == "follow" &&
      cl.Value("--consumer").empty()) {
    return Fail("alerts follow needs --consumer NAME", 2);
  }
  if (command == "token") return TokenCommand(cl, json);
  // A new audit key: no database needed.
  if (command == "audit" && action == "keygen") {
    if (cl.words.size() != 3) return Fail("audit keygen needs a FILE", 2);
    if (Status s = store::WriteNewAuditKeyFile(cl.words[2]); !s.ok()) {
      return Fail(s.message(), 1);
    }
    std::cout << "audit key written to " << cl.words[2]
              << " (mode 0600); give it to iraed as audit { key_file }\n";
    return 0;
  }
  const std::string db_path = cl.Value("--db");
  if (db_path.empty()) return Fail("--db PATH is required", 2);
  std::string backup_dest;
  if (command == "backup") {
    if (cl.words.size() != 2) {
      return Fail("backup needs a destination file (see --help)", 2);
    }
    backup_dest = cl.words[1];
  }
  std::optional<std::int64_t> from_ms, to_ms;
  std::string pseudonym_key;
  const std::string format = cl.Value("--format", "csv");
  if (command == "export") {
    from_ms = ParseDate(cl.Value("--from"));
    to_ms = ParseDate(cl.Value("--to"));
    if (!from_ms || !to_ms || *from_ms >= *to_ms) {
      return Fail(
          "export needs --from and --to dates (YYYY-MM-DD or "
          "YYYY-MM-DDTHH:MM:SS[.mmm]Z), --from before --to",
          2);
    }
    if (format != "csv" && format != "json") {
      return Fail("--format is csv or json", 2);
    }
    const std::string key_file = cl.Value("--pseudonym-key-file");
    if (!key_file.empty()) {
      std::ifstream in(key_file, std::ios::binary);
      std::ostringstream key;
      key << in.rdbuf();
      pseudonym_key = key.str();
      if (!in.good() && pseudonym_key.empty()) {
        return Fail("cannot read the pseudonym key file " + key_file, 2);
      }
      if (pseudonym_key.size() < 16) {
        return Fail("the pseudonym key file must hold at least 16 bytes", 2);
      }
    }
  }
  std::int64_t explain_id = 0;
  if (command == "audit" && action == "explain") {
    auto id = cl.words.size() == 3 ? ParsePositive(cl.words[2]) : std::nullopt;
    if (!id) return Fail("audit explain needs an alert id", 2);
    explain_id = *id;
  } else if (command == "audit" &&
             (action != "verify" || cl.words.size() != 2)) {
    return Fail("audit needs an action: verify, explain or keygen (see --help)",
                2);
  }
  std::optional<store::AuditKey> audit_key;
  if (cl.Has("--key-file")) {
    auto key = store::ReadAuditKeyFile(cl.Value("--key-file"));
    if (!key.ok()) return Fail(key.status().message(), 2);
    audit_key = std::move(key).value();
  }

  if (command == "replay") return Replay(cl, db_path);
  auto db = store::Database::Open(db_path, store::Database::Mode::kReadOnly);
  if (!db.ok()) return Fail(db.status().message(), 1);
  auto version = db->QueryInt("PRAGMA user_version");
  if (!version.ok()) return Fail(version.status().message(), 1);
  if (*version == 0) {
    return Fail(db_path + " is not an iraed database (no schema)", 1);
  }
  if (*version > store::LatestSchemaVersion()) {
    return Fail(db_path + " has schema version " + std::to_string(*version) +
                    ", newer than this iraectl understands",
                1);
  }
  if (command == "backup") {
    auto done = store::BackupDatabase(*db, backup_dest);
    if (!done.ok()) return Fail(done.status().message(), 1);
    std::cout << "backup of " << db_path << " (" << done->pages << " pages of "
              << done->page_size << " bytes) written to " << backup_dest
              << "\n";
    return 0;
  }
  if (command == "alerts" && action == "follow") {
    ctl::FollowOptions fo;
    fo.consumer = cl.Value("--consumer");
    fo.connect = cl.Value("--connect", kDefaultConnect);
    fo.json = json;
    fo.once = cl.flags.count("--once") > 0;
    const std::string start = cl.Value("--start");
    if (start == "newest") {
      fo.start = ctl::FollowOptions::Start::kNewest;
    } else if (start == "oldest") {
      fo.start = ctl::FollowOptions::Start::kOldest;
    } else if (!start.empty()) {
      return Fail("--start is newest or oldest", 2);
    }
    return ctl::RunFollow(*db, fo);
  }
  if (command == "audit" && action == "explain") {
    auto text = ctl::ExplainAlert(*db, explain_id);
    if (!text.ok()) return Fail(text.status().message(), 1);
    std::cout << *text;
    return 0;
  }
  if (command == "audit") {
    auto verdict =
        store::VerifyAuditLog(*db, audit_key ? &*audit_key : nullptr);
    if (!verdict.ok()) return Fail(verdict.status().message(), 1);
    if (verdict->ok) {
      std::cout << "audit trail intact: " << verdict->entries
                << " entries verified";
      if (verdict->key_checked) {
        std::cout << ", " << verdict->keyed_entries
                  << " carry a MAC that matches key "
                  << audit_key->Fingerprint()
                  << "; the newest authenticates the chain";
      } else if (verdict->keyed_entries > 0) {
        std::cout << " (plain chain); " << verdict->keyed_entries
                  << " carry a MAC, not checked: give --key-file";
      }
      std::cout << "\n";
      return 0;
    }
    std::cout << "audit trail BROKEN"
              << (verdict->first_bad_entry > 0
                      ? " at entry " + std::to_string(verdict->first_bad_entry)
                      : std::string())
              << ": " << verdict->problem << "\n";
    return 3;
  }
  if (command == "export") {
    auto t = ctl::FindingsExport(*db, *from_ms, *to_ms, pseudonym_key);
    if (!t.ok()) return Fail(t.status().message(), 1);
    const std::string text =
        format == "json" ? ctl::RenderJson(*t) : ctl::RenderCsv(*t);
    const std::string output = cl.Value("--output");
    if (output.empty()) {
      std::cout << text;
      return 0;
    }
    if (Status s = WriteOwnerOnlyFile(output, text); !s.ok()) {
      return Fail(s.message(), 1);
    }
    std::cout << t->rows.size() << " finding(s) written to " << output
              << " (mode 0600)\n";
    return 0;
  }
  ctl::MessageFilter filter;
  filter.outcome = cl.Value("--outcome");
  filter.differing = cl.flags.count("--differing") > 0;
  if (!filter.outcome.empty() && filter.outcome != "accepted" &&
      filter.outcome != "duplicate" && filter.outcome != "rejected") {
    return Fail("--outcome is accepted, duplicate or rejected", 2);
  }
  Result<ctl::Table> table =
      command == "messages" ? ctl::MessagesReport(*db, limit, filter)
      : command == "unmapped"
          ? ctl::UnmappedReport(*db, cl.flags.count("--all") > 0)
      : command == "patients" ? ctl::PatientsReport(*db, limit)
      : command == "alerts"   ? ctl::AlertsReport(*db, limit)
      : command == "findings" ? ctl::FindingsReport(*db, limit)
                              : ctl::StatsReport(*db);
  if (!table.ok()) return Fail(table.status().message(), 1);
  std::cout << (json ? ctl::RenderJson(*table) : ctl::RenderText(*table));
  return 0;
}
