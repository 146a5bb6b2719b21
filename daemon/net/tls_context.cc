#include "net/tls_context.h"

#include <openssl/err.h>
#include <openssl/x509.h>

namespace iraed::net {

Result<ClientCertificates> ParseClientCertificates(std::string_view text) {
  if (text == "none" || text.empty()) return ClientCertificates::kNone;
  if (text == "optional") return ClientCertificates::kOptional;
  if (text == "required") return ClientCertificates::kRequired;
  return Status::InvalidArgument("'" + std::string(text) +
                                 "' is not none, optional or required");
}

std::string_view ToString(ClientCertificates c) {
  switch (c) {
    case ClientCertificates::kNone:
      return "none";
    case ClientCertificates::kOptional:
      return "optional";
    case ClientCertificates::kRequired:
      return "required";
  }
  return "none";
}

std::string LastSslError() {
  const unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  if (e == 0) return "unknown TLS error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

Result<SSL_CTX*> MakeServerSslContext(const TlsSettings& s) {
  ERR_clear_error();
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) return Status::Internal("TLS: " + LastSslError());
  auto fail = [ctx](std::string what) -> Result<SSL_CTX*> {
    SSL_CTX_free(ctx);
    return Status::InvalidArgument(std::move(what));
  };
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE |
                               SSL_OP_NO_TICKET);
  if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1) {
    return fail("TLS cipher list: " + LastSslError());
  }
  if (SSL_CTX_use_certificate_chain_file(ctx, s.cert_file.c_str()) != 1) {
    return fail("TLS certificate " + s.cert_file + ": " + LastSslError());
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, s.key_file.c_str(), SSL_FILETYPE_PEM) !=
      1) {
    return fail("TLS key " + s.key_file + ": " + LastSslError());
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return fail("TLS key " + s.key_file + " does not match certificate " +
                s.cert_file);
  }
  if (s.client_certificates != ClientCertificates::kNone) {
    if (s.client_ca_file.empty()) {
      return fail("TLS: client certificates need a client_ca_file");
    }
    if (SSL_CTX_load_verify_locations(ctx, s.client_ca_file.c_str(), nullptr) !=
        1) {
      return fail("TLS client CA " + s.client_ca_file + ": " + LastSslError());
    }
    STACK_OF(X509_NAME)* names =
        SSL_load_client_CA_file(s.client_ca_file.c_str());
    if (names != nullptr) SSL_CTX_set_client_CA_list(ctx, names);
    int mode = SSL_VERIFY_PEER;
    if (s.client_certificates == ClientCertificates::kRequired) {
      mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    }
    SSL_CTX_set_verify(ctx, mode, nullptr);
    SSL_CTX_set_verify_depth(ctx, 4);
  }
  return ctx;
}

std::string PeerCertificateSubject(SSL* ssl) {
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (cert == nullptr) return "";
  std::string out;
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio != nullptr &&
      X509_NAME_print_ex(bio, X509_get_subject_name(cert), 0,
                         XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    if (n > 0) out.assign(data, static_cast<std::size_t>(n));
  }
  BIO_free(bio);
  X509_free(cert);
  return out;
}

}  // namespace iraed::net
