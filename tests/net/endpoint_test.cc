#include "net/endpoint.h"

#include <gtest/gtest.h>

namespace iraed::net {
namespace {

TEST(EndpointTest, ParsesIpv4AndPortZero) {
  auto ep = ParseEndpoint("127.0.0.1:0");
  ASSERT_TRUE(ep.ok());
  EXPECT_EQ(ep->port(), 0);
  EXPECT_EQ(FormatEndpoint(*ParseEndpoint("10.1.2.3:7570")), "10.1.2.3:7570");
}

TEST(EndpointTest, ParsesBracketedIpv6AndLocalhost) {
  EXPECT_EQ(FormatEndpoint(*ParseEndpoint("[::1]:2575")), "[::1]:2575");
  EXPECT_EQ(FormatEndpoint(*ParseEndpoint("localhost:9")), "127.0.0.1:9");
}

TEST(EndpointTest, RejectsMalformedAddresses) {
  for (const char* bad :
       {"", "7570", ":7570", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1",
        "127.0.0.1:80x", "::1:80", "example.org:80", "300.1.1.1:80"}) {
    EXPECT_FALSE(ParseEndpoint(bad).ok()) << bad;
  }
  EXPECT_TRUE(ParseEndpoint("127.0.0.1:65535").ok());
}

}  // namespace
}  // namespace iraed::net
