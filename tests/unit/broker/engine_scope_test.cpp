// Conversation tests of scopes: isolated topic spaces chosen by the authenticator at CONNECT.

#include <optional>
#include <string>

#include "support/scripted_peer.hpp"

using namespace roost;
using namespace roost::test;

namespace {

// User name "tenant-N" lives in scope N; anyone else in the default scope.
struct scope_by_user : broker::authenticator {
  broker::auth_decision authenticate(const broker::credentials& c) override {
    if (c.username && c.username->starts_with("tenant-")) {
      return {broker::auth_result::allowed, std::stoull(std::string(c.username->substr(7)))};
    }
    return {broker::auth_result::allowed, broker::default_scope};
  }
};

struct scope_test : engine_fixture {
  scope_by_user auth;
  scope_test() { restart(broker::settings{}, &auth); }

  std::unique_ptr<scripted_peer> client(std::string id, std::optional<std::string> user) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    auto c = connect_packet(std::move(id));
    c.username = std::move(user);
    p->connect_ok(c);
    return p;
  }
};

TEST_F(scope_test, wildcards_do_not_reach_other_scopes) {
  auto a = client("a", "tenant-1");
  a->subscribe(1, {{"#", 2}});
  a->expect_suback();
  auto b = client("b", "tenant-2");
  b->subscribe(1, {{"#", 2}});
  b->expect_suback();
  auto plain = client("p", std::nullopt);
  plain->subscribe(1, {{"#", 2}});
  plain->expect_suback();

  b->publish("ledctrl", "on");
  EXPECT_EQ(b->expect_publish().payload, "on");
  a->expect_nothing();
  plain->expect_nothing();
  plain->publish("ledctrl", "plain");
  EXPECT_EQ(plain->expect_publish().payload, "plain");
  a->expect_nothing();
  b->expect_nothing();
}

TEST_F(scope_test, retained_messages_are_per_scope) {
  auto a = client("a", "tenant-1");
  a->publish("state", "one", 0, true);
  auto b = client("b", "tenant-2");
  b->subscribe(1, {{"state", 0}});
  b->expect_suback();
  b->expect_nothing();
  auto a2 = client("a2", "tenant-1");
  a2->subscribe(1, {{"+", 0}});
  a2->expect_suback();
  EXPECT_EQ(a2->expect_publish().payload, "one");
  EXPECT_EQ(e->snapshot().retained, 1u);
}

TEST_F(scope_test, same_client_id_in_two_scopes_is_two_sessions) {
  auto a = client("device", "tenant-1");
  auto b = client("device", "tenant-2");
  EXPECT_FALSE(a->close_requested) << "no takeover across scopes";
  EXPECT_EQ(e->snapshot().clients_connected, 2u);
  auto a_again = client("device", "tenant-1");
  EXPECT_TRUE(a->closed_by_server()) << "takeover within a scope";
  EXPECT_FALSE(b->close_requested);
}

TEST_F(scope_test, sys_topics_only_in_the_default_scope) {
  broker::settings s;
  s.sys_interval = seconds(1);
  restart(s, &auth);
  auto a = client("a", "tenant-1");
  a->subscribe(1, {{"$SYS/#", 0}});
  a->expect_suback();
  auto plain = client("p", std::nullopt);
  plain->subscribe(1, {{"$SYS/broker/version", 0}});
  plain->expect_suback();
  clock.advance(seconds(2));
  e->tick(clock.now);
  EXPECT_EQ(plain->expect_publish().topic, "$SYS/broker/version");
  a->expect_nothing();
}

TEST_F(scope_test, will_stays_in_its_scope) {
  auto watcher_a = client("wa", "tenant-1");
  watcher_a->subscribe(1, {{"will", 0}});
  watcher_a->expect_suback();
  auto watcher_b = client("wb", "tenant-2");
  watcher_b->subscribe(1, {{"will", 0}});
  watcher_b->expect_suback();
  auto dying = std::make_unique<scripted_peer>(*e, clock);
  auto c = connect_packet("dying");
  c.username = "tenant-2";
  c.will = mqtt::will_message{"will", to_bytes("gone"), 0, false};
  dying->connect_ok(c);
  dying.reset();
  EXPECT_EQ(watcher_b->expect_publish().payload, "gone");
  watcher_a->expect_nothing();
}

}  // namespace
