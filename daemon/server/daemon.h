// File: server/daemon.h
//
// The iraed process: owns the IO context (one thread), the signal set, the
// store worker and the listeners. Start() opens the database and binds the
// listeners; Run() serves until SIGTERM/SIGINT and then stops gracefully
// (Asio server1's drain):
//   1. close the acceptors; sessions stop reading
//   2. sessions finish their commits and acknowledgements in flight,
//      bounded by shutdown_grace_seconds (then their sockets are closed)
//   3. the store worker commits what is queued and closes the database
//   4. Run() returns 0
// A second signal during 1-2 exits the process at once with status 1;
// everything acknowledged is already durable.
//
// Under systemd (Type=notify) it reports READY=1 once serving, a STATUS=
// line, STOPPING=1 at step 1, and feeds the watchdog while the store
// thread makes progress (server/service_manager.h).
#ifndef IRAED_SERVER_DAEMON_H_
#define IRAED_SERVER_DAEMON_H_

#include <asio.hpp>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "common/clock.h"
#include "common/status.h"
#include "config/config.h"
#include "console/console_app.h"
#include "net/listener.h"
#include "server/instance_lock.h"
#include "server/ops_endpoints.h"
#include "server/service_manager.h"
#include "store/store_worker.h"

namespace iraed::server {

using config::Config;

// The process exit status for a failed Start(): 2 when the operator must act
// on the environment (another iraed runs on the database, the database is
// newer than this iraed), 1 otherwise (a port taken, storage unavailable).
int StartFailureExitStatus(const Status& s);

class Daemon {
 public:
  Daemon(Config config, Clock& clock);
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;
  ~Daemon();

  // Opens the store and binds every listener, then writes the ready file.
  // On failure nothing is left running.
  Status Start();
  // Serves until stopped by a signal; returns the process exit status.
  // SIGHUP reloads the configuration from `source` (see SetConfigSource).
  int Run();

  // Where SIGHUP reads the configuration again (in main: the same config
  // file and command-line options as at start-up). Without one, SIGHUP
  // only says so. A new configuration that does not load or validate is
  // refused with the same message as at start-up and the running one
  // stays in force. Applied at once: grading (code map, site drugs,
  // limits), alerting (escalation, re-alert, consumer lag; for alerts
  // raised from then on), the audit key, log level and format, HL7 reading
  // rules (new connections), shutdown grace. Named in the log as needing a
  // restart: storage and listener settings, the ready file, the audit
  // witness interval. Every reload that takes effect is a config_loaded
  // audit entry.
  void SetConfigSource(std::function<Result<Config>()> source) {
    config_source_ = std::move(source);
  }

 private:
  void AwaitSignal();
  void Reload();
  // Certificates are read again on SIGHUP (a renewed certificate needs no
  // restart); turning TLS on or off is for a restart, like the address: a
  // listener whose TLS cannot be applied keeps the running settings, which
  // are then written back into `next`.
  void ReloadCertificates(Config& next);
  // Under systemd: the watchdog and STATUS= line, once a second.
  void ServiceTick();
  std::string ServiceStatus() const;
  void BeginShutdown();
  void FinishShutdown();
  Status WriteReadyFile();
  // A framed listener (protobuf or MLLP) bound and, when its settings say
  // so, with TLS; `name` is its label in metrics and logs.
  Result<std::unique_ptr<net::Listener>> StartFramedListener(
      const char* name, const config::ListenerSettings& settings,
      net::CodecFactory codec);
  // The store worker on config_'s database and policies.
  Status OpenStore();
  // The operations HTTP listener (REQUIRES: http_listener.listen set).
  Status StartHttp();

  Config config_;  // the configuration in force (replaced by Reload)
  std::function<Result<Config>()> config_source_;
  Clock& clock_;
  // Held from Start() to the end of the process: one daemon per database.
  std::optional<InstanceLock> lock_;
  // The HL7 reading rules, with the site's time zone resolved at Start().
  hl7::Hl7Options hl7_;
  asio::io_context io_{1};
  asio::signal_set signals_{io_};
  asio::steady_timer grace_timer_{io_};
  ServiceManager service_ = ServiceManager::FromEnvironment();
  asio::steady_timer service_timer_{io_};
  bool watchdog_starved_ = false;  // logged once per spell
  // Builds the staff authenticator from config_ and gives it to the
  // ingest listeners (start-up and every reload).
  void ApplyStaffAuth(std::string_view when);
  std::unique_ptr<store::StoreWorker> store_;
  std::unique_ptr<net::Listener> proto_;
  std::unique_ptr<net::Listener> mllp_;  // null unless configured
  // The operations listener (/metrics, /healthz, /readyz); null when off.
  std::atomic<bool> serving_{false};
  std::unique_ptr<OpsEndpoints> ops_;
  // The nurse console on the same listener; null when off.
  std::unique_ptr<console::ConsoleApp> console_;
  std::unique_ptr<http::HttpServer> http_;
  int listeners_running_ = 0;
  bool shutting_down_ = false;
  bool ready_file_written_ = false;
};

}  // namespace iraed::server

#endif  // IRAED_SERVER_DAEMON_H_
