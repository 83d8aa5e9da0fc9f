#pragma once
// Drives an mqtt_client by hand for unit tests: the test plays the broker, feeding encoded packets
// and decoding what the client wrote. Time is a plain number the test moves.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/encode.hpp"
#include "roost/sdk/mqtt_client.hpp"

namespace roost::sdk::test {

// An event with its views copied.
struct recorded_event {
  event_id id;
  client_error error;
  std::uint16_t packet_id;
  bool session_present;
  std::uint8_t connack_code;
  std::string topic;
  std::string payload;
  std::uint8_t qos;
  bool retain;
  bool dup;
};

class event_log final : public event_handler {
 public:
  void on_event(mqtt_client&, const event& e) override {
    events.push_back(
        {e.id, e.error, e.packet_id, e.session_present, e.connack_code, std::string{e.topic},
         std::string{reinterpret_cast<const char*>(e.payload.data()), e.payload.size()}, e.qos,
         e.retain, e.dup});
  }
  std::vector<recorded_event> of(event_id id) const {
    std::vector<recorded_event> out;
    for (const auto& e : events) {
      if (e.id == id) out.push_back(e);
    }
    return out;
  }
  std::vector<recorded_event> events;
};

// One frame the client wrote, kept with its body.
struct sent_frame {
  std::uint8_t first_byte = 0;
  std::vector<std::uint8_t> body;
  mqtt::frame view() const { return {first_byte, body}; }
  mqtt::packet_type type() const { return view().type(); }
  mqtt::publish as_publish() const {
    auto p = mqtt::decode_publish(view(), mqtt::protocol_version::v3_1_1);
    EXPECT_TRUE(p.has_value());
    return p ? *p : mqtt::publish{};
  }
  std::uint16_t packet_id() const { return static_cast<std::uint16_t>(body[0] << 8 | body[1]); }
};

inline client_config default_config() {
  client_config c;
  c.client_id = "dev1";
  c.keep_alive_s = 30;
  c.reconnect_min_ms = 1000;
  c.reconnect_max_ms = 8000;
  c.jitter_seed = 42;
  return c;
}

class client_harness {
 public:
  explicit client_harness(client_config config = default_config(), std::size_t tx = 512,
                          std::size_t rx = 512, std::size_t store = 4096)
      : cfg(config), mem(tx, rx, store), client(cfg, mem.view(), log) {}

  // Everything the client wants to write, decoded into frames (and marked written).
  std::vector<sent_frame> drain() {
    std::vector<sent_frame> frames;
    mqtt::frame_decoder d{1 << 20};
    auto out = client.output();
    std::vector<std::uint8_t> copy(out.begin(), out.end());
    client.on_sent(out.size());
    while (!client.output().empty()) {  // more went in as room appeared
      auto more = client.output();
      copy.insert(copy.end(), more.begin(), more.end());
      client.on_sent(more.size());
    }
    d.feed(copy);
    mqtt::frame f;
    while (d.next(f) == mqtt::frame_status::ready) {
      frames.push_back({f.first_byte, {f.body.begin(), f.body.end()}});
    }
    return frames;
  }

  template <class Packet>
  void feed(const Packet& p) {
    mqtt::bytes b;
    mqtt::encode(p, b);
    client.on_received(b, now);
  }
  void feed_raw(std::vector<std::uint8_t> b) { client.on_received(b, now); }

  // start, open, CONNECT out, CONNACK in.
  std::vector<sent_frame> connect(bool session_present = false) {
    if (client.stopped()) client.start(now);
    client.on_tick(now);
    EXPECT_TRUE(client.wants_open());
    client.on_open(now);
    auto frames = drain();
    EXPECT_FALSE(frames.empty());
    EXPECT_EQ(frames.at(0).type(), mqtt::packet_type::connect);
    feed(mqtt::connack{session_present, mqtt::connack_code::accepted});
    EXPECT_TRUE(client.connected());
    auto after = drain();
    frames.insert(frames.end(), after.begin(), after.end());
    return frames;
  }

  // The stream closes (by the peer or because the client asked).
  void close() { client.on_closed(now); }

  // Moves time to the reconnect deadline and reconnects.
  std::vector<sent_frame> reconnect(bool session_present = false) {
    now = std::max(now, client.next_deadline());
    client.on_tick(now);
    auto frames = connect(session_present);
    return {frames.begin() + 1, frames.end()};  // without the CONNECT
  }

  client_config cfg;
  heap_memory mem;
  event_log log;
  mqtt_client client;
  millis now = 1000;
};

inline std::vector<std::uint8_t> bytes_of(std::string_view s) { return {s.begin(), s.end()}; }

}  // namespace roost::sdk::test
