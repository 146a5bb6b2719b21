// File: auth/api_tokens.h
//
// API tokens name a person or a notifier behind a staff action or a feed
// confirmation (README "Operating iraed", Staff identity). A token is
// "iraed-" and 64 random hex digits, shown once when `iraectl token
// create` makes it. The tokens file (config `auth { tokens_file }`) keeps
// only the SHA-256 of each token, one token per line:
//
//   NAME ROLES SHA256 CREATED
//
// NAME: 1 to 64 of [A-Za-z0-9._@-], unique in the file; ROLES: a role list
// (auth/staff_policy.h); SHA256: 64 lower-case hex digits; CREATED: UTC,
// "2026-12-03T08:00:00Z". Blank lines and lines starting with '#' are
// ignored. Whoever can write the file can add tokens, so it must not be
// writable by group or others (the iraed group may read it).
#ifndef IRAED_AUTH_API_TOKENS_H_
#define IRAED_AUTH_API_TOKENS_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/staff_policy.h"
#include "common/status.h"

namespace iraed::auth {

struct ApiToken {
  std::string name;
  Roles roles;
  std::string sha256;   // of the token text
  std::string created;  // "2026-12-03T08:00:00Z"
};

bool IsValidTokenName(std::string_view name);

// Parses the text of a tokens file; errors read "ORIGIN:LINE: problem".
Result<std::vector<ApiToken>> ParseTokensFile(std::string_view text,
                                              const std::string& origin);
// The file text for `tokens` (with a header comment), parseable again.
std::string FormatTokensFile(const std::vector<ApiToken>& tokens);

// Reads and parses `path`. A missing file holds no token. Errors name the
// file: unreadable, malformed, or writable by group or others.
Result<std::vector<ApiToken>> ReadTokensFile(const std::string& path);

// Replaces `path` atomically (a new temporary file beside it, fsync,
// rename, fsync of the folder) with `tokens`. An existing file's group and
// mode are kept (so the daemon's group can still read it) and its owner
// when the caller may; a group that cannot be kept is an error. A new file
// is 0600.
Status WriteTokensFile(const std::string& path,
                       const std::vector<ApiToken>& tokens);

// Reads `path`, lets `edit` change the tokens, and writes them back, under
// an exclusive lock (flock on PATH.lock), so that two iraectl commands at
// once cannot lose each other's change (a revocation above all). An error
// from `edit` leaves the file as it was.
Status UpdateTokensFile(
    const std::string& path,
    const std::function<Status(std::vector<ApiToken>&)>& edit);

// A new random token ("iraed-" + 64 hex digits).
Result<std::string> NewTokenText();
// 256 random bits (OpenSSL RAND_bytes) as 64 lowercase hex digits: a new
// token's secret part, a console session or form token.
Result<std::string> RandomHex256();

// Lower-case hex SHA-256 of `token`.
std::string TokenSha256(std::string_view token);

}  // namespace iraed::auth

#endif  // IRAED_AUTH_API_TOKENS_H_
