#include "auth/password_hash.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <vector>

namespace iraed::auth {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kTagBytes = 32;

}  // namespace

Status CheckNewPassword(std::string_view password, std::string_view user) {
  if (password.size() < kMinPasswordLength) {
    return Status::InvalidArgument("a password needs at least " +
                                   std::to_string(kMinPasswordLength) +
                                   " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return Status::InvalidArgument("a password has at most " +
                                   std::to_string(kMaxPasswordLength) +
                                   " characters");
  }
  if (password == user) {
    return Status::InvalidArgument("the password is the user's name");
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password,
                                 const PasswordCost& cost) {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof salt) != 1) {
    return Status::Internal("no random bytes for a password salt");
  }
  std::vector<char> encoded(argon2_encodedlen(cost.iterations, cost.memory_kib,
                                              cost.lanes, kSaltBytes, kTagBytes,
                                              Argon2_id));
  const int rc =
      argon2id_hash_encoded(cost.iterations, cost.memory_kib, cost.lanes,
                            password.data(), password.size(), salt, sizeof salt,
                            kTagBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return Status::Internal(std::string("Argon2id failed: ") +
                            argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  if (password.size() > kMaxPasswordLength || !IsArgon2idHash(encoded)) {
    return false;
  }
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) ==
         ARGON2_OK;
}

bool IsArgon2idHash(std::string_view text) {
  constexpr std::string_view kPrefix = "$argon2id$v=19$m=";
  if (text.substr(0, kPrefix.size()) != kPrefix) return false;
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '$' || c == '=' ||
                    c == ',' || c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

}  // namespace iraed::auth
