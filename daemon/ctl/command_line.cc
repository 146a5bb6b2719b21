#include "ctl/command_line.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <iostream>

#include "common/time_format.h"
#include "common/time_zone.h"
#include "ctl/exit_status.h"
#include "ctl/help_text.h"
#include "grading/rule_set.h"

namespace iraed::ctl {
namespace {

// A date as export and replay take it (common/time_format.h).
const CLI::Validator kUtcDate(
    [](const std::string& text) {
      return ParseUtcMillis(text)
                 ? std::string()
                 : "not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.mmm]Z, UTC)";
    },
    "DATE");

// Subcommand help lists only the command's own options.
constexpr const char* kToolOptionsNote =
    "\n\nThe options of the whole tool (--db, --connect, --tls-ca, "
    "--tls-cert,\n--tls-key, --auth-token-file, --tokens, --json, --limit) "
    "are described\nby iraectl --help; they may stand before or after the "
    "command.";

// A count or an id: a whole number of at least 1 (CLI::PositiveNumber
// accepts fractions and says so with a range of doubles).
const CLI::Validator kPositiveWhole(
    [](const std::string& text) {
      std::int64_t n = 0;
      auto [end, ec] =
          std::from_chars(text.data(), text.data() + text.size(), n);
      return ec == std::errc() && end == text.data() + text.size() && n >= 1
                 ? std::string()
                 : "'" + text + "' is not a whole number of at least 1";
    },
    "POSITIVE");

// A date or date-time as export takes it (common/time_zone.h ParseInstant;
// the zone only matters for the value, not for whether it reads).
const CLI::Validator kExportTime(
    [](const std::string& text) {
      return ParseInstant(text, TimeZone::Utc())
                 ? std::string()
                 : "not a date or date-time (YYYY-MM-DD, "
                   "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM])";
    },
    "DATE");

std::string ToolFooter() {
  return std::string(help::kExitStatus) +
         "\n\nreplay --rules also takes the older rule sets from " +
         std::string(grading::RuleSetName(grading::kOldestReplayableRuleSet)) +
         " (to reproduce a database recorded under them)." +
         "\n\nRule set carried (for replay --rules): " +
         grading::kRuleSetVersion;
}

}  // namespace

CtlCommandLine::CtlCommandLine()
    : app_(std::make_unique<CLI::App>(help::kTool, "iraectl")) {
  app_->footer(ToolFooter());
  app_->set_version_flag("--version", std::string("iraectl ") + IRAED_VERSION);
  app_->require_subcommand(1);
  app_->get_formatter()->column_width(34);
  DefineToolOptions();
  DefineReports();
  DefineAlerts();
  DefineAudit();
  DefineTokens();
  DefineUsers();
  DefineExportAndReplay();
}

CtlCommandLine::~CtlCommandLine() = default;

void CtlCommandLine::DefineToolOptions() {
  CtlOptions& o = options_;
  CLI::App& a = *app_;
  a.add_option("--db", o.db, "the database file (as given to iraed --db)");
  a.add_option("--connect", o.connect,
               "the daemon's native listener, HOST:PORT")
      ->capture_default_str();
  a.add_option("--tls-ca", o.tls_ca,
               "talk TLS 1.2 or 1.3 to --connect: its certificate must chain "
               "to the CA in FILE and name the host or address of --connect");
  a.add_option("--tls-cert", o.tls_cert,
               "the client certificate, for a listener that asks for one "
               "(proto_listener.tls client_certificates)")
      ->needs("--tls-ca");
  a.add_option("--tls-key", o.tls_key, "the client certificate's key")
      ->needs("--tls-cert");
  app_->get_option("--tls-cert")->needs("--tls-key");
  a.add_option("--auth-token-file", o.auth_token_file,
               "send the API token in FILE's first line with ack, resolve, "
               "follow and confirm (default: $IRAED_AUTH_TOKEN when set); "
               "keep it out of the command line: others can read that");
  a.add_option("--tokens", o.tokens,
               "the tokens file for token create|list|revoke")
      ->capture_default_str();
  a.add_flag("--json", o.json,
             "print JSON (an array of objects; for follow, one object per "
             "line) instead of a table");
  a.add_option("--limit", o.limit,
               "at most N rows for messages, patients, alerts and findings")
      ->check(kPositiveWhole)
      ->capture_default_str();
}

CLI::App* CtlCommandLine::Leaf(CLI::App* parent, const char* name,
                               const char* summary, const char* details,
                               Command command) {
  CLI::App* sub = parent->add_subcommand(name, summary);
  sub->footer(std::string(details) + kToolOptionsNote);
  // The tool's options may also follow the command.
  sub->fallthrough();
  leaves_[sub] = command;
  return sub;
}

void CtlCommandLine::DefineReports() {
  CtlOptions& o = options_;
  CLI::App* a = app_.get();
  CLI::App* messages = Leaf(a, "messages", "the newest messages and outcomes",
                            help::kMessages, Command::kMessages);
  messages->add_option("--outcome", o.outcome, "keep one outcome")
      ->check(CLI::IsMember({"accepted", "duplicate", "rejected"}));
  messages->add_flag("--differing", o.differing,
                     "duplicates whose content differs (re-used ids)");
  Leaf(a, "unmapped", "drugs and codes received but not mapped",
       help::kUnmapped, Command::kUnmapped)
      ->add_flag("--all", o.all, "also codes mapped since the last start");
  Leaf(a, "patients", "patients and their observations", help::kPatients,
       Command::kPatients);
  Leaf(a, "findings", "the newest findings with their evidence",
       help::kFindings, Command::kFindings);
  Leaf(a, "stats", "figures of the database, one per row", help::kStats,
       Command::kStats);
  Leaf(a, "backup", "an online, consistent copy of the database", help::kBackup,
       Command::kBackup)
      ->add_option("DEST", o.file, "the copy (never overwritten)")
      ->required();
}

void CtlCommandLine::DefineAlerts() {
  CtlOptions& o = options_;
  CLI::App* alerts = Leaf(app_.get(), "alerts", "the newest alerts; ack, ...",
                          help::kAlerts, Command::kAlerts);
  alerts->require_subcommand(0, 1);
  const std::string staff = std::string("\n\n") + help::kStaffAuth;
  for (const auto& [name, command, details] :
       {std::tuple{"ack", Command::kAlertAck, help::kAlertAck},
        std::tuple{"resolve", Command::kAlertResolve, help::kAlertResolve}}) {
    CLI::App* action =
        Leaf(alerts, name,
             command == Command::kAlertAck ? "acknowledge an alert (daemon)"
                                           : "close an alert (daemon)",
             details, command);
    action->footer(std::string(details) + staff + kToolOptionsNote);
    action->add_option("ALERT_ID", o.id, "the alert")
        ->required()
        ->check(kPositiveWhole);
    action->add_option("--by", o.by, "who acts (kept as stated_by)")
        ->required();
    action->add_option("--note", o.note, "a note kept with the action");
    action->add_option("--message-id", o.message_id,
                       "the message id, for a safe retry");
    if (command == Command::kAlertAck) action->alias("acknowledge");
  }
  CLI::App* follow = Leaf(alerts, "follow", "stream the alert feed",
                          help::kAlertFollow, Command::kAlertFollow);
  follow->footer(std::string(help::kAlertFollow) + staff + kToolOptionsNote);
  follow->add_option("--consumer", o.consumer, "the consumer's name")
      ->required();
  follow->add_option("--start", o.start, "where a new consumer starts")
      ->check(CLI::IsMember({"newest", "oldest"}));
  follow->add_flag("--once", o.once, "print what is pending and exit");
  CLI::App* confirm = Leaf(alerts, "confirm", "confirm delivery up to an event",
                           help::kAlertConfirm, Command::kAlertConfirm);
  confirm->footer(std::string(help::kAlertConfirm) + staff + kToolOptionsNote);
  confirm->add_option("--consumer", o.consumer, "the consumer's name")
      ->required();
  confirm->add_option("EVENT_ID", o.id, "the last event delivered")
      ->required()
      ->check(kPositiveWhole);
}

void CtlCommandLine::DefineAudit() {
  CtlOptions& o = options_;
  CLI::App* audit = app_->add_subcommand("audit", "verify, explain, keygen");
  audit->fallthrough();
  audit->require_subcommand(1);
  Leaf(audit, "verify", "check the tamper-evident audit trail",
       help::kAuditVerify, Command::kAuditVerify)
      ->add_option("--key-file", o.key_file, "the daemon's audit.key_file");
  Leaf(audit, "explain", "the provenance of one alert", help::kAuditExplain,
       Command::kAuditExplain)
      ->add_option("ALERT_ID", o.id, "the alert")
      ->required()
      ->check(kPositiveWhole);
  Leaf(audit, "keygen", "write a new audit key", help::kAuditKeygen,
       Command::kAuditKeygen)
      ->add_option("FILE", o.file, "the new key file (never overwritten)")
      ->required();
}

void CtlCommandLine::DefineTokens() {
  CtlOptions& o = options_;
  CLI::App* token = app_->add_subcommand("token", "create, list, revoke");
  token->fallthrough();
  token->require_subcommand(1);
  CLI::App* create = Leaf(token, "create", "a new API token",
                          help::kTokenCreate, Command::kTokenCreate);
  create->add_option("NAME", o.name, "the token's holder")->required();
  create->add_option("--role", o.role, "ROLES")->capture_default_str();
  Leaf(token, "list", "the tokens", help::kTokenList, Command::kTokenList);
  Leaf(token, "revoke", "remove a token", help::kTokenRevoke,
       Command::kTokenRevoke)
      ->add_option("NAME", o.name, "the token's holder")
      ->required();
}

void CtlCommandLine::DefineUsers() {
  CtlOptions& o = options_;
  CLI::App* users =
      app_->add_subcommand("users", "the nurse console's accounts");
  users->fallthrough();
  users->require_subcommand(1);
  users->add_option("--users", o.users, "the console's users file")
      ->capture_default_str();
  CLI::App* add = Leaf(users, "add", "a new console user", help::kUsersAdd,
                       Command::kUsersAdd);
  add->add_option("NAME", o.name, "the user's name")->required();
  add->add_option("--role", o.role,
                  "nurse, physician, pharmacovigilance or admin")
      ->required();
  add->add_flag("--password-stdin", o.password_stdin,
                "read the password from standard input's first line");
  Leaf(users, "list", "the console's users", help::kUsersList,
       Command::kUsersList);
  CLI::App* passwd = Leaf(users, "passwd", "set a user's password",
                          help::kUsersPasswd, Command::kUsersPasswd);
  passwd->add_option("NAME", o.name, "the user's name")->required();
  passwd->add_flag("--password-stdin", o.password_stdin,
                   "read the password from standard input's first line");
  Leaf(users, "remove", "remove a console user", help::kUsersRemove,
       Command::kUsersRemove)
      ->add_option("NAME", o.name, "the user's name")
      ->required();
}

void CtlCommandLine::DefineExport() {
  CtlOptions& o = options_;
  CLI::App* out =
      Leaf(app_.get(), "export", "adverse-event episodes for pharmacovigilance",
           help::kExport, Command::kExport);
  out->add_option("--from", o.from, "start of the period (DATE or DATE-TIME)")
      ->check(kExportTime);
  out->add_option("--to", o.to, "end of the period, excluded")
      ->check(kExportTime);
  out->add_option("--level", o.level, "episode or finding")
      ->check(CLI::IsMember({"episode", "finding"}))
      ->capture_default_str();
  out->add_option("--format", o.format,
                  "csv, or json (JSON Lines; default with --json)")
      ->check(CLI::IsMember({"csv", "json", "jsonl"}));
  out->add_option("--pseudonym-key-file", o.pseudonym_key_file,
                  "replace patient identifiers by a keyed pseudonym");
  out->add_option("--output", o.output, "write to FILE (0600)");
  out->add_option("--ctcae-version", o.ctcae_version,
                  "CTCAE rows of 5.0, 6.0 or all")
      ->check(CLI::IsMember({"5.0", "6.0", "all"}))
      ->capture_default_str();
  out->add_option("--episode-end-days", o.episode_end_days,
                  "days back at baseline that end an episode")
      ->check(CLI::Range(0, 365))
      ->capture_default_str();
  out->add_option("--time-zone", o.time_zone,
                  "IANA zone of the dates and days (default: --config's "
                  "site_time_zone, else the system's)");
  out->add_option("--config", o.config,
                  "the daemon's config file (site time zone, site drugs)");
  out->add_flag("--describe", o.describe,
                "print the data dictionary of both levels instead");
  out->add_flag("--summary", o.summary,
                "episodes begun in the period by therapy class, term and "
                "worst grade, with the patients at risk, instead");
  out->add_option("--plot", o.plot,
                  "with --summary: also write the incidence plot to FILE "
                  "(SVG, 0600)")
      ->needs("--summary");
}

void CtlCommandLine::DefineExportAndReplay() {
  CtlOptions& o = options_;
  DefineExport();
  CLI::App* replay = Leaf(app_.get(), "replay", "re-grade the stored messages",
                          help::kReplay, Command::kReplay);
  replay
      ->add_option("--rules", o.rules,
                   std::string("the rule set to grade with (this iraectl "
                               "carries ") +
                       std::string(grading::RuleSetName(
                           grading::kOldestReplayableRuleSet)) +
                       " to " + grading::kRuleSetVersion + ")")
      ->required();
  replay->add_option("--from", o.from, "compare from (UTC)")->check(kUtcDate);
  replay->add_option("--to", o.to, "replay and compare until (UTC)")
      ->check(kUtcDate);
  replay->add_option("--config", o.config, "the daemon's config file");
}

int CtlCommandLine::Parse(int argc, char** argv) {
  try {
    app_->parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app_->exit(e);  // --help, --version
    std::cerr << "iraectl: " << e.what() << " (see --help)\n";
    return kExitUsage;
  }
  return -1;
}

Command CtlCommandLine::command() const {
  // The deepest command given: one that was parsed and has no parsed
  // command under it.
  for (const auto& [app, command] : leaves_) {
    if (app->parsed() && app->get_subcommands().empty()) return command;
  }
  return Command::kNone;
}

}  // namespace iraed::ctl
