// File: net/tls_context.h
//
// Server-side TLS for the listeners (OpenSSL through Asio's SSL stream):
// TLS 1.2 and 1.3 only, forward-secret AEAD ciphers (Mozilla's
// "intermediate" list for TLS 1.2; OpenSSL's TLS 1.3 suites), no
// compression, no renegotiation, the server's cipher order; a server
// certificate chain and key; and, for mutual TLS (as IHE's secure-node
// profile asks of HL7 feeds), client certificates checked against a
// configured CA: not asked for, optional (checked when sent), or required.
#ifndef IRAED_NET_TLS_CONTEXT_H_
#define IRAED_NET_TLS_CONTEXT_H_

#include <openssl/ssl.h>

#include <string>

#include "common/status.h"

namespace iraed::net {

enum class ClientCertificates { kNone, kOptional, kRequired };

struct TlsSettings {
  std::string cert_file;       // PEM chain, server certificate first
  std::string key_file;        // PEM private key
  std::string client_ca_file;  // PEM CA(s) for client certificates
  ClientCertificates client_certificates = ClientCertificates::kNone;

  bool enabled() const { return !cert_file.empty(); }
  bool operator==(const TlsSettings&) const = default;
};

// "none", "optional", "required".
Result<ClientCertificates> ParseClientCertificates(std::string_view text);
std::string_view ToString(ClientCertificates c);

// The TLS 1.2 cipher list used (TLS 1.3 keeps OpenSSL's suites).
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// A new server SSL_CTX (the caller owns one reference; SSL_CTX_free).
// Errors name the file and OpenSSL's reason: a missing or unreadable
// certificate or key, a key that does not match the certificate, no CA
// file when client certificates are asked for.
Result<SSL_CTX*> MakeServerSslContext(const TlsSettings& settings);

// The subject of the peer's verified certificate as one line
// ("CN=ward7-pager,O=Hospital"), or "" when it sent none.
std::string PeerCertificateSubject(SSL* ssl);

// The newest error on OpenSSL's queue, for a log line (never data).
std::string LastSslError();

}  // namespace iraed::net

#endif  // IRAED_NET_TLS_CONTEXT_H_
