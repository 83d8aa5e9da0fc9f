// Conversation tests of access control through the authorizer port: refused PUBLISHes, SUBSCRIBE
// filters and wills, counters, and rules that change under live subscriptions.

#include <set>
#include <string>

#include "v5_messages.hpp"

using namespace roost;
using namespace roost::test;

namespace {

// Denies publishing and subscribing to topics under "no/", and deliveries of topics in `hidden`.
struct fake_rules : broker::authorizer {
  bool allow_publish(const broker::client_identity& who, std::string_view topic) override {
    last_user = who.username ? std::string(*who.username) : "-";
    return !topic.starts_with("no/");
  }
  bool allow_subscribe(const broker::client_identity&, std::string_view filter) override {
    return !filter.starts_with("no/");
  }
  bool allow_delivery(const broker::client_identity&, std::string_view topic) override {
    ++delivery_checks;
    return !hidden.contains(std::string(topic));
  }
  bool screens_deliveries(broker::scope_id) override { return !hidden.empty(); }

  std::set<std::string> hidden;
  std::string last_user;
  int delivery_checks = 0;
};

struct acl_test : engine_fixture {
  fake_rules rules;
  acl_test() { e->authorize_with(&rules); }

  std::unique_ptr<scripted_peer> client(std::string id, bool v5 = false) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    p->connect_ok(v5 ? v5_connect(std::move(id)) : connect_packet(std::move(id)));
    return p;
  }
};

TEST_F(acl_test, DeniedPublishV3IsAcknowledgedAndDropped) {
  auto sub = subscriber("s", "#", 1);
  auto pub = client("p");
  pub->publish("no/x", "secret", 1, false, 5);
  EXPECT_EQ(pub->expect_puback().packet_id, 5);
  sub->expect_nothing();
  EXPECT_EQ(e->snapshot().acl_denied_publish, 1u);
}

TEST_F(acl_test, DeniedPublishV5GetsNotAuthorized0x87) {
  auto pub = client("p", true);
  pub->publish("no/x", "secret", 1, false, 5);
  EXPECT_EQ(pub->expect_puback().reason, 0x87);
  pub->publish("no/y", "secret", 2, false, 6);
  EXPECT_EQ(pub->expect_pubrec().reason, 0x87);
}

TEST_F(acl_test, DeniedFilterGetsSuback0x80InV3And0x87InV5) {
  auto v3 = client("a");
  v3->subscribe(1, {{"no/#", 1}, {"yes/#", 1}});
  EXPECT_EQ(v3->expect_suback().return_codes, (std::vector<std::uint8_t>{0x80, 1}));
  auto v5 = client("b", true);
  v5->subscribe(1, {{"no/#", 1}, {"yes/#", 1}});
  EXPECT_EQ(v5->expect_suback().return_codes, (std::vector<std::uint8_t>{0x87, 1}));
  EXPECT_EQ(e->snapshot().acl_denied_subscribe, 2u);
}

TEST_F(acl_test, DeniedWillIsNotPublished) {
  auto sub = subscriber("s", "#", 0);
  for (const char* topic : {"no/will", "yes/will"}) {
    auto c = std::make_unique<scripted_peer>(*e, clock);
    auto packet = connect_packet(std::string("w-") + topic);
    packet.will = mqtt::will_message{topic, to_bytes("gone"), 0, false, {}};
    c->connect_ok(packet);
    c->drop();
  }
  EXPECT_EQ(sub->expect_publish().topic, "yes/will");
  sub->expect_nothing();
}

TEST_F(acl_test, RulesChangedUnderALiveSubscriptionApplyToDeliveries) {
  auto sub = subscriber("s", "live/#", 0);
  auto pub = client("p");
  pub->publish("live/a", "1");
  EXPECT_EQ(sub->expect_publish().topic, "live/a");
  EXPECT_EQ(rules.delivery_checks, 0) << "no check while no rule can refuse a delivery";
  rules.hidden = {"live/a"};
  pub->publish("live/a", "2");
  pub->publish("live/b", "3");
  EXPECT_EQ(sub->expect_publish().topic, "live/b");
  sub->expect_nothing();
  rules.hidden.clear();
  pub->publish("live/a", "4");
  EXPECT_EQ(sub->expect_publish().payload, "4");
  EXPECT_FALSE(sub->closed_by_server());
}

TEST_F(acl_test, RetainedMessagesAreScreenedForANewSubscription) {
  auto pub = client("p");
  pub->publish("r/open", "1", 0, true);
  pub->publish("r/hidden", "2", 0, true);
  rules.hidden = {"r/hidden"};
  auto sub = subscriber("s", "r/#", 0);
  EXPECT_EQ(sub->expect_publish().topic, "r/open");
  sub->expect_nothing();
}

TEST_F(acl_test, TheRulesSeeTheUserName) {
  auto c = std::make_unique<scripted_peer>(*e, clock);
  auto packet = connect_packet("u1");
  packet.username = "alice";
  c->connect_ok(packet);
  c->publish("yes/x", "1");
  c->expect_nothing();
  EXPECT_EQ(rules.last_user, "alice");
}

}  // namespace
