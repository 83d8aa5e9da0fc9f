// Conversation tests of shared subscriptions ("$share/{ShareName}/{filter}", MQTT 5.0 section
// 4.8.2): one member per group gets each message, by round robin or by the publisher's client id;
// members that leave hand over what they had not delivered; malformed share filters, retained
// messages, scopes, and plain subscriptions next to shared ones.

#include <map>
#include <set>

#include "v5_messages.hpp"

using namespace roost;
using namespace roost::test;
using mqtt::reason_code;

namespace {

struct shared_test : engine_fixture {
  // An MQTT 5 client `id` subscribed to `filter` at `qos` (granted as asked).
  std::unique_ptr<scripted_peer> member(std::string id, std::string filter, std::uint8_t qos = 0,
                                        std::optional<std::uint32_t> expiry = std::nullopt) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    p->send(v5_connect(std::move(id), true, expiry));
    EXPECT_EQ(p->expect_connack().reason, 0);
    p->subscribe(1, {{std::move(filter), qos}});
    EXPECT_EQ(p->expect_suback().return_codes, std::vector<std::uint8_t>{qos});
    return p;
  }

  std::unique_ptr<scripted_peer> publisher(std::string id) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    p->send(v5_connect(std::move(id)));
    EXPECT_EQ(p->expect_connack().reason, 0);
    return p;
  }

  // Publishes "m<first>".."m<first+n-1>" on `topic` at QoS 0.
  static void publish_n(scripted_peer& p, const std::string& topic, int n, int first = 0) {
    for (int i = first; i < first + n; ++i) p.publish(topic, "m" + std::to_string(i));
  }

  // Every QoS 0 message pending for `p`, by payload.
  static std::vector<std::string> drain(scripted_peer& p) {
    std::vector<std::string> got;
    while (p.peek_type() == mqtt::packet_type::publish) got.push_back(p.expect_publish().payload);
    return got;
  }
};

TEST_F(shared_test, RoundRobinGivesEachMessageToOneMemberInTurn_MQTT_4_8_2) {
  auto a = member("a", "$share/g/jobs/#");
  auto b = member("b", "$share/g/jobs/#");
  auto c = member("c", "$share/g/jobs/#");
  auto p = publisher("p");
  publish_n(*p, "jobs/1", 9);
  const auto got_a = drain(*a);
  const auto got_b = drain(*b);
  const auto got_c = drain(*c);
  EXPECT_EQ(got_a, (std::vector<std::string>{"m0", "m3", "m6"}));
  EXPECT_EQ(got_b, (std::vector<std::string>{"m1", "m4", "m7"}));
  EXPECT_EQ(got_c, (std::vector<std::string>{"m2", "m5", "m8"}));
}

TEST_F(shared_test, MembersOfThreeOneOneAndV3ClientsShareAlike) {
  auto a = member("a", "$share/g/t");
  auto v3 = subscriber("v3", "$share/g/t", 0);  // an MQTT 3.1.1 client may join as well
  auto p = publisher("p");
  publish_n(*p, "t", 4);
  EXPECT_EQ(drain(*a).size(), 2u);
  EXPECT_EQ(drain(*v3).size(), 2u);
}

TEST_F(shared_test, HashClientIdKeepsOnePublishersMessagesOnOneMember) {
  broker::settings s;
  s.shared_strategy = broker::share_strategy::hash_client_id;
  restart(s);
  std::vector<std::unique_ptr<scripted_peer>> members;
  for (int i = 0; i < 3; ++i) members.push_back(member("w" + std::to_string(i), "$share/g/t"));
  std::set<std::size_t> used;
  for (int pub = 0; pub < 12; ++pub) {
    auto p = publisher("device-" + std::to_string(pub));
    publish_n(*p, "t", 5);
    std::size_t receivers = 0;
    for (std::size_t i = 0; i < members.size(); ++i) {
      const auto got = drain(*members[i]);
      if (got.empty()) continue;
      ++receivers;
      used.insert(i);
      EXPECT_EQ(got, (std::vector<std::string>{"m0", "m1", "m2", "m3", "m4"})) << "in order, all on one member";
    }
    EXPECT_EQ(receivers, 1u) << "publisher " << pub;
  }
  EXPECT_GT(used.size(), 1u) << "different publishers spread over the members";
}

TEST_F(shared_test, UnsubscribedMemberGetsNoMore_MQTT_3_10_4_1) {
  auto a = member("a", "$share/g/t");
  auto b = member("b", "$share/g/t");
  a->send(mqtt::unsubscribe{2, {"$share/g/t"}});
  EXPECT_EQ(a->expect_unsuback().reason_codes, std::vector<std::uint8_t>{0x00});
  auto p = publisher("p");
  publish_n(*p, "t", 3);
  a->expect_nothing();
  EXPECT_EQ(drain(*b).size(), 3u);
  b->send(mqtt::unsubscribe{2, {"$share/g/t"}});
  b->expect_unsuback();
  publish_n(*p, "t", 1);
  b->expect_nothing();
}

TEST_F(shared_test, GroupsAreSeparateFromPlainSubscriptionsAndFromEachOther) {
  auto a = std::make_unique<scripted_peer>(*e, clock);
  a->send(v5_connect("a"));
  a->expect_connack();
  a->subscribe(1, {{"t", 0}, {"$share/g1/t", 0}, {"$share/g2/t", 0}});
  EXPECT_EQ(a->expect_suback().return_codes, (std::vector<std::uint8_t>{0, 0, 0}));
  auto p = publisher("p");
  p->publish("t", "x");
  EXPECT_EQ(drain(*a).size(), 3u) << "the plain subscription and each group deliver";
  // The same ShareName on another filter is another group.
  auto b = member("b", "$share/g1/other");
  p->publish("t", "y");
  EXPECT_EQ(drain(*a).size(), 3u);
  b->expect_nothing();
}

TEST_F(shared_test, MalformedShareFiltersAreRefusedWith0x8F_MQTT_4_8_2_1_MQTT_4_8_2_2) {
  auto a = std::make_unique<scripted_peer>(*e, clock);
  a->send(v5_connect("a"));
  a->expect_connack();
  a->subscribe(1, {{"$share//t", 0}, {"$share/g", 0}, {"$share/+/t", 1}, {"$share/g/", 0}, {"$share/ok/t", 1}});
  EXPECT_EQ(a->expect_suback().return_codes, (std::vector<std::uint8_t>{0x8F, 0x8F, 0x8F, 0x8F, 1}));
  EXPECT_FALSE(a->close_requested);
}

TEST_F(shared_test, MalformedShareFilterFromV3ClientIsRefusedWith0x80_MQTT_4_8_2_2) {
  scripted_peer a{*e, clock};
  a.connect_ok(connect_packet("a"));
  a.subscribe(1, {{"$share/g", 1}, {"$share/g/t", 1}});
  EXPECT_EQ(a.expect_suback().return_codes, (std::vector<std::uint8_t>{mqtt::suback_failure, 1}));
}

TEST_F(shared_test, NoLocalOnASharedSubscriptionIsAProtocolError_MQTT_3_8_3_4) {
  scripted_peer a{*e, clock};
  a.send(v5_connect("a"));
  a.expect_connack();
  mqtt::subscription_request r{"$share/g/t", 0};
  r.no_local = true;
  a.subscribe(1, {r});
  EXPECT_EQ(a.expect_disconnect().reason, static_cast<std::uint8_t>(reason_code::protocol_error));
  EXPECT_TRUE(a.closed_by_server());
}

TEST_F(shared_test, RetainedMessagesAreNotSentOnSubscribingToASharedSubscription) {
  auto p = publisher("p");
  p->publish("t", "kept", 0, true);
  auto a = member("a", "$share/g/t");
  a->expect_nothing();
  auto plain = member("plain", "t");
  EXPECT_TRUE(plain->expect_publish().retain) << "a plain subscription still gets it";
}

TEST_F(shared_test, ScopesKeepTheirGroupsApart) {
  struct scope_by_user : broker::authenticator {
    broker::auth_decision authenticate(const broker::credentials& c) override {
      if (c.username && c.username->starts_with("tenant-")) {
        return {broker::auth_result::allowed, std::stoull(std::string(c.username->substr(7)))};
      }
      return {broker::auth_result::allowed, broker::default_scope};
    }
  } auth;
  restart(broker::settings{}, &auth);
  auto client = [&](std::string id, std::string user) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    auto c = v5_connect(std::move(id));
    c.username = std::move(user);
    p->send(c);
    EXPECT_EQ(p->expect_connack().reason, 0);
    return p;
  };
  auto a = client("a", "tenant-1");
  auto b = client("b", "tenant-2");
  a->subscribe(1, {{"$share/g/t", 0}});
  a->expect_suback();
  b->subscribe(1, {{"$share/g/t", 0}});
  b->expect_suback();
  auto p1 = client("p1", "tenant-1");
  publish_n(*p1, "t", 4);
  EXPECT_EQ(drain(*a).size(), 4u) << "the only member in scope 1";
  b->expect_nothing();
}

TEST_F(shared_test, DeliveryRespectsEachMembersGrantedQos_MQTT_4_8_2_3) {
  auto a = member("a", "$share/g/t", 0);
  auto b = member("b", "$share/g/t", 1);
  auto p = publisher("p");
  p->publish("t", "one", 1, false, 1);
  p->expect_puback();
  p->publish("t", "two", 1, false, 2);
  p->expect_puback();
  EXPECT_EQ(a->expect_publish().qos, 0);
  const auto to_b = b->expect_publish();
  EXPECT_EQ(to_b.qos, 1);
  b->send(mqtt::puback{to_b.packet_id});
}

TEST_F(shared_test, QoS1InFlightToAMemberWhoseSessionEndsGoesToAnotherMember) {
  auto a = member("a", "$share/g/t", 1);
  auto b = member("b", "$share/g/t", 1);
  auto p = publisher("p");
  p->publish("t", "first", 1, false, 1);  // to a (round robin starts at the first member)
  p->expect_puback();
  const auto to_a = a->expect_publish();
  EXPECT_EQ(to_a.payload, "first");
  a->drop();  // not acknowledged; the clean session ends
  const auto to_b = b->expect_publish();
  EXPECT_EQ(to_b.payload, "first");
  EXPECT_EQ(to_b.qos, 1);
  b->send(mqtt::puback{to_b.packet_id});
  b->expect_nothing();
}

// QoS 2: one in flight awaiting PUBREC stays with the member whose session ends (it may have
// been received) [MQTT-4.8.2-5]; queued ones, never sent, go to another member.
TEST_F(shared_test, QoS2OfAnEndingMemberOnlyQueuedOnesGoToAnotherMember_MQTT_4_8_2_5) {
  broker::settings s;
  s.max_inflight = 1;
  restart(s);
  auto a = member("a", "$share/g/t", 2);
  auto b = member("b", "$share/g/t", 2);
  auto p = publisher("p");
  for (std::uint16_t i = 1; i <= 4; ++i) {  // m1 -> a (sent), m2 -> b (sent), m3 -> a, m4 -> b (queued)
    p->publish("t", "m" + std::to_string(i), 2, false, i);
    p->expect_pubrec();
    p->send(mqtt::pubrel{i});
    p->expect_pubcomp();
  }
  EXPECT_EQ(a->expect_publish().payload, "m1");
  a->expect_nothing();
  a->drop();

  std::vector<std::string> got;
  for (int i = 0; i < 3; ++i) {
    const auto m = b->expect_publish();
    got.push_back(m.payload);
    EXPECT_EQ(m.qos, 2);
    b->send(mqtt::pubrec{m.packet_id});
    b->expect_pubrel();
    b->send(mqtt::pubcomp{m.packet_id});
  }
  EXPECT_EQ(got, (std::vector<std::string>{"m2", "m4", "m3"}));
  b->expect_nothing();
}

TEST_F(shared_test, OfflinePersistentMemberIsSkippedAndHandsOverWhatItHadQueued) {
  broker::settings s;
  s.max_inflight = 1;
  restart(s);
  auto a = member("a", "$share/g/t", 1, 300);  // persistent
  auto b = member("b", "$share/g/t", 1);
  auto p = publisher("p");
  for (std::uint16_t i = 1; i <= 3; ++i) {  // m1 -> a (sent), m2 -> b (sent), m3 -> a (queued)
    p->publish("t", "m" + std::to_string(i), 1, false, i);
    p->expect_puback();
  }
  EXPECT_EQ(a->expect_publish().payload, "m1");
  a->drop();  // the session stays; m1 stays in flight with it, m3 moves to b

  p->publish("t", "m4", 1, false, 4);  // a is offline: b gets it although it is a's turn
  p->expect_puback();
  std::vector<std::string> got;
  for (int i = 0; i < 3; ++i) {
    const auto m = b->expect_publish();
    got.push_back(m.payload);
    b->send(mqtt::puback{m.packet_id});
  }
  EXPECT_EQ(got, (std::vector<std::string>{"m2", "m3", "m4"}));

  // With no member online, the offline member queues; it resumes m1 and gets m5 on return.
  b->drop();
  p->publish("t", "m5", 1, false, 5);
  p->expect_puback();
  scripted_peer back{*e, clock};
  back.send(v5_connect("a", false, 300));
  EXPECT_TRUE(back.expect_connack().session_present);
  const auto again = back.expect_publish();
  EXPECT_EQ(again.payload, "m1");
  EXPECT_TRUE(again.dup);
  back.send(mqtt::puback{again.packet_id});
  const auto m5 = back.expect_publish();
  EXPECT_EQ(m5.payload, "m5");
  back.send(mqtt::puback{m5.packet_id});
}

TEST_F(shared_test, SubscriptionCountIncludesSharedMemberships) {
  auto a = member("a", "$share/g/t");
  auto b = member("b", "$share/g/t");
  auto c = member("c", "t");
  EXPECT_EQ(e->snapshot().subscriptions, 3u);
  b->drop();
  EXPECT_EQ(e->snapshot().subscriptions, 2u);
}

}  // namespace
