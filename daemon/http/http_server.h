// File: http/http_server.h
//
// The operations listener: a small HTTP/1.1 server for /metrics, /healthz
// and /readyz (server/ops_endpoints.h), on its own thread.
//
// Library: Boost.Beast (Debian's libboost-dev, header-only). Chosen over
// cpp-httplib and CivetWeb because it is asynchronous on an Asio
// io_context: one thread serves many concurrent connections, which the
// nurse-facing page (server-sent events to many browsers) will need, and
// TLS comes from Asio's OpenSSL stream like the other listeners. It needs
// Boost.Asio rather than the standalone Asio of the ingest listeners, so it
// runs its own io_context and thread; nothing else is shared with them.
//
// Requests: GET (and HEAD) only, headers at most 8 KiB, no body, 30 s to
// send a request; keep-alive. At most `max_connections` at once; more are
// closed at once.
#ifndef IRAED_HTTP_HTTP_SERVER_H_
#define IRAED_HTTP_HTTP_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/status.h"

typedef struct ssl_ctx_st SSL_CTX;

namespace iraed::http {

struct Request {
  std::string method;  // "GET"
  std::string target;  // "/metrics?x=1"
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// Called on the server's thread, one request at a time.
using Handler = std::function<Response(const Request&)>;

class HttpServer {
 public:
  // Binds `address`:`port` (port 0 picks one) and starts serving.
  static Result<std::unique_ptr<HttpServer>> Start(const std::string& address,
                                                   std::uint16_t port,
                                                   Handler handler,
                                                   std::size_t max_connections);
  ~HttpServer();  // Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  // TLS for connections accepted from now on (null: plain HTTP); takes its
  // own reference to `ctx`. Any thread (a reload swaps it).
  void SetTls(SSL_CTX* ctx);
  // Closes the listener and every connection, and joins the thread.
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace iraed::http

#endif  // IRAED_HTTP_HTTP_SERVER_H_
