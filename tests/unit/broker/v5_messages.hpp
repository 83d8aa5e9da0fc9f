#pragma once
// Helpers of the MQTT 5 message-level conversation tests: CONNECTs with MQTT 5 properties,
// PUBLISH property blocks built byte by byte, and a received PUBLISH with its properties read out.
//
//   auto props = property_block{}.u32(0x02, 60).pair(0x26, "k", "v").bytes;
//   pub.send(v5_publish("a/b", "hi", 1, 7, props));
//   auto m = sub.expect_v5_publish();     // m.expiry == 60, m.user == {{"k", "v"}}

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "roost/mqtt/reason_code.hpp"
#include "support/scripted_peer.hpp"

namespace roost::test {

// An MQTT 5 CONNECT. `expiry` is its Session Expiry Interval property (nullopt: absent, so the
// session ends with the connection); `keep_alive` in seconds (0: none).
inline mqtt::connect v5_connect(std::string client_id, bool clean = true,
                                std::optional<std::uint32_t> expiry = std::nullopt, std::uint16_t keep_alive = 60) {
  mqtt::connect c = connect_packet(std::move(client_id), clean, keep_alive);
  c.protocol_level = 5;
  c.props.session_expiry_interval = expiry;
  return c;
}

// The byte of a reason code, as a decoded packet holds it.
inline std::uint8_t byte(mqtt::reason_code rc) { return mqtt::to_byte(rc); }

// A PUBLISH property block, built one property at a time (identifiers below 128: one byte).
struct property_block {
  mqtt::bytes bytes;

  property_block& u8(std::uint8_t id, std::uint8_t v) {
    bytes.insert(bytes.end(), {id, v});
    return *this;
  }
  property_block& u16(std::uint8_t id, std::uint16_t v) {
    bytes.insert(bytes.end(), {id, std::uint8_t(v >> 8), std::uint8_t(v)});
    return *this;
  }
  property_block& u32(std::uint8_t id, std::uint32_t v) {
    bytes.insert(bytes.end(), {id, std::uint8_t(v >> 24), std::uint8_t(v >> 16), std::uint8_t(v >> 8), std::uint8_t(v)});
    return *this;
  }
  property_block& str(std::uint8_t id, std::string_view s) {
    bytes.push_back(id);
    put(s);
    return *this;
  }
  property_block& pair(std::uint8_t id, std::string_view k, std::string_view v) {
    bytes.push_back(id);
    put(k);
    put(v);
    return *this;
  }

 private:
  void put(std::string_view s) {
    bytes.insert(bytes.end(), {std::uint8_t(s.size() >> 8), std::uint8_t(s.size())});
    bytes.insert(bytes.end(), s.begin(), s.end());
  }
};

// A PUBLISH with the MQTT 5 property block `props`. The payload and props must outlive the send.
inline mqtt::publish v5_publish(std::string_view topic, const mqtt::bytes& payload, std::uint8_t qos,
                                std::uint16_t packet_id, const mqtt::bytes& props, bool retain = false) {
  mqtt::publish p;
  p.topic = topic;
  p.payload = payload;
  p.qos = qos;
  p.packet_id = packet_id;
  p.retain = retain;
  p.properties = props;
  return p;
}

// An MQTT 5 PUBLISH as a peer receives it, its properties read out.
struct v5_received {
  std::string topic;
  std::string payload;
  std::uint8_t qos = 0;
  bool retain = false;
  std::uint16_t packet_id = 0;
  std::optional<std::uint32_t> expiry;
  std::uint16_t alias = 0;
  std::vector<std::uint32_t> ids;
  std::vector<std::pair<std::string, std::string>> user;
  mqtt::bytes forwarded;  // the properties a server forwards, as encoded, in order
};

// Reads the property block of a received PUBLISH (the forms a server sends).
inline void read_properties(mqtt::byte_view b, v5_received& out) {
  std::size_t i = 0;
  auto u16 = [&] {
    const std::uint16_t v = std::uint16_t(b[i] << 8 | b[i + 1]);
    i += 2;
    return v;
  };
  auto str = [&] {
    const std::size_t n = u16();
    std::string s(b.begin() + long(i), b.begin() + long(i + n));
    i += n;
    return s;
  };
  while (i < b.size()) {
    const std::size_t start = i;
    const std::uint8_t id = b[i++];
    switch (id) {
      case 0x01: ++i; break;
      case 0x02: out.expiry = std::uint32_t(b[i] << 24 | b[i + 1] << 16 | b[i + 2] << 8 | b[i + 3]); i += 4; break;
      case 0x03: case 0x08: case 0x09: str(); break;
      case 0x0B: {
        std::uint32_t v = 0;
        for (int shift = 0;; shift += 7) {
          v |= std::uint32_t(b[i] & 0x7F) << shift;
          if ((b[i++] & 0x80) == 0) break;
        }
        out.ids.push_back(v);
        break;
      }
      case 0x23: out.alias = u16(); break;
      case 0x26: {
        std::string k = str();
        out.user.emplace_back(std::move(k), str());
        break;
      }
      default: ADD_FAILURE() << "unexpected property " << int(id); return;
    }
    if (id == 0x01 || id == 0x03 || id == 0x08 || id == 0x09 || id == 0x26) {
      out.forwarded.insert(out.forwarded.end(), b.begin() + long(start), b.begin() + long(i));
    }
  }
}

// The next packet of `peer` (an MQTT 5 peer), which must be a PUBLISH.
inline v5_received expect_v5_publish(scripted_peer& peer) {
  auto p = mqtt::decode_publish(peer.next_frame(mqtt::packet_type::publish), mqtt::protocol_version::v5);
  if (!p) {
    ADD_FAILURE() << "PUBLISH does not decode: " << mqtt::to_string(p.error());
    return {};
  }
  v5_received r{std::string(p->topic), std::string(p->payload.begin(), p->payload.end()), p->qos, p->retain,
                p->packet_id, {}, 0, {}, {}, {}};
  read_properties(p->properties, r);
  return r;
}

}  // namespace roost::test
