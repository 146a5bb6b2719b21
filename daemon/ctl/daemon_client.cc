#include "ctl/daemon_client.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "common/clock.h"
#include "ctl/client_tls.h"
#include "ingest/delimited_frame.h"

namespace iraed::ctl {

namespace {

// Closes the descriptor when the scope ends.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

ClientTls& ProcessTls() {
  static ClientTls* tls = new ClientTls();
  return *tls;
}

// The host part of HOST:PORT ("[::1]:7570" -> "::1").
std::string HostOf(const std::string& host_port) {
  std::string host = host_port.substr(0, host_port.rfind(':'));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return host;
}

bool IsLoopbackHost(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

Result<int> ConnectTo(const std::string& host_port,
                      std::chrono::milliseconds timeout) {
  const std::size_t colon = host_port.rfind(':');
  if (colon == std::string::npos || colon == 0 ||
      colon + 1 == host_port.size()) {
    return Status::InvalidArgument("--connect needs HOST:PORT, got '" +
                                   host_port + "'");
  }
  std::string host = host_port.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = host_port.substr(colon + 1);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found);
      rc != 0) {
    return Status::Unavailable("cannot resolve " + host_port + ": " +
                               ::gai_strerror(rc));
  }
  std::string last_error = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd =
        ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
      ::freeaddrinfo(found);
      return fd;
    }
    last_error = std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return Status::Unavailable("cannot connect to iraed at " + host_port + ": " +
                             last_error);
}

std::string& ProcessAuthToken() {
  static std::string* token = new std::string();
  return *token;
}

}  // namespace

void SetClientTls(ClientTls tls) { ProcessTls() = std::move(tls); }

void SetClientAuthToken(std::string token) {
  ProcessAuthToken() = std::move(token);
}

std::string NewMessageId() {
  static std::atomic<unsigned> counter{0};
  return "iraectl-" + std::to_string(RealClock().NowMillis()) + "-" +
         std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

std::string CommandSource() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string("iraectl@") + (host[0] ? host : "localhost");
}

Result<iraed::v1::Ack> SendToDaemon(const std::string& host_port,
                                    const iraed::v1::Envelope& envelope,
                                    std::chrono::milliseconds timeout) {
  ASSIGN_OR_RETURN(int raw_fd, ConnectTo(host_port, timeout));
  Fd fd(raw_fd);
  std::string frame;
  if (!ProcessAuthToken().empty() && !ProcessTls().enabled() &&
      !IsLoopbackHost(HostOf(host_port))) {
    return Status::InvalidArgument(
        "refusing to send an API token in clear to " + host_port +
        ": use --tls-ca (the daemon's proto_listener.tls)");
  }
  if (ProcessAuthToken().empty()) {
    ingest::AppendDelimited(envelope.SerializeAsString(), frame);
  } else {
    iraed::v1::Envelope with_token = envelope;
    with_token.set_auth_token(ProcessAuthToken());
    ingest::AppendDelimited(with_token.SerializeAsString(), frame);
  }
  std::unique_ptr<TlsConnection> tls;
  if (ProcessTls().enabled()) {
    ASSIGN_OR_RETURN(tls, TlsConnection::Connect(fd.get(), HostOf(host_port),
                                                 ProcessTls(), timeout));
    RETURN_IF_ERROR(tls->WriteAll(frame));
  }
  std::string_view out = tls ? std::string_view() : std::string_view(frame);
  while (!out.empty()) {
    ssize_t n = ::send(fd.get(), out.data(), out.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Unavailable(std::string("send: ") + std::strerror(errno));
    }
    out.remove_prefix(static_cast<std::size_t>(n));
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string in;
  for (;;) {
    auto h = ingest::ParseFrameHeader(in, 1 << 20);
    if (h.kind == ingest::FrameHeader::Kind::kFrame &&
        in.size() >= h.header_bytes + h.payload_bytes) {
      iraed::v1::Ack ack;
      if (!ack.ParseFromArray(in.data() + h.header_bytes,
                              static_cast<int>(h.payload_bytes))) {
        return Status::DataLoss("iraed sent an undecodable Ack");
      }
      return ack;
    }
    if (h.kind != ingest::FrameHeader::Kind::kNeedMore &&
        h.kind != ingest::FrameHeader::Kind::kFrame) {
      return Status::DataLoss("iraed sent a bad frame header");
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return Status::Unavailable("iraed did not answer within the timeout");
    }
    if (tls) {
      char chunk[4096];
      ASSIGN_OR_RETURN(std::size_t got, tls->Read(chunk, sizeof chunk, left));
      if (got == 0) {
        return Status::Unavailable(
            "iraed closed the connection without an Ack");
      }
      in.append(chunk, got);
      continue;
    }
    pollfd p{fd.get(), POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    char chunk[4096];
    ssize_t got = ::recv(fd.get(), chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      return Status::Unavailable("iraed closed the connection without an Ack");
    }
    in.append(chunk, static_cast<std::size_t>(got));
  }
}

std::string DescribeAck(const iraed::v1::Ack& ack) {
  switch (ack.status()) {
    case iraed::v1::ACK_STATUS_ACCEPTED:
      return "accepted";
    case iraed::v1::ACK_STATUS_DUPLICATE:
      return "duplicate (already applied)";
    case iraed::v1::ACK_STATUS_REJECTED:
      return "rejected: " + ack.reason();
    case iraed::v1::ACK_STATUS_UNAVAILABLE:
      return "unavailable: " + ack.reason();
    default:
      return "unexpected answer: " + ack.reason();
  }
}

bool AckStored(const iraed::v1::Ack& ack) {
  return ack.status() == iraed::v1::ACK_STATUS_ACCEPTED ||
         ack.status() == iraed::v1::ACK_STATUS_DUPLICATE;
}

}  // namespace iraed::ctl
