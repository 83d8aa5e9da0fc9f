"""Topic matching through the real server: wildcard edge cases, $-topics, invalid topic names."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (PINGRESP, RawClient, ServerClosed, assert_round_trip, connected,
                      pingreq_packet, publish_packet)  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402

MARKER = "zz-marker/end"


class WildcardTests(RoostTestCase):

    def check_filter(self, topic_filter, matching, not_matching):
        """Subscribes `topic_filter`, publishes every topic (then a marker) and compares what
        arrives with `matching`."""
        s = self.start_server()
        sub = connected(s.address, "matcher")
        self.assertEqual(sub.subscribe([(topic_filter, 1), (MARKER, 1)]), [1, 1])
        pub = connected(s.address, "pub")
        for topic in list(matching) + list(not_matching):
            pub.publish(topic, topic.encode(), qos=1)
        pub.publish(MARKER, b"end", qos=1)
        got = [p.topic for p in sub.publishes_until(MARKER)]
        self.assertEqual(sorted(got), sorted(matching),
                         f"filter {topic_filter!r}: received {got}, expected {sorted(matching)}")
        for p_topic in got:
            self.assertIn(p_topic, matching)

    def test_multi_level_wildcard_matches_parent_and_children_MQTT_4_7_1_2(self):
        self.check_filter("sport/tennis/player1/#",
                          ["sport/tennis/player1", "sport/tennis/player1/ranking",
                           "sport/tennis/player1/score/wimbledon"],
                          ["sport/tennis/player2", "sport/tennis", "sport/tennis/player10"])

    def test_multi_level_wildcard_after_root_matches_root_MQTT_4_7_1_2(self):
        self.check_filter("sport/#", ["sport", "sport/", "sport/a/b/c"], ["sports", "spor"])

    def test_single_level_wildcard_matches_one_level_only_MQTT_4_7_1_3(self):
        self.check_filter("sport/tennis/+",
                          ["sport/tennis/player1", "sport/tennis/player2"],
                          ["sport/tennis/player1/ranking", "sport/tennis", "sport/golf/x"])

    def test_single_level_wildcard_matches_empty_level_MQTT_4_7_1_3(self):
        self.check_filter("sport/+", ["sport/"], ["sport", "sport/a/b"])

    def test_single_level_wildcards_with_leading_slash_MQTT_4_7_1_3(self):
        self.check_filter("+/+", ["/finance", "a/b"], ["finance", "a/b/c"])

    def test_leading_slash_is_an_empty_level_MQTT_4_7_1_3(self):
        self.check_filter("/+", ["/finance"], ["finance", "/finance/x"])

    def test_plus_alone_matches_single_level(self):
        self.check_filter("+", ["finance", "x"], ["/finance", "a/b"])

    def test_plus_in_middle_levels(self):
        self.check_filter("a/+/c/+", ["a/b/c/d", "a//c/", "a/x/c/y"], ["a/b/c", "a/b/c/d/e", "a/b/x/d"])

    def test_empty_levels_matched_literally(self):
        self.check_filter("a//b", ["a//b"], ["a/b", "a///b"])

    def test_plus_then_hash(self):
        self.check_filter("+/#", ["a", "a/b", "/x", "a/b/c"], [])

    def test_hash_alone_matches_every_normal_topic_MQTT_4_7_1_2(self):
        self.check_filter("#", ["a", "a/b", "/", "x/y/z"], [])

    def test_topics_are_case_sensitive_MQTT_4_7_3_4(self):
        self.check_filter("ACCOUNTS/+", ["ACCOUNTS/x"], ["Accounts/x", "accounts/x"])

    def test_unicode_and_spaces_in_topics_MQTT_4_7_3_3(self):
        self.check_filter("caf\u00e9/+/t\u00f6pic", ["caf\u00e9/a b/t\u00f6pic", "caf\u00e9/\U0001f600/t\u00f6pic"],
                          ["cafe/a/topic"])


class DollarTopicTests(RoostTestCase):

    def wait_for_sys(self, client, timeout=5.0):
        """Waits until $SYS topics exist (they are refreshed every --sys-interval)."""
        deadline = time.monotonic() + timeout
        client.subscribe([("$SYS/#", 0)])
        p = client.expect_publish(timeout=timeout)
        self.assertTrue(p.topic.startswith("$SYS/"), f"unexpected topic {p.topic}")
        return deadline

    def test_sys_topics_not_matched_by_leading_wildcards_MQTT_4_7_2_1(self):
        s = self.start_server("--sys-interval", "1")
        sys_sub = connected(s.address, "sys-watch")
        self.wait_for_sys(sys_sub)
        normal = connected(s.address, "normal")
        self.assertEqual(normal.subscribe([("#", 0), ("+/broker/#", 0), ("+/+/+", 0)]), [0, 0, 0])
        # Wait for a refresh of the $SYS topics, so live (not only retained) ones were published.
        deadline = time.monotonic() + 5.0
        while True:
            p = sys_sub.expect_publish(timeout=max(0.1, deadline - time.monotonic()))
            if not p.retain:
                break
        pub = connected(s.address, "pub")
        pub.publish(MARKER, b"end", qos=1)
        got = [p.topic for p in normal.publishes_until(MARKER)]
        leaked = [t for t in got if t.startswith("$")]
        self.assertEqual(leaked, [], "topics starting with $ matched a filter starting with a wildcard")

    def test_sys_topics_matched_by_explicit_sys_filter_MQTT_4_7_2_1(self):
        s = self.start_server("--sys-interval", "1")
        c = connected(s.address, "sys-explicit")
        self.wait_for_sys(c)
        c2 = connected(s.address, "sys-plus")
        c2.subscribe([("$SYS/broker/+", 0)])
        p = c2.expect_publish()
        self.assertTrue(p.topic.startswith("$SYS/broker/"), p.topic)
        self.assertEqual(p.topic.count("/"), 2, f"$SYS/broker/+ matched {p.topic}")


class TopicNameTests(RoostTestCase):

    def test_publish_topic_with_plus_closes_MQTT_3_3_2_2(self):
        s = self.start_server()
        watcher = connected(s.address, "watcher")
        watcher.subscribe([("#", 0)])
        c = connected(s.address, "wild-pub")
        c.send(publish_packet("a/+", b"x"))
        c.expect_closed()
        assert_round_trip(s.address, "after-plus")

    def test_publish_topic_with_hash_closes_MQTT_3_3_2_2(self):
        s = self.start_server()
        c = connected(s.address, "wild-pub")
        c.send(publish_packet("a/#", b"x", qos=1, packet_id=1))
        c.expect_closed()
        assert_round_trip(s.address, "after-hash")

    def test_publish_empty_topic_closes_MQTT_4_7_3_1(self):
        s = self.start_server()
        c = connected(s.address, "empty-topic")
        c.send(publish_packet("", b"x"))
        c.expect_closed()
        assert_round_trip(s.address, "after-empty-topic")

    def test_publish_topic_deeper_than_max_topic_levels_not_delivered(self):
        s = self.start_server("--max-topic-levels", "3")
        sub = connected(s.address, "deep-sub")
        sub.subscribe([("#", 0)])
        c = RawClient(s.address, name="deep publisher")
        c.connect("deep-pub")
        c.send(publish_packet("a/b/c/d", b"too deep"))
        # Refusing may close the connection; it must not deliver the message either way.
        c.try_send(pingreq_packet())
        try:
            c.expect(PINGRESP)
        except ServerClosed:
            pass
        pub = connected(s.address, "pub")
        pub.publish("m/k", b"marker", qos=1)
        got = [p.topic for p in sub.publishes_until("m/k")]
        self.assertNotIn("a/b/c/d", got, "a topic with more levels than --max-topic-levels was routed")


if __name__ == "__main__":
    unittest.main()
