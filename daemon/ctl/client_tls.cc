#include "ctl/client_tls.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

namespace iraed::ctl {
namespace {

std::string SslError() {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "connection closed during the TLS handshake";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

void SetTimeouts(int fd, std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

bool IsIpAddress(const std::string& host) {
  unsigned char buf[16];
  return ::inet_pton(AF_INET, host.c_str(), buf) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

}  // namespace

Result<std::unique_ptr<TlsConnection>> TlsConnection::Connect(
    int fd, const std::string& host, const ClientTls& tls,
    std::chrono::milliseconds timeout) {
  ERR_clear_error();
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr) return Status::Internal("TLS: " + SslError());
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  auto fail = [&ctx](Status s) -> Result<std::unique_ptr<TlsConnection>> {
    SSL_CTX_free(ctx);
    return s;
  };
  if (SSL_CTX_load_verify_locations(ctx, tls.ca_file.c_str(), nullptr) != 1) {
    return fail(
        Status::InvalidArgument("--tls-ca " + tls.ca_file + ": " + SslError()));
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  if (!tls.cert_file.empty()) {
    if (SSL_CTX_use_certificate_chain_file(ctx, tls.cert_file.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, tls.key_file.c_str(),
                                    SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1) {
      return fail(Status::InvalidArgument("--tls-cert " + tls.cert_file +
                                          " / --tls-key " + tls.key_file +
                                          ": " + SslError()));
    }
  }
  SSL* ssl = SSL_new(ctx);
  if (ssl == nullptr) return fail(Status::Internal("TLS: " + SslError()));
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (IsIpAddress(host)) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
    SSL_set_tlsext_host_name(ssl, host.c_str());
  }
  SSL_set_fd(ssl, fd);
  SetTimeouts(fd, timeout);
  if (SSL_connect(ssl) != 1) {
    std::string why = SslError();
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
      why = std::string("server certificate: ") +
            X509_verify_cert_error_string(verify);
    }
    SSL_free(ssl);
    return fail(Status::Unavailable("TLS handshake with iraed failed: " + why));
  }
  return std::unique_ptr<TlsConnection>(new TlsConnection(ctx, ssl, fd));
}

TlsConnection::~TlsConnection() {
  SSL_shutdown(ssl_);
  SSL_free(ssl_);
  SSL_CTX_free(ctx_);
}

Status TlsConnection::WriteAll(std::string_view bytes) {
  while (!bytes.empty()) {
    const int n = SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()));
    if (n <= 0) return Status::Unavailable("TLS write: " + SslError());
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

Result<std::size_t> TlsConnection::Read(char* buf, std::size_t size,
                                        std::chrono::milliseconds timeout) {
  SetTimeouts(fd_, timeout);
  const int n = SSL_read(ssl_, buf, static_cast<int>(size));
  if (n > 0) return static_cast<std::size_t>(n);
  const int err = SSL_get_error(ssl_, n);
  if (err == SSL_ERROR_ZERO_RETURN) return std::size_t{0};
  if (err == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) {
    return std::size_t{0};  // the peer closed without close_notify
  }
  return Status::Unavailable("TLS read: " + SslError());
}

}  // namespace iraed::ctl
