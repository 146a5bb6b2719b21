// File: tests/support/proto_client.h
//
// A blocking client of the native protocol over a real TCP socket, for
// integration tests and the load generator. Plain POSIX sockets, so it is
// independent of the daemon's Asio code.
#ifndef IRAED_TESTS_SUPPORT_PROTO_CLIENT_H_
#define IRAED_TESTS_SUPPORT_PROTO_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "iraed/v1/ingest.pb.h"

struct ssl_st;
struct ssl_ctx_st;

namespace iraed::testing {

class ProtoClient {
 public:
  // Connects to 127.0.0.1:port (TCP_NODELAY). With `tls_ca_file`, talks
  // TLS (OpenSSL, blocking) to a server whose certificate chains to it and
  // names 127.0.0.1.
  static Result<std::unique_ptr<ProtoClient>> Connect(
      std::uint16_t port, const std::string& tls_ca_file = "");
  ~ProtoClient();
  ProtoClient(const ProtoClient&) = delete;
  ProtoClient& operator=(const ProtoClient&) = delete;

  // Writes the varint length and the serialized envelope.
  Status Send(const iraed::v1::Envelope& envelope);
  // Writes bytes as they are.
  Status SendRaw(std::string_view bytes);
  // Reads one length-delimited Ack; kUnavailable on timeout or when the
  // server closed the connection.
  Result<iraed::v1::Ack> ReadAck(
      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // True when the server closes the connection (EOF) within `timeout`;
  // any bytes still arriving are discarded.
  bool WaitForClose(std::chrono::milliseconds timeout);
  // Half-closes the sending side.
  void ShutdownWrite();
  int fd() const { return fd_; }

 private:
  explicit ProtoClient(int fd) : fd_(fd) {}
  Status StartTls(const std::string& ca_file);
  // Fills buffer_ until it holds `n` bytes.
  Status FillTo(std::size_t n, std::chrono::steady_clock::time_point deadline);

  int fd_;
  ssl_ctx_st* tls_ctx_ = nullptr;  // OpenSSL's SSL_CTX; null: plain TCP
  ssl_st* tls_ = nullptr;          // OpenSSL's SSL
  std::string buffer_;
};

// The delimited frame (varint length + bytes) of `envelope`.
std::string Frame(const iraed::v1::Envelope& envelope);
std::string Frame(std::string_view payload);

// An envelope with `count` numeric observations of one patient, all final,
// observed at `observed_at_seconds`: LOINC 1742-6 (ALT) values 20, 21, ...
iraed::v1::Envelope ObservationEnvelope(
    const std::string& message_id, const std::string& source,
    const std::string& patient_id, int count,
    std::int64_t observed_at_seconds = 1790000000);

// A therapy event from source "pharmacy" for patient `patient_id` of
// TESTHOSP: `kind` with product display name `product`, at
// `administered_at_seconds`; event id = message id.
iraed::v1::Envelope TherapyEnvelope(const std::string& message_id,
                                    const std::string& patient_id,
                                    iraed::v1::TherapyKind kind,
                                    const std::string& product,
                                    std::int64_t administered_at_seconds);

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_PROTO_CLIENT_H_
