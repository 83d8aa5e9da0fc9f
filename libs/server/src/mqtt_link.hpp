#pragma once
// What the MQTT adapters (over TCP, TLS and WebSocket) share: the engine's side of one connection.
//
//   opening:  the transport is ready -> open_with_engine(remote): shard resident, engine.open
//   reading:  the transport reads bytes -> received() -> engine.receive
//   writing:  wake() -> post to the shard -> engine.pull into `outbound` -> write_batch() (one
//             write of every piece) -> written() -> engine.wrote -> pull again while the engine
//             says `more` or woke us meanwhile
//   closing:  the engine's close, once its last bytes are written -> end() (the transport's
//             goodbye, if it has one, then finish()); EOF or an error -> finish(): transport
//             closed, engine.closed, exactly once
//
// Everything but wake() and close() runs on the connection's shard thread. Those two are called by
// the engine from any thread while it holds its lock, so they only set a flag and post.

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>

#include "roost/broker/engine.hpp"
#include "server_context.hpp"
#include "shard.hpp"

namespace roost::server {

class mqtt_link : public shard_resident, public broker::link, public std::enable_shared_from_this<mqtt_link> {
 public:
  // Bytes asked of the engine per write.
  static constexpr std::size_t write_budget = 64 * 1024;

  // Closes the transport and tells the engine, if that has not happened.
  void abandon() override;

  // Thread-safe; only posts a pull to the connection's shard.
  void wake() override;
  // Thread-safe; the connection writes what the engine still has, then closes.
  void close() override;

 protected:
  // `binding` (the listener's authenticator and topic profile) must outlive the connection.
  mqtt_link(server_context& context, shard& home, broker::listener_binding binding);

  // Makes the connection a resident of its shard (idempotent): from now on a forced stop reaches it.
  void reside();

  // Resides and opens the connection with the engine under `remote` ("127.0.0.1:51234"), with
  // `identity` (a verified TLS client certificate's name; empty: none) as its user name. False
  // when a shutdown began meanwhile (close_all could not reach it): the connection is then finished.
  bool open_with_engine(std::string remote, std::string identity = {});

  // Hands bytes read from the transport to the engine. Returns whether to read on (false once the
  // engine asked to close).
  bool received(mqtt::byte_view bytes);

  // Whether reading should stop: the connection is finished or ending, or the engine asked to close.
  bool stopped_reading() const;

  // The transport completed the write that write_batch() started.
  void written(const boost::system::error_code& ec, std::size_t n);

  // Closes the transport and reports the connection closed to the engine; only the first call
  // counts. The caller must hold a reference to the connection (a handler's `self`).
  void finish();

  bool finished() const { return _finished; }

  // The transport's part. write_batch: write `buffers` (valid until written() is called), then
  // call written(). close_transport: close at once, no goodbye. end: the engine is done and all is
  // written; say goodbye (a WebSocket close frame) and finish(); the default finishes at once.
  virtual void write_batch(const std::vector<boost::asio::const_buffer>& buffers) = 0;
  virtual void close_transport() = 0;
  virtual void end();

  // shared_from_this() as the derived type.
  template <class Derived>
  std::shared_ptr<Derived> self_as() {
    return std::static_pointer_cast<Derived>(shared_from_this());
  }

  server_context& _context;
  shard& _home;
  std::string _remote;

 private:
  void post_wake();
  void on_wake();
  // Pulls one batch from the engine and hands it to write_batch().
  void flush();
  // end(), once.
  void begin_end();

  broker::listener_binding _binding;
  std::shared_ptr<broker::connection> _conn;
  std::unique_ptr<write_buffers> _write;  // borrowed from the shard while there is output
  broker::pull_status _writing_status = broker::pull_status::idle;
  std::atomic<bool> _wake_posted{false};
  std::atomic<bool> _close_requested{false};
  bool _writing = false;
  bool _woken_while_writing = false;
  bool _ending = false;
  bool _finished = false;
};

}  // namespace roost::server
