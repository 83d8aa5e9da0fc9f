#pragma once
// Turning configured host names into endpoints and endpoints back into text for logs.

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

namespace roost::server {

// "127.0.0.1:1883", "[::1]:1883", "localhost:1883": IPv6 addresses (any host with ':') in brackets.
std::string host_port(std::string_view host, std::uint16_t port);

// host_port() of an endpoint.
std::string to_string(const boost::asio::ip::tcp::endpoint& e);

// The numeric address without brackets: "127.0.0.1", "::1".
std::string address_text(const boost::asio::ip::tcp::endpoint& e);

// `host` as an endpoint: a numeric IPv4/IPv6 address (brackets allowed) or a name resolved now
// (first result). Sets `ec` on failure.
boost::asio::ip::tcp::endpoint resolve_endpoint(const std::string& host, std::uint16_t port,
                                                boost::system::error_code& ec);

}  // namespace roost::server
