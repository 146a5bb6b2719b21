#include "server/ops_endpoints.h"

#include <prometheus/metric_family.h>
#include <prometheus/text_serializer.h>

#include <limits>
#include <sstream>

#include "alerts/alert_policy.h"
#include "common/clock.h"
#include "grading/rule_set.h"
#include "server/version.h"
#include "store/feed_consumers.h"

namespace iraed::server {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

MetricFamily Family(std::string name, std::string help, MetricType type) {
  MetricFamily f;
  f.name = std::move(name);
  f.help = std::move(help);
  f.type = type;
  return f;
}

ClientMetric Sample(double value, MetricType type,
                    std::vector<ClientMetric::Label> labels = {}) {
  ClientMetric m;
  m.label = std::move(labels);
  if (type == MetricType::Counter) {
    m.counter.value = value;
  } else {
    m.gauge.value = value;
  }
  return m;
}

// A family of one unlabelled sample.
MetricFamily Single(std::string name, std::string help, MetricType type,
                    double value) {
  MetricFamily f = Family(std::move(name), std::move(help), type);
  f.metric.push_back(Sample(value, type));
  return f;
}

MetricFamily Histogram(std::string name, std::string help,
                       const store::BucketCounts& b) {
  MetricFamily f =
      Family(std::move(name), std::move(help), MetricType::Histogram);
  ClientMetric m;
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < b.counts.size(); ++i) {
    cumulative += b.counts[i];
    m.histogram.bucket.push_back(
        {cumulative, i < b.bounds.size()
                         ? b.bounds[i]
                         : std::numeric_limits<double>::infinity()});
  }
  m.histogram.sample_count = b.total;
  m.histogram.sample_sum = b.sum;
  f.metric.push_back(std::move(m));
  return f;
}

// The nurse console's health (console/console_app.h ConsoleCounters).
void AddConsoleMetrics(const console::ConsoleCounters& c,
                       std::vector<MetricFamily>& out) {
  out.push_back(Single("iraed_console_live_streams",
                       "Open live-update streams of console boards",
                       MetricType::Gauge, static_cast<double>(c.live_streams)));
  out.push_back(Single("iraed_console_feed_readable",
                       "1 while the console's live updates read the alert "
                       "feed (0: every board says it is not current)",
                       MetricType::Gauge, c.feed_readable ? 1 : 0));
  MetricFamily refused = Family(
      "iraed_console_refusals_total",
      "Console requests refused, by reason: csrf (form token or origin), "
      "role (a page or action outside the role), sign_in (failed sign-in), "
      "busy (503, the console's queue full), audit (the audit entry could "
      "not be committed, so the page was not shown)",
      MetricType::Counter);
  for (const auto& [reason, n] :
       {std::pair{"csrf", c.refused_csrf}, std::pair{"role", c.refused_role},
        std::pair{"sign_in", c.sign_in_failures}, std::pair{"busy", c.busy},
        std::pair{"audit", c.audit_failures}}) {
    refused.metric.push_back(Sample(static_cast<double>(n), MetricType::Counter,
                                    {{"reason", reason}}));
  }
  out.push_back(std::move(refused));
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// Build, message and storage figures of this run (the store worker's
// counters).
void AddStoreMetrics(const store::WorkerCounters& c,
                     std::chrono::steady_clock::duration since_heartbeat,
                     std::vector<MetricFamily>& out) {
  MetricFamily build = Family("iraed_build_info",
                              "iraed version and clinical rule set (always 1)",
                              MetricType::Gauge);
  build.metric.push_back(
      Sample(1, MetricType::Gauge,
             {{"version", kVersion}, {"rule_set", grading::kRuleSetVersion}}));
  out.push_back(std::move(build));

  MetricFamily messages = Family(
      "iraed_messages_total",
      "Messages answered since start, by protocol and outcome (accepted, "
      "duplicate, rejected, unavailable)",
      MetricType::Counter);
  for (const auto& [key, n] : c.answered) {
    messages.metric.push_back(
        Sample(static_cast<double>(n), MetricType::Counter,
               {{"protocol", key.first}, {"outcome", key.second}}));
  }
  out.push_back(std::move(messages));

  out.push_back(Histogram("iraed_commit_duration_seconds",
                          "Seconds from BEGIN to COMMIT of each committed "
                          "group of messages",
                          c.commit_seconds));
  out.push_back(Histogram("iraed_commit_group_messages",
                          "Messages per committed group (group commit)",
                          c.group_messages));

  out.push_back(Single("iraed_store_queue_depth",
                       "Messages waiting for the store thread",
                       MetricType::Gauge, static_cast<double>(c.queue_depth)));
  out.push_back(
      Single("iraed_storage_failures_total",
             "Groups of messages whose commit failed (answered UNAVAILABLE)",
             MetricType::Counter, static_cast<double>(c.groups_failed)));
  out.push_back(Single("iraed_storage_degraded",
                       "1 while storage fails (the last commit failed), else 0",
                       MetricType::Gauge, c.degraded ? 1 : 0));
  out.push_back(Single("iraed_store_heartbeat_age_seconds",
                       "Seconds since the store thread last made progress",
                       MetricType::Gauge, Seconds(since_heartbeat)));
}

// Open connections and failed TLS handshakes per listener (`mllp` may be
// null: off).
void AddListenerMetrics(const net::Listener* proto, const net::Listener* mllp,
                        std::vector<MetricFamily>& out) {
  MetricFamily connections =
      Family("iraed_open_connections", "Open connections per listener",
             MetricType::Gauge);
  connections.metric.push_back(
      Sample(static_cast<double>(proto->open_connections()), MetricType::Gauge,
             {{"listener", "proto"}}));
  if (mllp != nullptr) {
    connections.metric.push_back(
        Sample(static_cast<double>(mllp->open_connections()), MetricType::Gauge,
               {{"listener", "mllp"}}));
  }
  out.push_back(std::move(connections));

  // A feed refused at the handshake (expired or foreign certificate,
  // plaintext to a TLS port) is counted, not only logged.
  MetricFamily handshakes =
      Family("iraed_tls_handshake_failures_total",
             "TLS handshakes that failed, per listener (since start)",
             MetricType::Counter);
  for (const net::Listener* l : {proto, mllp}) {
    if (l == nullptr || !l->tls()) continue;
    handshakes.metric.push_back(Sample(
        static_cast<double>(l->tls_handshake_failures()), MetricType::Counter,
        {{"listener", l == proto ? "proto" : "mllp"}}));
  }
  out.push_back(std::move(handshakes));
}

// When each source's last message was stored (this run).
void AddLastStoredMetrics(const store::WorkerCounters& c,
                          std::vector<MetricFamily>& out) {
  MetricFamily last =
      Family("iraed_last_message_stored_timestamp_seconds",
             "Unix time of the last message stored from each source (this run)",
             MetricType::Gauge);
  for (const auto& [source, ms] : c.last_stored_by_source) {
    last.metric.push_back(Sample(static_cast<double>(ms) / 1000.0,
                                 MetricType::Gauge, {{"source", source}}));
  }
  out.push_back(std::move(last));
}

// The samples of a query whose columns are the labels `labels` (in order)
// and then a count; false when the database could not be read.
bool AddCountsByLabel(store::Database& db, const char* sql,
                      const std::vector<std::string>& labels,
                      MetricFamily& family) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return false;
  const int count_column = static_cast<int>(labels.size());
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return false;
    if (!*row) return true;
    std::vector<ClientMetric::Label> sample_labels;
    sample_labels.reserve(labels.size());
    for (int i = 0; i < count_column; ++i) {
      sample_labels.push_back(
          {labels[static_cast<std::size_t>(i)], q->ColumnText(i)});
    }
    family.metric.push_back(
        Sample(static_cast<double>(q->ColumnInt(count_column)), family.type,
               std::move(sample_labels)));
  }
}

// Each feed consumer's lag and whether it is marked stalled; false when
// the database could not be read.
bool AddConsumerLagMetrics(store::Database& db,
                           std::vector<MetricFamily>& out) {
  bool readable = true;
  MetricFamily lag_events =
      Family("iraed_feed_consumer_lag_events",
             "Alert feed events a consumer (notifier) has not confirmed",
             MetricType::Gauge);
  MetricFamily lag_seconds = Family(
      "iraed_feed_consumer_lag_seconds",
      "Seconds the oldest unconfirmed feed event has waited, per consumer",
      MetricType::Gauge);
  MetricFamily stalled =
      Family("iraed_feed_consumer_stalled",
             "1 while a consumer is marked stalled (consumer_stalled event)",
             MetricType::Gauge);
  if (auto consumers = store::ReadConsumerProgress(db); consumers.ok()) {
    const UnixMillis now = RealClock().NowMillis();
    for (const store::ConsumerRow& row : *consumers) {
      const alerts::ConsumerLag lag = alerts::LagOf(row.progress, now);
      lag_events.metric.push_back(Sample(static_cast<double>(lag.events),
                                         MetricType::Gauge,
                                         {{"consumer", row.name}}));
      lag_seconds.metric.push_back(Sample(static_cast<double>(lag.ms) / 1000.0,
                                          MetricType::Gauge,
                                          {{"consumer", row.name}}));
      stalled.metric.push_back(Sample(row.progress.stalled ? 1 : 0,
                                      MetricType::Gauge,
                                      {{"consumer", row.name}}));
    }
  } else {
    readable = false;
  }
  out.push_back(std::move(lag_events));
  out.push_back(std::move(lag_seconds));
  out.push_back(std::move(stalled));
  return readable;
}

// Figures kept in the database, read in one snapshot: alerts, escalations,
// data quality, feed consumers' lag. False when it could not be read.
bool AddDatabaseMetrics(store::Database& db, std::vector<MetricFamily>& out) {
  bool readable = db.Exec("BEGIN DEFERRED").ok();
  MetricFamily alerts = Family(
      "iraed_alerts_raised_total",
      "Alerts raised, by syndrome and grade (all time)", MetricType::Counter);
  readable =
      readable && AddCountsByLabel(db,
                                   "SELECT syndrome, grade, count(*) "
                                   "FROM alerts GROUP BY syndrome, grade",
                                   {"syndrome", "grade"}, alerts);
  out.push_back(std::move(alerts));
  MetricFamily escalations =
      Family("iraed_escalations_total",
             "Escalations of unacknowledged alerts on the feed (all time)",
             MetricType::Counter);
  if (auto n = db.QueryInt(
          "SELECT count(*) FROM alert_events WHERE kind = 'escalated'");
      n.ok()) {
    escalations.metric.push_back(
        Sample(static_cast<double>(*n), MetricType::Counter));
  } else {
    readable = false;
  }
  out.push_back(std::move(escalations));
  MetricFamily quality =
      Family("iraed_data_quality_rows_total",
             "Data-quality records, by issue (all time)", MetricType::Counter);
  readable = readable &&
             AddCountsByLabel(
                 db, "SELECT issue, count(*) FROM data_quality GROUP BY issue",
                 {"issue"}, quality);
  out.push_back(std::move(quality));
  readable = AddConsumerLagMetrics(db, out) && readable;
  (void)db.Exec("ROLLBACK");
  return readable;
}

}  // namespace

store::Database* OpsEndpoints::Db() {
  if (!db_) {
    auto db =
        store::Database::Open(src_.db_path, store::Database::Mode::kReadOnly);
    if (!db.ok()) return nullptr;
    (void)db->Exec("PRAGMA busy_timeout = 2000");
    db_.emplace(std::move(db).value());
  }
  return &*db_;
}

http::Response OpsEndpoints::Handle(const http::Request& request) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  if (request.method != "GET" && request.method != "HEAD") {
    return {405,
            "text/plain; charset=utf-8",
            "only GET and HEAD\n",
            {{"Allow", "GET, HEAD"}}};
  }
  if (path == "/metrics") {
    return {200, "text/plain; version=0.0.4; charset=utf-8", Metrics(), {}};
  }
  if (path == "/healthz") return Health();
  if (path == "/readyz") return Readiness();
  return {404,
          "text/plain; charset=utf-8",
          "not found: /metrics, /healthz, /readyz\n",
          {}};
}

http::Response OpsEndpoints::Health() {
  const auto since = src_.store->SinceHeartbeat();
  if (since < kStoreWedgedAfter) return {200, "text/plain", "alive\n", {}};
  return {503,
          "text/plain",
          "the store thread has made no progress for " +
              std::to_string(static_cast<long long>(Seconds(since))) + " s\n",
          {}};
}

http::Response OpsEndpoints::Readiness() {
  std::string problems;
  if (src_.serving == nullptr || !src_.serving->load()) {
    problems += "listeners: not accepting (starting or stopping)\n";
  }
  const store::WorkerCounters c = src_.store->counters();
  if (c.degraded) {
    problems +=
        "storage: failing (the last commit failed; answering "
        "UNAVAILABLE until it recovers)\n";
  }
  if (src_.store->SinceHeartbeat() >= kStoreWedgedAfter) {
    problems += "storage: the store thread makes no progress\n";
  }
  store::Database* db = Db();
  if (db == nullptr || !db->QueryInt("PRAGMA user_version").ok()) {
    db_.reset();  // opened again next time
    problems += "database: cannot be read\n";
  }
  if (problems.empty()) return {200, "text/plain", "ready\n", {}};
  return {503, "text/plain", "not ready\n" + problems, {}};
}

std::string OpsEndpoints::Metrics() {
  std::vector<MetricFamily> out;
  const store::WorkerCounters c = src_.store->counters();
  AddStoreMetrics(c, src_.store->SinceHeartbeat(), out);
  AddListenerMetrics(src_.proto, src_.mllp, out);
  AddLastStoredMetrics(c, out);
  if (src_.console != nullptr) AddConsoleMetrics(src_.console->counters(), out);
  MetricFamily up = Family("iraed_database_readable",
                           "1 when the metrics connection reads the database",
                           MetricType::Gauge);
  store::Database* db = Db();
  bool readable = db != nullptr;
  if (db != nullptr) {
    readable = AddDatabaseMetrics(*db, out);
    if (!readable) db_.reset();  // opened again at the next scrape
  }
  up.metric.push_back(Sample(readable ? 1 : 0, MetricType::Gauge));
  out.push_back(std::move(up));
  return prometheus::TextSerializer().Serialize(out);
}

}  // namespace iraed::server
