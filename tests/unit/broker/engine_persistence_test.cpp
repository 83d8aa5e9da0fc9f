// Conversation tests of durable state: what the engine reports to its persistence port for
// persistent sessions, how a restarted engine resumes them from what was stored, and
// acknowledgements that wait for the commit (durability full).

#include "support/memory_persistence.hpp"
#include "support/scripted_peer.hpp"

using namespace roost;
using namespace roost::test;

namespace {

struct persistence_test : engine_fixture {
  memory_persistence store;
  std::vector<std::unique_ptr<broker::engine>> crashed;

  persistence_test() { e->persist_to(&store, true); }

  // A new engine restored from what `store` holds, as after a crash: nothing of the old engine's
  // memory survives, and callbacks still waiting for a commit never run.
  // The old engine is kept, cut off from the store, so that peers of it can still drop.
  void crash_and_restart() {
    store.commit(false);
    e->persist_to(nullptr);
    crashed.push_back(std::move(e));
    e = std::make_unique<broker::engine>(cfg, nullptr, clock.now);
    e->restore_sessions(store.load());
    e->persist_to(&store, true);
  }

  // A persistent client subscribed to `filter`, SUBACK received after the commit.
  std::unique_ptr<scripted_peer> persistent_subscriber(std::string id, std::string filter, std::uint8_t qos) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    p->connect_ok(connect_packet(std::move(id), false));
    p->subscribe(1, {{std::move(filter), qos}});
    p->expect_nothing();  // SUBACK waits for the commit of the subscription
    store.commit();
    EXPECT_EQ(p->expect_suback().return_codes, std::vector<std::uint8_t>{qos});
    return p;
  }

  std::unique_ptr<scripted_peer> client(std::string id, bool clean = true) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    p->connect_ok(connect_packet(std::move(id), clean));
    return p;
  }
};

TEST_F(persistence_test, clean_sessions_write_nothing_and_acknowledge_at_once) {
  auto sub = subscriber("s", "a", 1);
  auto pub = client("p");
  pub->publish("a", "x", 1, false, 3);
  EXPECT_EQ(pub->expect_puback().packet_id, 3);
  EXPECT_EQ(store.writes(), 0u);
  EXPECT_EQ(store.waiting(), 0u);
  EXPECT_TRUE(store.sessions.empty());
}

TEST_F(persistence_test, puback_waits_for_the_commit_of_the_queued_message) {
  auto sub = persistent_subscriber("s", "a/#", 1);
  auto pub = client("p");
  pub->publish("a/1", "x", 1, false, 5);
  pub->expect_nothing();
  ASSERT_EQ(store.messages("s").size(), 1u);
  EXPECT_EQ(store.messages("s")[0].state, broker::stored_state::queued);
  auto m = sub->expect_publish();  // delivery does not wait for the commit
  EXPECT_EQ(store.messages("s")[0].state, broker::stored_state::sent);
  EXPECT_EQ(store.messages("s")[0].packet_id, m.packet_id);
  store.commit();
  EXPECT_EQ(pub->expect_puback().packet_id, 5);
}

TEST_F(persistence_test, later_acknowledgements_wait_behind_earlier_ones) {
  auto sub = persistent_subscriber("s", "stored", 1);
  auto pub = client("p");
  pub->publish("stored", "1", 1, false, 1);  // stores a message: waits
  pub->publish("elsewhere", "2", 1, false, 2);  // stores nothing, but must not overtake
  pub->send(mqtt::pingreq{});  // nor may a response that promises nothing
  pub->expect_nothing();
  store.commit();
  EXPECT_EQ(pub->expect_puback().packet_id, 1);
  EXPECT_EQ(pub->expect_puback().packet_id, 2);
  pub->expect_pingresp();
  pub->send(mqtt::pingreq{});
  pub->expect_pingresp();  // with nothing waiting, at once
}

TEST_F(persistence_test, failed_commit_closes_without_acknowledging) {
  auto sub = persistent_subscriber("s", "a", 1);
  auto pub = client("p");
  pub->publish("a", "x", 1, false, 9);
  store.commit(false);
  EXPECT_TRUE(pub->closed_by_server());
}

TEST_F(persistence_test, queued_messages_survive_a_restart_in_order) {
  auto sub = persistent_subscriber("s", "t/#", 2);
  sub->drop();
  auto pub = client("p");
  pub->publish("t/1", "one", 1, false, 1);
  pub->publish("t/2", "two", 2, false, 2);
  pub->publish("t/1", "zero", 0);  // QoS 0 is never stored
  store.commit();
  EXPECT_EQ(pub->expect_puback().packet_id, 1);
  EXPECT_EQ(pub->expect_pubrec().packet_id, 2);
  ASSERT_EQ(store.messages("s").size(), 2u);

  crash_and_restart();
  scripted_peer back{*e, clock};
  EXPECT_TRUE(back.connect_ok(connect_packet("s", false))) << "session present after the restart";
  auto m1 = back.expect_publish();
  auto m2 = back.expect_publish();
  back.expect_nothing();
  EXPECT_EQ(m1.payload, "one");
  EXPECT_EQ(m1.qos, 1);
  EXPECT_EQ(m2.payload, "two");
  EXPECT_EQ(m2.qos, 2);
  back.send(mqtt::puback{m1.packet_id});
  back.send(mqtt::pubrec{m2.packet_id});
  back.expect_nothing();  // PUBREL waits for the commit of the release
  store.commit();
  EXPECT_EQ(back.expect_pubrel().packet_id, m2.packet_id);
  back.send(mqtt::pubcomp{m2.packet_id});
  EXPECT_TRUE(store.messages("s").empty());
}

TEST_F(persistence_test, unacknowledged_messages_are_resent_with_dup_after_a_restart_MQTT_4_4_0_1) {
  auto sub = persistent_subscriber("s", "a", 1);
  auto pub = client("p");
  pub->publish("a", "x", 1, false, 1);
  store.commit();
  auto first = sub->expect_publish();  // never acknowledged

  crash_and_restart();
  scripted_peer back{*e, clock};
  EXPECT_TRUE(back.connect_ok(connect_packet("s", false)));
  auto again = back.expect_publish();
  EXPECT_TRUE(again.dup);
  EXPECT_EQ(again.packet_id, first.packet_id);
  EXPECT_EQ(again.payload, "x");
}

TEST_F(persistence_test, released_qos2_message_gets_pubrel_again_after_a_restart) {
  auto sub = persistent_subscriber("s", "a", 2);
  auto pub = client("p");
  pub->publish("a", "x", 2, false, 1);
  store.commit();
  auto m = sub->expect_publish();
  sub->send(mqtt::pubrec{m.packet_id});
  sub->expect_nothing();  // PUBREL waits for the commit of the release
  store.commit();
  EXPECT_EQ(sub->expect_pubrel().packet_id, m.packet_id);
  ASSERT_EQ(store.messages("s").size(), 1u);
  EXPECT_EQ(store.messages("s")[0].state, broker::stored_state::released);
  EXPECT_EQ(store.messages("s")[0].msg, nullptr) << "the payload is not kept once released";

  crash_and_restart();
  scripted_peer back{*e, clock};
  EXPECT_TRUE(back.connect_ok(connect_packet("s", false)));
  EXPECT_EQ(back.expect_pubrel().packet_id, m.packet_id);
  back.expect_nothing();
  back.send(mqtt::pubcomp{m.packet_id});
  EXPECT_TRUE(store.messages("s").empty());
}

TEST_F(persistence_test, inbound_qos2_stays_exactly_once_across_a_restart_MQTT_4_3_3_2) {
  auto sub = subscriber("watcher", "a", 2);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p", false));
  pub.publish("a", "once", 2, false, 9);
  store.commit();
  EXPECT_EQ(pub.expect_pubrec().packet_id, 9);
  EXPECT_EQ(sub->expect_publish().payload, "once");

  crash_and_restart();
  auto watcher = subscriber("watcher", "a", 2);
  scripted_peer back{*e, clock};
  EXPECT_TRUE(back.connect_ok(connect_packet("p", false)));
  back.publish("a", "once", 2, false, 9, true);  // the client re-sends: PUBREC was lost
  EXPECT_EQ(back.expect_pubrec().packet_id, 9);
  watcher->expect_nothing();
  back.send(mqtt::pubrel{9});
  back.expect_nothing();  // PUBCOMP waits for the commit of the release
  store.commit();
  EXPECT_EQ(back.expect_pubcomp().packet_id, 9);
  EXPECT_TRUE(store.messages("p").empty());
}

TEST_F(persistence_test, subscriptions_survive_a_restart) {
  auto sub = persistent_subscriber("s", "x/+", 1);
  sub->drop();
  crash_and_restart();
  auto pub = client("p");
  pub->publish("x/y", "while away", 1, false, 1);
  store.commit();
  EXPECT_EQ(pub->expect_puback().packet_id, 1);
  scripted_peer back{*e, clock};
  EXPECT_TRUE(back.connect_ok(connect_packet("s", false)));
  EXPECT_EQ(back.expect_publish().payload, "while away");
}

TEST_F(persistence_test, unsubscribe_is_stored_and_unsuback_waits) {
  auto sub = persistent_subscriber("s", "a", 1);
  sub->send(mqtt::unsubscribe{2, {"a"}});
  sub->expect_nothing();
  store.commit();
  EXPECT_EQ(sub->expect_unsuback().packet_id, 2);
  EXPECT_TRUE(store.load().at(0).subscriptions.empty());
}

TEST_F(persistence_test, clean_reconnect_ends_the_stored_session) {
  auto sub = persistent_subscriber("s", "a", 1);
  sub->drop();
  ASSERT_EQ(store.sessions.size(), 1u);
  auto again = client("s", true);
  EXPECT_TRUE(store.sessions.empty());
}

TEST_F(persistence_test, retained_messages_sent_to_a_persistent_session_are_stored_as_sent) {
  auto pub = client("p");
  pub->publish("r", "kept", 1, true, 1);
  store.commit();
  EXPECT_EQ(pub->expect_puback().packet_id, 1);
  auto sub = client("s", false);
  sub->subscribe(1, {{"r", 1}});
  auto m = sub->expect_publish();  // may come before the SUBACK, which waits for the commit
  EXPECT_TRUE(m.retain);
  store.commit();
  EXPECT_EQ(sub->expect_suback().packet_id, 1);
  ASSERT_EQ(store.messages("s").size(), 1u);
  EXPECT_EQ(store.messages("s")[0].state, broker::stored_state::sent);
  EXPECT_EQ(store.messages("s")[0].packet_id, m.packet_id);
  EXPECT_TRUE(store.messages("s")[0].retain);
  sub->send(mqtt::puback{m.packet_id});
  EXPECT_TRUE(store.messages("s").empty());
}

TEST_F(persistence_test, restored_ids_continue_above_the_largest_loaded) {
  auto sub = persistent_subscriber("s", "a", 1);
  sub->drop();
  auto pub = client("p");
  pub->publish("a", "1", 1, false, 1);
  store.commit();
  const auto before = store.messages("s").at(0).id;
  crash_and_restart();
  auto pub2 = client("p2");
  pub2->publish("a", "2", 1, false, 1);
  ASSERT_EQ(store.messages("s").size(), 2u);
  EXPECT_GT(store.messages("s")[1].id, before);
}

}  // namespace
