// -d: the packets on the wire in mosquitto's words.

#include "roost/tools/pubsub/trace_packets.hpp"


#include "roost/mqtt/decode.hpp"

namespace roost::tools {

namespace {

using mqtt::packet_type;

// MQTT's largest frame: a 4-byte remaining length of 268,435,455 plus the fixed header.
constexpr std::size_t max_frame = 268'435'455 + 5;

const char* type_name(packet_type t) {
  switch (t) {
    case packet_type::connect: return "CONNECT";
    case packet_type::connack: return "CONNACK";
    case packet_type::publish: return "PUBLISH";
    case packet_type::puback: return "PUBACK";
    case packet_type::pubrec: return "PUBREC";
    case packet_type::pubrel: return "PUBREL";
    case packet_type::pubcomp: return "PUBCOMP";
    case packet_type::subscribe: return "SUBSCRIBE";
    case packet_type::suback: return "SUBACK";
    case packet_type::unsubscribe: return "UNSUBSCRIBE";
    case packet_type::unsuback: return "UNSUBACK";
    case packet_type::pingreq: return "PINGREQ";
    case packet_type::pingresp: return "PINGRESP";
    case packet_type::disconnect: return "DISCONNECT";
    case packet_type::auth: return "AUTH";
  }
  return "UNKNOWN";
}

std::string describe_publish(const mqtt::publish& p) {
  return "PUBLISH (d" + std::to_string(p.dup ? 1 : 0) + ", q" + std::to_string(p.qos) + ", r" +
         std::to_string(p.retain ? 1 : 0) + ", m" + std::to_string(p.packet_id) + ", '" +
         std::string{p.topic} + "', ... (" + std::to_string(p.payload.size()) + " bytes))";
}

std::string describe_subscribe(const mqtt::subscribe& p) {
  // mosquitto prints one line per filter; the lines of one packet are joined here.
  std::string out;
  for (const auto& e : p.entries) {
    if (!out.empty()) out += ", ";
    out += "(Mid: " + std::to_string(p.packet_id) + ", Topic: " + e.filter +
           ", QoS: " + std::to_string(e.qos) + ", Options: 0x00)";
  }
  return "SUBSCRIBE " + out;
}

// Packets carrying only a packet id: "(Mid: 1)" when received, "(m1)" when sent, as mosquitto.
std::string describe_ack(const char* name, std::uint16_t id, bool sending, bool with_rc) {
  if (sending) return std::string{name} + " (m" + std::to_string(id) + (with_rc ? ", rc0)" : ")");
  return std::string{name} + " (Mid: " + std::to_string(id) + (with_rc ? ", RC:0)" : ")");
}

template <class R, class F>
std::string or_malformed(const R& r, packet_type t, F describe) {
  if (!r) return std::string{type_name(t)} + " (malformed)";
  return describe(*r);
}

}  // namespace

std::string describe_frame(const mqtt::frame& f, mqtt::protocol_version v, bool sending) {
  const packet_type t = f.type();
  switch (t) {
    case packet_type::connack:
      return or_malformed(mqtt::decode_connack(f, v), t, [](const mqtt::connack& p) {
        return "CONNACK (" + std::to_string(static_cast<int>(p.code)) + ")";
      });
    case packet_type::publish:
      return or_malformed(mqtt::decode_publish(f, v), t, describe_publish);
    case packet_type::puback:
      return or_malformed(mqtt::decode_puback(f, v), t, [&](const mqtt::puback& p) {
        return describe_ack("PUBACK", p.packet_id, sending, true);
      });
    case packet_type::pubrec:
      return or_malformed(mqtt::decode_pubrec(f, v), t, [&](const mqtt::pubrec& p) {
        return describe_ack("PUBREC", p.packet_id, sending, sending);
      });
    case packet_type::pubrel:
      return or_malformed(mqtt::decode_pubrel(f, v), t, [&](const mqtt::pubrel& p) {
        return describe_ack("PUBREL", p.packet_id, sending, false);
      });
    case packet_type::pubcomp:
      return or_malformed(mqtt::decode_pubcomp(f, v), t, [&](const mqtt::pubcomp& p) {
        return describe_ack("PUBCOMP", p.packet_id, sending, !sending);
      });
    case packet_type::subscribe:
      return or_malformed(mqtt::decode_subscribe(f, v), t, describe_subscribe);
    case packet_type::unsubscribe:
      return or_malformed(mqtt::decode_unsubscribe(f, v), t, [](const mqtt::unsubscribe& p) {
        std::string out = "UNSUBSCRIBE (Mid: " + std::to_string(p.packet_id);
        for (const auto& filter : p.filters) out += ", Topic: " + filter;
        return out + ")";
      });
    default:
      return type_name(t);
  }
}

packet_tracer::packet_tracer(mqtt::protocol_version v, bool sending, sink out)
    : _version(v), _sending(sending), _out(std::move(out)) {
  reset();
}

void packet_tracer::reset() {
  _decoder = std::make_unique<mqtt::frame_decoder>(max_frame);
  _failed = false;
}

void packet_tracer::feed(std::span<const std::uint8_t> bytes) {
  if (_failed || bytes.empty()) return;
  _decoder->feed(bytes);
  mqtt::frame f;
  for (;;) {
    const auto s = _decoder->next(f);
    if (s == mqtt::frame_status::need_more) return;
    if (s == mqtt::frame_status::error) {
      _failed = true;  // the stream cannot be cut any more; say so once
      _out("bytes that are not MQTT");
      return;
    }
    _out(describe_frame(f, _version, _sending));
  }
}

traced_transport::traced_transport(sdk::transport_port& inner, std::string client_id,
                                   mqtt::protocol_version v,
                                   std::function<void(const std::string& line)> print)
    : _inner(inner),
      _sent(v, true, [print, client_id](const std::string& d) {
        print("Client " + client_id + " sending " + d);
      }),
      _received(v, false, [print, client_id](const std::string& d) {
        print("Client " + client_id + " received " + d);
      }) {}

int traced_transport::open(const char* host, std::uint16_t port, std::uint32_t timeout_ms) {
  _sent.reset();
  _received.reset();
  return _inner.open(host, port, timeout_ms);
}

int traced_transport::write(std::span<const std::uint8_t> data) {
  const int n = _inner.write(data);
  if (n > 0) _sent.feed(data.first(static_cast<std::size_t>(n)));
  return n;
}

int traced_transport::read(std::span<std::uint8_t> data, std::uint32_t timeout_ms) {
  const int n = _inner.read(data, timeout_ms);
  if (n > 0) _received.feed(std::span<const std::uint8_t>{data.data(), static_cast<std::size_t>(n)});
  return n;
}

void traced_transport::close() { _inner.close(); }

}  // namespace roost::tools
