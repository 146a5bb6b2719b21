// The HTTP listener over a real socket: methods, bodies and their limit,
// headers in and out, answers from other threads, a dropped answer, and
// server-sent event streams (delivery, a client that hangs up, Stop with
// answers still outstanding).
#include "http/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "support/wait_for.h"

namespace iraed::http {
namespace {

using namespace std::chrono_literals;

// A blocking client on one connection.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ =
        ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~Client() { Close(); }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  bool connected() const { return connected_; }

  void Send(const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
      const ssize_t n =
          ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }
  // Reads until `marker` has arrived (or the peer closes or 10 s pass).
  std::string ReadUntil(const std::string& marker) {
    while (buffer_.find(marker) == std::string::npos) {
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    const auto at = buffer_.find(marker);
    const std::size_t end =
        at == std::string::npos ? buffer_.size() : at + marker.size();
    std::string out = buffer_.substr(0, end);
    buffer_.erase(0, end);
    return out;
  }
  // One whole response with a Content-Length body.
  std::string ReadResponse() {
    std::string head = ReadUntil("\r\n\r\n");
    const auto cl = head.find("Content-Length: ");
    std::size_t length = 0;
    if (cl != std::string::npos) length = std::stoul(head.substr(cl + 16));
    while (buffer_.size() < length) {
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    std::string body = buffer_.substr(0, length);
    buffer_.erase(0, std::min(length, buffer_.size()));
    return head + body;
  }
  // True when the server closed the connection (recv returns 0).
  bool PeerClosed() {
    char c;
    return ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

std::string Get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + extra + "\r\n";
}

std::unique_ptr<HttpServer> Serve(Handler handler) {
  auto server = HttpServer::Start("127.0.0.1", 0, std::move(handler), 16);
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  return std::move(server).value();
}

TEST(HttpServerTest, RequestPartsReachTheHandler) {
  auto server = Serve(Immediate([](const Request& r) {
    return Response{200,
                    "text/plain",
                    r.method + "|" + std::string(r.Path()) + "|" +
                        std::string(r.Query()) + "|" +
                        std::string(r.Header("x-probe")) + "|" + r.peer + "|" +
                        (r.secure ? "tls" : "plain"),
                    {}};
  }));
  Client c(server->port());
  ASSERT_TRUE(c.connected());
  c.Send(Get("/a/b?x=1&y=2", "X-Probe: Hello\r\n"));
  const std::string res = c.ReadResponse();
  EXPECT_NE(res.find("HTTP/1.1 200"), std::string::npos) << res;
  EXPECT_NE(res.find("GET|/a/b|x=1&y=2|Hello|127.0.0.1|plain"),
            std::string::npos)
      << res;
  EXPECT_NE(res.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(res.find("Cache-Control: no-store"), std::string::npos);
  // Keep-alive: a second request on the same connection.
  c.Send(Get("/again"));
  EXPECT_NE(c.ReadResponse().find("GET|/again||"), std::string::npos);
}

TEST(HttpServerTest, PostBodyUpToTheLimitAndNoFurther) {
  auto server = Serve(Immediate([](const Request& r) {
    return Response{200, "text/plain", std::to_string(r.body.size()), {}};
  }));
  Client c(server->port());
  const std::string at_limit(std::size_t{16} * 1024, 'a');
  c.Send("POST /f HTTP/1.1\r\nHost: x\r\nContent-Length: " +
         std::to_string(at_limit.size()) + "\r\n\r\n" + at_limit);
  EXPECT_NE(c.ReadResponse().find("\r\n\r\n16384"), std::string::npos);

  Client over(server->port());
  const std::string too_big((std::size_t{16} * 1024) + 1, 'a');
  over.Send("POST /f HTTP/1.1\r\nHost: x\r\nContent-Length: " +
            std::to_string(too_big.size()) + "\r\n\r\n" + too_big);
  EXPECT_NE(over.ReadResponse().find("HTTP/1.1 413"), std::string::npos);
}

TEST(HttpServerTest, OtherMethodsAreRefused) {
  bool called = false;
  auto server = Serve(Immediate([&called](const Request&) {
    called = true;
    return Response{};
  }));
  Client c(server->port());
  c.Send("DELETE /x HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string res = c.ReadResponse();
  EXPECT_NE(res.find("HTTP/1.1 405"), std::string::npos) << res;
  EXPECT_NE(res.find("Allow: GET, HEAD, POST"), std::string::npos) << res;
  EXPECT_FALSE(called);
}

TEST(HttpServerTest, HeadersGivenReplaceTheServersOwn) {
  auto server = Serve(Immediate([](const Request&) {
    return Response{303,
                    "text/plain",
                    "",
                    {{"Location", "/board"},
                     {"Cache-Control", "private"},
                     {"Set-Cookie", "a=1"},
                     {"Set-Cookie", "b=2"}}};
  }));
  Client c(server->port());
  c.Send(Get("/"));
  const std::string res = c.ReadResponse();
  EXPECT_NE(res.find("HTTP/1.1 303"), std::string::npos);
  EXPECT_NE(res.find("Location: /board"), std::string::npos);
  EXPECT_NE(res.find("Cache-Control: private"), std::string::npos);
  EXPECT_EQ(res.find("no-store"), std::string::npos);
  EXPECT_NE(res.find("Set-Cookie: a=1\r\n"), std::string::npos);
  EXPECT_NE(res.find("Set-Cookie: b=2\r\n"), std::string::npos);
}

TEST(HttpServerTest, AnswersFromAnotherThread) {
  std::vector<std::thread> workers;
  std::mutex mu;
  auto server =
      Serve([&](const Request& r, const std::shared_ptr<Responder>& responder) {
        std::lock_guard<std::mutex> lock(mu);
        workers.emplace_back([r, responder] {
          std::this_thread::sleep_for(20ms);
          responder->Reply(Response{200, "text/plain", "late " + r.target, {}});
        });
      });
  Client c(server->port());
  c.Send(Get("/one"));
  EXPECT_NE(c.ReadResponse().find("late /one"), std::string::npos);
  c.Send(Get("/two"));
  EXPECT_NE(c.ReadResponse().find("late /two"), std::string::npos);
  std::lock_guard<std::mutex> lock(mu);
  for (auto& w : workers) w.join();
}

TEST(HttpServerTest, AResponderDroppedUnansweredAnswers500) {
  auto server = Serve([](const Request&, const std::shared_ptr<Responder>&) {});
  Client c(server->port());
  c.Send(Get("/lost"));
  EXPECT_NE(c.ReadResponse().find("HTTP/1.1 500"), std::string::npos);
}

TEST(HttpServerTest, AHandlerThatThrowsAnswers500) {
  auto server = Serve([](const Request&, const std::shared_ptr<Responder>&) {
    throw std::runtime_error("boom");
  });
  Client c(server->port());
  c.Send(Get("/boom"));
  EXPECT_NE(c.ReadResponse().find("HTTP/1.1 500"), std::string::npos);
}

TEST(HttpServerTest, EventStreamDeliversInOrderAndNoticesAHangUp) {
  std::mutex mu;
  std::shared_ptr<EventStream> stream;
  auto server =
      Serve([&](const Request&, const std::shared_ptr<Responder>& responder) {
        auto s = responder->ReplyEventStream({{"X-Accel-Buffering", "no"}});
        std::lock_guard<std::mutex> lock(mu);
        stream = s;
      });
  Client c(server->port());
  c.Send(Get("/events", "Accept: text/event-stream\r\n"));
  const std::string head = c.ReadUntil("\r\n\r\n");
  EXPECT_NE(head.find("HTTP/1.1 200"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Type: text/event-stream"), std::string::npos);
  EXPECT_NE(head.find("X-Accel-Buffering: no"), std::string::npos);
  EXPECT_EQ(head.find("Content-Length"), std::string::npos);
  std::shared_ptr<EventStream> s;
  {
    std::lock_guard<std::mutex> lock(mu);
    s = stream;
  }
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->Send("data: one\n\n"));
  EXPECT_TRUE(s->Send("data: two\n\n"));
  EXPECT_EQ(c.ReadUntil("two\n\n"), "data: one\n\ndata: two\n\n");
  EXPECT_TRUE(s->open());
  c.Close();
  EXPECT_TRUE(testing::WaitFor([&] { return !s->open(); }, 10s));
  EXPECT_FALSE(s->Send("data: three\n\n"));
}

TEST(HttpServerTest, ClosingAnEventStreamEndsTheConnection) {
  std::mutex mu;
  std::shared_ptr<EventStream> stream;
  auto server =
      Serve([&](const Request&, const std::shared_ptr<Responder>& responder) {
        auto s = responder->ReplyEventStream({});
        std::lock_guard<std::mutex> lock(mu);
        stream = s;
      });
  Client c(server->port());
  c.Send(Get("/events"));
  c.ReadUntil("\r\n\r\n");
  ASSERT_TRUE(testing::WaitFor(
      [&] {
        std::lock_guard<std::mutex> lock(mu);
        return stream != nullptr;
      },
      10s));
  std::lock_guard<std::mutex> lock(mu);
  stream->Send("data: last\n\n");
  stream->Close();
  EXPECT_EQ(c.ReadUntil("\n\n"), "data: last\n\n");
  EXPECT_TRUE(c.PeerClosed());
}

TEST(HttpServerTest, AnswersAfterStopAreDropped) {
  std::mutex mu;
  std::shared_ptr<Responder> kept;
  std::shared_ptr<EventStream> stream;
  auto server =
      Serve([&](const Request& r, const std::shared_ptr<Responder>& responder) {
        std::lock_guard<std::mutex> lock(mu);
        if (r.target == "/events") {
          stream = responder->ReplyEventStream({});
        } else {
          kept = responder;
        }
      });
  Client a(server->port());
  a.Send(Get("/wait"));
  Client b(server->port());
  b.Send(Get("/events"));
  b.ReadUntil("\r\n\r\n");
  ASSERT_TRUE(testing::WaitFor(
      [&] {
        std::lock_guard<std::mutex> lock(mu);
        return kept && stream;
      },
      10s));
  server->Stop();
  std::lock_guard<std::mutex> lock(mu);
  kept->Reply(Response{});  // no crash, no effect
  EXPECT_FALSE(stream->Send("data: x\n\n"));
  EXPECT_FALSE(stream->open());
  server.reset();
  kept.reset();  // dropped after the server is gone
}

}  // namespace
}  // namespace iraed::http
