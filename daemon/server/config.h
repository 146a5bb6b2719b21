// File: server/config.h
//
// The daemon's settings: built-in defaults, overlaid by a config file
// (protobuf text format, schema proto/iraed/config/v1/config.proto,
// documented default deploy/iraed.conf), overlaid by command-line options.
// Every value is validated; an error names where it came from (file and
// line, or the option), the setting, and what is wrong.
#ifndef IRAED_SERVER_CONFIG_H_
#define IRAED_SERVER_CONFIG_H_

#include <cstdint>
#include <string>

#include "auth/staff_authenticator.h"
#include "common/status.h"
#include "common/time_zone.h"
#include "hl7/hl7_reader.h"
#include "net/tls_context.h"
#include "store/message_store.h"

namespace iraed::server {

struct Config {
  // storage
  std::string db_path = "var/iraed.db";
  store::Synchronous synchronous = store::Synchronous::kFull;
  std::uint32_t max_group_messages = 512;
  std::uint32_t queue_capacity = 100000;
  std::uint32_t queue_capacity_mib = 256;
  std::uint32_t checkpoint_wal_pages = 4000;
  std::uint32_t cache_kib = 8192;
  // proto_listener
  std::string proto_listen = "127.0.0.1:7570";
  std::uint32_t max_frame_bytes = 1 << 20;
  std::uint32_t max_in_flight_per_connection = 256;
  std::uint32_t frame_timeout_seconds = 30;
  std::uint32_t max_connections = 1024;
  // mllp_listener
  std::string mllp_listen = "127.0.0.1:2575";  // "" turns it off
  std::uint32_t mllp_max_frame_bytes = 16u << 20;
  std::uint32_t mllp_max_in_flight_per_connection = 256;
  std::uint32_t mllp_frame_timeout_seconds = 30;
  std::uint32_t mllp_max_connections = 1024;
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
  // TLS of the listeners (off unless a certificate is set)
  net::TlsSettings proto_tls;
  net::TlsSettings mllp_tls;
  net::TlsSettings http_tls;
  // http_listener (operations: /metrics, /healthz, /readyz)
  std::string http_listen = "127.0.0.1:9570";  // "" turns it off
  std::uint32_t http_max_connections = 64;
  // audit
  std::string audit_key_file;                // empty: no key
  std::optional<store::AuditKey> audit_key;  // read from audit_key_file
  std::uint32_t audit_witness_interval_seconds = 900;
  // auth (who may acknowledge, resolve and confirm the feed)
  auth::AuthSettings auth;
  // The config file read, and its text, for the config_loaded audit entry.
  std::string config_file;
  std::string config_text;
};

// Reads `path` over `config` (settings absent from the file keep their
// value). Unknown settings, syntax errors and bad values fail.
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

}  // namespace iraed::server

#endif  // IRAED_SERVER_CONFIG_H_
