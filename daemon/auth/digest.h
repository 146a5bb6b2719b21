// File: auth/digest.h
//
// SHA-256 and lower-case hex, the one implementation used for token hashes
// (auth/api_tokens.h), the audit key's fingerprint and MACs
// (auth/audit_key.h) and the audit chain (store/audit_log.h).
#ifndef IRAED_AUTH_DIGEST_H_
#define IRAED_AUTH_DIGEST_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace iraed::auth {

// Two lower-case hex digits per byte.
std::string HexLower(const unsigned char* bytes, std::size_t n);

// Lower-case hex SHA-256 of `bytes` (64 digits).
std::string Sha256Hex(std::string_view bytes);

}  // namespace iraed::auth

#endif  // IRAED_AUTH_DIGEST_H_
