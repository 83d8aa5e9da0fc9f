"""SUBSCRIBE / UNSUBSCRIBE over a raw socket: SUBACK codes, QoS capping, invalid filters,
overlapping subscriptions, unsubscribe, and re-subscribe."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (PUBREL, SUBACK, UNSUBACK, RawClient, ServerClosed,  # noqa: E402
                      assert_round_trip, connected, frame, mqtt_string, pubcomp_packet,
                      pubrec_packet, subscribe_packet, unsubscribe_packet)
from roost_server import RoostTestCase  # noqa: E402


class SubscribeTests(RoostTestCase):

    def test_suback_packet_id_and_codes_in_order_MQTT_3_9_3_1(self):
        s = self.start_server()
        c = connected(s.address, "codes")
        c.send(subscribe_packet(0x4321, [("s/2", 2), ("s/0", 0), ("s/1", 1)]))
        ack = c.expect(SUBACK)
        self.assertEqual(ack.first_byte, 0x90)
        self.assertEqual(ack.packet_id, 0x4321, "SUBACK carries the SUBSCRIBE packet id [MQTT-3.8.4-2]")
        self.assertEqual(ack.granted, [2, 0, 1], "one code per filter, in order [MQTT-3.8.4-5]")

    def test_granted_qos_capped_by_max_qos_MQTT_3_8_4_6(self):
        s = self.start_server("--max-qos", "1")
        c = connected(s.address, "capped")
        self.assertEqual(c.subscribe([("cap/0", 0), ("cap/1", 1), ("cap/2", 2)]), [0, 1, 1])
        pub = connected(s.address, "pub")
        pub.publish("cap/2", b"x", qos=2)
        p = c.expect_publish()
        self.assertEqual(p.qos, 1, "delivered at the granted QoS, not the requested one")

    def test_max_qos_zero_grants_zero(self):
        s = self.start_server("--max-qos", "0")
        c = connected(s.address, "capped0")
        self.assertEqual(c.subscribe([("cap/1", 1), ("cap/2", 2)]), [0, 0])

    def assert_filter_refused(self, server, topic_filter, would_match):
        """An invalid filter is either refused with 0x80 or the connection is closed; it must never
        be granted nor deliver anything."""
        c = connected(server.address, "bad-filter")
        c.send(subscribe_packet(1, [(topic_filter, 0)]))
        try:
            ack = c.expect(SUBACK)
        except ServerClosed:
            outcome = "closed"
        else:
            self.assertEqual(ack.granted, [0x80], f"filter {topic_filter!r} must not be granted")
            outcome = "0x80"
            pub = connected(server.address, "pub")
            pub.publish(would_match, b"x", qos=1)
            c.subscribe([("bad/marker", 0)])
            pub.publish("bad/marker", b"m")
            self.assertEqual(c.publishes_until("bad/marker"), [],
                             f"refused filter {topic_filter!r} delivered a message")
        assert_round_trip(server.address, "after-bad-filter")
        return outcome

    def test_hash_not_last_refused_MQTT_4_7_1_2(self):
        s = self.start_server()
        self.assert_filter_refused(s, "a/#/b", "a/x/b")

    def test_hash_not_alone_in_level_refused_MQTT_4_7_1_2(self):
        s = self.start_server()
        self.assert_filter_refused(s, "a/b#", "a/b")

    def test_plus_not_alone_in_level_refused_MQTT_4_7_1_3(self):
        s = self.start_server()
        self.assert_filter_refused(s, "a+", "a+")

    def test_plus_inside_level_refused_MQTT_4_7_1_3(self):
        s = self.start_server()
        self.assert_filter_refused(s, "a/b+c/d", "a/b+c/d")

    def test_empty_filter_refused_MQTT_4_7_3_1(self):
        s = self.start_server()
        c = connected(s.address, "empty-filter")
        c.send(subscribe_packet(1, [("", 0)]))
        try:
            ack = c.expect(SUBACK)
        except ServerClosed:
            return
        self.assertEqual(ack.granted, [0x80], "an empty filter must not be granted")

    def test_filter_deeper_than_max_topic_levels_refused(self):
        s = self.start_server("--max-topic-levels", "3")
        c = connected(s.address, "levels")
        self.assertEqual(c.subscribe([("a/b/c", 1), ("a/b/c/d", 1), ("a/+/#", 1)]), [1, 0x80, 1])
        assert_round_trip(s.address, "levels", client=c)

    def test_overlapping_subscriptions_one_delivery_at_max_qos_MQTT_3_3_5_1(self):
        s = self.start_server()
        sub = connected(s.address, "overlap")
        self.assertEqual(sub.subscribe([("ov/#", 0), ("ov/+", 2), ("marker/ov", 2)]), [0, 2, 2])
        pub = connected(s.address, "pub")
        pub.publish("ov/x", b"payload", qos=2)
        pub.publish("marker/ov", b"m", qos=2)
        got = sub.publishes_until("marker/ov")
        self.assertEqual(len(got), 1, f"expected one delivery for overlapping filters, got {got}")
        self.assertEqual(got[0].qos, 2, "delivered at the highest QoS of the matching subscriptions")

    def test_multiple_filters_in_one_subscribe_MQTT_3_8_4_4(self):
        s = self.start_server()
        sub = connected(s.address, "multi")
        self.assertEqual(sub.subscribe([("m/a", 0), ("m/b", 1), ("m/c", 2)]), [0, 1, 2])
        pub = connected(s.address, "pub")
        for t in ("m/a", "m/b", "m/c"):
            pub.publish(t, t.encode(), qos=2)
        got = sorted(sub.expect_publish().topic for _ in range(3))
        self.assertEqual(got, ["m/a", "m/b", "m/c"])

    def test_resubscribe_replaces_qos_MQTT_3_8_4_3(self):
        s = self.start_server()
        sub = connected(s.address, "resub")
        self.assertEqual(sub.subscribe([("rs/t", 0)]), [0])
        self.assertEqual(sub.subscribe([("rs/t", 2)]), [2])
        pub = connected(s.address, "pub")
        pub.publish("rs/t", b"x", qos=2)
        sub.subscribe([("rs/marker", 2)])
        pub.publish("rs/marker", b"m", qos=2)
        got = sub.publishes_until("rs/marker")
        self.assertEqual([(p.payload, p.qos) for p in got], [(b"x", 2)],
                         "a repeated filter replaces the subscription: one delivery at the new QoS")

    def test_same_filter_twice_in_one_subscribe_MQTT_3_8_4_3(self):
        s = self.start_server()
        sub = connected(s.address, "twice")
        self.assertEqual(sub.subscribe([("tw/t", 0), ("tw/t", 2), ("tw/marker", 2)]), [0, 2, 2])
        pub = connected(s.address, "pub")
        pub.publish("tw/t", b"x", qos=2)
        pub.publish("tw/marker", b"m", qos=2)
        got = sub.publishes_until("tw/marker")
        self.assertEqual([(p.payload, p.qos) for p in got], [(b"x", 2)],
                         "the later entry replaces the earlier one: one delivery at QoS 2")

    def test_resubscribe_resends_retained_MQTT_3_8_4_3(self):
        s = self.start_server()
        pub = connected(s.address, "pub")
        pub.publish("rr/t", b"kept", qos=1, retain=True)
        sub = connected(s.address, "resub-retained")
        sub.subscribe([("rr/t", 1)])
        first = sub.expect_publish()
        self.assertEqual((first.payload, first.retain), (b"kept", True))
        sub.subscribe([("rr/t", 1)])
        again = sub.expect_publish()
        self.assertEqual((again.payload, again.retain), (b"kept", True),
                         "re-subscribing must re-send the retained message")

    def test_subscribe_without_filters_closes_MQTT_3_8_3_3(self):
        s = self.start_server()
        c = connected(s.address, "nofilter")
        c.send(frame(0x82, b"\x00\x01"))
        self.assertEqual([p for p in c.expect_closed() if p.type == SUBACK], [])

    def test_subscribe_bad_header_flags_closes_MQTT_3_8_1_1(self):
        s = self.start_server()
        c = connected(s.address, "badflags")
        c.send(frame(0x80, b"\x00\x01" + mqtt_string("x") + b"\x00"))
        self.assertEqual([p for p in c.expect_closed() if p.type == SUBACK], [])

    def test_subscribe_requested_qos_3_closes_MQTT_3_8_3_4(self):
        s = self.start_server()
        c = connected(s.address, "qos3")
        c.send(subscribe_packet(1, [("x", 3)]))
        self.assertEqual([p for p in c.expect_closed() if p.type == SUBACK], [])

    def test_subscribe_options_reserved_bits_close_MQTT_3_8_3_4(self):
        s = self.start_server()
        c = connected(s.address, "qosbits")
        c.send(frame(0x82, b"\x00\x01" + mqtt_string("x") + b"\x04"))
        self.assertEqual([p for p in c.expect_closed() if p.type == SUBACK], [])

    def test_subscribe_packet_id_zero_closes_MQTT_2_3_1_1(self):
        s = self.start_server()
        c = connected(s.address, "pid0")
        c.send(subscribe_packet(0, [("x", 0)]))
        self.assertEqual([p for p in c.expect_closed() if p.type == SUBACK], [])


class UnsubscribeTests(RoostTestCase):

    def test_unsubscribe_stops_delivery_MQTT_3_10_4_2(self):
        s = self.start_server()
        sub = connected(s.address, "unsub")
        sub.subscribe([("u/t", 1), ("u/marker", 1)])
        pub = connected(s.address, "pub")
        pub.publish("u/t", b"before", qos=1)
        self.assertEqual(sub.expect_publish().payload, b"before")
        ack = sub.unsubscribe("u/t", packet_id=0x0102)
        self.assertEqual((ack.first_byte, ack.body), (0xB0, b"\x01\x02"),
                         "UNSUBACK carries the packet id [MQTT-3.10.4-4]")
        pub.publish("u/t", b"after", qos=1)
        pub.publish("u/marker", b"m", qos=1)
        self.assertEqual(sub.publishes_until("u/marker"), [], "delivery after UNSUBSCRIBE")

    def test_unsuback_sent_when_nothing_matches_MQTT_3_10_4_5(self):
        s = self.start_server()
        c = connected(s.address, "unsub-none")
        ack = c.unsubscribe(["never/subscribed", "x/#"], packet_id=77)
        self.assertEqual(ack.packet_id, 77)

    def test_unsubscribe_compares_filters_literally_MQTT_3_10_4_1(self):
        s = self.start_server()
        sub = connected(s.address, "literal")
        sub.subscribe([("lit/#", 0), ("lit/marker", 0)])
        sub.unsubscribe("lit/+")  # not the same filter: lit/# must stay
        pub = connected(s.address, "pub")
        pub.publish("lit/x", b"still", qos=0)
        got = sub.expect_publish()
        self.assertEqual((got.topic, got.payload), ("lit/x", b"still"))

    def test_unsubscribe_completes_started_qos2_delivery_MQTT_3_10_4_3(self):
        s = self.start_server()
        sub = RawClient(s.address, auto_ack=False)
        sub.connect("unsub-inflight")
        sub.subscribe([("uq/t", 2)])
        pub = connected(s.address, "pub")
        pub.publish("uq/t", b"started", qos=2)
        p = sub.expect_publish()
        sub.unsubscribe("uq/t")
        sub.send(pubrec_packet(p.packet_id))
        rel = sub.expect(PUBREL)
        self.assertEqual(rel.packet_id, p.packet_id, "the started QoS 2 flow must be completed")
        sub.send(pubcomp_packet(rel.packet_id))
        sub.ping()

    def test_unsubscribe_without_filters_closes_MQTT_3_10_3_2(self):
        s = self.start_server()
        c = connected(s.address, "unsub-empty")
        c.send(frame(0xA2, b"\x00\x01"))
        self.assertEqual([p for p in c.expect_closed() if p.type == UNSUBACK], [])

    def test_unsubscribe_bad_header_flags_closes_MQTT_3_10_1_1(self):
        s = self.start_server()
        c = connected(s.address, "unsub-flags")
        c.send(frame(0xA0, b"\x00\x01" + mqtt_string("x")))
        self.assertEqual([p for p in c.expect_closed() if p.type == UNSUBACK], [])

    def test_unsubscribe_one_of_several_filters(self):
        s = self.start_server()
        sub = RawClient(s.address)
        sub.connect("partial-unsub")
        sub.subscribe([("p/a", 0), ("p/b", 0)])
        sub.send(unsubscribe_packet(5, ["p/a"]))
        self.assertEqual(sub.expect(UNSUBACK).packet_id, 5)
        pub = connected(s.address, "pub")
        pub.publish("p/a", b"a")
        pub.publish("p/b", b"b")
        p = sub.expect_publish()
        self.assertEqual(p.topic, "p/b", "only the unsubscribed filter stops")


if __name__ == "__main__":
    unittest.main()
