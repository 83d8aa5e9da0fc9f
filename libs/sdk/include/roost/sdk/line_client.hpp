#pragma once
// line_client: a Sans-I/O client for the TCP line protocol (Bemfa-compatible, port 8344).
//
//   roost::sdk::line_config cfg; cfg.host = "cloud.local"; cfg.uid = key;
//   roost::sdk::line_client client{cfg, mem.view(), handler};
//   client.subscribe("led002", /*with_latest=*/true);      // remembered, sent once connected
//   client.start(clock.now_ms());
//   roost::sdk::driver d{client, transport, clock, scratch};
//
// Wire (one command per line, "\r\n"):  cmd=1 subscribe, cmd=3 subscribe and get the latest value,
// cmd=2 publish, cmd=9 latest value only, cmd=7 time, cmd=0 heartbeat ("cmd=0&msg=ping").
// Behaviour: a heartbeat every heartbeat_ms while connected (the server drops silent devices);
// no reply to a heartbeat within reply_timeout_ms closes the stream; reconnect with backoff and
// jitter like mqtt_client; subscriptions are sent again after every reconnect; publishes made while
// disconnected wait in a bounded queue. Never throws, never allocates after construction.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "roost/base/result.hpp"
#include "roost/sdk/mqtt_client.hpp"  // client_error, client_memory, heap_memory
#include "roost/sdk/session.hpp"

namespace roost::sdk {

struct line_config {
  const char* host = "127.0.0.1";
  std::uint16_t port = 8344;
  std::string_view uid;                 // the tenant's private key
  std::uint32_t heartbeat_ms = 30000;
  std::uint32_t reply_timeout_ms = 10000;
  std::uint32_t open_timeout_ms = 10000;
  std::uint32_t reconnect_min_ms = 1000;
  std::uint32_t reconnect_max_ms = 60000;
  std::size_t offline_queue_max = 100;  // publishes waiting for a connection
  std::uint32_t jitter_seed = 0;        // reconnect jitter; mixed with the uid and start time
};

enum class line_event_id : std::uint8_t {
  connected,     // the stream opened and the subscriptions were sent
  disconnected,  // the stream closed (error says why; none after stop())
  message,       // a pushed message (cmd=2) or a latest value (cmd=3 / cmd=9): topic, msg, cmd
  result,        // a "cmd=N&res=R" reply: cmd, ok
  time,          // the reply to time(): text ("2021-06-11 17:20:54", "17:20:54" or Unix seconds)
  error,         // error says what
};

// Views are valid only during the on_event call.
struct line_event {
  line_event_id id = line_event_id::error;
  client_error error = client_error::none;
  std::uint8_t cmd = 0;
  bool ok = false;
  std::string_view topic;
  std::string_view msg;
  std::string_view text;
};

class line_client;

class line_handler {
 public:
  virtual ~line_handler() = default;
  virtual void on_event(line_client& client, const line_event& e) = 0;
};

class line_client final : public session {
 public:
  line_client(const line_config& config, client_memory memory, line_handler& handler);
  ~line_client() override;
  line_client(const line_client&) = delete;
  line_client& operator=(const line_client&) = delete;

  void start(millis now);
  void stop(millis now);
  bool connected() const;

  // Remembers `topics` (one name or a comma-separated list) and sends cmd=1 (or cmd=3 when
  // with_latest) when connected.
  result<bool, client_error> subscribe(std::string_view topics, bool with_latest = false);
  // cmd=2; queued while disconnected. A '\r' or '\n' in msg is refused (invalid_argument).
  result<bool, client_error> publish(std::string_view topic, std::string_view msg);
  // cmd=9: asks for the latest value of one topic (answered by a message event).
  result<bool, client_error> fetch(std::string_view topic);
  // cmd=7 with type 1 (date and time), 2 (time) or 3 (Unix seconds); answered by a time event.
  result<bool, client_error> request_time(std::uint8_t type);

  std::uint32_t reconnects() const;

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
