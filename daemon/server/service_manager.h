// File: server/service_manager.h
//
// Tells systemd how the service is doing (sd_notify(3), Type=notify):
// READY=1 once every listener is bound, STATUS= lines as the state changes,
// STOPPING=1 when a graceful stop begins, and WATCHDOG=1 while the store
// thread keeps making progress (WatchdogSec= in the unit). Outside systemd
// (no NOTIFY_SOCKET) every call does nothing.
//
// Thread-safety: call from the IO thread only.
#ifndef IRAED_SERVER_SERVICE_MANAGER_H_
#define IRAED_SERVER_SERVICE_MANAGER_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace iraed::server {

// Whether the watchdog may be fed: the store thread's last progress is
// younger than half the watchdog interval (systemd's advice is to notify
// at half the interval; a store thread silent for longer is wedged, and
// systemd restarts the service once the interval has passed unfed).
bool StoreIsAlive(std::chrono::steady_clock::duration since_heartbeat,
                  std::chrono::microseconds watchdog_interval);

class ServiceManager {
 public:
  // Reads NOTIFY_SOCKET and WATCHDOG_USEC/WATCHDOG_PID from the environment.
  static ServiceManager FromEnvironment();

  // True when started by systemd with Type=notify.
  bool notifying() const { return notifying_; }
  // The watchdog interval, when WatchdogSec= is set for this process.
  std::optional<std::chrono::microseconds> watchdog_interval() const {
    return watchdog_;
  }

  void Ready(std::string_view status);
  void Status(std::string_view status);
  void Stopping(std::string_view status);
  void FeedWatchdog();

 private:
  void Notify(const std::string& state);

  bool notifying_ = false;
  std::optional<std::chrono::microseconds> watchdog_;
  std::string last_status_;
};

}  // namespace iraed::server

#endif  // IRAED_SERVER_SERVICE_MANAGER_H_
