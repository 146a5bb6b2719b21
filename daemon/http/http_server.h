// File: http/http_server.h
//
// The HTTP listener: operations (/metrics, /healthz, /readyz,
// server/ops_endpoints.h) and the nurse console (console/), on its own
// thread.
//
// Library: Boost.Beast (Debian's libboost-dev, header-only). Chosen over
// cpp-httplib and CivetWeb because it is asynchronous on an Asio
// io_context: one thread serves many concurrent connections, among them
// the console's server-sent event streams to many browsers, and TLS comes
// from Asio's OpenSSL stream like the other listeners. It needs
// Boost.Asio rather than the standalone Asio of the ingest listeners, so it
// runs its own io_context and thread; nothing else is shared with them.
//
// Requests: GET, HEAD and POST; headers at most 8 KiB, a body at most
// 16 KiB (413 beyond), 30 s to send a request; other methods 405;
// keep-alive. At most `max_connections` at once (event streams included);
// more are closed at once.
//
// The handler is called on the server's thread with a Responder, which
// answers once, from any thread: a handler that has to wait (a password
// check, a database write) hands the Responder to another thread and
// returns at once. A Responder dropped without an answer answers 500.
#ifndef IRAED_HTTP_HTTP_SERVER_H_
#define IRAED_HTTP_HTTP_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

typedef struct ssl_ctx_st SSL_CTX;

namespace iraed::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;   // "GET", "HEAD", "POST"
  std::string target;   // "/metrics?x=1"
  HeaderList headers;   // names in lower case, in the order received
  std::string body;     // POST only; at most 16 KiB
  std::string peer;     // the client's address ("127.0.0.1")
  bool secure = false;  // arrived over TLS

  // The path of `target` (before any '?') and the query after it.
  std::string_view Path() const;
  std::string_view Query() const;
  // The first header named `name` (lower case), or "" when absent.
  std::string_view Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  // Sent as given after the server's own (Server, Content-Type,
  // Cache-Control: no-store, X-Content-Type-Options: nosniff); a header
  // named here replaces the server's of that name.
  HeaderList headers;
};

// A server-sent event stream (text/event-stream) to one client. Send and
// Close may be called from any thread. Writes are queued in order; a
// client that stops reading (more than 1 MiB queued, or a write blocked
// 30 s) or goes away closes the stream.
class EventStream {
 public:
  virtual ~EventStream() = default;
  // Queues `text` (whole events, "data: ...\n\n"); false once closed.
  virtual bool Send(std::string text) = 0;
  virtual bool open() const = 0;
  // Ends the stream once what is queued has been written.
  virtual void Close() = 0;
};

// Answers one request, once, from any thread.
class Responder {
 public:
  virtual ~Responder() = default;
  virtual void Reply(Response response) = 0;
  // Answers with the head of an event stream (status 200, Content-Type
  // text/event-stream, `headers`), then keeps the connection for events.
  virtual std::shared_ptr<EventStream> ReplyEventStream(HeaderList headers) = 0;
};

using Handler = std::function<void(
    const Request& request, const std::shared_ptr<Responder>& responder)>;

// A handler that answers at once, on the server's thread.
using SimpleHandler = std::function<Response(const Request&)>;
Handler Immediate(SimpleHandler handler);

class HttpServer {
 public:
  // Binds `address`:`port` (port 0 picks one) and starts serving, with TLS
  // from the first connection when `tls` is given (SetTls's reference
  // rule).
  static Result<std::unique_ptr<HttpServer>> Start(const std::string& address,
                                                   std::uint16_t port,
                                                   Handler handler,
                                                   std::size_t max_connections,
                                                   SSL_CTX* tls = nullptr);
  ~HttpServer();  // Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  // TLS for connections accepted from now on (null: plain HTTP); takes its
  // own reference to `ctx`. Any thread (a reload swaps it).
  void SetTls(SSL_CTX* ctx);
  // Closes the listener and every connection, and joins the thread. An
  // answer given after Stop is dropped.
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace iraed::http

#endif  // IRAED_HTTP_HTTP_SERVER_H_
