#include "support/proto_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ingest/delimited_frame.h"

namespace iraed::testing {

Result<std::unique_ptr<ProtoClient>> ProtoClient::Connect(
    std::uint16_t port, const std::string& tls_ca_file) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::Unavailable(std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    int err = errno;
    ::close(fd);
    return Status::Unavailable(std::string("connect: ") + std::strerror(err));
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  std::unique_ptr<ProtoClient> client(new ProtoClient(fd));
  if (!tls_ca_file.empty()) RETURN_IF_ERROR(client->StartTls(tls_ca_file));
  return client;
}

Status ProtoClient::StartTls(const std::string& ca_file) {
  tls_ctx_ = SSL_CTX_new(TLS_client_method());
  if (tls_ctx_ == nullptr ||
      SSL_CTX_load_verify_locations(tls_ctx_, ca_file.c_str(), nullptr) != 1) {
    return Status::Unavailable("TLS: cannot load " + ca_file);
  }
  SSL_CTX_set_verify(tls_ctx_, SSL_VERIFY_PEER, nullptr);
  tls_ = SSL_new(tls_ctx_);
  if (tls_ == nullptr || SSL_set_fd(tls_, fd_) != 1 ||
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(tls_), "127.0.0.1") != 1) {
    return Status::Unavailable("TLS: cannot set up a session");
  }
  if (SSL_connect(tls_) != 1) {
    char why[256] = "handshake failed";
    if (unsigned long e = ERR_get_error(); e != 0) {
      ERR_error_string_n(e, why, sizeof why);
    }
    return Status::Unavailable(std::string("TLS: ") + why);
  }
  return Status::Ok();
}

ProtoClient::~ProtoClient() {
  if (tls_ != nullptr) SSL_free(tls_);
  if (tls_ctx_ != nullptr) SSL_CTX_free(tls_ctx_);
  if (fd_ >= 0) ::close(fd_);
}

Status ProtoClient::Send(const iraed::v1::Envelope& envelope) {
  return SendRaw(Frame(envelope));
}

Status ProtoClient::SendRaw(std::string_view bytes) {
  while (!bytes.empty() && tls_ != nullptr) {
    const int n = SSL_write(tls_, bytes.data(), static_cast<int>(bytes.size()));
    if (n <= 0) return Status::Unavailable("TLS write failed");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Unavailable(std::string("send: ") + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

Status ProtoClient::FillTo(std::size_t n,
                           std::chrono::steady_clock::time_point deadline) {
  char chunk[65536];
  while (buffer_.size() < n) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Status::Unavailable("timed out");
    if (tls_ == nullptr || SSL_pending(tls_) == 0) {
      pollfd p{fd_, POLLIN, 0};
      int r = ::poll(&p, 1, static_cast<int>(left.count()));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return Status::Unavailable("timed out");
    }
    if (tls_ != nullptr) {
      // Blocking: a record that arrives in parts is waited for.
      const int got = SSL_read(tls_, chunk, sizeof chunk);
      if (got <= 0) return Status::Unavailable("connection closed by server");
      buffer_.append(chunk, static_cast<std::size_t>(got));
      continue;
    }
    ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::Unavailable(std::string("recv: ") + std::strerror(errno));
    }
    if (got == 0) return Status::Unavailable("connection closed by server");
    buffer_.append(chunk, static_cast<std::size_t>(got));
  }
  return Status::Ok();
}

Result<iraed::v1::Ack> ProtoClient::ReadAck(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto h = ingest::ParseFrameHeader(buffer_, 1 << 20);
    if (h.kind == ingest::FrameHeader::Kind::kFrame) {
      iraed::v1::Ack ack;
      if (!ack.ParseFromArray(buffer_.data() + h.header_bytes,
                              static_cast<int>(h.payload_bytes))) {
        return Status::DataLoss("server sent an undecodable Ack");
      }
      buffer_.erase(0, h.header_bytes + h.payload_bytes);
      return ack;
    }
    if (h.kind != ingest::FrameHeader::Kind::kNeedMore) {
      return Status::DataLoss("server sent a bad frame header");
    }
    RETURN_IF_ERROR(FillTo(buffer_.size() + 1, deadline));
  }
}

bool ProtoClient::WaitForClose(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    Status s = FillTo(buffer_.size() + 1, deadline);
    if (s.ok()) {
      buffer_.clear();
      continue;
    }
    return s.message() == "connection closed by server" ||
           s.message().rfind("recv:", 0) == 0;
  }
}

void ProtoClient::ShutdownWrite() { ::shutdown(fd_, SHUT_WR); }

std::string Frame(std::string_view payload) {
  std::string out;
  ingest::AppendDelimited(payload, out);
  return out;
}

std::string Frame(const iraed::v1::Envelope& envelope) {
  return Frame(envelope.SerializeAsString());
}

iraed::v1::Envelope ObservationEnvelope(const std::string& message_id,
                                        const std::string& source,
                                        const std::string& patient_id,
                                        int count,
                                        std::int64_t observed_at_seconds) {
  iraed::v1::Envelope env;
  env.set_message_id(message_id);
  env.set_source(source);
  env.mutable_sent_at()->set_seconds(observed_at_seconds + 60);
  auto* batch = env.mutable_observations();
  batch->mutable_patient()->set_id(patient_id);
  batch->mutable_patient()->set_assigning_authority("TESTHOSP");
  batch->mutable_patient()->set_id_type("MR");
  for (int i = 0; i < count; ++i) {
    auto* o = batch->add_observations();
    o->mutable_code()->set_system("LN");
    o->mutable_code()->set_code("1742-6");
    o->mutable_code()->set_display("ALT SerPl-cCnc");
    o->set_numeric(20 + i);
    o->set_unit("U/L");
    o->mutable_reference_range()->set_low(7);
    o->mutable_reference_range()->set_high(56);
    o->mutable_reference_range()->set_text("7-56");
    o->set_abnormal_flag("N");
    o->set_status(iraed::v1::RESULT_STATUS_FINAL);
    o->mutable_observed_at()->set_seconds(observed_at_seconds);
    o->set_result_id(message_id + "-" + std::to_string(i));
  }
  return env;
}

iraed::v1::Envelope TherapyEnvelope(const std::string& message_id,
                                    const std::string& patient_id,
                                    iraed::v1::TherapyKind kind,
                                    const std::string& product,
                                    std::int64_t administered_at_seconds) {
  iraed::v1::Envelope env;
  env.set_message_id(message_id);
  env.set_source("pharmacy");
  auto* t = env.mutable_therapy_event();
  t->mutable_patient()->set_id(patient_id);
  t->mutable_patient()->set_assigning_authority("TESTHOSP");
  t->set_kind(kind);
  t->mutable_product()->set_display(product);
  t->mutable_administered_at()->set_seconds(administered_at_seconds);
  t->set_event_id(message_id);
  return env;
}

}  // namespace iraed::testing
