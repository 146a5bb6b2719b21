// File: net/session_stream.h
//
// The byte stream of one session: plain TCP, or TLS over TCP whose
// handshake the listener completed before the session started.
#ifndef IRAED_NET_SESSION_STREAM_H_
#define IRAED_NET_SESSION_STREAM_H_

#include <asio.hpp>
#include <asio/ssl.hpp>
#include <string>
#include <utility>
#include <variant>

namespace iraed::net {

class SessionStream {
 public:
  using Tls = asio::ssl::stream<asio::ip::tcp::socket>;

  explicit SessionStream(asio::ip::tcp::socket socket)
      : stream_(std::move(socket)) {}
  // `peer_subject`: the client certificate's subject ("" when none).
  SessionStream(Tls tls, std::string peer_subject)
      : stream_(std::move(tls)), peer_subject_(std::move(peer_subject)) {}

  bool tls() const { return std::holds_alternative<Tls>(stream_); }
  const std::string& peer_subject() const { return peer_subject_; }

  asio::ip::tcp::socket& socket() {
    if (auto* t = std::get_if<Tls>(&stream_)) return t->next_layer();
    return std::get<asio::ip::tcp::socket>(stream_);
  }
  asio::any_io_executor get_executor() { return socket().get_executor(); }

  template <typename Buffers, typename Handler>
  void AsyncReadSome(const Buffers& buffers, Handler&& handler) {
    std::visit(
        [&](auto& s) {
          s.async_read_some(buffers, std::forward<Handler>(handler));
        },
        stream_);
  }

  template <typename Buffers, typename Handler>
  void AsyncWrite(const Buffers& buffers, Handler&& handler) {
    std::visit(
        [&](auto& s) {
          asio::async_write(s, buffers, std::forward<Handler>(handler));
        },
        stream_);
  }

 private:
  std::variant<asio::ip::tcp::socket, Tls> stream_;
  std::string peer_subject_;
};

}  // namespace iraed::net

#endif  // IRAED_NET_SESSION_STREAM_H_
