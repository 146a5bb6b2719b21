// File: server/ops_endpoints.h
//
// What the operations listener (http/http_server.h) answers:
//   /metrics  Prometheus text format (README "Monitoring" lists every
//             metric): messages by protocol and outcome, commit latency and
//             group size histograms, store queue depth, storage failures,
//             degraded state, open connections per listener, alerts raised
//             by syndrome and grade, escalations, data-quality rows by
//             issue, feed consumer lag, last message per source, build
//             info, and the nurse console's streams, feed and refusals
//   /healthz  200 "alive" while the store thread makes progress (its
//             heartbeat is younger than 30 s), else 503: restart me
//   /readyz   200 "ready" when the listeners are bound and accepting, the
//             last commit succeeded (storage not failing) and the database
//             reads; else 503 naming what is not ready
// Counters come from the store worker and listeners (thread-safe reads);
// figures kept in the database (alerts, escalations, data quality, consumer
// positions) from its own read-only connection, opened on first use.
//
// Thread-safety: Handle() is called on the HTTP thread only.
#ifndef IRAED_SERVER_OPS_ENDPOINTS_H_
#define IRAED_SERVER_OPS_ENDPOINTS_H_

#include <atomic>
#include <optional>
#include <string>

#include "console/console_app.h"
#include "http/http_server.h"
#include "net/listener.h"
#include "store/sqlite_db.h"
#include "store/store_worker.h"

namespace iraed::server {

struct OpsSources {
  store::StoreWorker* store = nullptr;
  const net::Listener* proto = nullptr;
  const net::Listener* mllp = nullptr;  // null when off
  std::string db_path;
  // True while the listeners are bound and accepting (false before Run and
  // once a graceful stop began).
  const std::atomic<bool>* serving = nullptr;
  // The nurse console, when it is on (its iraed_console_* metrics).
  const console::ConsoleApp* console = nullptr;
};

// Older than this, the store thread counts as wedged (/healthz, /readyz).
inline constexpr std::chrono::seconds kStoreWedgedAfter{30};

class OpsEndpoints {
 public:
  explicit OpsEndpoints(OpsSources sources) : src_(std::move(sources)) {}

  http::Response Handle(const http::Request& request);

  // The /metrics body (Prometheus text exposition format 0.0.4).
  std::string Metrics();

 private:
  http::Response Health();
  http::Response Readiness();
  store::Database* Db();  // null when the database cannot be opened

  OpsSources src_;
  std::optional<store::Database> db_;
};

}  // namespace iraed::server

#endif  // IRAED_SERVER_OPS_ENDPOINTS_H_
