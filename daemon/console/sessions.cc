#include "console/sessions.h"

#include <openssl/crypto.h>

#include "auth/api_tokens.h"
#include "auth/digest.h"

namespace iraed::console {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool SessionTable::Ended(const ConsoleSession& s, UnixMillis now) const {
  return now - s.last_seen_ms >= limits_.idle.count() ||
         now - s.created_ms >= limits_.max_age.count();
}

Result<ConsoleSession> SessionTable::Create(const std::string& user,
                                            auth::ConsoleRole role,
                                            const std::string& credential,
                                            UnixMillis now) {
  ConsoleSession s;
  ASSIGN_OR_RETURN(s.token, auth::RandomHex256());
  ASSIGN_OR_RETURN(s.csrf, auth::RandomHex256());
  s.user = user;
  s.role = role;
  s.credential = credential;
  s.created_ms = now;
  s.last_seen_ms = now;
  std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(by_hash_,
                [&](const auto& entry) { return Ended(entry.second, now); });
  by_hash_[auth::Sha256Hex(s.token)] = s;
  return s;
}

std::optional<ConsoleSession> SessionTable::Touch(std::string_view token,
                                                  UnixMillis now,
                                                  bool activity) {
  const std::string key = auth::Sha256Hex(token);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_hash_.find(key);
  if (it == by_hash_.end()) return std::nullopt;
  if (Ended(it->second, now)) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  if (activity) it->second.last_seen_ms = now;
  return it->second;
}

std::optional<std::string> SessionTable::End(std::string_view token) {
  const std::string key = auth::Sha256Hex(token);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_hash_.find(key);
  if (it == by_hash_.end()) return std::nullopt;
  std::string user = it->second.user;
  by_hash_.erase(it);
  return user;
}

void SessionTable::EndUser(std::string_view user) {
  std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(by_hash_,
                [&](const auto& entry) { return entry.second.user == user; });
}

std::size_t SessionTable::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return by_hash_.size();
}

}  // namespace iraed::console
