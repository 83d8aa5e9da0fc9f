#pragma once
// bench_connection: one MQTT client connection of the load generator on a non-blocking socket.
//
// It connects (TCP, then CONNECT, then for a subscriber SUBSCRIBE), reads up to the loop's read
// buffer at a time and decodes every frame in it, answers the broker's half of the QoS 1/2 flows
// (PUBACK, PUBREC, PUBCOMP for received messages; PUBREL for its own), and hands messages and
// completed publishes to its owner, the loader. Everything it sends is appended to its output
// buffer and written by flush(), which the loader calls once per loop turn.

#include <cstdint>
#include <span>
#include <string>

#include "output_buffer.hpp"
#include "roost/mqtt/encode_into.hpp"
#include "roost/mqtt/frame_decoder.hpp"
#include "roost/mqtt/packets.hpp"
#include "run_state.hpp"

namespace roost::bench {

enum class role : std::uint8_t { publisher, subscriber, idle };

enum class link_state : std::uint8_t {
  waiting,           // not started
  tcp_connecting,    // connect() in progress
  awaiting_connack,  // CONNECT sent
  awaiting_suback,   // SUBSCRIBE sent (subscribers)
  ready,             // accepted (and subscribed)
  closing,           // DISCONNECT sent; waiting for the broker to close
  closed,            // done, after DISCONNECT or an error
};

class bench_connection;

// The loader's side of a connection's events.
class connection_owner {
 public:
  // The connection was accepted (CONNACK, and SUBACK for a subscriber).
  virtual void on_ready(bench_connection& c, std::int64_t now) = 0;
  // The connection ended on an error, already logged; it is closed. `while_connecting`: before it
  // was ready.
  virtual void on_failed(bench_connection& c, bool while_connecting) = 0;
  // A PUBLISH arrived (the acknowledgement is already queued).
  virtual void on_message(bench_connection& c, const mqtt::publish& p, std::int64_t now) = 0;
  // A publish of this connection completed: PUBACK (QoS 1) or PUBCOMP (QoS 2).
  virtual void on_released(bench_connection& c, std::uint16_t packet_id) = 0;
  // The connection has output to flush at the end of this turn.
  virtual void mark_dirty(bench_connection& c) = 0;
  // After disconnect() of a ready connection: the broker closed its side, or the wait was
  // abandoned; it is closed.
  virtual void on_closed(bench_connection& c) = 0;

 protected:
  ~connection_owner() = default;
};

// Who a connection is.
struct connection_identity {
  role kind = role::idle;
  std::uint32_t index = 0;         // among the connections of its role
  std::uint32_t global_index = 0;  // among all connections (picks the source address)
  std::uint32_t local = 0;         // the owner's own index of it
  std::string client_id;
  std::string filter;  // subscribers: the topic filter
};

class bench_connection {
 public:
  bench_connection(connection_owner& owner, run_state& run, int epoll_fd, connection_identity id);
  ~bench_connection();
  bench_connection(const bench_connection&) = delete;
  bench_connection& operator=(const bench_connection&) = delete;

  // Starts a non-blocking connect and queues CONNECT; `clean` is the clean-session flag. On
  // failure the error is logged, the owner told, and the connection is closed.
  void start(bool clean, std::int64_t now);
  // Handles epoll events; `read_buffer` is the loop's scratch buffer for one read().
  void on_events(std::uint32_t events, std::span<std::uint8_t> read_buffer, std::int64_t now);
  // Writes the output buffer with one send(); keeps what the socket did not take and asks for a
  // writable event then.
  void flush();
  // Sends DISCONNECT (when ready), then waits (state closing) for the broker to close first, so
  // TIME_WAIT stays on the broker's side and repeated runs do not use up local ports; on_closed()
  // follows. A connection not ready is closed at once, silently.
  void disconnect();
  // Closes the socket now; a closing connection reports on_closed().
  void abandon();
  // Queues PINGREQ when nothing was sent for `idle_ns`.
  void keep_alive(std::int64_t now, std::int64_t idle_ns);
  // Closes with an error when still connecting after `timeout_ns`.
  void check_connect_timeout(std::int64_t now, std::int64_t timeout_ns);

  // Appends an encoded packet to the output (any packet encode_into writes for this version).
  template <class Packet>
  void append(const Packet& p);
  // Appends a PUBLISH; false when the output already holds too much (the broker is not reading).
  bool append_publish(const mqtt::publish& p);
  bool congested() const { return _out.size() >= congestion_bytes; }

  const connection_identity& id() const { return _id; }
  link_state state() const { return _state; }
  bool is_dirty() const { return _dirty; }
  void clear_dirty() { _dirty = false; }
  // A persistent session to remove at the end, and then: the connection is that cleanup (clean
  // session, then DISCONNECT at CONNACK).
  bool needs_cleanup = false;
  bool cleaning = false;
  // MQTT 5: the broker's Receive Maximum from CONNACK (unacknowledged QoS 1/2 PUBLISHes allowed).
  std::uint16_t receive_maximum = 65'535;

  static constexpr std::size_t congestion_bytes = 1 << 20;

 private:
  void fail(const std::string& what);
  // MQTT 5: false (and an error logged) when acknowledgement `f` refuses the message.
  bool check_reason(const mqtt::frame& f, const char* what);
  void on_connected(std::int64_t now);
  void read_some(std::span<std::uint8_t> buffer, std::int64_t now);
  bool handle(const mqtt::frame& f, std::int64_t now);
  bool handle_connack(const mqtt::frame& f, std::int64_t now);
  bool handle_suback(const mqtt::frame& f, std::int64_t now);
  bool handle_publish(const mqtt::frame& f, std::int64_t now);
  void watch(std::uint32_t events);
  void close_socket();
  void queued();

  connection_owner& _owner;
  run_state& _run;
  int _epoll = -1;
  int _fd = -1;
  connection_identity _id;
  link_state _state = link_state::waiting;
  bool _clean = true;
  bool _dirty = false;
  bool _want_write = false;
  std::int64_t _started_ns = 0;
  std::int64_t _last_send_ns = 0;
  mqtt::frame_decoder _decoder;
  output_buffer _out;
};

// The small fixed-size packets: acknowledgements, PINGREQ, DISCONNECT (at most 4 bytes each).
template <class Packet>
void bench_connection::append(const Packet& p) {
  _out.commit(mqtt::encode_into(p, _out.prepare(8)));
  queued();
}

}  // namespace roost::bench
