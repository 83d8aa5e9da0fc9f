"""QoS 1 and 2 flows over a raw socket, in both directions, plus ordering and the in-flight
window."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (PUBACK, PUBCOMP, PUBREC, PUBREL, RawClient, connected,  # noqa: E402
                      puback_packet, pubcomp_packet, publish_packet, pubrec_packet, pubrel_packet)
from roost_server import RoostTestCase  # noqa: E402


class InboundQosTests(RoostTestCase):
    """The client publishes; the server acknowledges."""

    def test_qos1_publish_acknowledged_with_puback_MQTT_4_3_2_2(self):
        s = self.start_server()
        c = connected(s.address, "q1")
        c.send(publish_packet("q/one", b"x", qos=1, packet_id=0x1234))
        ack = c.expect(PUBACK)
        self.assertEqual(ack.first_byte, 0x40)
        self.assertEqual(ack.body, b"\x12\x34", "PUBACK carries the PUBLISH packet id")

    def test_qos2_publish_flow_pubrec_pubrel_pubcomp_MQTT_4_3_3_2(self):
        s = self.start_server()
        c = connected(s.address, "q2")
        c.send(publish_packet("q/two", b"x", qos=2, packet_id=0xBEEF))
        rec = c.expect(PUBREC)
        self.assertEqual((rec.first_byte, rec.body), (0x50, b"\xbe\xef"))
        c.send(pubrel_packet(0xBEEF))
        comp = c.expect(PUBCOMP)
        self.assertEqual((comp.first_byte, comp.body), (0x70, b"\xbe\xef"))

    def test_qos2_duplicate_publish_delivered_once_MQTT_4_3_3_2(self):
        s = self.start_server()
        sub = connected(s.address, "sub")
        sub.subscribe([("dup/t", 2)])
        pub = connected(s.address, "pub")
        pub.send(publish_packet("dup/t", b"exactly once", qos=2, packet_id=7))
        self.assertEqual(pub.expect(PUBREC).packet_id, 7)
        # Re-sent before PUBREL (the PUBREC was "lost"): same id, DUP=1.
        pub.send(publish_packet("dup/t", b"exactly once", qos=2, packet_id=7, dup=True))
        self.assertEqual(pub.expect(PUBREC).packet_id, 7, "a duplicate QoS 2 PUBLISH gets PUBREC")
        pub.send(pubrel_packet(7))
        self.assertEqual(pub.expect(PUBCOMP).packet_id, 7)
        pub.publish("dup/t", b"marker", qos=1)
        got = []
        while True:
            p = sub.expect_publish()
            if p.payload == b"marker":
                break
            got.append(p.payload)
        self.assertEqual(got, [b"exactly once"], "QoS 2 duplicate delivered more than once")

    def test_pubrel_for_unknown_id_answered_with_pubcomp_MQTT_4_3_3_2(self):
        s = self.start_server()
        c = connected(s.address, "stray-pubrel")
        c.send(pubrel_packet(999))
        comp = c.expect(PUBCOMP)
        self.assertEqual(comp.packet_id, 999, "a PUBREL is always answered with PUBCOMP")

    def test_qos2_packet_id_reusable_after_pubcomp_MQTT_2_3_1_3(self):
        s = self.start_server()
        sub = connected(s.address, "sub")
        sub.subscribe([("reuse/t", 0)])
        pub = connected(s.address, "pub")
        for payload in (b"first", b"second"):
            pub.publish("reuse/t", payload, qos=2, packet_id=9)
            self.assertEqual(sub.expect_publish().payload, payload,
                             "a new message with a completed packet id must be delivered")

    def test_qos1_puback_order_matches_publish_order_MQTT_4_6_0_2(self):
        s = self.start_server()
        c = connected(s.address, "pipelined")
        ids = list(range(1, 201))
        c.send(b"".join(publish_packet("order/acks", b"%d" % i, qos=1, packet_id=i) for i in ids))
        acks = [c.expect(PUBACK).packet_id for _ in ids]
        self.assertEqual(acks, ids, "PUBACKs must be sent in the order the PUBLISHes arrived")

    def test_qos2_pubrec_order_matches_publish_order_MQTT_4_6_0_3(self):
        s = self.start_server()
        c = connected(s.address, "pipelined2")
        ids = list(range(1, 51))
        c.send(b"".join(publish_packet("order/rec", b"%d" % i, qos=2, packet_id=i) for i in ids))
        recs = [c.expect(PUBREC).packet_id for _ in ids]
        self.assertEqual(recs, ids, "PUBRECs must be sent in the order the PUBLISHes arrived")
        c.send(b"".join(pubrel_packet(i) for i in ids))
        comps = [c.expect(PUBCOMP).packet_id for _ in ids]
        self.assertEqual(comps, ids, "PUBCOMPs must be sent in the order the PUBRELs arrived")


class OutboundQosTests(RoostTestCase):
    """The server delivers to a subscriber that drives the acknowledgements by hand."""

    def test_qos1_delivery_to_subscriber_MQTT_4_3_2_1(self):
        s = self.start_server()
        sub = RawClient(s.address, auto_ack=False)
        sub.connect("sub1")
        sub.subscribe([("out/one", 1)])
        pub = connected(s.address, "pub")
        pub.publish("out/one", b"hello", qos=1)
        p = sub.expect_publish()
        self.assertEqual((p.qos, p.dup, p.retain, p.payload), (1, False, False, b"hello"))
        self.assertNotEqual(p.packet_id, 0, "QoS 1 PUBLISH needs a non-zero packet id [MQTT-2.3.1-1]")
        sub.send(puback_packet(p.packet_id))
        sub.ping()

    def test_qos2_delivery_flow_to_subscriber_MQTT_4_3_3_1(self):
        s = self.start_server()
        sub = RawClient(s.address, auto_ack=False)
        sub.connect("sub2")
        sub.subscribe([("out/two", 2)])
        pub = connected(s.address, "pub")
        for payload in (b"one", b"two"):
            pub.publish("out/two", payload, qos=2)
            p = sub.expect_publish()
            self.assertEqual((p.qos, p.dup, p.payload), (2, False, payload))
            self.assertNotEqual(p.packet_id, 0)
            sub.send(pubrec_packet(p.packet_id))
            rel = sub.expect(PUBREL)
            self.assertEqual(rel.first_byte, 0x62, "PUBREL fixed header is 0x62 [MQTT-3.6.1-1]")
            self.assertEqual(rel.packet_id, p.packet_id)
            sub.send(pubcomp_packet(p.packet_id))
        sub.ping()

    def test_delivery_qos_is_min_of_message_and_subscription_MQTT_3_8_4_6(self):
        s = self.start_server()
        subs = {}
        for q in (0, 1, 2):
            c = connected(s.address, f"sub-q{q}")
            self.assertEqual(c.subscribe([("minq/t", q)]), [q])
            subs[q] = c
        pub = connected(s.address, "pub")
        for msg_qos in (0, 1, 2):
            pub.publish("minq/t", b"q%d" % msg_qos, qos=msg_qos)
            for sub_qos, c in subs.items():
                p = c.expect_publish()
                self.assertEqual(p.payload, b"q%d" % msg_qos)
                self.assertEqual(p.qos, min(msg_qos, sub_qos),
                                 f"message QoS {msg_qos} to a QoS {sub_qos} subscription")

    def test_messages_delivered_in_publish_order_MQTT_4_6_0_5(self):
        s = self.start_server()
        sub = connected(s.address, "ordered-sub")
        sub.subscribe([("order/t", 1)])
        pub = connected(s.address, "ordered-pub")
        n = 300
        pub.send(b"".join(publish_packet("order/t", b"%d" % i, qos=1, packet_id=i + 1)
                          for i in range(n)))
        for _ in range(n):
            pub.expect(PUBACK)
        got = [int(sub.expect_publish().payload) for _ in range(n)]
        self.assertEqual(got, list(range(n)), "messages from one client arrive in publish order")

    def test_inflight_window_limits_unacknowledged_deliveries(self):
        s = self.start_server("--max-inflight", "2")
        sub = RawClient(s.address, auto_ack=False)
        sub.connect("slow")
        sub.subscribe([("win/t", 1)])
        pub = connected(s.address, "pub")
        for i in range(5):
            pub.publish("win/t", b"%d" % i, qos=1)
        first = [sub.expect_publish(), sub.expect_publish()]
        self.assertNotEqual(first[0].packet_id, first[1].packet_id,
                            "in-flight messages need distinct packet ids [MQTT-2.3.1-2]")
        sub.expect_nothing(0.5)  # a third would exceed --max-inflight 2
        got = [p.payload for p in first]
        for p in first:
            sub.send(puback_packet(p.packet_id))
        while len(got) < 5:
            p = sub.expect_publish()
            got.append(p.payload)
            sub.send(puback_packet(p.packet_id))
        self.assertEqual(got, [b"0", b"1", b"2", b"3", b"4"], "the rest follows in order after acks")


if __name__ == "__main__":
    unittest.main()
