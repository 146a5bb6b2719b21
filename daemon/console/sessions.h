// File: console/sessions.h
//
// Signed-in console users, in memory (a restart signs everyone out). A
// session is named by a random 256-bit token, sent only as the HttpOnly
// cookie; it carries its own random CSRF token, which every form that
// changes something must send back (console/console_app.h). It ends after
// `idle` without a request, after `max_age` however active, at sign-out,
// and when its user is removed or changes role.
//
// Tokens are looked up by their SHA-256, so the time a lookup takes says
// nothing about how much of a guess was right.
//
// Thread-safety: every method may be called from any thread.
#ifndef IRAED_CONSOLE_SESSIONS_H_
#define IRAED_CONSOLE_SESSIONS_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth/console_users.h"
#include "common/clock.h"
#include "common/status.h"

namespace iraed::console {

struct SessionLimits {
  std::chrono::milliseconds idle = std::chrono::minutes(15);
  std::chrono::milliseconds max_age = std::chrono::hours(12);
};

struct ConsoleSession {
  std::string token;  // 64 hex digits (the cookie)
  std::string csrf;   // 64 hex digits (every form that changes something)
  std::string user;
  auth::ConsoleRole role = auth::ConsoleRole::kNurse;
  // What identified the user's password at sign-in (a session ends when
  // it changes).
  std::string credential;
  UnixMillis created_ms = 0;
  UnixMillis last_seen_ms = 0;
};

class SessionTable {
 public:
  explicit SessionTable(SessionLimits limits) : limits_(limits) {}

  // A new session for `user`; sessions that have ended are forgotten.
  Result<ConsoleSession> Create(const std::string& user, auth::ConsoleRole role,
                                const std::string& credential, UnixMillis now);
  // The session of `token`; nullopt when there is none, or it has ended
  // (idle or too old: then it is removed). A request the user made
  // (`activity`) sets its last use to `now`; what the page does by itself
  // (a live refresh) does not, so an unattended screen still times out.
  std::optional<ConsoleSession> Touch(std::string_view token, UnixMillis now,
                                      bool activity = true);
  // Ends the session of `token` (sign-out); its user, when there was one.
  std::optional<std::string> End(std::string_view token);
  // Ends every session of `user` (removed, or given another role).
  void EndUser(std::string_view user);
  std::size_t size() const;

 private:
  bool Ended(const ConsoleSession& s, UnixMillis now) const;

  const SessionLimits limits_;
  mutable std::mutex mu_;
  std::map<std::string, ConsoleSession, std::less<>> by_hash_;
};

// Whether `a` and `b` are equal, in time that depends on their length only.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_SESSIONS_H_
