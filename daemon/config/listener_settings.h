// File: config/listener_settings.h
//
// One listener's settings, the same struct for `proto_listener`,
// `mllp_listener` and `http_listener` (config.proto): where it listens, how
// many connections it takes, its TLS, and for the framed listeners (proto,
// MLLP) the frame limits. The HTTP listener has no frames: its frame fields
// keep their defaults and are never read.
#ifndef IRAED_CONFIG_LISTENER_SETTINGS_H_
#define IRAED_CONFIG_LISTENER_SETTINGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "net/tls_context.h"

namespace iraed::config {

struct ListenerSettings {
  std::string listen;  // HOST:PORT; "" turns the listener off
  std::uint32_t max_connections = 1024;
  net::TlsSettings tls;  // off unless a certificate is set
  // Framed listeners only.
  std::uint32_t max_frame_bytes = 1 << 20;
  std::uint32_t max_in_flight_per_connection = 256;
  std::uint32_t frame_timeout_seconds = 30;
};

// A framed listener (protobuf, MLLP) on `listen` with the default limits.
inline ListenerSettings FramedListener(std::string listen,
                                       std::uint32_t max_frame_bytes) {
  ListenerSettings l;
  l.listen = std::move(listen);
  l.max_frame_bytes = max_frame_bytes;
  return l;
}

// The HTTP listener on `listen`.
inline ListenerSettings HttpListener(std::string listen,
                                     std::uint32_t max_connections) {
  ListenerSettings l;
  l.listen = std::move(listen);
  l.max_connections = max_connections;
  return l;
}

// What a listener's values are checked against.
struct ListenerLimits {
  bool required = false;  // `listen` may not be ""
  bool framed = true;     // check the frame fields
  std::uint32_t min_frame_bytes = 64;
  std::uint32_t max_frame_bytes = 64u << 20;
  std::uint32_t max_connections = 100000;
};

// Checks `l` against `limits`. `name` is the config block ("mllp_listener");
// a message reads "ORIGIN: mllp_listener.max_frame_bytes: 10 is out of range
// 1024..268435456". The TLS files are checked when they are loaded.
Status CheckListener(const std::string& origin, std::string_view name,
                     const ListenerSettings& l, const ListenerLimits& limits);

// A running listener cannot change its address, limits or whether it runs
// TLS; a reload re-reads its certificates only. Appends to `changed` the
// names ("proto_listener.listen") of the restart-only settings that differ
// between `running` and `next`.
void AddRestartOnlyChanges(std::string_view name,
                           const ListenerSettings& running,
                           const ListenerSettings& next,
                           std::vector<std::string>& changed);

// `next` with `running`'s restart-only settings: all but the TLS files.
ListenerSettings KeepRestartOnly(const ListenerSettings& running,
                                 const ListenerSettings& next);

}  // namespace iraed::config

#endif  // IRAED_CONFIG_LISTENER_SETTINGS_H_
