#pragma once
// What every connection adapter does to a freshly accepted socket, and how it closes one.

#include <optional>
#include <string>

#include <boost/system/error_code.hpp>

#include "endpoint.hpp"
#include "shard.hpp"

namespace roost::server {

// The peer's address as text ("127.0.0.1:50312"), with TCP_NODELAY set as configured and the
// socket non-blocking (reads use read_some after async_wait). Nullopt when the peer is gone.
inline std::optional<std::string> prepare_socket(socket_type& socket, bool tcp_nodelay) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return std::nullopt;
  socket.set_option(asio::ip::tcp::no_delay(tcp_nodelay), ec);
  socket.non_blocking(true, ec);
  return to_string(remote);
}

enum class read_outcome { data, again, closed };

// After async_wait(readable) completed with `waited`: reads what the socket has into the shard's
// shared buffer. `data`: `n` bytes are at home.read_buffer; `again`: nothing after all (wait
// again); `closed`: the wait failed, EOF or an error (finish the connection).
inline read_outcome read_into_shard(const boost::system::error_code& waited, socket_type& socket, shard& home,
                                    std::size_t& n) {
  if (waited) return read_outcome::closed;
  boost::system::error_code ec;
  n = socket.read_some(asio::buffer(home.read_buffer.get(), shard::read_buffer_size), ec);
  if (ec == asio::error::would_block || ec == asio::error::try_again) return read_outcome::again;
  return ec ? read_outcome::closed : read_outcome::data;
}

// Shuts down and closes, ignoring errors (the peer may already be gone).
inline void close_quietly(socket_type& socket) {
  boost::system::error_code ignored;
  socket.shutdown(socket_type::shutdown_both, ignored);
  socket.close(ignored);
}

}  // namespace roost::server
