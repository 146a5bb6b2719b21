// File: net/listener.h
//
// Accepts connections of one protocol on one endpoint and owns their
// sessions (Asio's connection_manager role); each session gets a fresh
// codec from the listener's factory. IO thread only.
#ifndef IRAED_NET_LISTENER_H_
#define IRAED_NET_LISTENER_H_

#include <asio.hpp>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "common/clock.h"
#include "common/status.h"
#include "model/submission_sink.h"
#include "net/framed_session.h"
#include "net/session_stream.h"

namespace iraed::net {

using CodecFactory = std::function<std::unique_ptr<FrameCodec>()>;

class Listener final : public SessionHost {
 public:
  // `sink` (the store worker, in the daemon) and `clock` must outlive the
  // listener. `name` ("proto", "mllp") tags its log lines.
  Listener(asio::io_context& io, std::string name, CodecFactory codecs,
           model::SubmissionSink& sink, Clock& clock, SessionOptions options,
           std::uint32_t max_connections);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds and listens; fails with a message naming the endpoint.
  Status Listen(const asio::ip::tcp::endpoint& endpoint);
  // The bound endpoint (with the real port when 0 was asked for).
  asio::ip::tcp::endpoint local_endpoint() const;
  void StartAccepting();

  // Closes the acceptor and stops every session gracefully. `on_idle` is
  // called (once) when the last session has closed, or at once if none.
  void Stop(std::function<void()> on_idle);
  // Closes every session's socket now.
  void AbortAll();
  std::size_t session_count() const { return sessions_.size(); }
  // TLS for connections accepted from now on (null: plain TCP). A TLS
  // handshake must complete within the frame timeout; a failed one is
  // logged (peer address and OpenSSL's reason, no data) and the connection
  // closed. IO thread only (a reload swaps it).
  void SetTls(std::shared_ptr<asio::ssl::context> tls) {
    tls_ = std::move(tls);
    has_tls_.store(tls_ != nullptr, std::memory_order_relaxed);
  }
  // Who may send staff actions and feed confirmations, for frames read
  // from now on (null: not checked). IO thread only (a reload swaps it).
  void SetStaffAuthenticator(std::shared_ptr<auth::StaffAuthenticator> auth) {
    auth_ = std::move(auth);
  }
  // Whether TLS is on (any thread: metrics).
  bool tls() const { return has_tls_.load(std::memory_order_relaxed); }
  // TLS handshakes that failed since start (any thread).
  std::uint64_t tls_handshake_failures() const {
    return tls_failures_.load(std::memory_order_relaxed);
  }
  // The same, readable from any thread (metrics).
  std::size_t open_connections() const {
    return open_connections_.load(std::memory_order_relaxed);
  }

  // SessionHost
  model::SubmissionSink& sink() override { return sink_; }
  const SessionOptions& session_options() const override { return options_; }
  Clock& clock() override { return clock_; }
  auth::StaffAuthenticator* staff_authenticator() override {
    return auth_.get();
  }
  void OnSessionClosed(std::uint64_t id) override;

 private:
  void DoAccept();
  void StartSession(SessionStream stream);
  void Handshake(asio::ip::tcp::socket socket);
  void CloseHandshakes();

  asio::io_context& io_;
  const std::string name_;
  const CodecFactory codecs_;
  asio::ip::tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;  // back-off after a failed accept
  model::SubmissionSink& sink_;
  Clock& clock_;
  const SessionOptions options_;
  const std::uint32_t max_connections_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, std::shared_ptr<FramedSession>> sessions_;
  std::atomic<std::size_t> open_connections_{0};
  std::shared_ptr<asio::ssl::context> tls_;
  std::shared_ptr<auth::StaffAuthenticator> auth_;
  // Connections still in their TLS handshake, closed by Stop()/AbortAll().
  std::map<std::uint64_t, std::weak_ptr<SessionStream::Tls>> handshakes_;
  std::atomic<std::uint64_t> tls_failures_{0};
  std::atomic<bool> has_tls_{false};
  std::uint64_t next_handshake_ = 1;
  bool stopping_ = false;
  std::function<void()> on_idle_;
};

}  // namespace iraed::net

#endif  // IRAED_NET_LISTENER_H_
