#pragma once
// broker_peer: plays the broker for one sdk::mqtt_client, with neither socket nor driver. It opens
// the client's session, reads what the client wrote, decodes it with the codec and answers the way
// a broker would (CONNACK, SUBACK, PUBACK, PINGRESP). Tests read the application messages the
// client published, oldest first.
//
//   broker_peer broker{client};
//   client.start(0);
//   broker.connect(0);                    // CONNECT -> CONNACK, SUBSCRIBE -> SUBACK, ...
//   broker.send("ledctrl", "on", 100);    // a PUBLISH to the client
//   EXPECT_EQ(broker.take_published(), (std::vector<message>{{"ledstate", "led on"}}));

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "roost/mqtt/frame_decoder.hpp"
#include "roost/sdk/mqtt_client.hpp"

namespace roost::test {

struct message {
  std::string topic;
  std::string payload;
  bool operator==(const message&) const = default;
};
std::ostream& operator<<(std::ostream& out, const message& m);

class broker_peer {
 public:
  explicit broker_peer(sdk::mqtt_client& client) : _client(client) {}

  // Opens the stream (the client must want one), answers its CONNECT with an accepting CONNACK
  // and then everything that follows (see exchange). Fails the test when no CONNECT comes.
  void connect(sdk::millis now, bool session_present = false);
  // Reads and answers what the client wrote until it writes nothing more.
  void exchange(sdk::millis now);
  // Sends an application message to the client at QoS 0, then exchanges.
  void send(std::string_view topic, std::string_view payload, sdk::millis now);
  // The stream breaks under the client.
  void drop(sdk::millis now);
  // Runs the client's timers from `from` in steps of 10 ms until it wants a stream again (its
  // reconnect backoff is over); returns that time. Fails the test after max_ms.
  sdk::millis wait_for_reconnect(sdk::millis from, sdk::millis max_ms = 120000);

  // Application messages the client published since the last call (QoS 1 ones acknowledged).
  std::vector<message> take_published();
  // Filters of every SUBSCRIBE the client sent, in order.
  const std::vector<std::string>& subscriptions() const { return _subscriptions; }

 private:
  void write_to_client(const mqtt::bytes& b, sdk::millis now);
  // Records one frame from the client and appends the broker's answer, if any, to `reply`.
  void handle(const mqtt::frame& f, mqtt::bytes& reply);

  sdk::mqtt_client& _client;
  mqtt::frame_decoder _decoder{1 << 16};
  bool _saw_connect = false;
  std::vector<message> _published;
  std::vector<std::string> _subscriptions;
};

}  // namespace roost::test
