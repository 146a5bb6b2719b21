// File: auth/staff_authenticator.h
//
// Identifies who sent a staff action or a feed confirmation and decides it
// (auth/staff_policy.h). The identity is, in this order:
//   1. the frame's API token, when it carries one: it must match a line of
//      the tokens file, else the frame is refused (a wrong token is never
//      taken for no token);
//   2. the TLS client certificate's subject (verified by the listener
//      against its client CA): the roles of the `certificate` rule naming
//      that subject; a certificate no rule names has none (a feed's
//      machine certificate acts on no alert unless a rule says so): it is
//      refused where authentication is required, and counts as no
//      credential where it is not.
// The tokens file is read again whenever it changes (size, ctime or inode),
// so a revoked token stops working at once, without a reload; a file that
// has become unreadable or malformed refuses every token until it is
// repaired (and says why in the log).
#ifndef IRAED_AUTH_STAFF_AUTHENTICATOR_H_
#define IRAED_AUTH_STAFF_AUTHENTICATOR_H_

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/api_tokens.h"
#include "auth/staff_policy.h"
#include "common/status.h"

namespace iraed::auth {

// auto: required whenever a listener is not on loopback.
enum class AuthMode { kAuto, kRequired, kOff };

Result<AuthMode> ParseAuthMode(std::string_view text);  // auto|required|off
std::string_view ToString(AuthMode mode);

struct CertificateRule {
  std::string subject;  // RFC 2253, as logged: "CN=ward7-pager,O=Hospital"
  Roles roles;
  bool operator==(const CertificateRule&) const = default;
};

struct AuthSettings {
  AuthMode mode = AuthMode::kAuto;
  std::string tokens_file;  // "": no tokens
  std::vector<CertificateRule> certificate_rules;
  bool operator==(const AuthSettings&) const = default;
};

// Whether `mode` requires authentication, given whether every listener is
// on loopback.
bool AuthRequired(AuthMode mode, bool all_listeners_on_loopback);

class StaffAuthenticator {
 public:
  StaffAuthenticator(AuthSettings settings, bool required);
  StaffAuthenticator(const StaffAuthenticator&) = delete;
  StaffAuthenticator& operator=(const StaffAuthenticator&) = delete;

  bool required() const { return required_; }

  // The actor for `request` ("" when unauthenticated and not required), or
  // PermissionDenied with the reason. `token`: the frame's auth_token ("":
  // none); `certificate_subject`: the verified client certificate's
  // subject ("": none). Thread-safe.
  Result<std::string> Decide(const StaffRequest& request,
                             std::string_view token,
                             const std::string& certificate_subject);

 private:
  Result<std::optional<Identity>> Identify(
      std::string_view token, const std::string& certificate_subject);
  // Reads the tokens file again when it changed; the result of the last
  // read otherwise.
  Status RefreshTokens();

  const AuthSettings settings_;
  const bool required_;
  std::mutex mu_;
  struct FileKey {
    bool exists = false;
    unsigned long long inode = 0, size = 0;
    long long ctime_ns = 0;
    bool operator==(const FileKey&) const = default;
  };
  std::optional<FileKey> loaded_key_;  // guarded by mu_
  Status load_status_;                 // guarded by mu_
  std::vector<ApiToken> tokens_;       // guarded by mu_
};

}  // namespace iraed::auth

#endif  // IRAED_AUTH_STAFF_AUTHENTICATOR_H_
