// File: config/config.h
//
// The daemon's settings: built-in defaults, overlaid by a config file
// (protobuf text format, schema proto/iraed/config/v1/config.proto,
// documented default deploy/iraed.conf), overlaid by command-line options
// (server/command_line.h). Every value is validated; an error names where
// it came from (file and line, or the option), the setting, and what is
// wrong.
//
// Components own the types of their own policies (grading::GradingOptions,
// alerts::AlertPolicy, hl7::Hl7Options, auth::AuthSettings); this library
// reads them from the file and holds the deployment's settings beside them
// (listeners, storage, logging). It knows nothing of SQLite or sockets
// beyond parsing an address and loading a certificate to check it.
#ifndef IRAED_CONFIG_CONFIG_H_
#define IRAED_CONFIG_CONFIG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "alerts/alert_policy.h"
#include "auth/audit_key.h"
#include "auth/staff_authenticator.h"
#include "common/status.h"
#include "common/time_zone.h"
#include "config/listener_settings.h"
#include "grading/grading_options.h"
#include "hl7/hl7_reader.h"
#include "store/durability.h"

namespace iraed::config {

struct ConsoleSettings {
  bool enabled = false;
  std::string users_file;
  std::uint32_t idle_timeout_minutes = 15;
  std::uint32_t session_max_hours = 12;
  std::uint32_t lockout_failures = 5;
  std::uint32_t lockout_minutes = 15;
  std::string external_url;  // "" or "https://host[:port]"
  bool operator==(const ConsoleSettings&) const = default;
};

struct Config {
  // storage
  std::string db_path = "var/iraed.db";
  store::Synchronous synchronous = store::Synchronous::kFull;
  std::uint32_t max_group_messages = 512;
  std::uint32_t queue_capacity = 100000;
  std::uint32_t queue_capacity_mib = 256;
  std::uint32_t checkpoint_wal_pages = 4000;
  std::uint32_t cache_kib = 8192;
  // The listeners (`proto_listener` is required; "" turns the others off).
  ListenerSettings proto_listener = FramedListener("127.0.0.1:7570", 1 << 20);
  ListenerSettings mllp_listener = FramedListener("127.0.0.1:2575", 16u << 20);
  // Operations and staff actions over HTTP: /metrics, /healthz, /readyz.
  ListenerSettings http_listener = HttpListener("127.0.0.1:9570", 64);
  // `mllp_listener`'s reading of HL7 (identifiers, processing ids,
  // character set) and its site time zone.
  hl7::Hl7Options hl7;
  std::string site_time_zone;  // empty: the system's
  // logging
  std::string log_level = "info";
  std::string log_format = "auto";  // text, journal, json, auto
  // process
  std::uint32_t shutdown_grace_seconds = 10;
  std::string ready_file;
  // grading (site settings; thresholds come from the clinical reference)
  grading::GradingOptions grading;
  // alerting (site policy: escalation, re-alert suppression)
  alerts::AlertPolicy alerting = alerts::AlertPolicy::Defaults();
  // audit
  std::string audit_key_file;               // empty: no key
  std::optional<auth::AuditKey> audit_key;  // read from audit_key_file
  std::uint32_t audit_witness_interval_seconds = 900;
  // auth (who may acknowledge, resolve and confirm the feed)
  auth::AuthSettings auth;
  // the nurse console (served on http_listener)
  ConsoleSettings console;
  // The config file read, and its text, for the config_loaded audit entry.
  std::string config_file;
  std::string config_text;
};

// Reads `path` over `config` (settings absent from the file keep their
// value), reads the files it names (TLS certificates, the tokens file, the
// audit key) so that a broken one stops a start or a reload, and validates
// the result. Unknown settings, syntax errors and bad values fail.
Status LoadConfigFile(const std::string& path, Config& config);

// Checks every value; `origin` prefixes the messages.
Status ValidateConfig(const Config& config, const std::string& origin);

// The zone of HL7 times without an offset: `site_time_zone`, else the
// system's zone, else UTC with a warning for the log.
struct SiteTimeZone {
  TimeZone zone;
  std::string warning;  // empty unless UTC was assumed
};
SiteTimeZone ResolveSiteTimeZone(const Config& config);

// Whether every listener that is on listens on loopback (auth mode auto).
bool AllListenersOnLoopback(const Config& config);

// Parses "OFF", "NORMAL", "FULL", "EXTRA" (any case).
Result<store::Synchronous> ParseSynchronous(std::string_view text);

// The settings a reload cannot change in a running daemon, by dotted name,
// that differ between `running` and `next`.
std::vector<std::string> RestartOnlyChanges(const Config& running,
                                            const Config& next);

// `next` with `running`'s restart-only settings (those of
// RestartOnlyChanges), the rest as loaded.
Config KeepRestartOnly(const Config& running, Config next);

}  // namespace iraed::config

#endif  // IRAED_CONFIG_CONFIG_H_
