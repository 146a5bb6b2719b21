// File: auth/password_hash.h
//
// Console passwords, hashed with Argon2id (RFC 9106) by Debian's
// libargon2 (the reference implementation of the Password Hashing
// Competition winner). Parameters: the OWASP Password Storage Cheat
// Sheet's first Argon2id setting, m = 19 MiB, t = 2, p = 1, a 16-byte
// random salt (OpenSSL RAND_bytes) and a 32-byte tag, stored as the PHC
// string "$argon2id$v=19$m=19456,t=2,p=1$SALT$TAG". A hash carries its own
// parameters, so stronger ones later still verify older hashes.
//
// Verifying costs about 50 ms and 19 MiB: never on a listener's thread.
#ifndef IRAED_AUTH_PASSWORD_HASH_H_
#define IRAED_AUTH_PASSWORD_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace iraed::auth {

struct PasswordCost {
  std::uint32_t memory_kib = 19456;
  std::uint32_t iterations = 2;
  std::uint32_t lanes = 1;
};

// Passwords are 12 to 256 bytes (NIST SP 800-63B 5.1.1.2 asks for at least
// 8 and a generous maximum; 12 is the site's floor, 256 bounds the work an
// unauthenticated request can cause).
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 256;

// Refuses a password too short, too long, or equal to the user's name.
Status CheckNewPassword(std::string_view password, std::string_view user);

// The encoded Argon2id hash of `password` with a fresh salt.
Result<std::string> HashPassword(std::string_view password,
                                 const PasswordCost& cost = {});

// Whether `password` matches `encoded`; false for a malformed hash or a
// password longer than kMaxPasswordLength.
bool VerifyPassword(std::string_view password, const std::string& encoded);

// Whether `text` reads like an encoded Argon2id hash ("$argon2id$v=19$...").
bool IsArgon2idHash(std::string_view text);

}  // namespace iraed::auth

#endif  // IRAED_AUTH_PASSWORD_HASH_H_
