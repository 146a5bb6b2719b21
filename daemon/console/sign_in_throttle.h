// File: console/sign_in_throttle.h
//
// Lock-out after repeated failed sign-ins (OWASP Authentication Cheat
// Sheet, "Account lockout"): `max_failures` failures in a row lock a user
// name for `lock_for`; a success clears its count; a failure older than
// `lock_for` no longer counts. Names that hold no account are counted
// the same, so a locked answer says nothing about who has an account.
// At most kMaxTrackedNames are tracked: the record with the oldest failure
// that is not locked is forgotten first; a locked name is never forgotten
// before its lock ends, and when every record is locked a new name counts
// as locked (a flood of names cannot unlock anyone).
//
// Thread-safety: every method may be called from any thread.
#ifndef IRAED_CONSOLE_SIGN_IN_THROTTLE_H_
#define IRAED_CONSOLE_SIGN_IN_THROTTLE_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace iraed::console {

struct ThrottleLimits {
  int max_failures = 5;
  std::chrono::milliseconds lock_for = std::chrono::minutes(15);
};

inline constexpr std::size_t kMaxTrackedNames = 10000;

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleLimits limits) : limits_(limits) {}

  // When `user` is locked at `now`: until when.
  std::optional<UnixMillis> LockedUntil(std::string_view user,
                                        UnixMillis now) const;
  // Counts a failure at `now`; when it locks the name, until when.
  std::optional<UnixMillis> Failed(std::string_view user, UnixMillis now);
  void Succeeded(std::string_view user);

 private:
  struct Record {
    int failures = 0;
    UnixMillis last_failure_ms = 0;
    UnixMillis locked_until_ms = 0;
  };

  const ThrottleLimits limits_;
  mutable std::mutex mu_;
  std::map<std::string, Record, std::less<>> records_;
};

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_SIGN_IN_THROTTLE_H_
