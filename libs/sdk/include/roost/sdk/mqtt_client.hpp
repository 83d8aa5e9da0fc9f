#pragma once
// mqtt_client: a Sans-I/O MQTT 3.1.1 (and 3.1) client for devices, tools and tests.
//
//   roost::sdk::heap_memory mem{4096, 4096, 16384};          // or caller buffers (no heap at all)
//   roost::sdk::client_config cfg;
//   cfg.host = "cloud.local"; cfg.port = 9501; cfg.client_id = key;
//   roost::sdk::mqtt_client client{cfg, mem.view(), handler};
//   client.subscribe("ledctrl", 1);                           // remembered, sent once connected
//   client.start(clock.now_ms());
//   roost::sdk::driver d{client, transport, clock, scratch};
//   for (;;) d.run_once(1000);                                // handler.on_event(...) fires inside
//
// Behaviour (the contract the tests check):
// - Connects with client id, optional username/password and will; keep-alive by PINGREQ when
//   nothing was sent for keep_alive seconds; no PINGRESP (or CONNACK) in time closes the stream.
// - QoS 0, 1 and 2 both ways with the complete flows (PUBACK; PUBREC/PUBREL/PUBCOMP).
// - Reconnects by itself with exponential backoff and jitter (reconnect_min_ms doubling up to
//   reconnect_max_ms, each wait drawn uniformly in [wait/2, wait]); the backoff resets once a
//   CONNACK accepts the session.
// - Subscriptions are remembered and sent again after every reconnect that does not resume a session.
// - Outbox: QoS 1/2 publishes stay until acknowledged, across reconnects, and are re-sent with DUP
//   (a PUBREL that was sent is re-sent as PUBREL). The outbox shares `store` memory with the
//   subscriptions and the offline queue.
// - In-flight window: at most max_inflight QoS 1/2 messages are sent and not yet acknowledged
//   (0 = no limit). A QoS 1/2 publish beyond the window is taken and waits; every later message,
//   QoS 0 included, waits behind it, so messages always go out in the order they were published.
//   Each PUBACK (QoS 1) or PUBCOMP (QoS 2) frees a place and the next waiting message goes out.
// - Queue: publishes that cannot go out yet (disconnected, or behind the window) wait, in order,
//   up to offline_queue_max messages and the free space of `store`; beyond that publish() fails
//   with client_error::queue_full and the message is not taken. After a reconnect the messages in
//   flight are re-sent first (with DUP), then the waiting ones as the window allows.
// - Never throws, never allocates after construction, never blocks.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "roost/base/result.hpp"
#include "roost/sdk/session.hpp"

namespace roost::sdk {

enum class client_error : std::uint8_t {
  none = 0,
  invalid_argument,   // bad topic or filter, QoS above 2, empty client id with clean_session off
  too_large,          // the packet would not fit in the tx buffer (or an incoming one in rx)
  queue_full,         // offline queue or outbox full: the publish was not taken
  no_packet_id,       // 65535 packet ids in flight
  connect_failed,     // the transport could not open
  connection_refused, // CONNACK with a non-zero code (event.connack_code tells which)
  protocol_error,     // the broker sent something malformed or unexpected
  timeout,            // no CONNACK or PINGRESP in time
  closed,             // the broker closed the stream
};
const char* to_string(client_error e);

struct will_config {
  std::string_view topic;
  std::span<const std::uint8_t> payload;
  std::uint8_t qos = 0;
  bool retain = false;
};

// Views in the config must outlive the client.
struct client_config {
  const char* host = "127.0.0.1";
  std::uint16_t port = 1883;
  std::string_view client_id;
  std::optional<std::string_view> username;
  std::optional<std::span<const std::uint8_t>> password;
  std::optional<will_config> will;
  std::uint8_t protocol_level = 4;       // 4 = MQTT 3.1.1, 3 = MQTT 3.1
  std::uint16_t keep_alive_s = 60;       // 0 turns keep-alive off
  bool clean_session = true;
  bool auto_reconnect = true;            // false: after a close the client stays stopped
  std::uint32_t open_timeout_ms = 10000; // for the transport's open
  std::uint32_t connack_timeout_ms = 10000;
  std::uint32_t reconnect_min_ms = 1000;
  std::uint32_t reconnect_max_ms = 60000;
  std::size_t offline_queue_max = 100;   // messages waiting to be sent (offline or behind the window)
  std::size_t max_inflight = 20;         // QoS 1/2 messages sent and not acknowledged; 0 = no limit
  std::uint32_t jitter_seed = 0;         // reconnect jitter, mixed with client id and start time
};

// Caller-owned memory. `tx` bounds the largest packet sent, `rx` the largest received, `store`
// holds remembered subscriptions, the outbox and the offline queue.
struct client_memory {
  std::span<std::uint8_t> tx;
  std::span<std::uint8_t> rx;
  std::span<std::uint8_t> store;
};

// Memory from the heap, allocated once, for hosts where that is fine.
class heap_memory {
 public:
  heap_memory(std::size_t tx, std::size_t rx, std::size_t store) : _tx(tx), _rx(rx), _store(store) {}
  client_memory view() { return {_tx, _rx, _store}; }

 private:
  std::vector<std::uint8_t> _tx, _rx, _store;
};

enum class event_id : std::uint8_t {
  connected,     // CONNACK accepted; session_present set
  disconnected,  // the stream closed (error says why; none after stop())
  subscribed,    // SUBACK; packet_id, qos = granted QoS or 0x80 for a refusal
  unsubscribed,  // UNSUBACK; packet_id
  published,     // PUBACK (QoS 1) or PUBCOMP (QoS 2); packet_id
  data,          // an application message; topic, payload, qos, retain, dup
  error,         // error says what; connack_code for connection_refused
};

// Views are valid only during the on_event call.
struct event {
  event_id id = event_id::error;
  client_error error = client_error::none;
  std::uint16_t packet_id = 0;
  bool session_present = false;
  std::uint8_t connack_code = 0;
  std::string_view topic;
  std::span<const std::uint8_t> payload;
  std::uint8_t qos = 0;
  bool retain = false;
  bool dup = false;
};

class mqtt_client;

class event_handler {
 public:
  virtual ~event_handler() = default;
  virtual void on_event(mqtt_client& client, const event& e) = 0;
};

class mqtt_client final : public session {
 public:
  mqtt_client(const client_config& config, client_memory memory, event_handler& handler);
  ~mqtt_client() override;
  mqtt_client(const mqtt_client&) = delete;
  mqtt_client& operator=(const mqtt_client&) = delete;

  // Starts connecting (now) and keeps the connection up until stop().
  void start(millis now);
  // Sends DISCONNECT when connected, then asks for the stream to close; no reconnect follows.
  // The outbox and offline queue are kept (a later start() sends them).
  void stop(millis now);
  bool connected() const;
  bool stopped() const;

  // Publishes now when connected, else queues it. Returns the packet id (0 for QoS 0).
  result<std::uint16_t, client_error> publish(std::string_view topic,
                                              std::span<const std::uint8_t> payload,
                                              std::uint8_t qos = 0, bool retain = false);
  result<std::uint16_t, client_error> publish(std::string_view topic, std::string_view payload,
                                              std::uint8_t qos = 0, bool retain = false);
  // Remembers the filter (for resubscribe) and sends SUBSCRIBE when connected.
  result<std::uint16_t, client_error> subscribe(std::string_view filter, std::uint8_t qos = 0);
  // Forgets the filter and sends UNSUBSCRIBE when connected.
  result<std::uint16_t, client_error> unsubscribe(std::string_view filter);

  // Counters for status lines and tests.
  std::size_t outbox_size() const;         // QoS 1/2 messages sent and not yet acknowledged
  std::size_t offline_queue_size() const;  // messages not sent yet (offline or behind the window)
  std::uint32_t reconnects() const;        // accepted connections after the first

  // session
  const char* host() const override;
  std::uint16_t port() const override;
  std::uint32_t open_timeout_ms() const override;
  bool wants_open() const override;
  void on_open(millis now) override;
  void on_open_failed(millis now) override;
  std::span<const std::uint8_t> output() const override;
  void on_sent(std::size_t n) override;
  void on_received(std::span<const std::uint8_t> bytes, millis now) override;
  bool wants_close() const override;
  void on_closed(millis now) override;
  void on_tick(millis now) override;
  millis next_deadline() const override;

 private:
  struct state;
  // The state lives in a fixed buffer inside the object (no heap); its size is checked at compile
  // time in the source file.
  static constexpr std::size_t state_size = 512;
  alignas(std::max_align_t) unsigned char _state_storage[state_size];
  state& st();
  const state& st() const;
};

}  // namespace roost::sdk
