#include "http/http_server.h"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "common/logging.h"

namespace iraed::http {

std::string_view Request::Path() const {
  const std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view Request::Query() const {
  const std::string_view t = target;
  const auto q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr auto kStreamWriteTimeout = std::chrono::seconds(30);
constexpr std::size_t kHeaderLimit = std::size_t{8} * 1024;
constexpr std::size_t kBodyLimit = std::size_t{16} * 1024;
constexpr std::size_t kStreamQueueLimit = std::size_t{1024} * 1024;

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// What the io thread does for a Responder or an EventStream; every call
// below runs on the io thread.
class SessionBase {
 public:
  virtual ~SessionBase() = default;
  virtual void Answer(Response response) = 0;
  virtual void BeginStream(HeaderList headers) = 0;
  virtual void PumpStream() = 0;
  virtual void CloseStream() = 0;
};

class StreamQueue;

// The state shared by the io thread and the threads that answer. Sessions
// are named by number outside the io thread: a Responder or EventStream
// never owns a session (sockets must die before their io_context).
struct Registry {
  std::mutex mu;
  asio::io_context* io = nullptr;  // null once stopped
  // io thread only:
  std::uint64_t next_id = 1;
  std::unordered_map<std::uint64_t, SessionBase*> live;
  std::unordered_map<std::uint64_t, std::shared_ptr<SessionBase>> awaiting;
  std::unordered_map<std::uint64_t, std::shared_ptr<StreamQueue>> streams;

  // Runs `f` on the io thread; false (and `f` dropped here) once stopped.
  template <typename F>
  bool Post(F f) {
    std::lock_guard<std::mutex> lock(mu);
    if (io == nullptr) return false;
    asio::post(*io, std::move(f));
    return true;
  }
  SessionBase* Find(std::uint64_t id) {
    auto it = live.find(id);
    return it == live.end() ? nullptr : it->second;
  }
};

// An event stream's queue: filled by any thread, emptied by the io thread.
class StreamQueue : public EventStream {
 public:
  StreamQueue(std::shared_ptr<Registry> registry, std::uint64_t id)
      : registry_(std::move(registry)), id_(id) {}

  bool Send(std::string text) override {
    if (!open_.load()) return false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (queued_bytes_ + text.size() > kStreamQueueLimit) {
        Logger("http")->warn(
            "event stream closed: the client is {} bytes behind",
            queued_bytes_);
        open_ = false;
      } else {
        queued_bytes_ += text.size();
        queue_.push_back(std::move(text));
      }
    }
    if (!open_.load()) {
      Nudge([](SessionBase& s) { s.CloseStream(); });
      return false;
    }
    return Nudge([](SessionBase& s) { s.PumpStream(); });
  }
  bool open() const override { return open_.load(); }
  // Ends the stream once what is queued has been written.
  void Close() override {
    open_ = false;
    closing_ = true;
    Nudge([](SessionBase& s) { s.PumpStream(); });
  }
  bool closing() const { return closing_.load(); }

  // io thread: the next text to write, if any.
  std::optional<std::string> Take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.empty()) return std::nullopt;
    std::string text = std::move(queue_.front());
    queue_.pop_front();
    queued_bytes_ -= text.size();
    return text;
  }
  void MarkClosed() { open_ = false; }

 private:
  template <typename F>
  bool Nudge(F f) {
    std::weak_ptr<Registry> weak = registry_;
    const bool posted = registry_->Post([weak, id = id_, f] {
      if (auto r = weak.lock()) {
        if (SessionBase* s = r->Find(id)) f(*s);
      }
    });
    if (!posted) open_ = false;
    return posted && open_.load();
  }

  std::shared_ptr<Registry> registry_;
  const std::uint64_t id_;
  std::atomic<bool> open_{true};
  std::atomic<bool> closing_{false};
  std::mutex mu_;
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;
};

class ResponderImpl : public Responder {
 public:
  ResponderImpl(std::shared_ptr<Registry> registry, std::uint64_t id)
      : registry_(std::move(registry)), id_(id) {}
  ~ResponderImpl() override {
    if (!answered_.load()) {
      Logger("http")->error("a request was dropped without an answer");
      Deliver(
          Response{500, "text/plain; charset=utf-8", "internal error\n", {}});
    }
  }

  void Reply(Response response) override {
    if (answered_.exchange(true)) return;
    Deliver(std::move(response));
  }

  std::shared_ptr<EventStream> ReplyEventStream(HeaderList headers) override {
    auto stream = std::make_shared<StreamQueue>(registry_, id_);
    if (answered_.exchange(true)) {
      stream->MarkClosed();
      return stream;
    }
    std::weak_ptr<Registry> weak = registry_;
    const bool posted =
        registry_->Post([weak, id = id_, stream, h = std::move(headers)] {
          auto r = weak.lock();
          if (!r) return;
          auto it = r->awaiting.find(id);
          if (it == r->awaiting.end()) return stream->MarkClosed();
          std::shared_ptr<SessionBase> session = std::move(it->second);
          r->awaiting.erase(it);
          r->streams[id] = stream;
          session->BeginStream(h);
        });
    if (!posted) stream->MarkClosed();
    return stream;
  }

 private:
  void Deliver(Response response) {
    std::weak_ptr<Registry> weak = registry_;
    registry_->Post([weak, id = id_, r = std::move(response)]() mutable {
      auto reg = weak.lock();
      if (!reg) return;
      auto it = reg->awaiting.find(id);
      if (it == reg->awaiting.end()) return;
      std::shared_ptr<SessionBase> session = std::move(it->second);
      reg->awaiting.erase(it);
      session->Answer(std::move(r));
    });
  }

  std::shared_ptr<Registry> registry_;
  const std::uint64_t id_;
  std::atomic<bool> answered_{false};
};

// One connection: (the TLS handshake,) read a request, hand it to the
// handler, write its answer, again while keep-alive; or, once answered
// with an event stream, write events until either side closes. `Stream`
// is beast::tcp_stream or TlsStream.
template <typename Stream>
class Session : public SessionBase,
                public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(Stream stream, std::string peer, bool secure, const Handler& handler,
          std::atomic<std::size_t>& open, std::shared_ptr<Registry> registry)
      : stream_(std::move(stream)),
        peer_(std::move(peer)),
        secure_(secure),
        handler_(handler),
        open_(open),
        registry_(std::move(registry)),
        id_(registry_->next_id++) {
    ++open_;
    registry_->live[id_] = this;
  }
  ~Session() override {
    --open_;
    registry_->live.erase(id_);
    if (auto it = registry_->streams.find(id_);
        it != registry_->streams.end()) {
      it->second->MarkClosed();
      registry_->streams.erase(it);
    }
  }

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

  void Answer(Response r) override {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), 11);
    SetHeaders(*res, r.content_type, r.headers);
    res->keep_alive(keep_alive_);
    res->body() = std::move(r.body);
    res->prepare_payload();
    if (head_) res->body().clear();
    beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
    bhttp::async_write(
        stream_, *res,
        [self = this->shared_from_this(), res, keep_alive = keep_alive_](
            beast::error_code ec, std::size_t) {
          if (ec || !keep_alive) return self->Close();
          self->Read();
        });
  }

  void BeginStream(HeaderList headers) override {
    auto res = std::make_shared<bhttp::response<bhttp::empty_body>>(
        bhttp::status::ok, 11);
    SetHeaders(*res, "text/event-stream; charset=utf-8", headers);
    // The body ends when the connection does (no length, no chunks).
    res->keep_alive(false);
    auto sr =
        std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*res);
    beast::get_lowest_layer(stream_).expires_after(kStreamWriteTimeout);
    streaming_ = true;
    writing_ = true;
    bhttp::async_write_header(
        stream_, *sr,
        [self = this->shared_from_this(), res, sr](beast::error_code ec,
                                                   std::size_t) {
          self->writing_ = false;
          if (ec) return self->CloseStream();
          beast::get_lowest_layer(self->stream_).expires_never();
          self->WatchForHangUp();
          self->PumpStream();
        });
  }

  void PumpStream() override {
    if (!streaming_ || writing_ || closed_) return;
    auto it = registry_->streams.find(id_);
    if (it == registry_->streams.end()) return;
    auto next = it->second->Take();
    if (!next) {
      if (it->second->closing()) CloseStream();
      return;
    }
    out_ = std::move(*next);
    writing_ = true;
    beast::get_lowest_layer(stream_).expires_after(kStreamWriteTimeout);
    asio::async_write(
        stream_, asio::buffer(out_),
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
          self->writing_ = false;
          if (ec) return self->CloseStream();
          beast::get_lowest_layer(self->stream_).expires_never();
          self->PumpStream();
        });
  }

  void CloseStream() override {
    if (auto it = registry_->streams.find(id_);
        it != registry_->streams.end()) {
      it->second->MarkClosed();
    }
    Close();
  }

 private:
  template <typename Message>
  void SetHeaders(Message& res, const std::string& content_type,
                  const HeaderList& extra) {
    res.set(bhttp::field::server, "iraed");
    res.set(bhttp::field::content_type, content_type);
    res.set(bhttp::field::cache_control, "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : extra) res.erase(name);
    for (const auto& [name, value] : extra) res.insert(name, value);
  }

  void Read() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(kBodyLimit);
    beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
          self->OnRead(ec);
        });
  }

  // An event stream's client sends nothing more: any read completing means
  // it went away (or broke the protocol); either way the stream ends.
  void WatchForHangUp() {
    stream_.async_read_some(
        asio::buffer(hang_up_byte_),
        [self = this->shared_from_this()](beast::error_code, std::size_t) {
          self->CloseStream();
        });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream) return Close();
    head_ = false;
    if (ec) {
      // A malformed or oversized request gets an answer, then the end.
      keep_alive_ = false;
      if (ec == bhttp::error::body_limit) {
        return Answer(Response{
            413, "text/plain; charset=utf-8", "request body too large\n", {}});
      }
      if (ec == bhttp::error::header_limit ||
          ec.category() ==
              bhttp::make_error_code(bhttp::error::bad_method).category()) {
        return Answer(
            Response{400, "text/plain; charset=utf-8", "bad request\n", {}});
      }
      return Close();
    }
    auto req = parser_->release();
    keep_alive_ = req.keep_alive();
    head_ = req.method() == bhttp::verb::head;
    if (req.method() != bhttp::verb::get && !head_ &&
        req.method() != bhttp::verb::post) {
      return Answer(Response{405,
                             "text/plain; charset=utf-8",
                             "only GET, HEAD and POST\n",
                             {{"Allow", "GET, HEAD, POST"}}});
    }
    Request request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (char& c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(req.body());
    request.peer = peer_;
    request.secure = secure_;
    registry_->awaiting[id_] = this->shared_from_this();
    try {
      handler_(request, std::make_shared<ResponderImpl>(registry_, id_));
    } catch (const std::exception& e) {
      // The Responder, if the handler dropped it, answers 500.
      Logger("http")->error("handler failed: {}", e.what());
    }
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(
        tcp::socket::shutdown_both, ignored);
  }

  Stream stream_;
  const std::string peer_;
  const bool secure_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const Handler& handler_;
  std::atomic<std::size_t>& open_;
  std::shared_ptr<Registry> registry_;
  const std::uint64_t id_;
  bool keep_alive_ = false;
  bool head_ = false;
  bool streaming_ = false;
  bool writing_ = false;
  bool closed_ = false;
  std::string out_;
  std::array<char, 1> hang_up_byte_{};
};

}  // namespace

Handler Immediate(SimpleHandler handler) {
  return [h = std::move(handler)](const Request& request,
                                  const std::shared_ptr<Responder>& responder) {
    responder->Reply(h(request));
  };
}

struct HttpServer::Impl {
  // Declared before the io_context: sessions still queued in it refer to
  // these when it is destroyed.
  Handler handler;
  std::mutex tls_mu;
  std::shared_ptr<asio::ssl::context> tls;  // null: plain HTTP
  std::size_t max_connections = 256;
  std::atomic<std::size_t> open{0};
  std::uint16_t port = 0;
  std::shared_ptr<Registry> registry = std::make_shared<Registry>();
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::thread thread;
  bool stopped = false;

  ~Impl() {
    // Sessions awaiting an answer hold sockets of `io`: they go first.
    registry->awaiting.clear();
  }

  void Accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        if (open.load() >= max_connections) {
          beast::error_code ignored;
          socket.close(ignored);
        } else {
          beast::error_code peer_ec;
          const auto remote = socket.remote_endpoint(peer_ec);
          std::string peer =
              peer_ec ? std::string() : remote.address().to_string();
          std::shared_ptr<asio::ssl::context> ctx;
          {
            std::lock_guard<std::mutex> lock(tls_mu);
            ctx = tls;
          }
          if (ctx) {
            // SSL_new takes its own reference to the SSL_CTX: a reload may
            // drop `ctx` while this session lives.
            auto session = std::make_shared<Session<TlsStream>>(
                TlsStream(beast::tcp_stream(std::move(socket)), *ctx),
                std::move(peer), true, handler, open, registry);
            session->Start();
          } else {
            std::make_shared<Session<beast::tcp_stream>>(
                beast::tcp_stream(std::move(socket)), std::move(peer), false,
                handler, open, registry)
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
    std::size_t max_connections, SSL_CTX* tls) {
  auto impl = std::make_unique<Impl>();
  if (tls != nullptr) {
    SSL_CTX_up_ref(tls);  // the wrapper frees its own reference
    impl->tls = std::make_shared<asio::ssl::context>(tls);
  }
  impl->handler = std::move(handler);
  impl->max_connections = max_connections;
  impl->registry->io = &impl->io;
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
  {
    // Answers given from now on are dropped where they are given.
    std::lock_guard<std::mutex> lock(impl_->registry->mu);
    impl_->registry->io = nullptr;
  }
  // Stopping the io_context drops every session with its socket.
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace iraed::http
