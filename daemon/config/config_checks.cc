// Validation of a whole Config, and the questions asked of one (loopback
// only? which zone? what may a reload change?).
#include <algorithm>
#include <cctype>
#include <utility>

#include "common/logging.h"
#include "config/config.h"
#include "config/setting_checks.h"
#include "hl7/charset.h"
#include "net/endpoint.h"

namespace iraed::config {
namespace {

// The listeners' limits (README "Configuration").
constexpr ListenerLimits kProtoLimits{
    .required = true, .min_frame_bytes = 64, .max_frame_bytes = 64u << 20};
constexpr ListenerLimits kMllpLimits{.min_frame_bytes = 1024,
                                     .max_frame_bytes = 256u << 20};
constexpr ListenerLimits kHttpLimits{.framed = false, .max_connections = 65536};

Status CheckStorage(const Config& c, const std::string& origin) {
  if (c.db_path.empty()) {
    return Status::InvalidArgument(origin + ": storage.path: required");
  }
  RETURN_IF_ERROR(CheckRange(origin, "storage.max_group_messages",
                             c.max_group_messages, 1, 100000));
  RETURN_IF_ERROR(CheckRange(origin, "storage.queue_capacity_mib",
                             c.queue_capacity_mib, 1, 65536));
  RETURN_IF_ERROR(CheckRange(origin, "storage.queue_capacity", c.queue_capacity,
                             1, 10000000));
  RETURN_IF_ERROR(CheckRange(origin, "storage.checkpoint_wal_pages",
                             c.checkpoint_wal_pages, 100, 10000000));
  return CheckRange(origin, "storage.cache_kib", c.cache_kib, 256, 16777216);
}

// The site time zone and character set of `mllp_listener`.
Status CheckHl7Reading(const Config& c, const std::string& origin) {
  if (!c.site_time_zone.empty()) {
    const std::string& zone = c.site_time_zone;
    // A name, never a path (the library would open it as a file).
    const bool safe = zone.find("..") == std::string::npos &&
                      zone.front() != '/' && TimeZone::Named(zone).ok();
    if (!safe) {
      return Status::InvalidArgument(
          origin + ": mllp_listener.site_time_zone: '" + zone +
          "' is not a time zone of the IANA database (e.g. Europe/Berlin)");
    }
  }
  if (!hl7::FindCharset(c.hl7.default_charset)) {
    return Status::InvalidArgument(
        origin + ": mllp_listener.default_charset: '" + c.hl7.default_charset +
        "' is not a character set iraed reads (e.g. UNICODE UTF-8, "
        "WINDOWS-1252, 8859/1; README \"Character sets\")");
  }
  return Status::Ok();
}

Status CheckLogging(const Config& c, const std::string& origin) {
  if (!IsValidLogLevel(c.log_level)) {
    return Status::InvalidArgument(
        origin + ": logging.level: '" + c.log_level +
        "' is not one of trace, debug, info, warn, error, critical, off");
  }
  if (!ParseLogFormat(c.log_format).ok()) {
    return Status::InvalidArgument(origin + ": logging.format: '" +
                                   c.log_format +
                                   "' is not one of text, journal, json, auto");
  }
  return Status::Ok();
}

// The console sends passwords and session cookies: never in clear off
// loopback.
Status CheckConsole(const Config& c, const std::string& origin) {
  const ConsoleSettings& k = c.console;
  RETURN_IF_ERROR(CheckRange(origin, "console.idle_timeout_minutes",
                             k.idle_timeout_minutes, 1, 720));
  RETURN_IF_ERROR(CheckRange(origin, "console.session_max_hours",
                             k.session_max_hours, 1, 24));
  RETURN_IF_ERROR(CheckRange(origin, "console.lockout_failures",
                             k.lockout_failures, 1, 100));
  RETURN_IF_ERROR(CheckRange(origin, "console.lockout_minutes",
                             k.lockout_minutes, 1, 1440));
  if (!k.external_url.empty()) {
    const std::string_view url = k.external_url;
    const bool https = url.rfind("https://", 0) == 0;
    const std::size_t host = https ? 8 : 7;
    if ((!https && url.rfind("http://", 0) != 0) || url.size() <= host ||
        url.find('/', host) != std::string_view::npos) {
      return Status::InvalidArgument(
          origin + ": console.external_url: '" + k.external_url +
          "' must read like https://host[:port], without a path");
    }
  }
  if (!k.enabled) return Status::Ok();
  if (k.users_file.empty()) {
    return Status::InvalidArgument(
        origin + ": console.users_file: required when the console is enabled");
  }
  if (c.http_listener.listen.empty()) {
    return Status::InvalidArgument(
        origin +
        ": console.enabled: the console is served on http_listener, which is "
        "off");
  }
  auto ep = net::ParseEndpoint(c.http_listener.listen);
  if (ep.ok() && !ep->address().is_loopback() &&
      !c.http_listener.tls.enabled()) {
    return Status::InvalidArgument(
        origin +
        ": console.enabled: http_listener is not on loopback and has no TLS; "
        "the console would send passwords in clear (set http_listener.tls)");
  }
  return Status::Ok();
}

}  // namespace

Status ValidateConfig(const Config& c, const std::string& origin) {
  RETURN_IF_ERROR(CheckStorage(c, origin));
  // The native listener is the only one that is required.
  RETURN_IF_ERROR(
      CheckListener(origin, "proto_listener", c.proto_listener, kProtoLimits));
  RETURN_IF_ERROR(
      CheckListener(origin, "mllp_listener", c.mllp_listener, kMllpLimits));
  RETURN_IF_ERROR(CheckHl7Reading(c, origin));
  RETURN_IF_ERROR(CheckLogging(c, origin));
  RETURN_IF_ERROR(
      CheckListener(origin, "http_listener", c.http_listener, kHttpLimits));
  RETURN_IF_ERROR(CheckConsole(c, origin));
  RETURN_IF_ERROR(CheckRange(origin, "audit.witness_interval_seconds",
                             c.audit_witness_interval_seconds, 10, 86400));
  return CheckRange(origin, "shutdown_grace_seconds", c.shutdown_grace_seconds,
                    1, 3600);
}

bool AllListenersOnLoopback(const Config& c) {
  for (const ListenerSettings* l :
       {&c.proto_listener, &c.mllp_listener, &c.http_listener}) {
    if (l->listen.empty()) continue;  // off
    auto ep = net::ParseEndpoint(l->listen);
    if (!ep.ok() || !ep->address().is_loopback()) return false;
  }
  return true;
}

SiteTimeZone ResolveSiteTimeZone(const Config& c) {
  if (!c.site_time_zone.empty()) {
    if (auto zone = TimeZone::Named(c.site_time_zone); zone.ok()) {
      return {*zone, ""};
    }
  }
  if (auto zone = TimeZone::System(); zone.ok()) return {*zone, ""};
  return {TimeZone::Utc(),
          "the system's time zone is unknown (no $TZ, no /etc/localtime): "
          "HL7 times without an offset are read as UTC; set "
          "mllp_listener.site_time_zone"};
}

Result<store::Synchronous> ParseSynchronous(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  for (store::Synchronous s :
       {store::Synchronous::kOff, store::Synchronous::kNormal,
        store::Synchronous::kFull, store::Synchronous::kExtra}) {
    if (upper == store::ToString(s)) return s;
  }
  std::string message = "'";  // += : see GCC bug 105329 (-Wrestrict)
  message += text;
  message += "' is not one of OFF, NORMAL, FULL, EXTRA";
  return Status::InvalidArgument(std::move(message));
}

namespace {

// A setting a running daemon keeps until restart: its name, whether two
// configs differ in it, and how to keep the running value.
struct RestartOnlySetting {
  const char* name;
  bool (*differs)(const Config& running, const Config& next);
  void (*keep)(const Config& running, Config& next);
};

template <auto kMember>
constexpr RestartOnlySetting Setting(const char* name) {
  return {
      name,
      [](const Config& a, const Config& b) { return a.*kMember != b.*kMember; },
      [](const Config& a, Config& b) { b.*kMember = a.*kMember; }};
}

// Besides the listeners' (config/listener_settings.h).
constexpr RestartOnlySetting kRestartOnly[] = {
    Setting<&Config::db_path>("storage.path"),
    Setting<&Config::synchronous>("storage.synchronous"),
    Setting<&Config::max_group_messages>("storage.max_group_messages"),
    Setting<&Config::queue_capacity>("storage.queue_capacity"),
    Setting<&Config::queue_capacity_mib>("storage.queue_capacity_mib"),
    Setting<&Config::checkpoint_wal_pages>("storage.checkpoint_wal_pages"),
    Setting<&Config::cache_kib>("storage.cache_kib"),
    Setting<&Config::ready_file>("ready_file"),
    Setting<&Config::audit_witness_interval_seconds>(
        "audit.witness_interval_seconds"),
    Setting<&Config::console>("console"),
};

constexpr std::pair<const char*, ListenerSettings Config::*> kListeners[] = {
    {"proto_listener", &Config::proto_listener},
    {"mllp_listener", &Config::mllp_listener},
    {"http_listener", &Config::http_listener},
};

}  // namespace

std::vector<std::string> RestartOnlyChanges(const Config& running,
                                            const Config& next) {
  std::vector<std::string> changed;
  for (const RestartOnlySetting& s : kRestartOnly) {
    if (s.differs(running, next)) changed.push_back(s.name);
  }
  for (const auto& [name, member] : kListeners) {
    AddRestartOnlyChanges(name, running.*member, next.*member, changed);
  }
  return changed;
}

Config KeepRestartOnly(const Config& running, Config next) {
  for (const RestartOnlySetting& s : kRestartOnly) s.keep(running, next);
  for (const auto& [name, member] : kListeners) {
    next.*member = KeepRestartOnly(running.*member, next.*member);
  }
  return next;
}

}  // namespace iraed::config
