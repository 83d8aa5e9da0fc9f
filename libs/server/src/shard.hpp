#pragma once
// A shard is one I/O thread's world: its io_context (run by exactly one thread, concurrency hint 1),
// the read buffer its connections share, and the connections that live on it.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "roost/broker/engine.hpp"

namespace roost::server {

namespace asio = boost::asio;

// Sockets are bound to their shard's io_context executor (no type-erased executor on the hot path).
using socket_type = asio::basic_stream_socket<asio::ip::tcp, asio::io_context::executor_type>;

// Anything that lives on a shard and must be told when the server goes away (see server::run).
class shard_resident {
 public:
  virtual ~shard_resident() = default;
  // Starts the connection; runs on its shard's thread.
  virtual void start() = 0;
  // The I/O threads have stopped and the connection did not close in time: close the socket and
  // tell the engine, if that has not happened. Runs on the thread that ran server::run.
  virtual void abandon() = 0;
  // A graceful shutdown began; runs on the shard's thread. Connections that the engine does not
  // close (close_all) and that have no timer of their own to notice close here, at once when idle
  // or after their current exchange. Default: nothing.
  virtual void shutting_down() {}
};

// What one gather write needs: the engine's batch and the buffer sequence pointing into it.
struct write_buffers {
  broker::outbound out;
  std::vector<asio::const_buffer> buffers;
};

struct shard {
  static constexpr std::size_t read_buffer_size = 64 * 1024;

  explicit shard(std::size_t i) : index(i) {}

  std::size_t index;
  // Declared first so it is destroyed last: pending handlers may still own sockets of this shard.
  asio::io_context io{1};
  // Every connection of the shard reads into this buffer and hands the bytes to the engine before
  // it reads again, so an idle connection owns no read buffer.
  std::unique_ptr<std::uint8_t[]> read_buffer{new std::uint8_t[read_buffer_size]};
  // Connections that have started and not yet finished; touched only on this shard's thread
  // (and by server::run after the threads have stopped).
  std::unordered_map<shard_resident*, std::shared_ptr<shard_resident>> residents;

  // Write buffers are lent to a connection while it writes and come back when it goes idle, so
  // a busy shard reuses their capacity instead of allocating per write, and an idle connection
  // holds none.
  std::unique_ptr<write_buffers> borrow_write() {
    if (spare_writes.empty()) return std::make_unique<write_buffers>();
    auto w = std::move(spare_writes.back());
    spare_writes.pop_back();
    return w;
  }
  void return_write(std::unique_ptr<write_buffers> w) {
    static constexpr std::size_t max_spares = 64;
    static constexpr std::size_t max_kept_capacity = 256 * 1024;
    if (!w || spare_writes.size() >= max_spares || w->out.headers.capacity() > max_kept_capacity) return;
    w->out.clear();
    w->buffers.clear();
    spare_writes.push_back(std::move(w));
  }
  std::vector<std::unique_ptr<write_buffers>> spare_writes;
};

// All shards plus the round-robin cursor used to place new connections.
class shard_set {
 public:
  explicit shard_set(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) _shards.push_back(std::make_unique<shard>(i));
  }

  ~shard_set() { destroy(); }
  shard_set(const shard_set&) = delete;
  shard_set& operator=(const shard_set&) = delete;

  shard& at(std::size_t i) { return *_shards[i]; }
  std::size_t size() const { return _shards.size(); }

  // The shard for the next accepted connection. Only called on shard 0's thread.
  shard& next() {
    shard& s = *_shards[_next];
    _next = (_next + 1) % _shards.size();
    return s;
  }

 private:
  // Destroys the shards in index order: shard 0 first, because its queue may hold accepted sockets
  // that belong to the others.
  void destroy() {
    for (auto& s : _shards) s.reset();
    _shards.clear();
  }

  std::vector<std::unique_ptr<shard>> _shards;
  std::size_t _next = 0;
};

}  // namespace roost::server
