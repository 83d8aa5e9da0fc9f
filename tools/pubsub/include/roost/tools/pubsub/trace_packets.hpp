#pragma once
// -d: every MQTT packet sent and received, one line each on stderr, in mosquitto's words:
//
//   Client roost-pub-4242 sending CONNECT
//   Client roost-pub-4242 received CONNACK (0)
//   Client roost-pub-4242 sending PUBLISH (d0, q1, r0, m1, 'a/b', ... (5 bytes))
//   Client roost-pub-4242 received PUBACK (Mid: 1, RC:0)
//
// The trace sits between the SDK's driver and its transport (a transport_port decorator), so it
// shows exactly the bytes on the wire without the client knowing about it.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "roost/mqtt/frame_decoder.hpp"
#include "roost/sdk/port.hpp"

namespace roost::tools {

// The text after "sending " / "received " for one frame, e.g. "PUBLISH (d0, q1, r0, m1, 'a', ...
// (5 bytes))". A frame that does not decode is named by its type with " (malformed)".
std::string describe_frame(const mqtt::frame& f, mqtt::protocol_version v, bool sending);

// Cuts one direction of a stream into frames and hands each description to a sink.
class packet_tracer {
 public:
  using sink = std::function<void(const std::string& description)>;
  packet_tracer(mqtt::protocol_version v, bool sending, sink out);
  // Bytes that went over the wire in this direction (any split).
  void feed(std::span<const std::uint8_t> bytes);
  // Forgets a partial frame (a new stream starts).
  void reset();

 private:
  mqtt::protocol_version _version;
  bool _sending;
  sink _out;
  std::unique_ptr<mqtt::frame_decoder> _decoder;
  bool _failed = false;
};

// A transport that forwards to `inner` and traces what it writes and reads to `print` as
// "Client <id> sending|received <description>".
class traced_transport final : public sdk::transport_port {
 public:
  traced_transport(sdk::transport_port& inner, std::string client_id, mqtt::protocol_version v,
                   std::function<void(const std::string& line)> print);
  int open(const char* host, std::uint16_t port, std::uint32_t timeout_ms) override;
  int write(std::span<const std::uint8_t> data) override;
  int read(std::span<std::uint8_t> data, std::uint32_t timeout_ms) override;
  void close() override;

 private:
  sdk::transport_port& _inner;
  packet_tracer _sent;
  packet_tracer _received;
};

}  // namespace roost::tools
