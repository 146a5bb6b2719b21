// File: auth/audit_key.h
//
// The site's audit key (config `audit { key_file }`): with it every audit
// entry also carries entry_mac = HMAC-SHA256(key, "iraed-audit-mac-v1|" +
// entry_sha256). Someone who can write the database but cannot read the key
// can recompute every SHA-256 of the chain but no MAC, so a rewritten
// history no longer verifies with the key (store/audit_log.h).
//
// The key file holds at least 32 bytes (whitespace at either end is not
// part of the key; `iraectl audit keygen FILE` writes 64 random hex digits)
// and must not be readable or writable by others (mode o-rwx; the iraed
// group may read it).
#ifndef IRAED_AUTH_AUDIT_KEY_H_
#define IRAED_AUTH_AUDIT_KEY_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace iraed::auth {

struct AuditKey {
  std::string bytes;
  // The first 16 hex digits of SHA-256(key): names the key in logs and
  // reports without revealing it.
  std::string Fingerprint() const;
};

// The shortest key accepted, in bytes.
inline constexpr std::size_t kMinAuditKeyBytes = 32;

// Reads and checks a key file. Errors name the file and the problem (missing,
// unreadable, too short, readable or writable by others).
Result<AuditKey> ReadAuditKeyFile(const std::string& path);

// Writes a new key (64 random hex digits and a newline) to `path`, created
// 0600; refuses to overwrite an existing file.
Status WriteNewAuditKeyFile(const std::string& path);

// Lower-case hex HMAC-SHA256 of an entry's hash under `key`.
std::string AuditEntryMac(const AuditKey& key, std::string_view entry_sha256);

}  // namespace iraed::auth

#endif  // IRAED_AUTH_AUDIT_KEY_H_
