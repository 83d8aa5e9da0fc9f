"""Sessions over a raw socket: the session present flag, takeover of a client id, persistent
sessions (offline queue, redelivery of unacknowledged messages), clean sessions and the bounded
offline queue."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (PUBCOMP, PUBREC, PUBREL, RawClient, assert_round_trip,  # noqa: E402
                      connected, puback_packet, pubcomp_packet, publish_packet, pubrec_packet, pubrel_packet)
from roost_server import RoostTestCase  # noqa: E402
from sys_topics import SYS_TOPICS, number  # noqa: E402

SYS_DROPPED = SYS_TOPICS["dropped"]


def close_cleanly(client):
    """DISCONNECT, then wait until the server has closed its side (so it has processed it)."""
    client.send(b"\xe0\x00")
    client.expect_closed()
    client.close()


class SessionPresentTests(RoostTestCase):

    def test_session_present_zero_for_clean_session_MQTT_3_2_2_1(self):
        s = self.start_server()
        c = connected(s.address, "sp1", clean=False)
        c.subscribe([("sp1/t", 1)])
        close_cleanly(c)
        c = RawClient(s.address)
        ack = c.connect("sp1", clean=True)
        self.assertFalse(ack.session_present, "clean session 1 -> session present 0")
        self.assertEqual(ack.body[0], 0, "CONNACK acknowledge flags must be 0 for a clean session")

    def test_session_present_one_when_session_resumed_MQTT_3_2_2_2(self):
        s = self.start_server()
        c = connected(s.address, "sp2", clean=False)
        c.subscribe([("sp2/t", 1)])
        close_cleanly(c)
        c = RawClient(s.address)
        ack = c.connect("sp2", clean=False)
        self.assertTrue(ack.session_present, "resumed persistent session -> session present 1")

    def test_session_present_zero_without_stored_session_MQTT_3_2_2_3(self):
        s = self.start_server()
        c = RawClient(s.address)
        ack = c.connect("sp3-new", clean=False)
        self.assertFalse(ack.session_present, "no stored session -> session present 0")


class TakeoverTests(RoostTestCase):

    def test_takeover_closes_old_connection_and_publishes_its_will_MQTT_3_1_4_2(self):
        s = self.start_server()
        watcher = connected(s.address, "watcher")
        watcher.subscribe([("will/takeover", 1)])
        old = connected(s.address, "dup-id", will=("will/takeover", b"old gone", 1, False))
        new = RawClient(s.address, name="new connection")
        new.connect("dup-id")
        old.expect_closed()
        will = watcher.expect_publish(topic="will/takeover")
        self.assertEqual(will.payload, b"old gone")
        assert_round_trip(s.address, "after-takeover", client=new)

    def test_takeover_keeps_persistent_session_MQTT_3_1_4_2(self):
        s = self.start_server()
        old = connected(s.address, "dup-persistent", clean=False)
        self.assertEqual(old.subscribe([("keep/t", 1)]), [1])
        new = RawClient(s.address, name="new connection")
        ack = new.connect("dup-persistent", clean=False)
        old.expect_closed()
        self.assertTrue(ack.session_present, "the taken-over session is resumed")
        pub = connected(s.address, "pub")
        pub.publish("keep/t", b"still subscribed", qos=1)
        p = new.expect_publish(topic="keep/t")
        self.assertEqual((p.payload, p.qos), (b"still subscribed", 1))


    def test_takeover_with_clean_session_discards_old_session_MQTT_3_1_2_6(self):
        s = self.start_server()
        old = connected(s.address, "dup-clean", clean=False)
        old.subscribe([("tc/t", 1)])
        new = RawClient(s.address, name="clean takeover")
        ack = new.connect("dup-clean", clean=True)
        old.expect_closed()
        self.assertFalse(ack.session_present, "clean session 1 -> no session resumed")
        new.subscribe([("tc/marker", 1)])
        pub = connected(s.address, "pub")
        pub.publish("tc/t", b"old subscription", qos=1)
        pub.publish("tc/marker", b"m", qos=1)
        self.assertEqual(new.publishes_until("tc/marker"), [], "the old subscription survived")


class PersistentSessionTests(RoostTestCase):

    def test_offline_messages_delivered_in_order_on_resume_MQTT_3_1_2_4(self):
        s = self.start_server()
        sub = connected(s.address, "offline-sub", clean=False)
        self.assertEqual(sub.subscribe([("q/t", 1)]), [1])
        close_cleanly(sub)
        pub = connected(s.address, "pub")
        for i in range(5):
            pub.publish("q/t", f"m{i}".encode(), qos=1)
        sub = RawClient(s.address, name="resumed")
        ack = sub.connect("offline-sub", clean=False)
        self.assertTrue(ack.session_present)
        got = [sub.expect_publish().payload for _ in range(5)]
        self.assertEqual(got, [b"m0", b"m1", b"m2", b"m3", b"m4"], "queued messages, in order")
        pub.publish("q/t", b"marker", qos=1)
        self.assertEqual(sub.expect_publish().payload, b"marker", "no extra copies before marker")

    def test_unacked_qos1_resent_with_dup_after_reconnect_MQTT_4_4_0_1(self):
        s = self.start_server()
        sub = RawClient(s.address, auto_ack=False, name="no-ack subscriber")
        sub.connect("redeliver1", clean=False)
        sub.subscribe([("rd/t", 1)])
        pub = connected(s.address, "pub")
        pub.publish("rd/t", b"once", qos=1)
        first = sub.expect_publish()
        self.assertEqual((first.qos, first.dup), (1, False))
        sub.close()  # no PUBACK, no DISCONNECT
        sub = RawClient(s.address, auto_ack=False, name="resumed")
        # The server may not have noticed the old socket closing yet; the new CONNECT takes over.
        ack = sub.connect("redeliver1", clean=False)
        self.assertTrue(ack.session_present)
        again = sub.expect_publish()
        self.assertEqual(again.payload, b"once")
        self.assertEqual(again.packet_id, first.packet_id, "re-sent with its original packet id")
        self.assertTrue(again.dup, "a re-sent PUBLISH must have DUP=1 [MQTT-3.3.1-1]")
        self.assertEqual(again.qos, 1)
        sub.send(puback_packet(again.packet_id))
        sub.ping()

    def test_unacked_qos2_publish_resent_with_dup_after_reconnect_MQTT_4_4_0_1(self):
        s = self.start_server()
        sub = RawClient(s.address, auto_ack=False, name="no-ack subscriber")
        sub.connect("redeliver2", clean=False)
        sub.subscribe([("rd2/t", 2)])
        pub = connected(s.address, "pub")
        pub.publish("rd2/t", b"exactly once", qos=2)
        first = sub.expect_publish()
        self.assertEqual(first.qos, 2)
        sub.close()
        sub = RawClient(s.address, auto_ack=False, name="resumed")
        self.assertTrue(sub.connect("redeliver2", clean=False).session_present)
        again = sub.expect_publish()
        self.assertEqual((again.payload, again.packet_id, again.dup), (b"exactly once", first.packet_id, True))
        sub.send(pubrec_packet(again.packet_id))
        rel = sub.expect(PUBREL)
        self.assertEqual(rel.packet_id, again.packet_id)
        sub.send(pubcomp_packet(rel.packet_id))
        sub.ping()

    def test_unacked_pubrel_resent_after_reconnect_MQTT_4_4_0_1(self):
        s = self.start_server()
        sub = RawClient(s.address, auto_ack=False, name="no-pubcomp subscriber")
        sub.connect("redeliver-rel", clean=False)
        sub.subscribe([("rel/t", 2)])
        pub = connected(s.address, "pub")
        pub.publish("rel/t", b"q2", qos=2)
        p = sub.expect_publish()
        sub.send(pubrec_packet(p.packet_id))
        rel = sub.expect(PUBREL)
        self.assertEqual(rel.first_byte, 0x62, "PUBREL fixed header flags are 0010 [MQTT-3.6.1-1]")
        sub.close()  # no PUBCOMP
        sub = RawClient(s.address, auto_ack=False, name="resumed")
        self.assertTrue(sub.connect("redeliver-rel", clean=False).session_present)
        again = sub.expect_any()
        self.assertEqual(again.type, PUBREL, f"expected the PUBREL to be re-sent, got {again}")
        self.assertEqual(again.packet_id, p.packet_id, "PUBREL re-sent with the original id")
        sub.send(pubcomp_packet(again.packet_id))
        # The message itself must not be delivered again: it was already received.
        pub.publish("rel/t", b"marker", qos=2)
        nxt = sub.expect_publish()
        self.assertEqual(nxt.payload, b"marker", "the completed QoS 2 message was delivered twice")

    def test_inbound_qos2_completed_after_publisher_reconnect_MQTT_4_3_3_2(self):
        s = self.start_server()
        sub = connected(s.address, "sub")
        sub.subscribe([("in2/t", 2)])
        pub = RawClient(s.address, name="publisher")
        pub.connect("pub-q2", clean=False)
        pub.send(publish_packet("in2/t", b"only once", qos=2, packet_id=77))
        self.assertEqual(pub.expect(PUBREC).packet_id, 77)
        pub.close()  # before PUBREL
        pub = RawClient(s.address, name="publisher again")
        self.assertTrue(pub.connect("pub-q2", clean=False).session_present)
        # The client re-sends the PUBLISH with DUP (it may, having got no PUBCOMP), then PUBREL.
        pub.send(publish_packet("in2/t", b"only once", qos=2, packet_id=77, dup=True))
        self.assertEqual(pub.expect(PUBREC).packet_id, 77)
        pub.send(pubrel_packet(77))
        self.assertEqual(pub.expect(PUBCOMP).packet_id, 77)
        pub.publish("in2/t", b"marker", qos=2)
        got = []
        while True:
            p = sub.expect_publish()
            if p.payload == b"marker":
                break
            got.append(p.payload)
        self.assertEqual(got, [b"only once"], "QoS 2 message must be delivered exactly once")

    def test_clean_session_discards_stored_session_MQTT_3_1_2_6(self):
        s = self.start_server()
        c = connected(s.address, "discard", clean=False)
        c.subscribe([("dc/t", 1)])
        close_cleanly(c)
        c = RawClient(s.address)
        self.assertFalse(c.connect("discard", clean=True).session_present)
        pub = connected(s.address, "pub")
        pub.publish("dc/t", b"not for you", qos=1)
        pub.publish("dc/other", b"x", qos=1)
        c.ping()
        close_cleanly(c)
        c = RawClient(s.address)
        ack = c.connect("discard", clean=False)
        self.assertFalse(ack.session_present, "the clean session must not have been kept")
        c.subscribe([("dc/marker", 1)])
        pub.publish("dc/t", b"after", qos=1)
        pub.publish("dc/marker", b"m", qos=1)
        self.assertEqual(c.publishes_until("dc/marker"), [], "old subscription survived")

    def test_clean_session_ends_with_connection_MQTT_3_1_2_6(self):
        s = self.start_server()
        c = connected(s.address, "ephemeral", clean=True)
        c.subscribe([("eph/t", 1)])
        close_cleanly(c)
        pub = connected(s.address, "pub")
        pub.publish("eph/t", b"while away", qos=1)
        c = RawClient(s.address)
        ack = c.connect("ephemeral", clean=False)
        self.assertFalse(ack.session_present, "a clean session must not outlive its connection")
        c.subscribe([("eph/marker", 1)])
        pub.publish("eph/marker", b"m", qos=1)
        self.assertEqual(c.publishes_until("eph/marker"), [])

    def test_qos0_not_queued_for_offline_session_by_default(self):
        s = self.start_server()
        sub = connected(s.address, "q0-off", clean=False)
        sub.subscribe([("q0/t", 1)])
        close_cleanly(sub)
        pub = connected(s.address, "pub")
        pub.publish("q0/t", b"qos0", qos=0)
        pub.publish("q0/t", b"qos1", qos=1)
        sub = RawClient(s.address)
        self.assertTrue(sub.connect("q0-off", clean=False).session_present)
        p = sub.expect_publish()
        self.assertEqual(p.payload, b"qos1", "QoS 0 must not be queued without --queue-qos0-offline")

    def test_qos0_queued_for_offline_session_with_flag(self):
        s = self.start_server("--queue-qos0-offline")
        sub = connected(s.address, "q0-on", clean=False)
        sub.subscribe([("q0/t", 1)])
        close_cleanly(sub)
        pub = connected(s.address, "pub")
        pub.publish("q0/t", b"qos0", qos=0)
        pub.publish("q0/t", b"qos1", qos=1)
        sub = RawClient(s.address)
        self.assertTrue(sub.connect("q0-on", clean=False).session_present)
        got = [sub.expect_publish().payload, sub.expect_publish().payload]
        self.assertEqual(got, [b"qos0", b"qos1"])


class OfflineQueueTests(RoostTestCase):

    def read_sys_value(self, client, topic, at_least, timeout):
        """Latest integer value of a $SYS topic once it reaches `at_least` (or the last seen)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                p = client.expect_publish(timeout=max(0.05, deadline - time.monotonic()), topic=topic)
            except AssertionError:
                break
            last = number(p.payload)
            if last >= at_least:
                break
        return last

    def test_offline_queue_bounded_by_max_queued_messages(self):
        s = self.start_server("--max-queued-messages", "10", "--sys-interval", "1")
        sub = connected(s.address, "bounded", clean=False)
        sub.subscribe([("bq/t", 1)])
        close_cleanly(sub)
        pub = connected(s.address, "pub")
        for i in range(20):
            pub.publish("bq/t", f"m{i:02d}".encode(), qos=1)
        sub = RawClient(s.address, name="resumed")
        self.assertTrue(sub.connect("bounded", clean=False).session_present)
        got = [sub.expect_publish().payload for _ in range(10)]
        pub.publish("bq/t", b"marker", qos=1)
        extra = []
        while True:
            p = sub.expect_publish()
            if p.payload == b"marker":
                break
            extra.append(p.payload)
        self.assertEqual(extra, [], f"more than 10 queued messages delivered: {got + extra}")
        self.assertEqual(len(set(got)), 10, f"duplicates among {got}")
        mon = connected(s.address, "monitor")
        mon.subscribe([(SYS_DROPPED, 0)])
        dropped = self.read_sys_value(mon, SYS_DROPPED, 10, timeout=5.0)
        self.assertIsNotNone(dropped, f"{SYS_DROPPED} was never published")
        self.assertGreaterEqual(dropped, 10, f"{SYS_DROPPED} = {dropped} after dropping 10")

    def test_offline_queue_bounded_by_max_queued_bytes(self):
        s = self.start_server("--max-queued-bytes", "1000")
        sub = connected(s.address, "bytes-bound", clean=False)
        sub.subscribe([("bb/t", 1)])
        close_cleanly(sub)
        pub = connected(s.address, "pub")
        for i in range(10):
            pub.publish("bb/t", bytes([i]) * 300, qos=1)
        sub = RawClient(s.address, name="resumed")
        self.assertTrue(sub.connect("bytes-bound", clean=False).session_present)
        pub.publish("bb/t", b"marker", qos=1)
        got = []
        while True:
            p = sub.expect_publish()
            if p.payload == b"marker":
                break
            got.append(p.payload)
        self.assertLessEqual(len(got), 3, f"{len(got)} x 300 bytes delivered from a 1000-byte queue")
        self.assertGreaterEqual(len(got), 1, "nothing was queued at all")


if __name__ == "__main__":
    unittest.main()
