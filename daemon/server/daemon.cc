#include "server/daemon.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/json.h"
#include "common/logging.h"
#include "net/endpoint.h"

namespace iraed::server {

Daemon::Daemon(Config config, Clock& clock)
    : config_(std::move(config)), clock_(clock) {}

Daemon::~Daemon() {
  proto_.reset();
  if (store_) store_->Stop();
  if (ready_file_written_) {
    std::error_code ec;
    std::filesystem::remove(config_.ready_file, ec);
  }
}

Status Daemon::Start() {
  auto log = Logger("main");
  store::WorkerOptions wo;
  wo.store.path = config_.db_path;
  wo.store.synchronous = config_.synchronous;
  wo.store.cache_kib = static_cast<int>(config_.cache_kib);
  wo.store.grading = config_.grading;
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

  net::SessionOptions so;
  so.max_frame_bytes = config_.max_frame_bytes;
  so.max_in_flight = config_.max_in_flight_per_connection;
  so.frame_timeout = std::chrono::seconds(config_.frame_timeout_seconds);
  so.write_timeout = std::chrono::seconds(config_.frame_timeout_seconds);
  proto_ = std::make_unique<net::ProtoListener>(io_, *store_, clock_, so,
                                                config_.max_connections);
  auto endpoint = net::ParseEndpoint(config_.proto_listen);
  if (!endpoint.ok()) return endpoint.status();
  RETURN_IF_ERROR(proto_->Listen(*endpoint));
  log->info("protobuf listener on {}",
            net::FormatEndpoint(proto_->local_endpoint()));
  if (!config_.mllp_listen.empty()) {
    log->warn(
        "mllp_listener.listen is set but the MLLP listener is not in this "
        "version; ignored");
  }
  if (!config_.ready_file.empty()) RETURN_IF_ERROR(WriteReadyFile());
  return Status::Ok();
}

Status Daemon::WriteReadyFile() {
  const auto ep = proto_->local_endpoint();
  std::string json =
      "{\"pid\":" + std::to_string(::getpid()) +
      ",\"proto_listen\":" + JsonQuote(net::FormatEndpoint(ep)) +
      ",\"proto_port\":" + std::to_string(ep.port()) +
      ",\"mllp_port\":null,\"db\":" + JsonQuote(config_.db_path) + "}\n";
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
  std::signal(SIGPIPE, SIG_IGN);
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  AwaitSignal();
  proto_->StartAccepting();
  Logger("main")->info("ready");
  io_.run();
  Logger("main")->info("stopped cleanly");
  return 0;
}

void Daemon::AwaitSignal() {
  signals_.async_wait([this](const asio::error_code& ec, int signo) {
    if (ec) return;  // cancelled at the end of a clean shutdown
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

void Daemon::BeginShutdown() {
  shutting_down_ = true;
  grace_timer_.expires_after(
      std::chrono::seconds(config_.shutdown_grace_seconds));
  grace_timer_.async_wait([this](const asio::error_code& ec) {
    if (ec) return;
    Logger("main")->warn(
        "grace period over; closing {} connections with work in flight",
        proto_->session_count());
    proto_->AbortAll();
  });
  proto_->Stop([this] { FinishShutdown(); });
}

void Daemon::FinishShutdown() {
  grace_timer_.cancel();
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
