#include "config/setting_checks.h"

#include "net/endpoint.h"

namespace iraed::config {

Status CheckRange(const std::string& origin, std::string_view setting,
                  std::uint64_t value, std::uint64_t lo, std::uint64_t hi) {
  if (value < lo || value > hi) {
    return Status::InvalidArgument(
        origin + ": " + std::string(setting) + ": " + std::to_string(value) +
        " is out of range " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  return Status::Ok();
}

Status CheckListen(const std::string& origin, std::string_view setting,
                   const std::string& value, bool may_be_empty) {
  const std::string where = origin + ": " + std::string(setting) + ": ";
  if (value.empty()) {
    if (may_be_empty) return Status::Ok();
    return Status::InvalidArgument(where + "required");
  }
  if (auto ep = net::ParseEndpoint(value); !ep.ok()) {
    return Status::InvalidArgument(where + ep.status().message());
  }
  return Status::Ok();
}

}  // namespace iraed::config
