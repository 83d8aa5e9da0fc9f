#include "broker_peer.hpp"

#include <gtest/gtest.h>

#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/encode.hpp"

namespace roost::test {

std::ostream& operator<<(std::ostream& out, const message& m) {
  return out << "{" << m.topic << ": \"" << m.payload << "\"}";
}

void broker_peer::connect(sdk::millis now, bool session_present) {
  ASSERT_TRUE(_client.wants_open()) << "the client does not want a stream";
  _decoder = mqtt::frame_decoder{1 << 16};
  _saw_connect = false;
  _client.on_open(now);
  exchange(now);
  ASSERT_TRUE(_saw_connect) << "no CONNECT after the stream opened";
  mqtt::bytes b;
  mqtt::encode(mqtt::connack{session_present, mqtt::connack_code::accepted}, b);
  write_to_client(b, now);
  ASSERT_TRUE(_client.connected());
}

void broker_peer::exchange(sdk::millis now) {
  // Replies are collected and given to the client only once its output is decoded: the client's
  // answer to them is new output, read in the next round.
  while (true) {
    mqtt::bytes replies;
    while (!_client.output().empty()) {
      const std::span<const std::uint8_t> out = _client.output();
      const mqtt::bytes copy(out.begin(), out.end());
      _client.on_sent(copy.size());
      _decoder.feed(copy);
      mqtt::frame f;
      while (true) {
        const mqtt::frame_status s = _decoder.next(f);
        if (s == mqtt::frame_status::need_more) break;
        ASSERT_NE(s, mqtt::frame_status::error) << "the client wrote a malformed frame";
        handle(f, replies);
      }
    }
    if (replies.empty()) return;
    _client.on_received(replies, now);
  }
}

void broker_peer::send(std::string_view topic, std::string_view payload, sdk::millis now) {
  mqtt::publish p;
  p.topic = topic;
  p.payload = {reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()};
  mqtt::bytes b;
  mqtt::encode(p, b);
  write_to_client(b, now);
}

void broker_peer::drop(sdk::millis now) { _client.on_closed(now); }

sdk::millis broker_peer::wait_for_reconnect(sdk::millis from, sdk::millis max_ms) {
  for (sdk::millis t = from; t <= from + max_ms; t += 10) {
    _client.on_tick(t);
    if (_client.wants_open()) return t;
  }
  ADD_FAILURE() << "the client did not want to reconnect within " << max_ms << " ms";
  return from + max_ms;
}

std::vector<message> broker_peer::take_published() {
  std::vector<message> out;
  out.swap(_published);
  return out;
}

void broker_peer::write_to_client(const mqtt::bytes& b, sdk::millis now) {
  _client.on_received(b, now);
  exchange(now);
}

void broker_peer::handle(const mqtt::frame& f, mqtt::bytes& reply) {
  const auto v = mqtt::protocol_version::v3_1_1;
  switch (f.type()) {
    case mqtt::packet_type::connect:
      ASSERT_TRUE(mqtt::decode_connect(f).has_value());
      _saw_connect = true;
      break;
    case mqtt::packet_type::subscribe: {
      auto s = mqtt::decode_subscribe(f, v);
      ASSERT_TRUE(s.has_value());
      mqtt::suback ack{s->packet_id, {}};
      for (const auto& entry : s->entries) {
        _subscriptions.push_back(entry.filter);
        ack.return_codes.push_back(entry.qos);
      }
      mqtt::encode(ack, reply);
      break;
    }
    case mqtt::packet_type::publish: {
      auto p = mqtt::decode_publish(f, v);
      ASSERT_TRUE(p.has_value());
      ASSERT_LE(p->qos, 1) << "the application publishes at QoS 0 or 1 only";
      _published.push_back({std::string{p->topic},
                            std::string{reinterpret_cast<const char*>(p->payload.data()),
                                        p->payload.size()}});
      if (p->qos == 1) mqtt::encode(mqtt::puback{p->packet_id}, reply);
      break;
    }
    case mqtt::packet_type::pingreq:
      mqtt::encode(mqtt::pingresp{}, reply);
      break;
    default:
      break;  // PUBACK of a QoS 1 delivery, DISCONNECT: nothing to answer
  }
}

}  // namespace roost::test
