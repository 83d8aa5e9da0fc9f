"""Harder conversations: interrupted retained streams, slow consumers, packet id wrap-around,
fan-out, takeover storms, reconnect loops with QoS 1 and QoS 2, concurrent publishers. Every
loop is bounded; every wait has a timeout."""

import os
import random
import socket
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (PINGRESP, PUBACK, PUBLISH, PUBREL, SUBACK, UNSUBACK, RawClient,  # noqa: E402
                      ServerClosed, assert_round_trip, connected, pingreq_packet, puback_packet,
                      pubcomp_packet, publish_packet, pubrec_packet, subscribe_packet,
                      unsubscribe_packet)
from roost_server import RoostTestCase  # noqa: E402
from sys_topics import SYS_TOPICS, number  # noqa: E402


def publish_retained_set(server, n, name="retained-pub"):
    """Publishes n retained QoS 1 messages r/<i/1000>/<i>, pipelined; waits for every PUBACK."""
    pub = connected(server.address, name)
    data = b"".join(publish_packet(f"r/{i // 1000}/{i}", b"%d" % i, qos=1, retain=True,
                                   packet_id=i + 1) for i in range(n))
    sender = threading.Thread(target=pub.send, args=(data + pingreq_packet(),), daemon=True)
    sender.start()
    acks = 0
    while True:
        p = pub.expect_any(timeout=60)
        if p.type == PUBACK:
            acks += 1
        elif p.type == PINGRESP:
            break
    sender.join(timeout=30)
    pub.disconnect()
    if acks != n:
        raise AssertionError(f"{acks} PUBACKs for {n} retained publishes")


def read_publishes(client, count, timeout=30.0):
    """Reads `count` PUBLISH packets (auto-acknowledged); returns them."""
    return [client.expect_publish(timeout=timeout) for _ in range(count)]


class RetainedStreamStressTests(RoostTestCase):

    def test_unsubscribe_stops_pending_retained_stream_MQTT_3_10_4_2(self):
        s = self.start_server("--max-inflight", "20", "--max-queued-messages", "100")
        n = 20_000
        publish_retained_set(s, n)
        b = connected(s.address, "stream-b")
        b.subscribe([("r/#", 1)])
        read_publishes(b, 500)
        b.unsubscribe("r/#")
        b.ping()
        b.subscribe([("b/marker", 1)])
        b.publish("b/marker", b"m", qos=1)
        late = [p for p in b.publishes_until("b/marker", timeout=30) if p.topic.startswith("r/")]
        # What was already in flight or queued may follow; the rest of the stream must not.
        self.assertLessEqual(len(late), 20 + 100, f"{len(late)} of the {n - 500} remaining retained "
                             "messages were still sent after UNSUBACK")
        assert_round_trip(s.address, "after-unsubscribe", client=b)

    def test_retained_stream_interrupted_by_close_and_takeover(self):
        s = self.start_server("--max-inflight", "20", "--max-queued-messages", "100")
        n = 20_000
        publish_retained_set(s, n)
        # 1: a subscriber vanishes mid-stream.
        a = connected(s.address, "stream-a")
        a.subscribe([("r/#", 1)])
        read_publishes(a, 500)
        a.close()
        # 2: a persistent subscriber disconnects mid-stream and comes back.
        b = connected(s.address, "stream-b", clean=False)
        b.subscribe([("r/#", 1)])
        read_publishes(b, 500)
        b.send(b"\xe0\x00")
        b.expect_closed()
        b = RawClient(s.address, name="stream-b again")
        self.assertTrue(b.connect("stream-b", clean=False).session_present)
        b.ping()
        # 3: a subscriber is taken over mid-stream; the new connection subscribes again and must
        # get the whole set.
        c = connected(s.address, "stream-c")
        c.subscribe([("r/#", 1)])
        read_publishes(c, 500)
        c2 = RawClient(s.address, name="stream-c takeover")
        c2.connect("stream-c")
        c.expect_closed()
        c2.subscribe([("r/#", 1)])
        seen = set()
        deadline = time.monotonic() + 60
        while len(seen) < n and time.monotonic() < deadline:
            p = c2.expect_publish(timeout=20)
            self.assertTrue(p.retain)
            seen.add(p.topic)
        self.assertEqual(len(seen), n, "the re-subscribed client did not get every retained message")
        assert_round_trip(s.address, "after-streams")

    def test_two_overlapping_retained_streams_on_one_connection(self):
        s = self.start_server("--max-inflight", "10", "--max-queued-messages", "50")
        n = 5000
        publish_retained_set(s, n)
        c = connected(s.address, "two-streams")
        c.send(subscribe_packet(1, [("r/0/#", 1)]) + subscribe_packet(2, [("r/+/+", 1)]))
        counts = {}
        deadline = time.monotonic() + 60
        expected = 1000 + n  # r/0/# matches 1000 topics, r/+/+ all of them
        got = 0
        subacks = 0
        while got < expected and time.monotonic() < deadline:
            p = c.expect_any(timeout=20)
            if p.type == SUBACK:
                subacks += 1
                continue
            self.assertEqual(p.type, PUBLISH, f"unexpected {p}")
            got += 1
            counts[p.topic] = counts.get(p.topic, 0) + 1
        self.assertEqual(subacks, 2)
        self.assertEqual(len(counts), n, "every retained topic arrives")
        self.assertEqual(got, expected,
                         "each SUBSCRIBE sends the retained messages matching its own filter")
        c.ping()


class ConcurrentMutationTests(RoostTestCase):

    def test_retained_store_changes_during_retained_stream(self):
        s = self.start_server("--max-inflight", "10", "--max-queued-messages", "50")
        n = 10_000
        publish_retained_set(s, n)
        sub = connected(s.address, "streaming")
        sub.subscribe([("r/#", 1)])
        first = read_publishes(sub, 200)
        # While the stream is under way: delete topics 5000..5999, replace 6000..6999, add new ones.
        mut = connected(s.address, "mutator")
        data = bytearray()
        for i in range(5000, 6000):
            data += publish_packet(f"r/{i // 1000}/{i}", b"", qos=0, retain=True)
        for i in range(6000, 7000):
            data += publish_packet(f"r/{i // 1000}/{i}", b"new%d" % i, qos=0, retain=True)
        for i in range(n, n + 1000):
            data += publish_packet(f"r/{i // 1000}/{i}", b"%d" % i, qos=0, retain=True)
        mut.send(bytes(data))
        mut.ping(timeout=30)
        retained_seen = {}
        bad = []
        for p in first:
            retained_seen[p.topic] = retained_seen.get(p.topic, 0) + 1
        untouched = {f"r/{i // 1000}/{i}" for i in range(n) if not 5000 <= i < 7000}
        deadline = time.monotonic() + 60
        while not untouched <= set(retained_seen) and time.monotonic() < deadline:
            p = sub.expect_publish(timeout=20)
            idx = int(p.topic.rsplit("/", 1)[1])
            if p.retain:
                retained_seen[p.topic] = retained_seen.get(p.topic, 0) + 1
                ok = (p.payload == b"%d" % idx or (6000 <= idx < 7000 and p.payload == b"new%d" % idx))
                if not ok and len(bad) < 10:
                    bad.append(repr(p))
        missing = untouched - set(retained_seen)
        self.assertEqual(len(missing), 0, f"{len(missing)} untouched retained topics never arrived")
        self.assertEqual(bad, [], "retained messages with payloads that never existed")
        twice = [t for t, c in retained_seen.items() if c > 1]
        self.assertEqual(twice[:10], [], "a retained topic was streamed more than once")
        assert_round_trip(s.address, "after-mutation")

    def test_subscription_churn_during_flood(self):
        s = self.start_server()
        errors = []
        stop = threading.Event()

        def churn(k):
            rng = random.Random(k)
            try:
                c = connected(s.address, f"churn{k}")
                for j in range(150):
                    if stop.is_set():
                        break
                    f = rng.choice(["flood/#", "flood/+", f"flood/{rng.randrange(20)}", "#", "+/+"])
                    if rng.random() < 0.6:
                        c.subscribe([(f, rng.randrange(3))], timeout=20)
                    else:
                        c.unsubscribe(f)
                    c.pending = [p for p in c.pending if p.type != PUBLISH]
                c.disconnect()
            except Exception as e:  # reported below
                errors.append(f"churn{k}: {e!r}")

        threads = [threading.Thread(target=churn, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        pub = connected(s.address, "flooder")
        for start in range(0, 3000, 100):
            pub.send(b"".join(publish_packet(f"flood/{i % 20}", b"x" * 50, qos=1,
                                             packet_id=i % 1000 + 1) for i in range(start, start + 100)))
            for _ in range(100):
                pub.expect(PUBACK, timeout=20)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        self.assertEqual(errors, [])
        assert_round_trip(s.address, "after-churn")

    def test_subscriber_vanishing_mid_large_message(self):
        s = self.start_server("--max-packet-size", "4000000")
        big = bytes(range(256)) * 12_000  # about 3 MB
        pub = connected(s.address, "big-pub")
        for k in range(10):
            sub = connected(s.address, f"quitter{k}")
            sub.subscribe([("big/t", 0)])
            pub.publish("big/t", big, qos=1, timeout=30)
            sub.sock.recv(1000)  # a little of it, then gone
            sub.close()
        stayer = connected(s.address, "stayer")
        stayer.subscribe([("big/t", 1)])
        pub.publish("big/t", big, qos=1, timeout=30)
        self.assertEqual(stayer.expect_publish(timeout=30).payload, big)
        assert_round_trip(s.address, "after-quitters")


class SlowConsumerTests(RoostTestCase):

    def test_slow_consumer_does_not_stall_publishers_or_others(self):
        # An online client's queue is bounded by bytes: 100,000 bytes hold 99 of these messages
        # (1,000-byte payload + 7-byte topic).
        s = self.start_server("--max-inflight", "10", "--max-queued-bytes", "100000",
                              "--sys-interval", "1")
        slow_sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        slow_sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        slow_sock.connect(s.address)
        slow = RawClient.__new__(RawClient)
        RawClient.__init__(slow, s.address, auto_ack=False, name="slow consumer")
        slow.sock.close()
        slow.sock = slow_sock
        slow.connect("slow")
        slow.subscribe([("flood/t", 1)])
        fast = connected(s.address, "fast")
        fast.subscribe([("flood/t", 0)])
        pub = connected(s.address, "flooder")
        n = 5000
        payload = b"f" * 1000
        batch = 50  # below the queue limit, so the fast subscriber never overflows
        for start in range(0, n, batch):
            pub.send(b"".join(publish_packet("flood/t", payload, qos=1, packet_id=i + 1)
                              for i in range(start, start + batch)))
            for _ in range(batch):
                pub.expect(PUBACK, timeout=20)
            read_publishes(fast, batch, timeout=20)
            if start % 1000 == 0:
                assert_round_trip(s.address, f"during-flood-{start}")
        mon = connected(s.address, "monitor")
        mon.subscribe([(SYS_TOPICS["dropped"], 0)])
        deadline = time.monotonic() + 6
        dropped = None
        while time.monotonic() < deadline and (dropped is None or dropped < n - 110):
            try:
                p = mon.expect_publish(timeout=max(0.1, deadline - time.monotonic()))
            except AssertionError:
                break
            dropped = number(p.payload)
        self.assertIsNotNone(dropped, f"{SYS_TOPICS['dropped']} was never published")
        self.assertGreaterEqual(dropped, n - 110,
                                "messages beyond the slow consumer's window and queue are counted "
                                f"as dropped (got {dropped})")
        # The slow consumer, once it reads, gets its window and queue, not a flood.
        slow_sock.setblocking(True)
        got = 0
        while True:
            try:
                p = slow.expect_publish(timeout=2)
            except AssertionError:
                break
            got += 1
            slow.send(puback_packet(p.packet_id))
        self.assertGreater(got, 0)
        self.assertLessEqual(got, 110, "more than --max-inflight + --max-queued-bytes delivered")


class PacketIdTests(RoostTestCase):

    def test_outgoing_packet_ids_wrap_and_are_never_zero_MQTT_2_3_1_1(self):
        s = self.start_server()
        sub = RawClient(s.address, auto_ack=False, name="wrap subscriber")
        sub.connect("wrap-sub")
        sub.subscribe([("wrap/t", 1)])
        pub = connected(s.address, "wrap-pub")
        n, batch = 70_000, 500
        ids = []
        payload_errors = 0
        for start in range(0, n, batch):
            pub.send(b"".join(publish_packet("wrap/t", b"%d" % i, qos=1, packet_id=i - start + 1)
                              for i in range(start, start + batch)))
            for i in range(start, start + batch):
                p = sub.expect_publish(timeout=20)
                ids.append(p.packet_id)
                if p.payload != b"%d" % i:
                    payload_errors += 1
                sub.send(puback_packet(p.packet_id))
            for _ in range(batch):
                pub.expect(PUBACK, timeout=20)
        self.assertEqual(payload_errors, 0, "messages lost or out of order")
        self.assertNotIn(0, ids, "packet id 0 used for a QoS 1 PUBLISH")
        self.assertEqual(len(ids), n)
        self.assertGreater(len(set(ids)), 60_000, "packet ids do not cover the 16-bit range")


class FanOutTests(RoostTestCase):

    def test_fan_out_to_200_subscribers(self):
        s = self.start_server()
        subs = [connected(s.address, f"fan{i}") for i in range(200)]
        for c in subs:
            c.subscribe([("fan/t", 1)])
        pub = connected(s.address, "fan-pub")
        for i in range(10):
            pub.publish("fan/t", b"%d" % i, qos=1)
        for c in subs:
            got = [p.payload for p in read_publishes(c, 10)]
            self.assertEqual(got, [b"%d" % i for i in range(10)], f"{c.name} got {got}")

    def test_1000_filters_in_one_subscribe_and_unsubscribe(self):
        s = self.start_server()
        c = connected(s.address, "many-filters")
        filters = [(f"many/{i}/+", i % 3) for i in range(1000)]
        granted = c.subscribe(filters)
        self.assertEqual(granted, [q for _, q in filters])
        pub = connected(s.address, "pub")
        pub.publish("many/998/x", b"one", qos=2)  # many/998/+ was granted QoS 2
        p = c.expect_publish()
        self.assertEqual((p.topic, p.qos), ("many/998/x", 2))
        c.send(unsubscribe_packet(9, [f for f, _ in filters]))
        self.assertEqual(c.expect(UNSUBACK).packet_id, 9)
        c.subscribe([("many/marker", 2)])
        pub.publish("many/5/x", b"after", qos=2)
        pub.publish("many/marker", b"m", qos=2)
        self.assertEqual(c.publishes_until("many/marker"), [])


class TakeoverStressTests(RoostTestCase):

    def test_takeover_storm_publishes_every_will_and_keeps_last(self):
        s = self.start_server()
        watcher = connected(s.address, "watcher")
        watcher.subscribe([("storm/will", 1), ("storm/marker", 1)])
        rounds = 30
        clients = []
        for i in range(rounds):
            c = RawClient(s.address, name=f"storm{i}")
            c.connect("storm", clean=False, will=("storm/will", b"%d" % i, 1, False))
            clients.append(c)
        for c in clients[:-1]:
            c.expect_closed()
        last = clients[-1]
        self.assertTrue(last.is_open(), "the last connection was closed")
        assert_round_trip(s.address, "storm-last", client=last)
        marker = connected(s.address, "marker")
        marker.publish("storm/marker", b"m", qos=1)
        wills = sorted(int(p.payload) for p in watcher.publishes_until("storm/marker"))
        self.assertEqual(wills, list(range(rounds - 1)), "one will per taken-over connection")

    def test_concurrent_takeovers_leave_one_working_connection(self):
        s = self.start_server()
        results = []

        def connect_one(i):
            try:
                c = RawClient(s.address, name=f"race{i}")
                c.connect("race", clean=(i % 2 == 0))
                results.append(c)
            except (AssertionError, OSError) as e:
                results.append(e)

        threads = [threading.Thread(target=connect_one, args=(i,)) for i in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        clients = [c for c in results if isinstance(c, RawClient)]
        self.assertEqual(len(results), 20)
        open_ones = [c for c in clients if c.is_open(wait=0.5)]
        self.assertEqual(len(open_ones), 1, f"{len(open_ones)} connections with one client id stayed open")
        assert_round_trip(s.address, "race-winner", client=open_ones[0])


class ReconnectLoopTests(RoostTestCase):

    def test_qos1_nothing_lost_across_abrupt_reconnects_MQTT_4_4_0_1(self):
        s = self.start_server()
        rng = random.Random(11)
        cid = "flappy1"
        sub = RawClient(s.address, auto_ack=False, name="flappy")
        sub.connect(cid, clean=False)
        sub.subscribe([("flap/t", 1)])
        pub = connected(s.address, "flap-pub")
        n = 2000
        received = set()
        reconnects = 0
        next_to_publish = 0
        deadline = time.monotonic() + 60
        while len(received) < n and time.monotonic() < deadline:
            if next_to_publish < n:
                end = min(n, next_to_publish + 100)
                pub.send(b"".join(publish_packet("flap/t", b"%d" % i, qos=1, packet_id=i % 1000 + 1)
                                  for i in range(next_to_publish, end)))
                for _ in range(next_to_publish, end):
                    pub.expect(PUBACK, timeout=20)
                next_to_publish = end
            # Read a random number of messages, acknowledging most; then drop the connection.
            budget = rng.randint(20, 150)
            try:
                for _ in range(budget):
                    p = sub.expect_publish(timeout=2)
                    received.add(int(p.payload))
                    if rng.random() < 0.8:
                        sub.send(puback_packet(p.packet_id))
            except AssertionError:
                pass
            sub.close()
            reconnects += 1
            sub = RawClient(s.address, auto_ack=False, name=f"flappy#{reconnects}")
            ack = sub.connect(cid, clean=False)
            self.assertTrue(ack.session_present, f"session lost at reconnect {reconnects}")
        missing = sorted(set(range(n)) - received)
        self.assertEqual(missing[:20], [], f"{len(missing)} QoS 1 messages never delivered "
                                           f"after {reconnects} reconnects")

    def test_qos2_exactly_once_across_abrupt_reconnects_MQTT_4_4_0_1(self):
        s = self.start_server()
        rng = random.Random(22)
        cid = "flappy2"
        sub = RawClient(s.address, auto_ack=False, name="flappy2")
        sub.connect(cid, clean=False)
        sub.subscribe([("flap2/t", 2)])
        pub = connected(s.address, "flap2-pub")
        n = 500
        for start in range(0, n, 100):
            pub.send(b"".join(publish_packet("flap2/t", b"%d" % i, qos=2, packet_id=i + 1)
                              for i in range(start, start + 100)))
            for i in range(start, start + 100):
                self.assertEqual(pub.expect_any(timeout=20).packet_id, i + 1)
                pub.send(b"\x62\x02" + (i + 1).to_bytes(2, "big"))
            for _ in range(100):
                pub.expect_any(timeout=20)  # PUBCOMP
        # This client's side of the QoS 2 state: ids received (PUBREC owed/sent) but not released.
        pending = set()
        counts = {}
        reconnects = 0
        deadline = time.monotonic() + 60
        while sum(1 for v in counts.values() if v) < n and time.monotonic() < deadline:
            budget = rng.randint(5, 60)
            try:
                for _ in range(budget):
                    p = sub.expect_any(timeout=2)
                    if p.type == PUBLISH:
                        self.assertEqual(p.qos, 2)
                        if p.packet_id not in pending:
                            pending.add(p.packet_id)
                            k = int(p.payload)
                            counts[k] = counts.get(k, 0) + 1
                        if rng.random() < 0.85:
                            sub.send(pubrec_packet(p.packet_id))
                    elif p.type == PUBREL:
                        if rng.random() < 0.85:
                            pending.discard(p.packet_id)
                            sub.send(pubcomp_packet(p.packet_id))
                    else:
                        self.fail(f"unexpected {p}")
            except (AssertionError, ServerClosed) as e:
                if "unexpected" in str(e):
                    raise
            sub.close()
            reconnects += 1
            sub = RawClient(s.address, auto_ack=False, name=f"flappy2#{reconnects}")
            self.assertTrue(sub.connect(cid, clean=False).session_present,
                            f"session lost at reconnect {reconnects}")
        dups = {k: v for k, v in counts.items() if v > 1}
        missing = sorted(set(range(n)) - set(counts))
        self.assertEqual(dups, {}, f"QoS 2 messages delivered more than once ({reconnects} reconnects)")
        self.assertEqual(missing[:20], [], f"{len(missing)} QoS 2 messages never delivered")


class ConcurrentPublisherTests(RoostTestCase):

    def test_per_publisher_order_kept_with_concurrent_publishers_MQTT_4_6_0_5(self):
        # A queue large enough for the whole burst: this is about order, not overflow.
        s = self.start_server("--max-queued-messages", "100000")
        sub = connected(s.address, "ordered-sub")
        sub.subscribe([("conc/t", 1)])
        publishers, per = 8, 400
        errors = []

        def run(k):
            try:
                c = connected(s.address, f"conc{k}")
                c.send(b"".join(publish_packet("conc/t", b"%d:%d" % (k, i), qos=1, packet_id=i + 1)
                                for i in range(per)))
                for _ in range(per):
                    c.expect(PUBACK, timeout=30)
                c.disconnect()
            except Exception as e:  # reported below
                errors.append(repr(e))

        threads = [threading.Thread(target=run, args=(k,)) for k in range(publishers)]
        for t in threads:
            t.start()
        last = [-1] * publishers
        order_errors = []
        for _ in range(publishers * per):
            p = sub.expect_publish(timeout=30)
            k, i = (int(x) for x in p.payload.split(b":"))
            if i != last[k] + 1:
                order_errors.append((k, last[k], i))
            last[k] = i
        for t in threads:
            t.join(timeout=30)
        self.assertEqual(errors, [])
        self.assertEqual(order_errors[:10], [], "messages of one publisher reordered or lost")
        self.assertEqual(last, [per - 1] * publishers)


if __name__ == "__main__":
    unittest.main()
