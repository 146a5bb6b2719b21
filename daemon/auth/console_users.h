// File: auth/console_users.h
//
// The nurse console's local accounts (README "Nurse console"). The users
// file (config `console { users_file }`) holds one account per line:
//
//   NAME ROLE ARGON2ID_HASH CREATED
//
// NAME: 1 to 64 of [A-Za-z0-9._@-], unique; ROLE: nurse, physician,
// pharmacovigilance or admin; ARGON2ID_HASH: auth/password_hash.h's
// encoded hash; CREATED: UTC, "2026-12-04T08:00:00Z". Blank lines and
// lines starting with '#' are ignored. Like the tokens file it must not be
// writable by group or others (auth/secret_file.h); the iraed group may
// read it. Managed with `iraectl users add|list|passwd|remove`.
#ifndef IRAED_AUTH_CONSOLE_USERS_H_
#define IRAED_AUTH_CONSOLE_USERS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace iraed::auth {

// What a console user may do (README "Nurse console", roles):
//   nurse, physician    the board, alerts and patients; act on alerts
//   pharmacovigilance   the board, alerts and patients, read-only; the
//                       findings page and its exports
//   admin               the operations page only (feeds, consumers and
//                       their lag, data quality, unmapped codes): no
//                       patient data
enum class ConsoleRole { kNurse, kPhysician, kPharmacovigilance, kAdmin };

std::optional<ConsoleRole> ParseConsoleRole(std::string_view text);
std::string_view ConsoleRoleName(ConsoleRole role);
// Whether `role` may acknowledge and resolve alerts.
bool MayActOnAlerts(ConsoleRole role);
// Whether `role` may see the board, alerts and patient pages.
bool MaySeePatients(ConsoleRole role);
// Whether `role` may read the findings page and download its exports.
bool MayExportFindings(ConsoleRole role);
// Whether `role` may see the operations page.
bool MaySeeOperations(ConsoleRole role);
// Where `role` lands after signing in: "/board", "/findings" or
// "/operations".
std::string_view HomePage(ConsoleRole role);

struct ConsoleUser {
  std::string name;
  ConsoleRole role = ConsoleRole::kNurse;
  std::string password_hash;
  std::string created;
};

// Parses a users file's text; errors read "ORIGIN:LINE: problem".
Result<std::vector<ConsoleUser>> ParseUsersFile(std::string_view text,
                                                const std::string& origin);
std::string FormatUsersFile(const std::vector<ConsoleUser>& users);

// Reads `path`; a missing file holds no user.
Result<std::vector<ConsoleUser>> ReadUsersFile(const std::string& path);

// Reads, edits and writes back `path` under its lock (secret_file.h).
Status UpdateUsersFile(
    const std::string& path,
    const std::function<Status(std::vector<ConsoleUser>&)>& edit);

}  // namespace iraed::auth

#endif  // IRAED_AUTH_CONSOLE_USERS_H_
