// File: auth/secret_file.h
//
// The small files that say who may do what (the API tokens file, the
// console users file): read only when no group or other user can write
// them (whoever can write one can add an identity), replaced atomically,
// and edited under a lock so that two iraectl commands at once cannot lose
// each other's change (a revocation above all).
#ifndef IRAED_AUTH_SECRET_FILE_H_
#define IRAED_AUTH_SECRET_FILE_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace iraed::auth {

// One line of such a file that says something: its number (from 1) and
// its whitespace-separated words. Blank lines and lines whose first word
// starts with '#' are left out.
struct SecretRecord {
  std::size_t line = 0;
  std::vector<std::string_view> words;
};
std::vector<SecretRecord> SplitRecords(std::string_view text);

// "2026-12-03T08:00:00Z": a creation time in these files.
bool IsUtcSecond(std::string_view text);

// The text of `path`; nullopt when it does not exist. Errors name the file:
// unreadable, or writable by group or others (`what` says what such a
// writer could add: "tokens", "users").
Result<std::optional<std::string>> ReadSecretFile(const std::string& path,
                                                  const std::string& what);

// Replaces `path` atomically (a new temporary file beside it, fsync,
// rename, fsync of the folder) with `text`. An existing file's group and
// mode are kept (so the daemon's group can still read it) and its owner
// when the caller may; a group that cannot be kept is an error. A new file
// is 0600.
Status ReplaceSecretFile(const std::string& path, const std::string& text);

// Reads `path` (nullopt when missing), lets `edit` make the new text, and
// writes it back, under an exclusive lock (flock on PATH.lock). An error
// from `edit` leaves the file as it was.
Status UpdateSecretFile(
    const std::string& path, const std::string& what,
    const std::function<Result<std::string>(const std::optional<std::string>&)>&
        edit);

}  // namespace iraed::auth

#endif  // IRAED_AUTH_SECRET_FILE_H_
