#include "auth/staff_authenticator.h"

#include <openssl/crypto.h>
#include <sys/stat.h>

#include <cerrno>

#include "common/logging.h"

namespace iraed::auth {

Result<AuthMode> ParseAuthMode(std::string_view text) {
  if (text == "auto") return AuthMode::kAuto;
  if (text == "required") return AuthMode::kRequired;
  if (text == "off") return AuthMode::kOff;
  return Status::InvalidArgument("'" + std::string(text) +
                                 "' is not auto, required or off");
}

std::string_view ToString(AuthMode mode) {
  switch (mode) {
    case AuthMode::kAuto:
      return "auto";
    case AuthMode::kRequired:
      return "required";
    case AuthMode::kOff:
      return "off";
  }
  return "auto";
}

bool AuthRequired(AuthMode mode, bool all_listeners_on_loopback) {
  switch (mode) {
    case AuthMode::kRequired:
      return true;
    case AuthMode::kOff:
      return false;
    case AuthMode::kAuto:
      return !all_listeners_on_loopback;
  }
  return true;
}

StaffAuthenticator::StaffAuthenticator(AuthSettings settings, bool required)
    : settings_(std::move(settings)), required_(required) {}

Result<std::string> StaffAuthenticator::Decide(
    const StaffRequest& request, std::string_view token,
    const std::string& certificate_subject) {
  ASSIGN_OR_RETURN(std::optional<Identity> who,
                   Identify(token, certificate_subject));
  return Authorize(request, who, required_);
}

Result<std::optional<Identity>> StaffAuthenticator::Identify(
    std::string_view token, const std::string& certificate_subject) {
  if (!token.empty()) {
    std::lock_guard lock(mu_);
    if (Status s = RefreshTokens(); !s.ok()) {
      return Status::PermissionDenied(
          std::string(kUnauthenticated) +
          "the tokens file cannot be read, so no token is accepted (see the "
          "daemon's log)");
    }
    const std::string hash = TokenSha256(token);
    for (const ApiToken& t : tokens_) {
      // Constant time, although a hash comparison leaks nothing useful.
      if (CRYPTO_memcmp(t.sha256.data(), hash.data(), hash.size()) == 0) {
        return std::optional<Identity>(Identity{"token:" + t.name, t.roles});
      }
    }
    return Status::PermissionDenied(
        std::string(kUnauthenticated) +
        "the API token is not valid (unknown or revoked)");
  }
  if (certificate_subject.empty()) return std::optional<Identity>();
  const std::string actor = "cert:" + certificate_subject;
  for (const CertificateRule& rule : settings_.certificate_rules) {
    if (rule.subject == certificate_subject) {
      return std::optional<Identity>(Identity{actor, rule.roles});
    }
  }
  // A certificate no rule names carries no authority: refused where
  // authentication is required, taken as no credential where it is not.
  if (!required_) return std::optional<Identity>();
  return std::optional<Identity>(Identity{actor, Roles{}});
}

Status StaffAuthenticator::RefreshTokens() {
  if (settings_.tokens_file.empty()) {
    return Status::Ok();  // no tokens: every token is unknown
  }
  FileKey key;
  struct stat st {};
  if (::stat(settings_.tokens_file.c_str(), &st) == 0) {
    key.exists = true;
    key.inode = st.st_ino;
    key.size = static_cast<unsigned long long>(st.st_size);
    // ctime: changed by every write, chmod and chown, and not settable.
    key.ctime_ns = static_cast<long long>(st.st_ctim.tv_sec) * 1000000000LL +
                   st.st_ctim.tv_nsec;
  }
  if (loaded_key_ && *loaded_key_ == key) return load_status_;
  auto tokens = ReadTokensFile(settings_.tokens_file);
  loaded_key_ = key;
  if (!tokens.ok()) {
    load_status_ = tokens.status();
    tokens_.clear();
    Logger("auth")->error(
        "tokens file: {}; every API token is refused until it is repaired",
        load_status_.message());
    return load_status_;
  }
  load_status_ = Status::Ok();
  tokens_ = std::move(tokens).value();
  Logger("auth")->info("tokens file {} read: {} token(s)",
                       settings_.tokens_file, tokens_.size());
  return load_status_;
}

}  // namespace iraed::auth
