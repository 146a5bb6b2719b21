// File: ctl/client_tls.h
//
// TLS for iraectl's connections to the daemon's native listener
// (--tls-ca, --tls-cert, --tls-key): TLS 1.2 or 1.3, the server's
// certificate verified against the CA file and the host or address of
// --connect, and a client certificate when the listener asks for one
// (mutual TLS). Blocking, over a connected socket.
#ifndef IRAED_CTL_CLIENT_TLS_H_
#define IRAED_CTL_CLIENT_TLS_H_

#include <openssl/ssl.h>

#include <chrono>
#include <memory>
#include <string>

#include "common/status.h"

namespace iraed::ctl {

struct ClientTls {
  std::string ca_file;    // set: TLS on
  std::string cert_file;  // client certificate (PEM), optional
  std::string key_file;   // its key
  bool enabled() const { return !ca_file.empty(); }
};

// One TLS session over a connected socket `fd` (not owned).
class TlsConnection {
 public:
  // Handshakes with `host` (a name or an IP address, checked against the
  // server's certificate) within `timeout`.
  static Result<std::unique_ptr<TlsConnection>> Connect(
      int fd, const std::string& host, const ClientTls& tls,
      std::chrono::milliseconds timeout);
  ~TlsConnection();
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;

  Status WriteAll(std::string_view bytes);
  // Reads what is there (waiting up to `timeout`); 0 at the end of the
  // stream; kUnavailable on a timeout or an error.
  Result<std::size_t> Read(char* buf, std::size_t size,
                           std::chrono::milliseconds timeout);

 private:
  TlsConnection(SSL_CTX* ctx, SSL* ssl, int fd)
      : ctx_(ctx), ssl_(ssl), fd_(fd) {}
  SSL_CTX* ctx_;
  SSL* ssl_;
  int fd_;
};

}  // namespace iraed::ctl

#endif  // IRAED_CTL_CLIENT_TLS_H_
