"""Keepalive, PINGREQ/PINGRESP and will messages over a raw socket."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import RawClient, assert_round_trip, connected, frame  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402


class KeepAliveTests(RoostTestCase):

    def test_pingreq_answered_with_pingresp_MQTT_3_12_4_1(self):
        s = self.start_server()
        c = connected(s.address, "pinger")
        for _ in range(3):
            resp = c.ping()
            self.assertEqual((resp.first_byte, resp.body), (0xD0, b""), "PINGRESP is D0 00")

    def test_keepalive_expiry_closes_and_publishes_will_MQTT_3_1_2_24(self):
        s = self.start_server()
        watcher = connected(s.address, "watcher")
        watcher.subscribe([("will/ka", 1)])
        silent = RawClient(s.address, name="silent client")
        silent.connect("silent", keepalive=1, will=("will/ka", b"timed out", 1, False))
        start = time.monotonic()
        silent.expect_closed(timeout=1.5 + 3.0)
        elapsed = time.monotonic() - start
        self.assertGreaterEqual(elapsed, 1.0, f"closed after {elapsed:.2f} s, within the keepalive")
        will = watcher.expect_publish(topic="will/ka")
        self.assertEqual(will.payload, b"timed out")
        self.assertEqual(will.qos, 1)
        self.assertFalse(will.retain)

    def test_pingreq_keeps_connection_alive_MQTT_3_1_2_23(self):
        s = self.start_server()
        c = connected(s.address, "active", keepalive=1)
        start = time.monotonic()
        # Activity every 0.5 s for 3 s (twice the 1.5 s grace): the connection must stay up.
        while time.monotonic() - start < 3.0:
            c.ping()
            self.assertTrue(c.is_open(wait=0.5), "closed although the client sent PINGREQs")

    def test_other_packets_count_as_activity_MQTT_3_1_2_23(self):
        s = self.start_server()
        c = connected(s.address, "publisher", keepalive=1)
        start = time.monotonic()
        n = 0
        while time.monotonic() - start < 3.0:
            c.publish("ka/activity", b"x", qos=1)
            n += 1
            self.assertTrue(c.is_open(wait=0.5), f"closed after {n} publishes within the keepalive")


class WillTests(RoostTestCase):

    def test_will_published_when_socket_drops_MQTT_3_1_2_8(self):
        s = self.start_server()
        watcher = connected(s.address, "watcher")
        watcher.subscribe([("will/drop", 2)])
        victim = connected(s.address, "victim", will=("will/drop", b"dropped", 2, False))
        victim.close()
        will = watcher.expect_publish(topic="will/drop")
        self.assertEqual((will.payload, will.qos), (b"dropped", 2))

    def test_will_not_published_after_disconnect_MQTT_3_1_2_10(self):
        s = self.start_server()
        watcher = connected(s.address, "watcher")
        watcher.subscribe([("will/clean", 1), ("will/marker", 1)])
        victim = connected(s.address, "polite", will=("will/clean", b"should not appear", 1, False))
        victim.send(b"\xe0\x00")
        victim.expect_closed()
        marker = connected(s.address, "marker")
        marker.publish("will/marker", b"m", qos=1)
        leaked = watcher.publishes_until("will/marker")
        self.assertEqual(leaked, [], "the will was published after a DISCONNECT")

    def test_will_published_after_protocol_violation(self):
        s = self.start_server()
        watcher = connected(s.address, "watcher")
        watcher.subscribe([("will/violation", 1)])
        victim = connected(s.address, "violator", will=("will/violation", b"violated", 1, False))
        victim.try_send(frame(0xF0))  # reserved packet type 15
        victim.expect_closed()
        will = watcher.expect_publish(topic="will/violation")
        self.assertEqual(will.payload, b"violated")

    def test_will_retain_stores_retained_message_MQTT_3_1_2_17(self):
        s = self.start_server()
        victim = connected(s.address, "retainer", will=("will/retained", b"last words", 1, True))
        victim.close()
        # The will is published once the server sees the socket close; subscribe until it is there.
        deadline = time.monotonic() + 5.0
        got = None
        n = 0
        while got is None and time.monotonic() < deadline:
            n += 1
            late = connected(s.address, f"late{n}")
            late.subscribe([("will/retained", 1), (f"will/marker{n}", 1)])
            late.publish(f"will/marker{n}", b"m", qos=1)
            before = late.publishes_until(f"will/marker{n}")
            if before:
                got = before[0]
            late.disconnect()
        self.assertIsNotNone(got, "the retained will never appeared")
        self.assertEqual(got.payload, b"last words")
        self.assertTrue(got.retain, "a retained will is sent with RETAIN=1 to a new subscriber")

    def test_will_delivered_to_subscriber_at_subscription_qos(self):
        s = self.start_server()
        watcher = connected(s.address, "watcher")
        self.assertEqual(watcher.subscribe([("will/q", 0)]), [0])
        victim = connected(s.address, "q2-will", will=("will/q", b"w", 2, False))
        victim.close()
        will = watcher.expect_publish(topic="will/q")
        self.assertEqual(will.qos, 0, "delivered at min(will QoS 2, subscription QoS 0)")
        assert_round_trip(s.address, "after-will")


if __name__ == "__main__":
    unittest.main()
