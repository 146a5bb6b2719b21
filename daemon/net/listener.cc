#include "net/listener.h"

#include "common/logging.h"
#include "net/endpoint.h"

namespace iraed::net {

Listener::Listener(asio::io_context& io, std::string name, CodecFactory codecs,
                   store::StoreWorker& store, Clock& clock,
                   SessionOptions options, std::uint32_t max_connections)
    : io_(io),
      name_(std::move(name)),
      codecs_(std::move(codecs)),
      acceptor_(io),
      retry_timer_(io),
      store_(store),
      clock_(clock),
      options_(options),
      max_connections_(max_connections) {}

Status Listener::Listen(const asio::ip::tcp::endpoint& endpoint) {
  asio::error_code ec;
  const std::string where = FormatEndpoint(endpoint);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor_.close();
    return Status::Unavailable("cannot listen on " + where + ": " +
                               ec.message());
  }
  return Status::Ok();
}

asio::ip::tcp::endpoint Listener::local_endpoint() const {
  asio::error_code ec;
  return acceptor_.local_endpoint(ec);
}

void Listener::StartAccepting() { DoAccept(); }

void Listener::DoAccept() {
  acceptor_.async_accept([this](const asio::error_code& ec,
                                asio::ip::tcp::socket socket) {
    if (!acceptor_.is_open() || stopping_) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      // Out of file descriptors and the like: back off, do not spin.
      Logger("net")->warn("{}: accept failed: {}; retrying in 100 ms", name_,
                          ec.message());
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([this](const asio::error_code& e) {
        if (!e && !stopping_) DoAccept();
      });
      return;
    }
    if (sessions_.size() >= max_connections_) {
      Logger("net")->warn("{}: connection refused: {} connections open (limit)",
                          name_, sessions_.size());
      asio::error_code ignored;
      socket.close(ignored);
    } else {
      const std::uint64_t id = next_id_++;
      auto session = std::make_shared<FramedSession>(std::move(socket), id,
                                                     *this, codecs_());
      sessions_.emplace(id, session);
      open_connections_.store(sessions_.size(), std::memory_order_relaxed);
      session->Start();
    }
    DoAccept();
  });
}

void Listener::Stop(std::function<void()> on_idle) {
  stopping_ = true;
  on_idle_ = std::move(on_idle);
  asio::error_code ec;
  acceptor_.close(ec);
  retry_timer_.cancel();
  // Stop() may close a session synchronously, which erases it from the map.
  std::vector<std::shared_ptr<FramedSession>> open;
  for (auto& [id, s] : sessions_) open.push_back(s);
  for (auto& s : open) s->Stop();
  if (sessions_.empty() && on_idle_) {
    auto cb = std::move(on_idle_);
    on_idle_ = nullptr;
    cb();
  }
}

void Listener::AbortAll() {
  std::vector<std::shared_ptr<FramedSession>> open;
  for (auto& [id, s] : sessions_) open.push_back(s);
  for (auto& s : open) s->Abort();
}

void Listener::OnSessionClosed(std::uint64_t id) {
  sessions_.erase(id);
  open_connections_.store(sessions_.size(), std::memory_order_relaxed);
  if (stopping_ && sessions_.empty() && on_idle_) {
    auto cb = std::move(on_idle_);
    on_idle_ = nullptr;
    cb();
  }
}

}  // namespace iraed::net
