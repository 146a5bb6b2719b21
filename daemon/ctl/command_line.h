// File: ctl/command_line.h
//
// iraectl's command line on CLI11: the commands, their options and their
// help. Options of the whole tool (--db, --connect, --json, --limit, TLS,
// tokens) may stand before or after the command; a command's own options
// follow it. Parsing only reads: ctl/commands.h runs what was parsed.
#ifndef IRAED_CTL_COMMAND_LINE_H_
#define IRAED_CTL_COMMAND_LINE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace iraed::ctl {

enum class Command {
  kNone,
  kMessages,
  kUnmapped,
  kPatients,
  kAlerts,
  kAlertAck,
  kAlertResolve,
  kAlertFollow,
  kAlertConfirm,
  kFindings,
  kStats,
  kBackup,
  kAuditVerify,
  kAuditExplain,
  kAuditKeygen,
  kTokenCreate,
  kTokenList,
  kTokenRevoke,
  kUsersAdd,
  kUsersList,
  kUsersPasswd,
  kUsersRemove,
  kExport,
  kReplay,
};

inline constexpr const char* kDefaultConnect = "127.0.0.1:7570";
inline constexpr const char* kDefaultTokensFile = "/etc/iraed/tokens";
inline constexpr const char* kDefaultUsersFile = "/etc/iraed/console-users";

// Everything the command line can set; a command reads its own fields.
struct CtlOptions {
  // The whole tool.
  std::string db;
  std::string connect = kDefaultConnect;
  std::string tls_ca, tls_cert, tls_key;
  std::string auth_token_file;
  std::string tokens = kDefaultTokensFile;
  bool json = false;
  std::int64_t limit = 50;
  // messages, unmapped
  std::string outcome;
  bool differing = false;
  bool all = false;
  // backup DEST, audit keygen FILE
  std::string file;
  // alerts ack|resolve ALERT_ID, audit explain ALERT_ID, confirm EVENT_ID
  std::int64_t id = 0;
  std::string by, note, message_id;
  // alerts follow|confirm
  std::string consumer, start;
  bool once = false;
  // audit verify
  std::string key_file;
  // token create|revoke NAME
  std::string name;
  std::string role = "staff";
  // users add|list|passwd|remove
  std::string users = kDefaultUsersFile;
  bool password_stdin = false;
  // export, replay (replay's dates checked by ParseUtcMillis, export's by
  // ParseInstant)
  std::string from, to;
  std::string level = "episode";  // export: episode or finding
  std::string format;             // export: csv, json, jsonl; "" unset
  std::string pseudonym_key_file, output;
  std::string ctcae_version = "5.0";  // export: 5.0, 6.0 or all
  int episode_end_days = 3;
  std::string time_zone;
  bool describe = false;
  bool summary = false;
  std::string plot;  // export --summary --plot FILE (SVG)
  std::string rules, config;
};

class CtlCommandLine {
 public:
  CtlCommandLine();
  ~CtlCommandLine();

  // Parses argv. Returns the exit status when iraectl should stop here
  // (0 after --help or --version; 2, with the problem on stderr, for a bad
  // command line), or -1 to go on and run command().
  int Parse(int argc, char** argv);

  Command command() const;
  const CtlOptions& options() const { return options_; }

 private:
  void DefineToolOptions();
  void DefineReports();
  void DefineAlerts();
  void DefineAudit();
  void DefineTokens();
  void DefineUsers();
  void DefineExport();
  void DefineExportAndReplay();
  CLI::App* Leaf(CLI::App* parent, const char* name, const char* summary,
                 const char* details, Command command);

  CtlOptions options_;
  std::unique_ptr<CLI::App> app_;
  std::map<CLI::App*, Command> leaves_;
};

}  // namespace iraed::ctl

#endif  // IRAED_CTL_COMMAND_LINE_H_
