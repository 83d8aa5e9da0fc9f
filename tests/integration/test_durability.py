"""Persistent sessions in the database (`roost serve --durability full|batch|none`, docs/storage.md).

Sessions with clean session 0 on the standard `mqtt` listener are stored with their subscriptions
and their queued and in-flight QoS 1/2 messages. With `full` (the default) a PUBACK to a publisher
is sent only once the message is committed and synced, so a `kill -9` in the middle of a stream
loses no acknowledged message; `batch` keeps sessions across a clean restart; `none` keeps them in
memory only.
"""

import collections
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (PUBACK, PUBLISH, PUBREL, RawClient, ServerClosed, connected,  # noqa: E402
                      puback_packet, pubcomp_packet, publish_packet, pubrec_packet)
from roost_server import RoostTestCase  # noqa: E402

STREAM_FILTER = "stream/#"
STREAM_TOPICS = 4           # the stream goes round stream/0 .. stream/3
STREAM_WINDOW = 50          # unacknowledged PUBLISHes the stream publisher allows itself
STREAM_SECONDS = 1.5        # how long the stream runs before the kill ...
STREAM_MAX_ACKED = 8000     # ... or how many acknowledged messages, whichever comes first
MIN_ACKED = 100             # fewer acknowledged messages than this proves nothing
KILL_DEADLINE = 10.0        # the stream must have MIN_ACKED acknowledged within this
COLLECT_TIMEOUT = 10.0      # for everything owed to arrive after the restart
QUIET = 3.0                 # ... giving up earlier once nothing has come for this long
WITHHELD = 10               # messages the online subscriber leaves unacknowledged (< max inflight)
# The offline queue must hold the whole stream, so that nothing is dropped by the queue limit.
BIG_QUEUE = ("--max-queued-messages", "1000000")


def stream_topic(seq):
    return f"stream/{seq % STREAM_TOPICS}"


class StreamPublisher:
    """A thread that publishes QoS 1 messages (payload = sequence number, 0, 1, 2, ...) as fast as
    the server acknowledges them, with at most `window` unacknowledged, until the server goes
    away. `acked` holds every sequence number whose PUBACK arrived."""

    def __init__(self, address, client_id="stream-pub", window=STREAM_WINDOW):
        self.client = connected(address, client_id, name="stream publisher")
        self.window = window
        self.acked = set()
        self.sent = 0
        self.error = None
        self.server_gone = False
        self._cond = threading.Condition()
        self._done = False
        self._outstanding = {}  # packet id -> sequence number
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stream-publisher", daemon=True)

    def start(self):
        self._thread.start()
        return self

    def running(self):
        with self._cond:
            return not self._done

    def wait_acked(self, at_least, timeout):
        """Waits until `at_least` messages are acknowledged or the thread ends; returns the count."""
        with self._cond:
            self._cond.wait_for(lambda: len(self.acked) >= at_least or self._done, timeout)
            return len(self.acked)

    def join(self, timeout=5.0):
        """Waits for the thread to end (it ends when the server closes the socket)."""
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join(timeout)
            raise AssertionError("the stream publisher did not notice the server going away")
        self.client.close()
        if self.error is not None:
            raise AssertionError(f"stream publisher failed: {self.error!r}")

    def _run(self):
        c = self.client
        next_pid = 0
        try:
            while not self._stop.is_set():
                while len(self._outstanding) < self.window:
                    next_pid = next_pid % 65535 + 1
                    seq = self.sent
                    if not c.try_send(publish_packet(stream_topic(seq), str(seq), qos=1,
                                                     packet_id=next_pid)):
                        self.server_gone = True
                        return
                    self._outstanding[next_pid] = seq
                    self.sent += 1
                p = c.expect_any(timeout=5.0)
                if p.type != PUBACK:
                    raise AssertionError(f"unexpected packet {p}")
                seq = self._outstanding.pop(p.packet_id, None)
                if seq is None:
                    raise AssertionError(f"PUBACK for packet id {p.packet_id}, which is not outstanding")
                with self._cond:
                    self.acked.add(seq)
                    self._cond.notify_all()
        except ServerClosed:
            self.server_gone = True
        except TimeoutError as e:  # a send blocked for the socket's timeout
            self.error = e
        except OSError:  # a reset while sending or reading: the server is gone
            self.server_gone = True
        except AssertionError as e:
            self.error = e
        finally:
            with self._cond:
                self._done = True
                self._cond.notify_all()


class Received:
    """The stream messages one subscriber got: sequence numbers in arrival order per topic."""

    def __init__(self):
        self.by_topic = collections.defaultdict(list)
        self.all = []

    def add(self, packet):
        seq = int(packet.payload)
        if packet.topic != stream_topic(seq):
            raise AssertionError(f"sequence {seq} arrived on {packet.topic!r}")
        self.by_topic[packet.topic].append(seq)
        self.all.append(seq)

    def seqs(self):
        return set(self.all)

    def duplicates(self):
        return len(self.all) - len(self.seqs())

    def out_of_order(self):
        """Topics whose messages (first arrivals) are not in publish order, with their sequence."""
        bad = {}
        for topic, seqs in self.by_topic.items():
            seen, firsts = set(), []
            for s in seqs:
                if s not in seen:
                    seen.add(s)
                    firsts.append(s)
            if firsts != sorted(firsts):
                bad[topic] = firsts
        return bad


def collect(client, received, needed, timeout=COLLECT_TIMEOUT, quiet=QUIET):
    """Reads PUBLISHes into `received` until every sequence number in `needed` has arrived, or
    nothing has come for `quiet` seconds, or `timeout` has passed."""
    deadline = time.monotonic() + timeout
    missing = set(needed) - received.seqs()
    while missing:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        try:
            p = client.expect(PUBLISH, min(quiet, left))
        except ServerClosed:
            raise
        except AssertionError:
            return  # quiet or out of time: the caller reports what is missing
        received.add(p)
        missing.discard(int(p.payload))


def describe(seqs, limit=20):
    seqs = sorted(seqs)
    text = ", ".join(map(str, seqs[:limit]))
    return f"{len(seqs)} [{text}{', ...' if len(seqs) > limit else ''}]"


class DurabilityTestCase(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.data = self.tmpdir()

    def serve(self, durability, *extra):
        """A server on this test's data directory; durability None means the default."""
        args = list(extra)
        if durability is not None:
            args = ["--durability", durability] + args
        return self.start_server(*args, data_dir=self.data)

    def client(self, server, client_id, name=None, **kw):
        c = RawClient(server.address, name=name or client_id, **kw)
        self.addCleanup(c.close)
        return c

    def disconnect(self, client):
        """DISCONNECT, then wait until the server has closed its side (so it has processed it)."""
        client.send(b"\xe0\x00")
        client.expect_closed()
        client.close()

    def persistent(self, server, client_id, topics, **kw):
        """A clean session 0 client that has subscribed to [(filter, qos)...]."""
        c = self.client(server, client_id, **kw)
        c.connect(client_id, clean=False)
        self.assertEqual(c.subscribe(topics), [q for _, q in topics])
        return c

    def resume(self, server, client_id, expect_present=True, **kw):
        """Reconnects with clean session 0 and checks the CONNACK's session present flag."""
        c = self.client(server, client_id, **kw)
        ack = c.connect(client_id, clean=False)
        self.assertEqual(ack.session_present, expect_present,
                         f"{client_id}: session present {int(ack.session_present)} on resuming, "
                         f"expected {int(expect_present)}")
        return c

    def publish(self, server, *messages):
        """Publishes (topic, payload, qos) messages from a fresh client, each fully acknowledged."""
        pub = connected(server.address, "durability-pub", name="publisher")
        try:
            for topic, payload, qos in messages:
                pub.publish(topic, payload, qos=qos)
        finally:
            self.disconnect(pub)

    def stream_until_killed(self, server):
        """Runs a StreamPublisher, kills the server with SIGKILL while it still publishes, and
        returns the sequence numbers it saw acknowledged."""
        stream = StreamPublisher(server.address).start()
        n = stream.wait_acked(STREAM_MAX_ACKED, STREAM_SECONDS)
        if n <= MIN_ACKED:
            n = stream.wait_acked(MIN_ACKED + 1, KILL_DEADLINE - STREAM_SECONDS)
        if not stream.running():
            stream.join()
            self.fail(f"the stream publisher stopped before the kill ({n} acknowledged)")
        self.assertGreater(n, MIN_ACKED, f"only {n} messages acknowledged in {KILL_DEADLINE} s")
        server.kill()
        self.assertEqual(server.returncode, -9)
        stream.join()
        self.assertTrue(stream.server_gone)
        acked = set(stream.acked)
        self.assertGreater(len(acked), MIN_ACKED)
        self.assertLess(len(acked), stream.sent, "the kill came after the last PUBLISH was acknowledged")
        return acked

    def assert_in_order(self, received, what):
        self.assertEqual(received.out_of_order(), {}, f"{what}: messages out of order per topic")


class KillTests(DurabilityTestCase):
    """`--durability full`: what a publisher saw acknowledged survives SIGKILL."""

    def test_acknowledged_messages_queued_for_an_offline_session_survive_sigkill(self):
        server = self.serve("full", *BIG_QUEUE)
        sub = self.persistent(server, "sub", [(STREAM_FILTER, 1)])
        self.disconnect(sub)

        acked = self.stream_until_killed(server)

        again = self.serve("full", *BIG_QUEUE)
        sub = self.resume(again, "sub")
        received = Received()
        collect(sub, received, acked)
        missing = acked - received.seqs()
        self.assertFalse(missing, f"acknowledged but never delivered: {describe(missing)} "
                                  f"of {len(acked)} acknowledged, {len(received.seqs())} received "
                                  f"({received.duplicates()} duplicates)")
        self.assert_in_order(received, "after the restart")

    def test_messages_an_online_session_did_not_acknowledge_come_again_after_sigkill(self):
        server = self.serve("full", *BIG_QUEUE)
        sub = self.persistent(server, "sub", [(STREAM_FILTER, 1)], auto_ack=False)
        before = Received()
        sub_acked = set()
        withheld = set()
        sub_error = []

        def drain():
            # Acknowledges everything but the first WITHHELD messages with sequence % 97 == 0.
            try:
                while True:
                    p = sub.expect(PUBLISH, timeout=30.0)
                    before.add(p)
                    seq = int(p.payload)
                    if seq % 97 == 0 and len(withheld) < WITHHELD:
                        withheld.add(seq)
                        continue
                    sub.try_send(puback_packet(p.packet_id))
                    sub_acked.add(seq)
            except ServerClosed:
                pass
            except AssertionError as e:
                sub_error.append(e)

        reader = threading.Thread(target=drain, name="online-subscriber", daemon=True)
        reader.start()
        acked = self.stream_until_killed(server)
        reader.join(10.0)
        self.assertFalse(reader.is_alive(), "the subscriber did not see the server go away")
        self.assertEqual(sub_error, [])
        self.assertTrue(withheld, "the subscriber received nothing to withhold")
        self.assert_in_order(before, "before the kill")

        again = self.serve("full", *BIG_QUEUE)
        sub = self.resume(again, "sub")
        after = Received()
        # Owed: whatever the subscriber left unacknowledged, and every message the publisher saw
        # acknowledged that the subscriber had not acknowledged yet.
        owed = withheld | (acked - sub_acked)
        collect(sub, after, owed)
        missing_withheld = withheld - after.seqs()
        self.assertFalse(missing_withheld,
                         f"unacknowledged deliveries not sent again: {describe(missing_withheld)}")
        missing = owed - after.seqs()
        self.assertFalse(missing, f"acknowledged to the publisher, never acknowledged by the "
                                  f"subscriber, not delivered after the restart: {describe(missing)} "
                                  f"({len(acked)} acknowledged, {len(sub_acked)} acknowledged by "
                                  f"the subscriber, {len(after.seqs())} delivered after the restart)")
        self.assert_in_order(after, "after the restart")


class CleanRestartTests(DurabilityTestCase):

    def test_batch_sessions_survive_a_clean_restart_with_their_queued_messages(self):
        server = self.serve("batch")
        sub = self.persistent(server, "keeper", [("q/#", 2), ("other/+", 1)])
        self.disconnect(sub)
        self.publish(server, ("q/one", b"first", 1), ("q/two", b"second", 2), ("other/x", b"third", 2))
        server.stop()

        again = self.serve("batch")
        sub = self.resume(again, "keeper")
        got = [sub.expect_publish() for _ in range(3)]
        self.assertEqual([(p.topic, p.payload, p.qos) for p in got],
                         [("q/one", b"first", 1), ("q/two", b"second", 2), ("other/x", b"third", 1)])
        # The QoS 2 flow completes (auto-acknowledged: PUBREC, then PUBCOMP for the PUBREL).
        pubrel = sub.expect(PUBREL)
        self.assertEqual(pubrel.packet_id, got[1].packet_id)
        # Both subscriptions came back: new messages reach them, and nothing comes twice.
        self.publish(again, ("other/y", b"new", 1), ("q/marker", b"end", 1))
        self.assertEqual([(p.topic, p.payload) for p in sub.publishes_until("q/marker")],
                         [("other/y", b"new")])
        self.disconnect(sub)
        again.stop()

        # The completed QoS 2 message is not delivered again after another restart.
        third = self.serve("batch")
        sub = self.resume(third, "keeper")
        self.publish(third, ("q/marker", b"end", 1))
        self.assertEqual(sub.publishes_until("q/marker"), [], "a message came twice")

    def test_batch_qos2_release_in_flight_survives_a_clean_restart(self):
        # The subscriber got the PUBLISH and the PUBREL but never sent PUBCOMP: after a restart the
        # server sends the PUBREL again, and not the message.
        server = self.serve("batch")
        sub = self.persistent(server, "releaser", [("q2/#", 2)], auto_ack=False)
        self.publish(server, ("q2/a", b"once", 2))
        p = sub.expect_publish()
        self.assertEqual((p.topic, p.payload, p.qos), ("q2/a", b"once", 2))
        sub.send(pubrec_packet(p.packet_id))
        self.assertEqual(sub.expect(PUBREL).packet_id, p.packet_id)
        self.disconnect(sub)
        server.stop()

        again = self.serve("batch")
        sub = self.resume(again, "releaser", auto_ack=False)
        rel = sub.expect(PUBREL)
        self.assertEqual(rel.packet_id, p.packet_id)
        sub.send(pubcomp_packet(p.packet_id))
        self.publish(again, ("q2/marker", b"end", 1))
        marker = sub.expect_publish()
        self.assertEqual((marker.topic, marker.payload), ("q2/marker", b"end"),
                         "the released QoS 2 message was delivered again")
        sub.send(puback_packet(marker.packet_id))
        sub.ping()

    def test_none_keeps_sessions_in_memory_only(self):
        server = self.serve("none")
        sub = self.persistent(server, "forgotten", [("n/#", 1)])
        self.disconnect(sub)
        self.publish(server, ("n/a", b"while offline", 1))
        # Until the restart the session is there as usual ...
        sub = self.resume(server, "forgotten")
        self.assertEqual(sub.expect_publish().payload, b"while offline")
        self.disconnect(sub)
        self.publish(server, ("n/b", b"lost with the restart", 1))
        server.stop()

        # ... after it, neither the session nor its queue nor its subscription exists.
        again = self.serve("none")
        sub = self.resume(again, "forgotten", expect_present=False)
        self.publish(again, ("n/c", b"not subscribed", 1))
        self.assertEqual(sub.subscribe([("n/#", 1)]), [1])
        self.publish(again, ("n/marker", b"end", 1))
        self.assertEqual(sub.publishes_until("n/marker"), [], "a message of the old session came")

    def test_clean_session_reconnect_removes_the_stored_session(self):
        server = self.serve(None)  # the default durability (full)
        kept = self.persistent(server, "kept", [("c/#", 1)])
        self.disconnect(kept)
        gone = self.persistent(server, "cleaned", [("c/#", 1)])
        self.disconnect(gone)
        cleaned = self.client(server, "cleaned")
        self.assertFalse(cleaned.connect("cleaned", clean=True).session_present)
        self.disconnect(cleaned)
        self.publish(server, ("c/a", b"queued for kept only", 1))
        server.stop()

        again = self.serve(None)
        cleaned = self.resume(again, "cleaned", expect_present=False)
        kept = self.resume(again, "kept")
        self.assertEqual(kept.expect_publish().payload, b"queued for kept only")
        self.assertEqual(cleaned.subscribe([("c/#", 1)]), [1])
        self.publish(again, ("c/marker", b"end", 1))
        self.assertEqual(cleaned.publishes_until("c/marker"), [], "the removed session got a message")


if __name__ == "__main__":
    unittest.main()
