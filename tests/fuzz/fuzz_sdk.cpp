// The device SDK's clients: arbitrary broker bytes into an mqtt_client or a line_client.
//
// Input layout: [selector byte][stream]. Bit 0 of the selector picks the client (0 MQTT, 1 line);
// the rest seeds the chunk sizes. The client is started, its stream opened (so it has sent its
// greeting), then fed the stream in chunks, with the clock advancing and a publish and a
// subscription made between chunks; whenever it asks, the stream is closed and opened again.
// Properties:
//  - nothing the client writes is malformed: the MQTT client writes only whole frames of the packet
//    types a client sends, each decoding without error; the line client writes only whole lines
//    ending in "\r\n" that start with "cmd=";
//  - every view an event carries lies inside the bytes fed or the client's own memory, and is only
//    read during the callback.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/frame_decoder.hpp"
#include "roost/sdk/line_client.hpp"
#include "roost/sdk/mqtt_client.hpp"

namespace {

using namespace roost;
using namespace roost::sdk;

void check(bool property) {
  if (!property) __builtin_trap();
}

// Reads every byte of the event's views, so the sanitizers see any that point outside live memory.
unsigned touch(std::string_view s, std::span<const std::uint8_t> b) {
  unsigned sum = 0;
  for (char c : s) sum += static_cast<unsigned char>(c);
  for (std::uint8_t c : b) sum += c;
  return sum;
}

unsigned sink = 0;

class mqtt_events final : public event_handler {
 public:
  void on_event(mqtt_client&, const event& e) override { sink += touch(e.topic, e.payload); }
};

class line_events final : public line_handler {
 public:
  void on_event(line_client&, const line_event& e) override {
    sink += touch(e.topic, {}) + touch(e.msg, {}) + touch(e.text, {});
  }
};

// Checks that `out` is a sequence of whole, well-formed client-to-broker MQTT frames.
void check_mqtt_output(std::span<const std::uint8_t> out) {
  mqtt::frame_decoder decoder{1 << 20};
  decoder.feed(out);
  mqtt::frame f;
  std::size_t seen = 0;
  while (decoder.next(f) == mqtt::frame_status::ready) {
    seen += f.wire_size();
    const auto v = mqtt::protocol_version::v3_1_1;
    switch (f.type()) {
      case mqtt::packet_type::connect: check(mqtt::decode_connect(f).has_value()); break;
      case mqtt::packet_type::publish: check(mqtt::decode_publish(f, v).has_value()); break;
      case mqtt::packet_type::puback: check(mqtt::decode_puback(f, v).has_value()); break;
      case mqtt::packet_type::pubrec: check(mqtt::decode_pubrec(f, v).has_value()); break;
      case mqtt::packet_type::pubrel: check(mqtt::decode_pubrel(f, v).has_value()); break;
      case mqtt::packet_type::pubcomp: check(mqtt::decode_pubcomp(f, v).has_value()); break;
      case mqtt::packet_type::subscribe: check(mqtt::decode_subscribe(f, v).has_value()); break;
      case mqtt::packet_type::unsubscribe: check(mqtt::decode_unsubscribe(f, v).has_value()); break;
      case mqtt::packet_type::pingreq: check(mqtt::decode_pingreq(f).has_value()); break;
      case mqtt::packet_type::disconnect: check(mqtt::decode_disconnect(f, v).has_value()); break;
      default: check(false);
    }
  }
  check(seen == out.size());
}

void check_line_output(std::span<const std::uint8_t> out) {
  std::string_view s{reinterpret_cast<const char*>(out.data()), out.size()};
  while (!s.empty()) {
    const std::size_t end = s.find("\r\n");
    check(end != std::string_view::npos);
    check(s.substr(0, 4) == "cmd=");
    check(s.substr(0, end).find_first_of("\r\n") == std::string_view::npos);
    s.remove_prefix(end + 2);
  }
}

// Drains and checks what the client wants written; closes and reopens when it asks.
template <class Client, class Check>
void pump(Client& c, millis now, Check check_output) {
  const auto out = c.output();
  check_output(out);
  c.on_sent(out.size());
  if (c.wants_close()) c.on_closed(now);
  c.on_tick(now);
  if (c.wants_open()) c.on_open(now);
}

template <class Client, class Check, class Act>
void run(Client& c, std::span<const std::uint8_t> stream, std::uint8_t seed, Check check_output,
         Act act) {
  millis now = 1000;
  c.start(now);
  if (c.wants_open()) c.on_open(now);
  pump(c, now, check_output);
  std::uint32_t state = seed;
  while (!stream.empty()) {
    state = state * 1103515245u + 12345u;
    const std::size_t n = std::min<std::size_t>(stream.size(), 1 + ((state >> 16) & 31));
    c.on_received(stream.first(n), now);
    stream = stream.subspan(n);
    now += (state >> 8) & 0x3FFF;  // up to 16 s: keep-alive, heartbeats, backoff
    act(c, state);
    pump(c, now, check_output);
  }
  c.stop(now);
  pump(c, now, check_output);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t selector = data[0];
  const std::span<const std::uint8_t> stream{data + 1, size - 1};
  std::vector<std::uint8_t> tx(2048), rx(1024), store(2048);
  const client_memory memory{tx, rx, store};
  if ((selector & 1) == 0) {
    client_config cfg;
    cfg.client_id = "fuzz";
    cfg.keep_alive_s = 5;
    cfg.reconnect_min_ms = 0;
    mqtt_events events;
    mqtt_client client{cfg, memory, events};
    client.subscribe("a/#", 2);
    run(client, stream, selector, check_mqtt_output, [](mqtt_client& c, std::uint32_t s) {
      if (s & 0x10000) (void)c.publish("a/b", std::string_view{"x"}, (s >> 17) % 3, false);
      if ((s & 0x60000) == 0x60000) (void)c.subscribe("c/+", (s >> 19) % 3);
    });
  } else {
    line_config cfg;
    cfg.uid = "0123456789abcdef0123456789abcdef";
    cfg.heartbeat_ms = 5000;
    cfg.reconnect_min_ms = 0;
    line_events events;
    line_client client{cfg, memory, events};
    (void)client.subscribe("led002", true);
    run(client, stream, selector, check_line_output, [](line_client& c, std::uint32_t s) {
      if (s & 0x10000) (void)c.publish("led002/set", "on");
      if ((s & 0x60000) == 0x60000) (void)c.request_time(1 + (s >> 19) % 3);
    });
  }
  return 0;
}
