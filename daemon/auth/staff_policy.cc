#include "auth/staff_policy.h"

namespace iraed::auth {
namespace {

// As FeedConfirmation.consumer (proto/iraed/v1/ingest.proto).
constexpr std::size_t kMaxConsumerNameBytes = 64;

bool IsConsumerName(std::string_view s) {
  if (s.empty() || s.size() > kMaxConsumerNameBytes) return false;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string_view RequestName(const StaffRequest& r) {
  return r.kind == StaffRequest::Kind::kAlertAction
             ? "acknowledge or resolve alerts"
             : "confirm the alert feed";
}

}  // namespace

Result<Roles> ParseRoles(std::string_view text) {
  Roles roles;
  if (text.empty()) {
    return Status::InvalidArgument(
        "no role (staff, notifier:CONSUMER or notifier:*)");
  }
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view()
                                           : text.substr(comma + 1);
    if (comma != std::string_view::npos && text.empty()) {
      return Status::InvalidArgument("a role list cannot end with ','");
    }
    constexpr std::string_view kNotifier = "notifier:";
    if (part == "staff") {
      roles.staff = true;
    } else if (part == "notifier:*") {
      roles.any_consumer = true;
    } else if (part.substr(0, kNotifier.size()) == kNotifier &&
               IsConsumerName(part.substr(kNotifier.size()))) {
      roles.consumers.emplace(part.substr(kNotifier.size()));
    } else {
      return Status::InvalidArgument(
          "unknown role '" + std::string(part) +
          "' (staff, notifier:CONSUMER with a consumer name of 1 to 64 "
          "[A-Za-z0-9._-], or notifier:*)");
    }
  }
  return roles;
}

std::string FormatRoles(const Roles& roles) {
  std::string out;
  auto add = [&out](std::string_view role) {
    if (!out.empty()) out += ',';
    out += role;
  };
  if (roles.staff) add("staff");
  if (roles.any_consumer) add("notifier:*");
  for (const std::string& c : roles.consumers) add("notifier:" + c);
  return out;
}

Result<std::string> Authorize(const StaffRequest& request,
                              const std::optional<Identity>& who,
                              bool required) {
  if (!who) {
    if (!required) return std::string();
    return Status::PermissionDenied(
        std::string(kUnauthenticated) + "only an authenticated client may " +
        std::string(RequestName(request)) +
        ": send an API token (iraectl --auth-token-file) or connect with a "
        "client certificate");
  }
  bool allowed = false;
  if (request.kind == StaffRequest::Kind::kAlertAction) {
    allowed = who->roles.staff;
  } else {
    allowed = who->roles.any_consumer ||
              who->roles.consumers.count(request.consumer) > 0;
  }
  if (allowed) return who->actor;
  const std::string roles = FormatRoles(who->roles);
  return Status::PermissionDenied(
      std::string(kUnauthorised) + who->actor + " (roles " +
      (roles.empty() ? std::string("none") : roles) + ") may not " +
      std::string(RequestName(request)) +
      (request.kind == StaffRequest::Kind::kFeedConfirmation
           ? " as consumer " + request.consumer +
                 " (needs notifier:" + request.consumer + ")"
           : std::string(" (needs staff)")));
}

}  // namespace iraed::auth
