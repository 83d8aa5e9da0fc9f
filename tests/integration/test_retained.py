"""Retained messages over a raw socket: storing, replacing, clearing, the RETAIN flag on delivery,
and a wildcard subscription over 100,000 retained messages under flow control."""

import os
import select
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (PINGRESP, PUBACK, PUBLISH, SUBACK, RawClient, connected,  # noqa: E402
                      pingreq_packet, puback_packet, publish_packet, subscribe_packet)
from roost_server import RoostTestCase  # noqa: E402


def retained_on(server, topic_filter, name, qos=1):
    """A new client subscribes `topic_filter` and returns what arrives before a marker."""
    c = connected(server.address, name)
    marker = f"marker/{name}"
    c.subscribe([(topic_filter, qos)])
    # Same QoS as the retained messages would have (order is only kept per QoS).
    c.subscribe([(marker, qos)])
    c.publish(marker, b"m", qos=qos)
    got = c.publishes_until(marker)
    c.disconnect()
    return got


class RetainedTests(RoostTestCase):

    def test_retained_sent_on_new_subscription_with_retain_flag_MQTT_3_3_1_8(self):
        s = self.start_server()
        pub = connected(s.address, "pub")
        pub.publish("ret/a", b"stored", qos=1, retain=True)
        got = retained_on(s, "ret/a", "late-sub")
        self.assertEqual(len(got), 1, f"expected the retained message, got {got}")
        self.assertEqual(got[0].payload, b"stored")
        self.assertTrue(got[0].retain, "RETAIN=1 on a message sent because of a new subscription")

    def test_live_message_has_retain_zero_for_existing_subscriber_MQTT_3_3_1_9(self):
        s = self.start_server()
        sub = connected(s.address, "existing")
        sub.subscribe([("ret/live", 1)])
        pub = connected(s.address, "pub")
        pub.publish("ret/live", b"live", qos=1, retain=True)
        p = sub.expect_publish()
        self.assertEqual(p.payload, b"live")
        self.assertFalse(p.retain, "RETAIN=0 to an established subscription, however it was published")

    def test_retained_replaced_by_newer_MQTT_3_3_1_5(self):
        s = self.start_server()
        pub = connected(s.address, "pub")
        pub.publish("ret/r", b"old", qos=1, retain=True)
        pub.publish("ret/r", b"new", qos=1, retain=True)
        got = retained_on(s, "ret/r", "late")
        self.assertEqual([p.payload for p in got], [b"new"], "only the newest retained message is kept")

    def test_retained_cleared_by_empty_payload_MQTT_3_3_1_10(self):
        s = self.start_server()
        pub = connected(s.address, "pub")
        pub.publish("ret/c", b"something", qos=1, retain=True)
        self.assertEqual(len(retained_on(s, "ret/c", "before-clear")), 1)
        pub.publish("ret/c", b"", qos=1, retain=True)
        self.assertEqual(retained_on(s, "ret/c", "after-clear"), [],
                         "a zero-byte retained PUBLISH removes the retained message [MQTT-3.3.1-11]")

    def test_empty_retained_publish_still_delivered_to_subscribers_MQTT_3_3_1_10(self):
        s = self.start_server()
        sub = connected(s.address, "existing")
        sub.subscribe([("ret/e", 1)])
        pub = connected(s.address, "pub")
        pub.publish("ret/e", b"", qos=1, retain=True)
        p = sub.expect_publish()
        self.assertEqual((p.topic, p.payload), ("ret/e", b""))

    def test_non_retained_publish_keeps_retained_message_MQTT_3_3_1_12(self):
        s = self.start_server()
        pub = connected(s.address, "pub")
        pub.publish("ret/k", b"kept", qos=1, retain=True)
        pub.publish("ret/k", b"transient", qos=1, retain=False)
        got = retained_on(s, "ret/k", "late")
        self.assertEqual([p.payload for p in got], [b"kept"])

    def test_retained_delivered_at_min_qos_MQTT_3_8_4_6(self):
        s = self.start_server()
        pub = connected(s.address, "pub")
        pub.publish("ret/q", b"q1", qos=1, retain=True)
        self.assertEqual([p.qos for p in retained_on(s, "ret/q", "sub0", qos=0)], [0])
        self.assertEqual([p.qos for p in retained_on(s, "ret/q", "sub2", qos=2)], [1])

    def test_wildcard_subscription_gets_every_matching_retained(self):
        s = self.start_server()
        pub = connected(s.address, "pub")
        topics = ["home/kitchen/temp", "home/hall/temp", "home/kitchen/humidity", "office/temp"]
        for t in topics:
            pub.publish(t, t.encode(), qos=1, retain=True)
        got = retained_on(s, "home/+/temp", "wild")
        self.assertEqual(sorted(p.topic for p in got), ["home/hall/temp", "home/kitchen/temp"])
        self.assertTrue(all(p.retain and p.payload == p.topic.encode() for p in got))
        got = retained_on(s, "#", "all")
        self.assertEqual(sorted(p.topic for p in got), sorted(topics))


class RetainedScaleTests(RoostTestCase):
    N = 100_000

    def test_100k_retained_wildcard_subscription_at_scale(self):
        # A small in-flight window and a queue far smaller than the retained set: the retained
        # stream must be flow-controlled, not dropped as queue overflow. Logging at info keeps the
        # log about the broker, not 100,000 lines of per-message debug output.
        s = self.start_server("--max-inflight", "20", "--max-queued-messages", "100",
                              log_level="info")
        n = self.N
        topics = [f"r/{i // 1000}/{i}" for i in range(n)]

        # Publish, pipelined. Odd messages are QoS 1 (so the subscriber's copies are QoS 1 and must
        # be acknowledged through the window), even ones QoS 0; all retained.
        pub = connected(s.address, "retained-pub")
        data = bytearray()
        pid = 0
        for i, t in enumerate(topics):
            if i % 2:
                pid += 1
                data += publish_packet(t, b"%d" % i, qos=1, retain=True, packet_id=pid)
            else:
                data += publish_packet(t, b"%d" % i, qos=0, retain=True)
        data += pingreq_packet()
        sender = threading.Thread(target=pub.send, args=(bytes(data),), daemon=True)
        sender.start()
        acks = 0
        pub.sock.settimeout(None)
        while True:
            p = pub.expect_any(timeout=60)
            if p.type == PUBACK:
                acks += 1
            elif p.type == PINGRESP:
                break
        sender.join(timeout=60)
        self.assertEqual(acks, n // 2, "every QoS 1 retained publish is acknowledged")

        # Meanwhile-client: PINGREQ round trips keep working while the stream flows.
        done = threading.Event()
        pings = []
        ping_errors = []

        def pinger():
            c = connected(s.address, "pinger")
            try:
                while not done.is_set():
                    c.ping(timeout=30)
                    pings.append(time.monotonic())
            except Exception as e:  # reported by the main thread
                ping_errors.append(repr(e))
            finally:
                c.close()

        sub = RawClient(s.address, auto_ack=False, name="retained subscriber")
        sub.connect("retained-sub")
        ping_thread = threading.Thread(target=pinger, daemon=True)
        stream_start = time.monotonic()
        ping_thread.start()
        sub.send(subscribe_packet(1, [("r/#", 1)]))
        seen = set()
        deliveries = 0
        bad = []
        suback = None
        reader = sub.reader
        last_progress = time.monotonic()
        while len(seen) < n:
            if time.monotonic() - last_progress > 20:
                break
            ready, _, _ = select.select([sub.sock], [], [], 1.0)
            if not ready:
                continue
            chunk = sub.sock.recv(1 << 20)
            self.assertTrue(chunk, f"server closed the subscriber after {len(seen)} messages")
            reader.feed(chunk)
            out = bytearray()
            while True:
                p = reader.next()
                if p is None:
                    break
                if p.type == SUBACK:
                    suback = p
                    continue
                if p.type != PUBLISH:
                    bad.append(repr(p))
                    continue
                deliveries += 1
                last_progress = time.monotonic()
                topic = p.topic
                seen.add(topic)
                idx = int(topic.rsplit("/", 1)[1])
                if not p.retain or p.qos != idx % 2 or p.payload != b"%d" % idx:
                    if len(bad) < 10:
                        bad.append(repr(p))
                if p.qos == 1:
                    out += puback_packet(p.packet_id)
            if out:
                sub.send(bytes(out))
        stream_end = time.monotonic()
        done.set()
        ping_thread.join(timeout=40)

        self.assertIsNotNone(suback, "no SUBACK")
        self.assertEqual(suback.granted, [1])
        self.assertEqual(bad, [], "unexpected packets or wrong flags/payloads in the retained stream")
        self.assertEqual(len(seen), n, f"received {len(seen)} of {n} retained messages "
                                       f"(stalled for 20 s or dropped)")
        self.assertEqual(deliveries, n, "some retained messages were delivered more than once")
        self.assertEqual(ping_errors, [], "PINGREQ round trips failed during the retained stream")
        during = [t for t in pings if stream_start <= t <= stream_end]
        self.assertGreater(len(during), 0, "no PINGREQ round trip completed during the stream")
        sub.ping()


if __name__ == "__main__":
    unittest.main()
