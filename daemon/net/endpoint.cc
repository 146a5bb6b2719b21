#include "net/endpoint.h"

#include <charconv>

namespace iraed::net {

Result<asio::ip::tcp::endpoint> ParseEndpoint(std::string_view text) {
  // Built with += : GCC 12 at -O3 warns falsely (-Wrestrict, GCC bug
  // 105329) on "literal" + std::string.
  std::string shown = "'";
  shown += text;
  shown += "'";
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Status::InvalidArgument(shown + " is not HOST:PORT");
  }
  std::string_view host = text.substr(0, colon);
  std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(),
                                   port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() ||
      end != port_text.data() + port_text.size() || port > 65535) {
    return Status::InvalidArgument(shown + ": port must be 0..65535");
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return Status::InvalidArgument(shown +
                                   ": write IPv6 addresses as [ADDRESS]:PORT");
  }
  if (host == "localhost") host = "127.0.0.1";
  asio::error_code error;
  auto address = asio::ip::make_address(std::string(host), error);
  if (error) {
    return Status::InvalidArgument(shown +
                                   ": host must be an IP address or localhost");
  }
  return asio::ip::tcp::endpoint(address, static_cast<unsigned short>(port));
}

std::string FormatEndpoint(const asio::ip::tcp::endpoint& ep) {
  const auto address = ep.address();
  std::string host = address.to_string();
  if (address.is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(ep.port());
}

}  // namespace iraed::net
