#include "console/sign_in_throttle.h"

namespace iraed::console {

std::optional<UnixMillis> SignInThrottle::LockedUntil(std::string_view user,
                                                      UnixMillis now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = records_.find(user);
  if (it == records_.end()) {
    // A full table of locked names locks every name it cannot track.
    if (records_.size() < kMaxTrackedNames) return std::nullopt;
    UnixMillis lock_ends = 0;
    for (const auto& [name, r] : records_) {
      if (r.locked_until_ms <= now) return std::nullopt;
      if (lock_ends == 0 || r.locked_until_ms < lock_ends) {
        lock_ends = r.locked_until_ms;
      }
    }
    return lock_ends;
  }
  if (it->second.locked_until_ms <= now) return std::nullopt;
  return it->second.locked_until_ms;
}

std::optional<UnixMillis> SignInThrottle::Failed(std::string_view user,
                                                 UnixMillis now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = records_.find(user);
  if (it == records_.end()) {
    if (records_.size() >= kMaxTrackedNames) {
      auto oldest = records_.end();
      UnixMillis lock_ends = 0;
      for (auto r = records_.begin(); r != records_.end(); ++r) {
        if (r->second.locked_until_ms > now) {
          if (lock_ends == 0 || r->second.locked_until_ms < lock_ends) {
            lock_ends = r->second.locked_until_ms;
          }
        } else if (oldest == records_.end() ||
                   r->second.last_failure_ms < oldest->second.last_failure_ms) {
          oldest = r;
        }
      }
      if (oldest == records_.end()) return lock_ends;  // all locked
      records_.erase(oldest);
    }
    it = records_.emplace(std::string(user), Record{}).first;
  }
  Record& r = it->second;
  if (now - r.last_failure_ms >= limits_.lock_for.count()) r.failures = 0;
  ++r.failures;
  r.last_failure_ms = now;
  if (r.failures >= limits_.max_failures) {
    r.failures = 0;
    r.locked_until_ms = now + limits_.lock_for.count();
    return r.locked_until_ms;
  }
  return std::nullopt;
}

void SignInThrottle::Succeeded(std::string_view user) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = records_.find(user); it != records_.end()) records_.erase(it);
}

}  // namespace iraed::console
