// CONNECT: the one packet that names its own protocol level.
//
//   10 <n>                         CONNECT, remaining length n
//   00 04 'M' 'Q' 'T' 'T'          protocol name
//   04                             protocol level (3 = MQTT 3.1 "MQIsdp", 4 = 3.1.1, 5 = 5.0)
//   ce                             flags: user, password, will qos 1, will, clean session
//   00 3c                          keep alive 60 s
//   [05 11 00 00 00 3c]            MQTT 5: properties (here Session Expiry Interval 60)
//   payload: client id, [[will properties,] will topic, will message], [user name], [password]

#include "property_scan.hpp"
#include "reader.hpp"
#include "roost/mqtt/topic.hpp"
#include "wire.hpp"

namespace roost::mqtt {
namespace {

namespace connect_flag = wire::connect_flag;

std::uint8_t will_qos_of(std::uint8_t flags) {
  return (flags & connect_flag::will_qos) >> connect_flag::will_qos_shift;
}

// The connect flags byte must be consistent on its own, before the payload is read. MQTT 5 allows a
// password without a user name (section 3.1.2.9).
void check_connect_flags(reader& r, std::uint8_t flags, bool v5) {
  const bool will = (flags & connect_flag::will) != 0;
  const bool will_retain = (flags & connect_flag::will_retain) != 0;
  const bool username = (flags & connect_flag::username) != 0;
  const bool password = (flags & connect_flag::password) != 0;
  const error e = error::bad_connect_flags;
  r.require((flags & connect_flag::reserved) == 0, e);  // [MQTT-3.1.2-3]
  r.require(will || will_qos_of(flags) == 0, e);        // [MQTT-3.1.2-11] [MQTT-3.1.2-13]
  r.require(will || !will_retain, e);                   // [MQTT-3.1.2-11] [MQTT-3.1.2-15]
  r.require(will_qos_of(flags) != 3, e);                // [MQTT-3.1.2-14]
  r.require(v5 || username || !password, e);            // [MQTT-3.1.2-22]
}

// Will topic and will message [MQTT-3.1.2-9]; the topic is a topic name like a PUBLISH's. MQTT 5
// puts the will properties first.
will_message read_will(reader& r, std::uint8_t flags, bool v5) {
  will_message w;
  if (v5) read_properties(r, property_place::will, w.props);
  w.topic = r.utf8();
  r.require(valid_topic_name(w.topic), error::invalid_topic_name);
  const byte_view payload = r.binary();
  w.payload.assign(payload.begin(), payload.end());
  w.qos = will_qos_of(flags);
  w.retain = (flags & connect_flag::will_retain) != 0;
  return w;
}

}  // namespace

// Protocol name and level are returned as sent: judging them is the broker's business (CONNACK
// 0x01, [MQTT-3.1.2-2]). Levels 3 and 4 share one layout and are decoded in full, as is level 5
// named "MQTT" (with CONNECT and will properties); for any other level only protocol_name and
// protocol_level are read.
decoded<connect> decode_connect(const frame& f) {
  reader r = open_body(f, packet_type::connect, 0b0000);
  connect p;
  p.protocol_name = r.utf8();
  p.protocol_level = r.u8();
  if (!r.ok()) return fail(r.failure());
  const auto level = static_cast<protocol_version>(p.protocol_level);
  const bool v5 = level == protocol_version::v5 && p.protocol_name == "MQTT";
  if (!has_v3_layout(level) && !v5) return p;

  const std::uint8_t flags = r.u8();
  check_connect_flags(r, flags, v5);
  p.clean_session = (flags & connect_flag::clean_session) != 0;
  p.keep_alive = r.u16();
  if (v5) {
    read_properties(r, property_place::connect, p.props);
    require_auth_method_with_data(r, p.props);  // section 3.1.2.11.10
  }
  p.client_id = r.utf8();
  if (flags & connect_flag::will) p.will = read_will(r, flags, v5);
  if (flags & connect_flag::username) p.username = r.utf8();
  if (flags & connect_flag::password) {
    const byte_view password = r.binary();  // binary data, not UTF-8 (section 3.1.3.5)
    p.password.emplace(password.begin(), password.end());
  }
  return r.finish(std::move(p));
}

}  // namespace roost::mqtt
