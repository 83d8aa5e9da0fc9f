#pragma once
// A client that talks to the broker engine without sockets: `send` encodes a packet and hands the
// bytes to engine::receive; `next` pulls what the engine has for it and decodes one packet. Time
// is a manual clock the test advances. Conversation tests read like transcripts:
//
//   manual_clock clock;
//   engine e{settings{}, nullptr, clock.now};
//   scripted_peer a{e, clock};
//   a.send(connect_packet("a"));
//   EXPECT_EQ(a.expect_connack().code, connack_code::accepted);

#include <gtest/gtest.h>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "roost/broker/engine.hpp"
#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/encode.hpp"
#include "roost/mqtt/frame_decoder.hpp"

namespace roost::test {

struct manual_clock {
  time_point now = time_point{} + std::chrono::hours(1);
  void advance(duration d) { now += d; }
};

// A PUBLISH as a peer receives it, owning its topic and payload.
struct received_publish {
  std::string topic;
  std::string payload;
  std::uint8_t qos = 0;
  bool retain = false;
  bool dup = false;
  std::uint16_t packet_id = 0;
};

inline mqtt::connect connect_packet(std::string client_id, bool clean = true, std::uint16_t keep_alive = 60) {
  mqtt::connect c;
  c.client_id = std::move(client_id);
  c.clean_session = clean;
  c.keep_alive = keep_alive;
  return c;
}

inline mqtt::bytes to_bytes(std::string_view s) { return mqtt::bytes(s.begin(), s.end()); }

class scripted_peer : public broker::link {
 public:
  scripted_peer(broker::engine& e, manual_clock& clock, broker::listener_binding binding = {})
      : _engine(e), _clock(clock), _decoder(1 << 28) {
    _conn = _engine.open(*this, "peer", _clock.now, binding);
  }
  ~scripted_peer() override { drop(); }

  // link
  void wake() override { ++wakes; }
  void close() override { close_requested = true; }

  // Encodes `p` (in the version of the last CONNECT sent: an MQTT 5 CONNECT makes this an MQTT 5
  // peer) and delivers it to the engine as one read.
  template <class Packet>
  void send(const Packet& p) {
    mqtt::bytes b;
    if constexpr (std::is_same_v<Packet, mqtt::connect>) {
      _version = p.protocol_level >= 5   ? mqtt::protocol_version::v5
                 : p.protocol_level == 3 ? mqtt::protocol_version::v3_1
                                         : mqtt::protocol_version::v3_1_1;
      mqtt::encode(p, b);
    } else if constexpr (std::is_same_v<Packet, mqtt::auth>) {
      mqtt::encode(p, b);
    } else {
      mqtt::encode(p, b, _version);
    }
    send_raw(b);
  }
  void send_raw(const mqtt::bytes& b) {
    if (!_dropped) _engine.receive(*_conn, b, _clock.now);
  }
  void publish(std::string topic, std::string_view payload, std::uint8_t qos = 0, bool retain = false,
               std::uint16_t packet_id = 0, bool dup = false) {
    auto bytes = to_bytes(payload);
    send(mqtt::publish{dup, qos, retain, topic, packet_id, bytes});
  }
  void subscribe(std::uint16_t packet_id, std::vector<mqtt::subscription_request> entries) {
    send(mqtt::subscribe{packet_id, std::move(entries)});
  }

  // The transport noticed the socket is gone (or finished closing it).
  void drop() {
    if (_dropped) return;
    _dropped = true;
    _engine.closed(*_conn, _clock.now);
  }

  // Pulls everything the engine has for this peer into the receive queue. Returns the last status.
  broker::pull_status pump(std::size_t budget = 1 << 20) {
    broker::pull_status status = broker::pull_status::idle;
    for (int i = 0; i < 100000 && !_dropped; ++i) {
      broker::outbound out;
      status = _engine.pull(*_conn, out, budget);
      for (const auto& piece : out.pieces) _decoder.feed({out.data(piece), piece.size});
      _engine.wrote(*_conn, out.total);
      mqtt::frame f;
      while (_decoder.next(f) == mqtt::frame_status::ready) {
        _frames.emplace_back(f.first_byte, mqtt::bytes(f.body.begin(), f.body.end()));
      }
      if (status == broker::pull_status::close) server_closed = true;
      if (status != broker::pull_status::more) break;
    }
    return status;
  }

  // True when the next packet pending is of type t (after pumping).
  std::optional<mqtt::packet_type> peek_type() {
    pump();
    if (_frames.empty()) return std::nullopt;
    return static_cast<mqtt::packet_type>(_frames.front().first >> 4);
  }

  std::size_t pending() {
    pump();
    return _frames.size();
  }

  // Expects the next packet to be of `type`; returns its frame body (fails the test otherwise).
  mqtt::frame next_frame(mqtt::packet_type type) {
    pump();
    if (_frames.empty()) {
      ADD_FAILURE() << "expected packet type " << int(type) << ", nothing pending";
      return {};
    }
    _current = std::move(_frames.front());
    _frames.pop_front();
    mqtt::frame f{_current.first, _current.second};
    EXPECT_EQ(f.type(), type) << "unexpected packet type";
    return f;
  }

  mqtt::connack expect_connack() { return value(mqtt::decode_connack(next_frame(mqtt::packet_type::connack), _version)); }
  mqtt::suback expect_suback() { return value(mqtt::decode_suback(next_frame(mqtt::packet_type::suback), _version)); }
  mqtt::unsuback expect_unsuback() { return value(mqtt::decode_unsuback(next_frame(mqtt::packet_type::unsuback), _version)); }
  mqtt::puback expect_puback() { return value(mqtt::decode_puback(next_frame(mqtt::packet_type::puback), _version)); }
  mqtt::pubrec expect_pubrec() { return value(mqtt::decode_pubrec(next_frame(mqtt::packet_type::pubrec), _version)); }
  mqtt::pubrel expect_pubrel() { return value(mqtt::decode_pubrel(next_frame(mqtt::packet_type::pubrel), _version)); }
  mqtt::pubcomp expect_pubcomp() { return value(mqtt::decode_pubcomp(next_frame(mqtt::packet_type::pubcomp), _version)); }
  mqtt::disconnect expect_disconnect() {
    return value(mqtt::decode_disconnect(next_frame(mqtt::packet_type::disconnect), _version));
  }
  mqtt::auth expect_auth() { return value(mqtt::decode_auth(next_frame(mqtt::packet_type::auth))); }
  void expect_pingresp() { EXPECT_TRUE(mqtt::decode_pingresp(next_frame(mqtt::packet_type::pingresp))); }
  received_publish expect_publish() {
    auto p = mqtt::decode_publish(next_frame(mqtt::packet_type::publish), _version);
    if (!p) {
      ADD_FAILURE() << "PUBLISH does not decode";
      return {};
    }
    return {std::string(p->topic), std::string(p->payload.begin(), p->payload.end()), p->qos, p->retain, p->dup,
            p->packet_id};
  }
  void expect_nothing() {
    pump();
    EXPECT_TRUE(_frames.empty()) << _frames.size() << " unexpected packet(s), first of type "
                                 << (_frames.empty() ? 0 : _frames.front().first >> 4);
  }
  // The engine asked to close the connection and pull reported `close`.
  bool closed_by_server() {
    pump();
    return close_requested && server_closed;
  }

  // Connects with `c` and expects CONNACK accepted; returns session_present.
  bool connect_ok(const mqtt::connect& c) {
    send(c);
    auto ack = expect_connack();
    EXPECT_EQ(ack.code, mqtt::connack_code::accepted);
    return ack.session_present;
  }

  broker::connection& conn() { return *_conn; }

  int wakes = 0;
  bool close_requested = false;
  bool server_closed = false;

 private:
  template <class T>
  T value(mqtt::decoded<T> r) {
    if (!r) {
      ADD_FAILURE() << "packet does not decode: " << mqtt::to_string(r.error());
      return T{};
    }
    return *r;
  }

  broker::engine& _engine;
  manual_clock& _clock;
  mqtt::frame_decoder _decoder;
  std::shared_ptr<broker::connection> _conn;
  std::deque<std::pair<std::uint8_t, mqtt::bytes>> _frames;
  std::pair<std::uint8_t, mqtt::bytes> _current;
  mqtt::protocol_version _version = mqtt::protocol_version::v3_1_1;
  bool _dropped = false;
};

// Base of the engine conversation tests: an engine on a manual clock, restartable with other
// settings, and a connected subscriber in one call.
struct engine_fixture : ::testing::Test {
  manual_clock clock;
  broker::settings cfg;
  std::unique_ptr<broker::engine> e = std::make_unique<broker::engine>(cfg, nullptr, clock.now);

  void restart(broker::settings s, broker::authenticator* auth = nullptr) {
    cfg = std::move(s);
    e = std::make_unique<broker::engine>(cfg, auth, clock.now);
  }

  // A connected client subscribed to `filter` at `qos` (granted as asked).
  std::unique_ptr<scripted_peer> subscriber(std::string id, std::string filter, std::uint8_t qos,
                                            bool clean = true) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    p->connect_ok(connect_packet(std::move(id), clean));
    p->subscribe(1, {{std::move(filter), qos}});
    EXPECT_EQ(p->expect_suback().return_codes, std::vector<std::uint8_t>{qos});
    return p;
  }
};

}  // namespace roost::test
