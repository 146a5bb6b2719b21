#include "server/service_manager.h"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstdlib>

#include "common/logging.h"

namespace iraed::server {

bool StoreIsAlive(std::chrono::steady_clock::duration since_heartbeat,
                  std::chrono::microseconds watchdog_interval) {
  return since_heartbeat < watchdog_interval / 2;
}

ServiceManager ServiceManager::FromEnvironment() {
  ServiceManager m;
  const char* socket = std::getenv("NOTIFY_SOCKET");
  m.notifying_ = socket != nullptr && *socket != '\0';
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(/*unset_environment=*/0, &usec) > 0 && usec > 0) {
    m.watchdog_ = std::chrono::microseconds(usec);
  }
  return m;
}

void ServiceManager::Notify(const std::string& state) {
  if (!notifying_) return;
  const int rc = sd_notify(/*unset_environment=*/0, state.c_str());
  if (rc < 0) {
    Logger("main")->warn("cannot notify systemd ({}): error {}",
                         state.substr(0, state.find('=')), -rc);
  }
}

void ServiceManager::Ready(std::string_view status) {
  last_status_ = std::string(status);
  Notify("READY=1\nSTATUS=" + last_status_);
}

void ServiceManager::Status(std::string_view status) {
  if (status == last_status_) return;
  last_status_ = std::string(status);
  Notify("STATUS=" + last_status_);
}

void ServiceManager::Stopping(std::string_view status) {
  last_status_ = std::string(status);
  Notify("STOPPING=1\nSTATUS=" + last_status_);
}

void ServiceManager::FeedWatchdog() {
  if (watchdog_) Notify("WATCHDOG=1");
}

}  // namespace iraed::server
