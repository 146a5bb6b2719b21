#include "support/mllp_client.h"

#include <poll.h>
#include <unistd.h>

#include <vector>

namespace iraed::testing {

Result<std::unique_ptr<MllpClient>> MllpClient::Connect(std::uint16_t port) {
  ASSIGN_OR_RETURN(std::unique_ptr<ProtoClient> conn,
                   ProtoClient::Connect(port));
  return std::unique_ptr<MllpClient>(new MllpClient(std::move(conn)));
}

Status MllpClient::Send(std::string_view message) {
  std::string frame;
  frame.push_back('\x0b');
  frame.append(message);
  frame.push_back('\x1c');
  frame.push_back('\x0d');
  return conn_->SendRaw(frame);
}

Status MllpClient::SendRaw(std::string_view bytes) {
  return conn_->SendRaw(bytes);
}

Result<std::string> MllpClient::ReadFrame(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::size_t start = buffer_.find('\x0b');
    if (start != std::string::npos) {
      const std::size_t end = buffer_.find("\x1c\x0d", start);
      if (end != std::string::npos) {
        std::string payload = buffer_.substr(start + 1, end - start - 1);
        buffer_.erase(0, end + 2);
        return payload;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Status::Unavailable("no frame in time");
    pollfd p{conn_->fd(), POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
      return Status::Unavailable("no frame in time");
    }
    char chunk[65536];
    const ssize_t n = ::read(conn_->fd(), chunk, sizeof chunk);
    if (n <= 0) return Status::Unavailable("connection closed");
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::string Segment(const std::string& message, std::size_t n) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    start = message.find('\r', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  const std::size_t end = message.find('\r', start);
  return message.substr(
      start, end == std::string::npos ? std::string::npos : end - start);
}

std::string FieldOf(const std::string& segment, std::size_t f) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = segment.find('|', start);
    parts.push_back(segment.substr(
        start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  if (segment.rfind("MSH", 0) == 0) {
    if (f == 1) return "|";
    f -= 1;
  }
  return f < parts.size() ? parts[f] : "";
}

}  // namespace iraed::testing
