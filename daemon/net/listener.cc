#include "net/listener.h"

#include "common/logging.h"
#include "net/endpoint.h"
#include "net/tls_context.h"

namespace iraed::net {

Listener::Listener(asio::io_context& io, std::string name, CodecFactory codecs,
                   model::SubmissionSink& sink, Clock& clock,
                   SessionOptions options, std::uint32_t max_connections)
    : io_(io),
      name_(std::move(name)),
      codecs_(std::move(codecs)),
      acceptor_(io),
      retry_timer_(io),
      sink_(sink),
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
    if (sessions_.size() + handshakes_.size() >= max_connections_) {
      Logger("net")->warn("{}: connection refused: {} connections open (limit)",
                          name_, sessions_.size() + handshakes_.size());
      asio::error_code ignored;
      socket.close(ignored);
    } else if (tls_) {
      Handshake(std::move(socket));
    } else {
      StartSession(SessionStream(std::move(socket)));
    }
    DoAccept();
  });
}

void Listener::StartSession(SessionStream stream) {
  const std::uint64_t id = next_id_++;
  auto session =
      std::make_shared<FramedSession>(std::move(stream), id, *this, codecs_());
  sessions_.emplace(id, session);
  open_connections_.store(sessions_.size(), std::memory_order_relaxed);
  session->Start();
}

void Listener::Handshake(asio::ip::tcp::socket socket) {
  asio::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  const std::string peer = ec ? std::string("unknown") : FormatEndpoint(remote);
  auto tls = std::make_shared<SessionStream::Tls>(std::move(socket), *tls_);
  auto timer = std::make_shared<asio::steady_timer>(io_);
  const std::uint64_t key = next_handshake_++;
  handshakes_.emplace(key, tls);
  timer->expires_after(options_.frame_timeout);
  timer->async_wait([tls](const asio::error_code& e) {
    if (e) return;
    asio::error_code ignored;
    tls->next_layer().close(ignored);  // the handshake fails with it
  });
  tls->async_handshake(
      asio::ssl::stream_base::server,
      [this, tls, timer, key, peer](const asio::error_code& e) {
        timer->cancel();
        handshakes_.erase(key);
        if (e || stopping_) {
          if (e) {
            tls_failures_.fetch_add(1, std::memory_order_relaxed);
            Logger("net")->warn("{}: TLS handshake failed peer={}: {}", name_,
                                peer, e.message());
          }
          asio::error_code ignored;
          tls->next_layer().close(ignored);
          return;
        }
        std::string subject = PeerCertificateSubject(tls->native_handle());
        StartSession(SessionStream(std::move(*tls), std::move(subject)));
      });
}

void Listener::Stop(std::function<void()> on_idle) {
  stopping_ = true;
  on_idle_ = std::move(on_idle);
  asio::error_code ec;
  acceptor_.close(ec);
  retry_timer_.cancel();
  CloseHandshakes();
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

void Listener::CloseHandshakes() {
  for (auto& [key, weak] : handshakes_) {
    if (auto tls = weak.lock()) {
      asio::error_code ignored;
      tls->next_layer().close(ignored);
    }
  }
}

void Listener::AbortAll() {
  CloseHandshakes();
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
