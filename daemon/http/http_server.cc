#include "http/http_server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

#include "common/logging.h"

namespace iraed::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr auto kRequestTimeout = std::chrono::seconds(30);

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One connection: (the TLS handshake,) read a request, answer it, again
// while keep-alive. `Stream` is beast::tcp_stream or TlsStream.
template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(Stream stream, const Handler& handler, std::atomic<std::size_t>& open)
      : stream_(std::move(stream)), handler_(handler), open_(open) {
    ++open_;
  }
  ~Session() { --open_; }

  void Start() {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
      stream_.async_handshake(
          asio::ssl::stream_base::server,
          [self = this->shared_from_this()](beast::error_code ec) {
            if (ec) {
              Logger("http")->warn("TLS handshake failed: {}", ec.message());
              return;
            }
            self->Read();
          });
    } else {
      Read();
    }
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->header_limit(8 * 1024);
    parser_->body_limit(0);
    beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
          self->OnRead(ec);
        });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream) return Close();
    if (ec) {
      // A malformed or oversized request gets an answer, then the end.
      if (ec == bhttp::error::header_limit || ec == bhttp::error::body_limit ||
          ec.category() ==
              bhttp::make_error_code(bhttp::error::bad_method).category()) {
        return Answer(
            Response{400, "text/plain; charset=utf-8", "bad request\n"},
            /*keep_alive=*/false, /*head=*/false);
      }
      return Close();
    }
    const auto& req = parser_->get();
    const bool head = req.method() == bhttp::verb::head;
    Response response;
    if (req.method() != bhttp::verb::get && !head) {
      response =
          Response{405, "text/plain; charset=utf-8", "only GET and HEAD\n"};
    } else {
      try {
        response = handler_(Request{std::string(req.method_string()),
                                    std::string(req.target())});
      } catch (const std::exception& e) {
        Logger("http")->error("handler failed: {}", e.what());
        response =
            Response{500, "text/plain; charset=utf-8", "internal error\n"};
      }
    }
    Answer(std::move(response), req.keep_alive(), head);
  }

  void Answer(Response r, bool keep_alive, bool head) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), 11);
    res->set(bhttp::field::server, "iraed");
    res->set(bhttp::field::content_type, r.content_type);
    res->set(bhttp::field::cache_control, "no-store");
    res->keep_alive(keep_alive);
    res->body() = std::move(r.body);
    res->prepare_payload();
    if (head) res->body().clear();
    beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
    bhttp::async_write(stream_, *res,
                       [self = this->shared_from_this(), res, keep_alive](
                           beast::error_code ec, std::size_t) {
                         if (ec || !keep_alive) return self->Close();
                         self->Read();
                       });
  }

  void Close() {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(
        tcp::socket::shutdown_send, ignored);
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::empty_body>> parser_;
  const Handler& handler_;
  std::atomic<std::size_t>& open_;
};

}  // namespace

struct HttpServer::Impl {
  // Declared before the io_context: sessions still queued in it refer to
  // these when it is destroyed.
  Handler handler;
  std::mutex tls_mu;
  std::shared_ptr<asio::ssl::context> tls;  // null: plain HTTP
  std::size_t max_connections = 256;
  std::atomic<std::size_t> open{0};
  std::uint16_t port = 0;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::thread thread;
  bool stopped = false;

  void Accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        if (open.load() >= max_connections) {
          beast::error_code ignored;
          socket.close(ignored);
        } else {
          std::shared_ptr<asio::ssl::context> ctx;
          {
            std::lock_guard<std::mutex> lock(tls_mu);
            ctx = tls;
          }
          if (ctx) {
            // SSL_new takes its own reference to the SSL_CTX: a reload may
            // drop `ctx` while this session lives.
            auto session = std::make_shared<Session<TlsStream>>(
                TlsStream(beast::tcp_stream(std::move(socket)), *ctx), handler,
                open);
            session->Start();
          } else {
            std::make_shared<Session<beast::tcp_stream>>(
                beast::tcp_stream(std::move(socket)), handler, open)
                ->Start();
          }
        }
      }
      Accept();
    });
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::SetTls(SSL_CTX* ctx) {
  std::shared_ptr<asio::ssl::context> wrapped;
  if (ctx != nullptr) {
    SSL_CTX_up_ref(ctx);  // the wrapper frees its own reference
    wrapped = std::make_shared<asio::ssl::context>(ctx);
  }
  std::lock_guard<std::mutex> lock(impl_->tls_mu);
  impl_->tls = std::move(wrapped);
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(
    const std::string& address, std::uint16_t port, Handler handler,
    std::size_t max_connections) {
  auto impl = std::make_unique<Impl>();
  impl->handler = std::move(handler);
  impl->max_connections = max_connections;
  beast::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec) return Status::InvalidArgument("bad address " + address);
  const tcp::endpoint endpoint(ip, port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec)
    impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + address + ":" +
                               std::to_string(port) + ": " + ec.message());
  }
  impl->port = impl->acceptor.local_endpoint(ec).port();
  impl->Accept();
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->io.run(); });
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::Stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  // Stopping the io_context drops every session with its socket.
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace iraed::http
