#pragma once
// The inside of mqtt_client (private to the SDK): what it remembers and the steps it takes.
// mqtt_client.cpp holds the public entry points, mqtt_send.cpp everything that writes packets,
// mqtt_receive.cpp everything that reads them.
//
// Store records (record_store.hpp), in the order the application made them:
//   subscription  topic = filter, flags = QoS | send | wait, packet id while a SUBSCRIBE is out
//   unsubscribe   topic = filter, flags = send, packet id; kept until the UNSUBACK
//   message       topic, payload, flags = QoS | retain | sent | pubrel | resend, packet id (QoS>0)
//                 unsent = the queue (offline, or behind the in-flight window); sent with QoS > 0 =
//                 the outbox (in flight). Messages go out in store order, so every sent message
//                 comes before every unsent one.
//   inbound       packet id of a QoS 2 message delivered and waiting for its PUBREL

#include <cstdint>

#include "frame_assembler.hpp"
#include "record_store.hpp"
#include "roost/mqtt/packets.hpp"
#include "roost/sdk/mqtt_client.hpp"
#include "stream_core.hpp"

namespace roost::sdk {

namespace rec {
enum kind : std::uint8_t { subscription = 1, unsubscribe = 2, message = 3, inbound = 4 };
inline constexpr std::uint8_t qos = 0x03;
inline constexpr std::uint8_t retain = 0x04;  // message
inline constexpr std::uint8_t sent = 0x08;    // message: went out at least once
inline constexpr std::uint8_t pubrel = 0x10;  // message: PUBREC came, PUBREL is the next step
inline constexpr std::uint8_t resend = 0x20;  // message: to send again after a reconnect
inline constexpr std::uint8_t send = 0x08;    // subscription / unsubscribe: to send
inline constexpr std::uint8_t wait = 0x10;    // subscription: SUBACK awaited
}  // namespace rec

enum class phase : std::uint8_t { idle, awaiting_connack, connected };

// The stream (tx, link, closing, keep-alive timer) is the shared stream_core; the rest is MQTT's.
struct mqtt_client::state : detail::stream_core {
  state(const client_config& config, client_memory memory, event_handler& h, mqtt_client& owner);

  client_config cfg;
  event_handler& handler;
  mqtt_client& self;
  detail::frame_assembler frames;
  detail::record_store store;

  phase ph = phase::idle;
  millis opened_at = 0;
  std::uint16_t next_id = 1;

  // Message records by stage, kept in step with the store so that nothing scans it to count them.
  std::size_t queued = 0;     // not sent yet (offline_queue_size)
  std::size_t in_flight = 0;  // QoS 1/2 sent and not yet acknowledged (outbox_size)

  // Acknowledgements that found tx full, sent before anything else.
  struct pending_ack {
    mqtt::packet_type type;
    std::uint16_t packet_id;
  };
  static constexpr std::size_t max_pending_acks = 16;
  pending_ack acks[max_pending_acks] = {};
  std::size_t ack_count = 0;

  mqtt::protocol_version version() const {
    return cfg.protocol_level == 3 ? mqtt::protocol_version::v3_1 : mqtt::protocol_version::v3_1_1;
  }
  // Connected and not closing: packets other than the greeting may go out.
  bool can_send() const { return ph == phase::connected && !closing(); }
  // No QoS 1/2 message may go out for the first time until an acknowledgement frees a place.
  bool window_full() const { return cfg.max_inflight != 0 && in_flight >= cfg.max_inflight; }
  void emit(const event& e) { handler.on_event(self, e); }
  // Reports `e` and asks for the stream to close at once.
  void fail(client_error e);

  // mqtt_send.cpp
  std::uint16_t allocate_packet_id();  // 0 when all are in use
  bool send_connect();                 // false when CONNECT does not fit tx
  void send_disconnect();
  void send_ack(mqtt::packet_type type, std::uint16_t packet_id);
  bool send_ping();
  // Writes whatever may go out now, in order, until tx is full. A message that would overfill the
  // in-flight window waits, and every later message waits behind it; subscriptions still go.
  void pump();

  // mqtt_receive.cpp
  void receive(std::span<const std::uint8_t> bytes);
  void handle(const mqtt::frame& f);
  void handle_connack(const mqtt::frame& f);
  void handle_publish(const mqtt::frame& f);
  void handle_ack(const mqtt::frame& f);
  void handle_suback(const mqtt::frame& f);
  void accept_session(bool session_present);
};

}  // namespace roost::sdk
