#include "server/daemon.h"

#include <unistd.h>

#include <asio/ssl.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "common/json.h"
#include "common/logging.h"
#include "common/private_files.h"
#include "net/endpoint.h"
#include "net/mllp_codec.h"
#include "net/proto_codec.h"
#include "net/tls_context.h"
#include "server/instance_lock.h"
#include "store/audit_details.h"
#include "store/audit_log.h"

namespace iraed::server {

namespace {

// The config_loaded audit entry's detail: the file, its text and hash, and
// the policies in force (never the audit key itself).
std::string ConfigDetail(const Config& config) {
  store::ConfigLoadedDetail d;
  d.config_file = config.config_file;
  d.config_sha256 = store::Sha256Hex(config.config_text);
  d.config_text = config.config_text;
  d.realert_min_interval_ms = config.alerting.realert_min_interval_ms;
  for (int grade = 1; grade <= 5; ++grade) {
    d.escalation.push_back(config.alerting.by_grade[grade]);
  }
  d.consumer_max_lag_ms = config.alerting.consumer_max_lag_ms;
  d.consumer_max_lag_ms_by_name = config.alerting.consumer_max_lag_by_name;
  // Which key signs the trail from here on (never the key itself).
  if (config.audit_key)
    d.audit_key_fingerprint = config.audit_key->Fingerprint();
  return store::DetailText(d);
}

}  // namespace

// The listener's TLS context, or null when TLS is off.
Result<std::shared_ptr<asio::ssl::context>> TlsContextFor(
    const net::TlsSettings& settings) {
  if (!settings.enabled()) return std::shared_ptr<asio::ssl::context>();
  ASSIGN_OR_RETURN(SSL_CTX * ctx, net::MakeServerSslContext(settings));
  return std::make_shared<asio::ssl::context>(ctx);  // takes ownership
}

int StartFailureExitStatus(const Status& s) {
  return s.code() == StatusCode::kFailedPrecondition ? 2 : 1;
}

Daemon::Daemon(Config config, Clock& clock)
    : config_(std::move(config)), clock_(clock), hl7_(config_.hl7) {}

Daemon::~Daemon() {
  http_.reset();     // its handler reads the store and listeners
  console_.reset();  // its worker reads the store
  mllp_.reset();
  proto_.reset();
  if (store_) store_->Stop();
  if (ready_file_written_) {
    std::error_code ec;
    std::filesystem::remove(config_.ready_file, ec);
  }
}

Status Daemon::Start() {
  auto log = Logger("main");
  // SIGHUP (a terminal closing, or an operator expecting a reload) must not
  // kill the daemon: caught from the start, logged and ignored (AwaitSignal).
  signals_.add(SIGHUP);
  // One daemon per database, checked before the database is touched.
  auto lock = InstanceLock::Acquire(config_.db_path);
  if (!lock.ok()) return lock.status();
  lock_.emplace(std::move(lock).value());
  // Patient data at rest is the owner's only: a database that others can
  // read (made by an older iraed, copied in, restored from a backup) is
  // tightened before it is opened, and the log says so.
  {
    std::vector<std::string> files = DatabaseFiles(config_.db_path);
    files.push_back(lock_->path());
    auto tightened = TightenToOwner(files);
    if (!tightened.ok()) return tightened.status();
    for (const TightenedFile& f : *tightened) {
      log->warn("{} was mode {}: others could read patient data; now {}",
                f.path, FormatMode(f.old_mode), FormatMode(f.old_mode & 0700));
    }
  }
  // HL7 timestamps without an offset are read in the site's zone, passed
  // to the reader (never through the process environment).
  const config::SiteTimeZone site_zone = ResolveSiteTimeZone(config_);
  if (!site_zone.warning.empty()) log->warn("{}", site_zone.warning);
  hl7_.zone = site_zone.zone;
  log->info("site time zone {}; HL7 default character set {}", hl7_.zone.name(),
            hl7_.default_charset);
  RETURN_IF_ERROR(OpenStore());

  const std::uint32_t proto_max = config_.proto_listener.max_frame_bytes;
  ASSIGN_OR_RETURN(
      proto_, StartFramedListener("proto", config_.proto_listener, [proto_max] {
        return std::make_unique<net::ProtoCodec>(proto_max);
      }));
  if (!config_.mllp_listener.listen.empty()) {
    const std::uint32_t mllp_max = config_.mllp_listener.max_frame_bytes;
    const hl7::Hl7Options* hl7 = &hl7_;
    ASSIGN_OR_RETURN(
        mllp_,
        StartFramedListener("mllp", config_.mllp_listener, [mllp_max, hl7] {
          return std::make_unique<net::MllpCodec>(mllp_max, *hl7);
        }));
  }
  ApplyStaffAuth("start");
  if (!config_.http_listener.listen.empty()) RETURN_IF_ERROR(StartHttp());
  // Signals are caught from here on (queued until Run waits for them), so a
  // supervisor that reads the ready file can stop the daemon gracefully at
  // once.
  std::signal(SIGPIPE, SIG_IGN);
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  if (!config_.ready_file.empty()) RETURN_IF_ERROR(WriteReadyFile());
  return Status::Ok();
}

Status Daemon::OpenStore() {
  auto log = Logger("main");
  store::WorkerOptions wo;
  wo.store.path = config_.db_path;
  wo.store.synchronous = config_.synchronous;
  wo.store.cache_kib = static_cast<int>(config_.cache_kib);
  wo.store.grading = config_.grading;
  wo.store.site_zone = hl7_.zone;
  wo.store.alerting = config_.alerting;
  wo.clock = &clock_;
  // The configuration in force, chained into the audit trail at open.
  wo.store.config_detail = ConfigDetail(config_);
  wo.store.audit_key = config_.audit_key;
  wo.audit_witness_interval =
      std::chrono::seconds(config_.audit_witness_interval_seconds);
  if (config_.audit_key) {
    log->info("audit trail keyed: every entry carries an HMAC-SHA256 (key {})",
              config_.audit_key->Fingerprint());
  }
  wo.max_group_messages = config_.max_group_messages;
  wo.queue_capacity = config_.queue_capacity;
  wo.queue_capacity_bytes = std::uint64_t{config_.queue_capacity_mib} << 20;
  wo.checkpoint_wal_pages = config_.checkpoint_wal_pages;
  auto worker = store::StoreWorker::Start(wo);
  if (!worker.ok()) {
    return Status(worker.status().code(), "database " + config_.db_path + ": " +
                                              worker.status().message());
  }
  store_ = std::move(worker).value();
  log->info("database open path={} synchronous={}", config_.db_path,
            store::ToString(config_.synchronous));
  return Status::Ok();
}

Status Daemon::StartHttp() {
  auto log = Logger("main");
  auto http_endpoint = net::ParseEndpoint(config_.http_listener.listen);
  if (!http_endpoint.ok()) return http_endpoint.status();
  if (config_.console.enabled) {
    console::ConsoleOptions co;
    co.users_file = config_.console.users_file;
    co.sessions.idle =
        std::chrono::minutes(config_.console.idle_timeout_minutes);
    co.sessions.max_age = std::chrono::hours(config_.console.session_max_hours);
    co.throttle.max_failures =
        static_cast<int>(config_.console.lockout_failures);
    co.throttle.lock_for =
        std::chrono::minutes(config_.console.lockout_minutes);
    co.db_path = config_.db_path;
    co.zone = hl7_.zone;
    co.store = store_.get();
    co.clock = &clock_;
    co.secure_cookies = config_.http_listener.tls.enabled();
    co.external_url = config_.console.external_url;
    co.grading = config_.grading;
    console_ = std::make_unique<console::ConsoleApp>(std::move(co));
  }
  OpsSources sources;
  sources.store = store_.get();
  sources.proto = proto_.get();
  sources.mllp = mllp_.get();
  sources.db_path = config_.db_path;
  sources.serving = &serving_;
  sources.console = console_.get();
  ops_ = std::make_unique<OpsEndpoints>(std::move(sources));
  OpsEndpoints* ops = ops_.get();
  console::ConsoleApp* console = console_.get();
  auto ops_handler =
      http::Immediate([ops](const http::Request& r) { return ops->Handle(r); });
  SSL_CTX* tls = nullptr;
  if (config_.http_listener.tls.enabled()) {
    auto ctx = net::MakeServerSslContext(config_.http_listener.tls);
    if (!ctx.ok()) return ctx.status();
    tls = *ctx;
  }
  auto http = http::HttpServer::Start(
      http_endpoint->address().to_string(), http_endpoint->port(),
      [ops_handler, console](
          const http::Request& r,
          const std::shared_ptr<http::Responder>& responder) {
        if (console != nullptr && console::ConsoleApp::Serves(r.Path())) {
          return console->Handle(r, responder);
        }
        ops_handler(r, responder);
      },
      config_.http_listener.max_connections, tls);
  if (tls != nullptr) SSL_CTX_free(tls);  // the server holds its own
  if (!http.ok()) return http.status();
  http_ = std::move(http).value();
  log->info(
      "operations HTTP{} listener on {}:{} (/metrics, /healthz, "
      "/readyz)",
      config_.http_listener.tls.enabled() ? "S" : "",
      http_endpoint->address().to_string(), http_->port());
  if (console_) {
    log->info("nurse console on http{}://{}:{}/ (users from {})",
              config_.http_listener.tls.enabled() ? "s" : "",
              http_endpoint->address().to_string(), http_->port(),
              config_.console.users_file);
  }
  return Status::Ok();
}

Result<std::unique_ptr<net::Listener>> Daemon::StartFramedListener(
    const char* name, const config::ListenerSettings& settings,
    net::CodecFactory codec) {
  net::SessionOptions so;
  so.max_frame_bytes = settings.max_frame_bytes;
  so.max_in_flight = settings.max_in_flight_per_connection;
  so.frame_timeout = std::chrono::seconds(settings.frame_timeout_seconds);
  so.write_timeout = so.frame_timeout;
  auto listener =
      std::make_unique<net::Listener>(io_, name, std::move(codec), *store_,
                                      clock_, so, settings.max_connections);
  ASSIGN_OR_RETURN(asio::ip::tcp::endpoint endpoint,
                   net::ParseEndpoint(settings.listen));
  ASSIGN_OR_RETURN(std::shared_ptr<asio::ssl::context> tls,
                   TlsContextFor(settings.tls));
  listener->SetTls(std::move(tls));
  RETURN_IF_ERROR(listener->Listen(endpoint));
  Logger("main")->info(
      "{} listener on {}{}",
      std::string_view(name) == "proto" ? "protobuf" : "HL7 v2 MLLP",
      net::FormatEndpoint(listener->local_endpoint()),
      listener->tls()
          ? " (TLS, client certificates " +
                std::string(net::ToString(settings.tls.client_certificates)) +
                ")"
          : std::string());
  return listener;
}

Status Daemon::WriteReadyFile() {
  const auto ep = proto_->local_endpoint();
  Json ready = Json::object();
  ready["pid"] = ::getpid();
  ready["proto_listen"] = net::FormatEndpoint(ep);
  ready["proto_port"] = ep.port();
  ready["mllp_port"] =
      mllp_ ? Json(mllp_->local_endpoint().port()) : Json(nullptr);
  ready["http_port"] = http_ ? Json(http_->port()) : Json(nullptr);
  ready["console"] = console_ != nullptr;
  ready["db"] = config_.db_path;
  const std::string json = DumpJson(ready) + "\n";
  const std::string tmp = config_.ready_file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << json;
    out.close();
    if (!out) {
      return Status::Unavailable("cannot write ready file " + tmp);
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, config_.ready_file, ec);
  if (ec) {
    return Status::Unavailable("cannot write ready file " + config_.ready_file +
                               ": " + ec.message());
  }
  ready_file_written_ = true;
  return Status::Ok();
}

int Daemon::Run() {
  AwaitSignal();
  proto_->StartAccepting();
  if (mllp_) mllp_->StartAccepting();
  serving_ = true;
  Logger("main")->info("ready");
  service_.Ready(ServiceStatus());
  if (service_.notifying()) {
    if (auto wd = service_.watchdog_interval()) {
      Logger("main")->info("systemd watchdog every {} ms", wd->count() / 1000);
    }
    ServiceTick();
  }
  io_.run();
  Logger("main")->info("stopped cleanly");
  return 0;
}

void Daemon::AwaitSignal() {
  signals_.async_wait([this](const asio::error_code& ec, int signo) {
    if (ec) return;  // cancelled at the end of a clean shutdown
    if (signo == SIGHUP) {
      AwaitSignal();
      if (!shutting_down_) Reload();
      return;
    }
    if (shutting_down_) {
      Logger("main")->warn("second signal {}: exiting at once", signo);
      spdlog::shutdown();
      std::_Exit(1);
    }
    Logger("main")->info("signal {}: shutting down gracefully", signo);
    AwaitSignal();  // a second signal exits at once
    BeginShutdown();
  });
}

std::string Daemon::ServiceStatus() const {
  const store::WorkerCounters c = store_->counters();
  if (c.degraded) {
    return "storage failing: answering UNAVAILABLE until it recovers (" +
           std::to_string(c.groups_failed) + " failed groups)";
  }
  std::string status =
      "serving: protobuf on " + net::FormatEndpoint(proto_->local_endpoint());
  if (mllp_) {
    status += ", HL7 on " + net::FormatEndpoint(mllp_->local_endpoint());
  }
  return status + "; " + std::to_string(c.messages_committed) +
         " messages stored since start";
}

void Daemon::ServiceTick() {
  if (shutting_down_) return;
  if (auto wd = service_.watchdog_interval()) {
    const auto since = store_->SinceHeartbeat();
    if (StoreIsAlive(since, *wd)) {
      service_.FeedWatchdog();
      if (watchdog_starved_) {
        Logger("main")->warn("the store thread makes progress again");
      }
      watchdog_starved_ = false;
    } else if (!watchdog_starved_) {
      watchdog_starved_ = true;
      Logger("main")->error(
          "the store thread has made no progress for {} ms: no longer "
          "feeding the systemd watchdog (it restarts iraed)",
          std::chrono::duration_cast<std::chrono::milliseconds>(since).count());
    }
  }
  service_.Status(ServiceStatus());
  auto period = std::chrono::microseconds(std::chrono::seconds(1));
  if (auto wd = service_.watchdog_interval()) {
    period = std::min(period, *wd / 4);
  }
  service_timer_.expires_after(period);
  service_timer_.async_wait([this](const asio::error_code& ec) {
    if (!ec) ServiceTick();
  });
}

void Daemon::ApplyStaffAuth(std::string_view when) {
  const bool loopback = AllListenersOnLoopback(config_);
  const bool required = auth::AuthRequired(config_.auth.mode, loopback);
  auto authenticator =
      std::make_shared<auth::StaffAuthenticator>(config_.auth, required);
  proto_->SetStaffAuthenticator(authenticator);
  if (mllp_) mllp_->SetStaffAuthenticator(authenticator);
  auto log = Logger("main");
  const std::string tokens = config_.auth.tokens_file.empty()
                                 ? std::string("no tokens file")
                                 : "tokens from " + config_.auth.tokens_file;
  const std::string certificates =
      config_.auth.certificate_rules.empty()
          ? std::string("no certificate rule: certificates act on nothing")
          : std::to_string(config_.auth.certificate_rules.size()) +
                " certificate rule(s)";
  log->info(
      "{}: staff actions and feed confirmations {} (auth.mode {}; {}; {})",
      when,
      required ? "need an authenticated client"
               : "are taken as sent when unauthenticated",
      auth::ToString(config_.auth.mode), tokens, certificates);
  if (required && config_.auth.tokens_file.empty() &&
      config_.auth.certificate_rules.empty()) {
    log->warn(
        "{}: authentication is required but there is no auth.tokens_file and "
        "no auth.certificate rule: every acknowledgement, resolution and feed "
        "confirmation will be refused (README \"Staff identity\")",
        when);
  }
  if (auto ep = net::ParseEndpoint(config_.proto_listener.listen);
      ep.ok() && !ep->address().is_loopback() &&
      !config_.proto_listener.tls.enabled() &&
      !config_.auth.tokens_file.empty()) {
    log->warn(
        "{}: the native listener is off loopback without TLS: API tokens "
        "would cross the network in clear; set proto_listener.tls",
        when);
  }
  if (!required && !loopback) {
    log->warn(
        "{}: auth.mode is off while a listener is not on loopback: anyone "
        "who reaches the native port can acknowledge or resolve alerts in "
        "any name",
        when);
  }
}

void Daemon::ReloadCertificates(Config& next) {
  auto log = Logger("main");
  // Certificates are read again (a renewed certificate needs no restart);
  // turning TLS on or off is for a restart, like the address.
  for (auto [listener, settings, running, name] :
       {std::tuple{proto_.get(), &next.proto_listener.tls,
                   &config_.proto_listener.tls, "proto_listener.tls"},
        std::tuple{mllp_.get(), &next.mllp_listener.tls,
                   &config_.mllp_listener.tls, "mllp_listener.tls"}}) {
    if (listener == nullptr) continue;
    if (settings->enabled() != running->enabled()) {
      log->warn("SIGHUP: {} turned {}; it takes effect at restart", name,
                settings->enabled() ? "on" : "off");
      *settings = *running;
      continue;
    }
    if (!settings->enabled()) continue;
    auto tls = TlsContextFor(*settings);
    if (!tls.ok()) {
      log->error("SIGHUP: {}: {}; the running certificates stay", name,
                 tls.status().message());
      *settings = *running;
      continue;
    }
    listener->SetTls(*tls);
    log->info("SIGHUP: {}: certificates read again", name);
  }
  if (http_ &&
      next.http_listener.tls.enabled() != config_.http_listener.tls.enabled()) {
    log->warn("SIGHUP: http_listener.tls turned {}; it takes effect at restart",
              next.http_listener.tls.enabled() ? "on" : "off");
    next.http_listener.tls = config_.http_listener.tls;
  } else if (http_ && next.http_listener.tls.enabled()) {
    if (auto ctx = net::MakeServerSslContext(next.http_listener.tls);
        ctx.ok()) {
      http_->SetTls(*ctx);
      SSL_CTX_free(*ctx);  // the server holds its own reference
      log->info("SIGHUP: http_listener.tls: certificates read again");
    } else {
      log->error("SIGHUP: http_listener.tls: {}; the running certificates stay",
                 ctx.status().message());
      next.http_listener.tls = config_.http_listener.tls;
    }
  }
}

void Daemon::Reload() {
  auto log = Logger("main");
  if (!config_source_) {
    log->warn("SIGHUP: no configuration source; nothing reloaded");
    return;
  }
  Result<Config> loaded = config_source_();
  if (!loaded.ok()) {
    log->error(
        "SIGHUP: configuration reload refused: {}; the running configuration "
        "stays in force",
        loaded.status().message());
    return;
  }
  Config next = std::move(loaded).value();
  for (const std::string& name : config::RestartOnlyChanges(config_, next)) {
    log->warn(
        "SIGHUP: {} changed; it takes effect at restart (the running value "
        "stays until then)",
        name);
  }
  // Applied on this (the IO) thread: logging, HL7 rules for new
  // connections, shutdown grace.
  if (Status s = SetLogLevel(next.log_level); !s.ok()) {
    log->warn("SIGHUP: {}", s.message());
  }
  if (auto format = ParseLogFormat(next.log_format); format.ok()) {
    SetLogFormat(*format);
  }
  ReloadCertificates(next);
  const config::SiteTimeZone site_zone = ResolveSiteTimeZone(next);
  if (!site_zone.warning.empty()) log->warn("{}", site_zone.warning);
  hl7_ = next.hl7;
  hl7_.zone = site_zone.zone;
  // The store's part on its thread, between groups; then the audit entry.
  store::StoreOptions so;
  so.grading = next.grading;
  so.site_zone = site_zone.zone;
  so.alerting = next.alerting;
  so.audit_key = next.audit_key;
  so.config_detail = ConfigDetail(next);
  const std::string file = next.config_file;
  const std::string sha = store::Sha256Hex(next.config_text).substr(0, 16);
  // Keep the restart-only settings as they run, the rest as loaded.
  config_ = config::KeepRestartOnly(config_, std::move(next));
  ApplyStaffAuth("SIGHUP");
  store_->Reconfigure(std::move(so), [this, file, sha](const Status& s) {
    // On the store thread: report from the IO thread.
    asio::post(io_, [file, sha, s] {
      if (s.ok()) {
        LogNotice("main",
                  "SIGHUP: configuration reloaded from " +
                      (file.empty() ? std::string("built-in defaults and "
                                                  "options")
                                    : file) +
                      " (sha256 " + sha +
                      "...): grading, alerting and the audit key apply from "
                      "the next message; recorded as config_loaded in the "
                      "audit trail");
      } else {
        Logger("main")->error(
            "SIGHUP: the store could not apply the new configuration: {}",
            s.ToString());
      }
    });
  });
}

void Daemon::BeginShutdown() {
  shutting_down_ = true;
  serving_ = false;  // /readyz says so while the stop drains
  service_timer_.cancel();
  service_.Stopping(
      "stopping: finishing the commits and acknowledgements in "
      "flight");
  grace_timer_.expires_after(
      std::chrono::seconds(config_.shutdown_grace_seconds));
  grace_timer_.async_wait([this](const asio::error_code& ec) {
    if (ec) return;
    Logger("main")->warn(
        "grace period over; closing {} connections with work in flight",
        proto_->session_count() + (mllp_ ? mllp_->session_count() : 0));
    proto_->AbortAll();
    if (mllp_) mllp_->AbortAll();
  });
  // The store stops once every listener's sessions have finished.
  listeners_running_ = mllp_ ? 2 : 1;
  auto idle = [this] {
    if (--listeners_running_ == 0) FinishShutdown();
  };
  proto_->Stop(idle);
  if (mllp_) mllp_->Stop(idle);
}

void Daemon::FinishShutdown() {
  grace_timer_.cancel();
  if (http_) http_->Stop();
  // The console's requests in hand finish (their audit entries are queued
  // before the store stops).
  if (console_) console_->Stop();
  // Commits whatever is still queued (its acks can no longer be sent; the
  // senders will resend and get DUPLICATE), then closes the database.
  store_->Stop();
  const auto c = store_->counters();
  Logger("main")->info("store stopped groups={} messages={} largest_group={}",
                       c.groups_committed, c.messages_committed,
                       c.largest_group);
  signals_.cancel();
}

}  // namespace iraed::server
