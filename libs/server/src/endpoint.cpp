#include "endpoint.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>

namespace roost::server {

namespace asio = boost::asio;

std::string address_text(const asio::ip::tcp::endpoint& e) {
  return e.address().to_string();
}

std::string host_port(std::string_view host, std::uint16_t port) {
  const bool bracket = host.find(':') != std::string_view::npos && !host.starts_with('[');
  std::string out;
  if (bracket) out += '[';
  out += host;
  if (bracket) out += ']';
  return out + ":" + std::to_string(port);
}

std::string to_string(const asio::ip::tcp::endpoint& e) {
  return host_port(address_text(e), e.port());
}

asio::ip::tcp::endpoint resolve_endpoint(const std::string& host, std::uint16_t port,
                                         boost::system::error_code& ec) {
  std::string bare = host;
  if (bare.size() >= 2 && bare.front() == '[' && bare.back() == ']') bare = bare.substr(1, bare.size() - 2);

  ec.clear();
  const auto address = asio::ip::make_address(bare, ec);
  if (!ec) return {address, port};

  // Not a numeric address: a host name, resolved once at start.
  asio::io_context io{1};
  asio::ip::tcp::resolver resolver{io};
  const auto results = resolver.resolve(bare, std::to_string(port), asio::ip::tcp::resolver::passive, ec);
  if (ec) return {};
  if (results.empty()) {
    ec = asio::error::host_not_found;
    return {};
  }
  return results.begin()->endpoint();
}

}  // namespace roost::server
