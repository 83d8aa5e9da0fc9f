// PUBLISH: the fixed-header flags are fields here.
//
//   33 0b                    PUBLISH, dup 0, qos 1, retain 1; remaining length 11
//   00 03 'a' '/' 'b'        topic name
//   00 07                    packet id (only when qos > 0)
//   'h' 'e' 'y' '!'          payload: the rest of the frame
//
// The topic and payload stay views into the frame: a publish is forwarded far more than kept.
// MQTT 5 puts properties between the packet id and the payload; they are skipped.

#include "reader.hpp"
#include "roost/mqtt/topic.hpp"
#include "wire.hpp"

namespace roost::mqtt {

decoded<publish> decode_publish(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::publish);
  r.require(is_known_version(v), error::unexpected_packet);
  publish p;
  p.dup = (f.flags() & wire::publish_flag::dup) != 0;
  p.qos = (f.flags() & wire::publish_flag::qos) >> wire::publish_flag::qos_shift;
  p.retain = (f.flags() & wire::publish_flag::retain) != 0;
  r.require(p.qos != 3, error::invalid_qos);                      // [MQTT-3.3.1-4]
  r.require(!p.dup || p.qos > 0, error::bad_fixed_header_flags);  // [MQTT-3.3.1-2]
  p.topic = r.utf8();
  // [MQTT-3.3.2-2] [MQTT-4.7.3-1]
  r.require(valid_topic_name(p.topic), error::invalid_topic_name);
  if (p.qos > 0) p.packet_id = r.packet_id();  // [MQTT-2.3.1-1]
  if (v == protocol_version::v5) r.skip_properties();
  p.payload = r.rest();
  return r.finish(p);
}

}  // namespace roost::mqtt
