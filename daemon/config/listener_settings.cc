#include "config/listener_settings.h"

#include "config/setting_checks.h"

namespace iraed::config {

Status CheckListener(const std::string& origin, std::string_view name,
                     const ListenerSettings& l, const ListenerLimits& limits) {
  const std::string at = std::string(name) + ".";
  RETURN_IF_ERROR(
      CheckListen(origin, at + "listen", l.listen, !limits.required));
  if (limits.framed) {
    RETURN_IF_ERROR(CheckRange(origin, at + "max_frame_bytes",
                               l.max_frame_bytes, limits.min_frame_bytes,
                               limits.max_frame_bytes));
    RETURN_IF_ERROR(CheckRange(origin, at + "max_in_flight_per_connection",
                               l.max_in_flight_per_connection, 1, 65536));
    RETURN_IF_ERROR(CheckRange(origin, at + "frame_timeout_seconds",
                               l.frame_timeout_seconds, 1, 3600));
  }
  return CheckRange(origin, at + "max_connections", l.max_connections, 1,
                    limits.max_connections);
}

void AddRestartOnlyChanges(std::string_view name,
                           const ListenerSettings& running,
                           const ListenerSettings& next,
                           std::vector<std::string>& changed) {
  auto check = [&](bool differs, std::string_view setting) {
    if (differs) changed.push_back(std::string(name) + "." += setting);
  };
  check(running.listen != next.listen, "listen");
  check(running.max_frame_bytes != next.max_frame_bytes, "max_frame_bytes");
  check(
      running.max_in_flight_per_connection != next.max_in_flight_per_connection,
      "max_in_flight_per_connection");
  check(running.frame_timeout_seconds != next.frame_timeout_seconds,
        "frame_timeout_seconds");
  check(running.max_connections != next.max_connections, "max_connections");
}

ListenerSettings KeepRestartOnly(const ListenerSettings& running,
                                 const ListenerSettings& next) {
  ListenerSettings kept = running;
  kept.tls = next.tls;
  return kept;
}

}  // namespace iraed::config
