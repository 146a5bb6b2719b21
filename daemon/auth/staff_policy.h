// File: auth/staff_policy.h
//
// Who may change what the daemon pages (issue 12, README "Operating
// iraed", Staff identity): acknowledging or resolving an alert needs the
// `staff` role; confirming feed delivery as consumer C needs `notifier:C`
// (or `notifier:*`). Pure: the identity is decided elsewhere
// (auth/staff_authenticator.h).
#ifndef IRAED_AUTH_STAFF_POLICY_H_
#define IRAED_AUTH_STAFF_POLICY_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "common/status.h"

namespace iraed::auth {

// What an identity may do. Written as a comma-separated list:
// "staff", "notifier:pager", "notifier:*", "staff,notifier:ward7".
struct Roles {
  bool staff = false;
  bool any_consumer = false;        // notifier:*
  std::set<std::string> consumers;  // notifier:NAME
  bool operator==(const Roles&) const = default;
};

// Parses a role list; errors name the part that is wrong.
Result<Roles> ParseRoles(std::string_view text);
// The canonical written form ("staff,notifier:pager").
std::string FormatRoles(const Roles& roles);

// An authenticated sender: `actor` is what the feed and audit trail record
// ("token:rn.jones", "cert:CN=ward7-pager,O=Hospital").
struct Identity {
  std::string actor;
  Roles roles;
};

// One action that needs a role.
struct StaffRequest {
  enum class Kind { kAlertAction, kFeedConfirmation };
  Kind kind = Kind::kAlertAction;
  std::string consumer;  // kFeedConfirmation: the consumer confirmed as
};

// Decides one request. With an identity: its actor when its roles allow
// the request, else PermissionDenied ("unauthorised: ..."). Without one:
// PermissionDenied ("unauthenticated: ...") when `required`, else "" (the
// action is taken as sent, its stated `by` names the actor). Reasons name
// the actor and roles, never a credential.
Result<std::string> Authorize(const StaffRequest& request,
                              const std::optional<Identity>& who,
                              bool required);

// The prefixes of every refusal Authorize returns (replay recognises them).
inline constexpr std::string_view kUnauthenticated = "unauthenticated: ";
inline constexpr std::string_view kUnauthorised = "unauthorised: ";

}  // namespace iraed::auth

#endif  // IRAED_AUTH_STAFF_POLICY_H_
