// File: net/endpoint.h
//
// Parsing of listen addresses written as HOST:PORT ("127.0.0.1:7570",
// "[::1]:0", "localhost:7570"). HOST must be an IP literal or "localhost";
// names are not resolved, so a listener never binds somewhere unexpected.
#ifndef IRAED_NET_ENDPOINT_H_
#define IRAED_NET_ENDPOINT_H_

#include <asio/ip/tcp.hpp>
#include <string>
#include <string_view>

#include "common/status.h"

namespace iraed::net {

Result<asio::ip::tcp::endpoint> ParseEndpoint(std::string_view text);

// "127.0.0.1:7570" or "[::1]:7570".
std::string FormatEndpoint(const asio::ip::tcp::endpoint& ep);

}  // namespace iraed::net

#endif  // IRAED_NET_ENDPOINT_H_
