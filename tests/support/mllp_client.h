// File: tests/support/mllp_client.h
//
// A blocking HL7 v2 MLLP client over a real TCP socket for integration
// tests and the load generator (POSIX sockets via ProtoClient's connection;
// independent of the daemon's Asio and HL7 code).
#ifndef IRAED_TESTS_SUPPORT_MLLP_CLIENT_H_
#define IRAED_TESTS_SUPPORT_MLLP_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "support/proto_client.h"

namespace iraed::testing {

class MllpClient {
 public:
  static Result<std::unique_ptr<MllpClient>> Connect(std::uint16_t port);

  // Sends one message framed <VT>..<FS><CR>.
  Status Send(std::string_view message);
  // Sends bytes as they are.
  Status SendRaw(std::string_view bytes);
  // Reads one frame's payload; kUnavailable on timeout or EOF.
  Result<std::string> ReadFrame(
      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  bool WaitForClose(std::chrono::milliseconds timeout) {
    return conn_->WaitForClose(timeout);
  }

 private:
  explicit MllpClient(std::unique_ptr<ProtoClient> conn)
      : conn_(std::move(conn)) {}
  std::unique_ptr<ProtoClient> conn_;
  std::string buffer_;
};

// Segment `n` (0-based) of an HL7 message, split on CR.
std::string Segment(const std::string& message, std::size_t n);
// Field `f` of a segment split on '|' (MSH counted as HL7 does: MSH-1 '|').
std::string FieldOf(const std::string& segment, std::size_t f);

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_MLLP_CLIENT_H_
