// The one source of roost::auth that speaks HTTP (Beast over Asio). Each request runs on its own
// short-lived io_context, so the caller's thread does the work and the timeout is exact.

#include "roost/auth/http_post.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/dynamic_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <charconv>

namespace roost::auth {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::size_t max_reply_body = 64 * 1024;

// One exchange; every step is asynchronous so that io_context::run_for bounds the whole of it.
class exchange {
 public:
  exchange(asio::io_context& io, const http_url& url, std::string_view body)
      : _resolver(io), _stream(io), _url(url) {
    _request.method(http::verb::post);
    _request.target(url.target);
    _request.version(11);
    _request.set(http::field::host, url.host);
    _request.set(http::field::content_type, "application/json");
    _request.set(http::field::user_agent, "roost");
    _request.set(http::field::connection, "close");
    _request.body() = std::string(body);
    _request.prepare_payload();
    _parser.body_limit(max_reply_body);
  }

  void start() {
    _resolver.async_resolve(_url.host, std::to_string(_url.port),
                            [this](beast::error_code ec, const tcp::resolver::results_type& endpoints) {
                              if (ec) return failed("cannot resolve " + _url.host + ": " + ec.message());
                              _stream.async_connect(endpoints, [this](beast::error_code c, const tcp::endpoint&) {
                                if (c) return failed("cannot connect: " + c.message());
                                send();
                              });
                            });
  }

  http_reply& reply() { return _reply; }

 private:
  void send() {
    http::async_write(_stream, _request, [this](beast::error_code ec, std::size_t) {
      if (ec) return failed("cannot send: " + ec.message());
      http::async_read(_stream, _buffer, _parser, [this](beast::error_code r, std::size_t) {
        if (r) return failed("no valid response: " + r.message());
        _reply.status = static_cast<int>(_parser.get().result_int());
        _reply.body = std::move(_parser.get().body());
        beast::error_code ignored;
        _stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      });
    });
  }

  void failed(std::string why) {
    _reply.status = 0;
    _reply.error = std::move(why);
  }

  tcp::resolver _resolver;
  beast::tcp_stream _stream;
  const http_url& _url;
  http::request<http::string_body> _request;
  beast::flat_buffer _buffer;
  http::response_parser<http::string_body> _parser;
  http_reply _reply;
};

}  // namespace

result<http_url, error> parse_http_url(std::string_view url) {
  constexpr std::string_view scheme = "http://";
  if (!url.starts_with(scheme)) return fail(error{"", 0, "the hook URL must start with http://"});
  url.remove_prefix(scheme.size());
  http_url out;
  const auto slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  out.target = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return fail(error{"", 0, "unterminated [IPv6] address in the hook URL"});
    out.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (authority.starts_with(':')) port = authority.substr(1);
    else if (!authority.empty()) return fail(error{"", 0, "unexpected text after ] in the hook URL"});
  } else {
    const auto colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) return fail(error{"", 0, "the hook URL has no host"});
  if (!port.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return fail(error{"", 0, "bad port in the hook URL: " + std::string(port)});
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  return out;
}

http_reply post_json(const http_url& url, std::string_view body, duration timeout) {
  asio::io_context io{1};
  exchange x{io, url, body};
  x.start();
  io.run_for(timeout);
  if (!io.stopped()) {
    io.stop();
    return http_reply{0, {}, "no answer within the timeout"};
  }
  return std::move(x.reply());
}

}  // namespace roost::auth
