#pragma once
// One MQTT connection of `roost pub` / `roost sub`: the SDK's mqtt_client driven by its driver over
// the POSIX port, with the -d trace in between when asked for. The commands only say what to
// publish or subscribe and react to events.
//
// Connection events are judged here, the same for both commands: the first connection must succeed
// (a failure to connect ends the run with status 1); a CONNACK refusal ends the run at any time
// with the CONNACK code as status, as mosquitto's clients do; a connection lost later is left to
// the SDK, which reconnects (and -d says so).

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "roost/sdk/driver.hpp"
#include "roost/sdk/mqtt_client.hpp"
#include "roost/sdk/posix.hpp"
#include "roost/tools/pubsub/options.hpp"
#include "report.hpp"
#include "roost/tools/pubsub/trace_packets.hpp"

namespace roost::tools {

// Buffer sizes handed to the client (see roost::sdk::client_memory).
struct memory_sizes {
  std::size_t tx = 64 * 1024;     // the largest packet sent
  std::size_t rx = 64 * 1024;     // the largest packet received
  std::size_t store = 256 * 1024; // subscriptions, outbox, offline queue
};

// mosquitto's words for a CONNACK return code, e.g. "Connection Refused: not authorised.".
std::string connack_text(std::uint8_t code);

// A client_error in words for people, e.g. "the broker closed the connection".
std::string explain(sdk::client_error e);

class connection final : public sdk::event_handler {
 public:
  // `o` must have passed check_*_options (client id set). Nothing happens before start(). Every
  // event is passed on to `handler` after it was judged here. `max_inflight` bounds the QoS 1/2
  // messages sent and not yet acknowledged (sdk::client_config::max_inflight; 0 = no limit).
  connection(const connect_options& o, memory_sizes sizes, sdk::event_handler& handler,
             std::size_t max_inflight = sdk::client_config{}.max_inflight);
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  sdk::mqtt_client& client() { return _client; }
  // True while a CONNACK-accepted connection is up.
  bool connected() const { return _client.connected(); }
  // True once the first connection was accepted.
  bool was_connected() const { return _was_connected; }
  // The exit status when the run cannot go on (the reason was already printed), else nothing.
  std::optional<int> failure() const { return _failure; }
  const std::string& client_id() const { return _client_id; }
  // The monotonic clock of the connection, in milliseconds.
  sdk::millis now() { return _clock.now_ms(); }

  // Starts connecting; events arrive from inside step().
  void start();
  // One bounded step of I/O: waits at most max_wait_ms.
  void step(std::uint32_t max_wait_ms);
  // Sends DISCONNECT (when connected) and runs until the stream is closed, at most timeout_ms.
  // Returns true when it closed in time (or was not open).
  bool finish(std::uint32_t timeout_ms);

 private:
  void on_event(sdk::mqtt_client& client, const sdk::event& e) override;

  // The client's configuration, viewing the copies below.
  sdk::client_config make_config(const connect_options& o, std::size_t max_inflight) const;

  // Owned copies of everything client_config views.
  std::string _host;
  std::string _client_id;
  std::optional<std::string> _username;
  std::vector<std::uint8_t> _password;
  std::optional<std::string> _will_topic;
  std::vector<std::uint8_t> _will_payload;
  sdk::client_config _config;
  std::uint16_t _port;
  reporter _report;
  sdk::event_handler& _handler;
  bool _was_connected = false;
  std::optional<int> _failure;

  sdk::heap_memory _memory;
  sdk::posix_clock _clock;
  sdk::posix_transport _tcp;
  std::unique_ptr<traced_transport> _trace;  // with -d: between the driver and _tcp
  sdk::mqtt_client _client;
  std::array<std::uint8_t, 16 * 1024> _scratch{};
  sdk::driver _driver;
};

}  // namespace roost::tools
