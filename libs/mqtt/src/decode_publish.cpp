// PUBLISH: the fixed-header flags are fields here.
//
//   33 0b                    PUBLISH, dup 0, qos 1, retain 1; remaining length 11
//   00 03 'a' '/' 'b'        topic name (MQTT 5: may be empty with a topic alias)
//   00 07                    packet id (only when qos > 0)
//   [03 23 00 01]            MQTT 5: properties (here Topic Alias 1)
//   'h' 'e' 'y' '!'          payload: the rest of the frame
//
// The topic, payload and MQTT 5 property block stay views into the frame: a publish is forwarded
// far more than kept, so nothing here allocates.

#include "property_scan.hpp"
#include "reader.hpp"
#include "roost/mqtt/topic.hpp"
#include "wire.hpp"

namespace roost::mqtt {
namespace {

// The MQTT 5 property block: checked whole, the properties the broker acts on read out.
void read_publish_properties(reader& r, publish& p) {
  const auto read_out = [&](std::uint8_t id, const property_value& v) {
    switch (id) {
      case property_id::topic_alias: p.topic_alias = static_cast<std::uint16_t>(v.number); break;
      case property_id::message_expiry_interval: p.message_expiry = v.number; break;
      case property_id::payload_format_indicator:
        p.payload_format = static_cast<std::uint8_t>(v.number);
        break;
      case property_id::subscription_identifier: p.has_subscription_identifier = true; break;
      default: break;
    }
  };
  p.properties = scan_properties(r, property_place::publish, read_out);
}

}  // namespace

decoded<publish> decode_publish(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::publish);
  r.require(is_known_version(v), error::unexpected_packet);
  const bool v5 = v == protocol_version::v5;
  publish p;
  p.dup = (f.flags() & wire::publish_flag::dup) != 0;
  p.qos = (f.flags() & wire::publish_flag::qos) >> wire::publish_flag::qos_shift;
  p.retain = (f.flags() & wire::publish_flag::retain) != 0;
  r.require(p.qos != 3, error::invalid_qos);                      // [MQTT-3.3.1-4]
  r.require(!p.dup || p.qos > 0, error::bad_fixed_header_flags);  // [MQTT-3.3.1-2]
  p.topic = r.utf8();
  // [MQTT-3.3.2-2] [MQTT-4.7.3-1]; MQTT 5 allows an empty topic, checked below
  r.require((v5 && p.topic.empty()) || valid_topic_name(p.topic), error::invalid_topic_name);
  if (p.qos > 0) p.packet_id = r.packet_id();  // [MQTT-2.3.1-1]
  if (v5) {
    read_publish_properties(r, p);
    r.require(!p.topic.empty() || p.topic_alias != 0, error::protocol_error);  // [MQTT-3.3.2-8]
  }
  p.payload = r.rest();
  return r.finish(p);
}

}  // namespace roost::mqtt
