"""The $SYS/broker/... topics: present, retained, and counting what happened."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import connected  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402
from sys_topics import NUMERIC, SYS_TOPICS, number  # noqa: E402

BY_TOPIC = {topic: key for key, topic in SYS_TOPICS.items()}


class SysTopicTests(RoostTestCase):

    def collect(self, client, done, timeout=6.0):
        """Reads $SYS publishes into {key: payload} until done(values) or the timeout."""
        values = {}
        retained = {}
        deadline = time.monotonic() + timeout
        while not done(values) and time.monotonic() < deadline:
            try:
                p = client.expect_publish(timeout=max(0.05, deadline - time.monotonic()))
            except AssertionError:
                break
            key = BY_TOPIC.get(p.topic)
            if key is not None:
                values[key] = p.payload
                retained.setdefault(key, p.retain)
        return values, retained

    def test_sys_topics_present_and_retained(self):
        s = self.start_server("--sys-interval", "1")
        mon = connected(s.address, "monitor")
        mon.subscribe([("$SYS/broker/#", 0)])
        values, _ = self.collect(mon, lambda v: len(v) == len(SYS_TOPICS))
        missing = sorted(SYS_TOPICS[k] for k in SYS_TOPICS if k not in values)
        self.assertEqual(missing, [], "these $SYS topics were not published")
        self.assertTrue(values["version"].strip(), "$SYS/broker/version is empty")
        for key in NUMERIC:
            try:
                number(values[key])
            except (ValueError, IndexError):
                self.fail(f"{SYS_TOPICS[key]} = {values[key]!r} is not a number")
        # A new subscriber gets them as retained messages.
        late = connected(s.address, "late-monitor")
        late.subscribe([("$SYS/broker/#", 0)])
        _, retained = self.collect(late, lambda v: len(v) == len(SYS_TOPICS))
        not_retained = sorted(SYS_TOPICS[k] for k, r in retained.items() if not r)
        self.assertEqual(not_retained, [], "$SYS topics must be retained (RETAIN=1 on subscribe)")
        self.assertEqual(len(retained), len(SYS_TOPICS))

    def test_sys_version_topic_present(self):
        s = self.start_server("--sys-interval", "1")
        c = connected(s.address, "version-reader")
        c.subscribe([(SYS_TOPICS["version"], 0)])
        p = c.expect_publish(timeout=6.0, topic=SYS_TOPICS["version"])
        self.assertTrue(p.payload.decode("utf-8").strip(), "empty version")

    def test_sys_counters_reflect_traffic(self):
        s = self.start_server("--sys-interval", "1")
        sub = connected(s.address, "sub")
        sub.subscribe([("traffic/#", 1)])
        pub = connected(s.address, "pub")
        for i in range(5):
            pub.publish(f"traffic/{i}", b"data", qos=1)
        pub.publish("traffic/kept", b"retained", qos=1, retain=True)
        for _ in range(6):
            sub.expect_publish()
        mon = connected(s.address, "monitor")
        mon.subscribe([("$SYS/broker/#", 0)])
        expect = {"messages_received": 6, "messages_sent": 6, "bytes_received": 1,
                  "bytes_sent": 1, "clients_connected": 3, "clients_total": 3,
                  "subscriptions": 2, "retained": 1}

        def satisfied(v):
            return all(k in v and number(v[k]) >= n for k, n in expect.items())

        values, _ = self.collect(mon, satisfied)
        shown = {SYS_TOPICS[k]: values.get(k) for k in expect}
        self.assertTrue(satisfied(values), f"counters after traffic did not reach {expect}: {shown}")

    def test_sys_clients_connected_follows_disconnects(self):
        s = self.start_server("--sys-interval", "1")
        extra = [connected(s.address, f"extra{i}") for i in range(3)]
        mon = connected(s.address, "monitor")
        mon.subscribe([(SYS_TOPICS["clients_connected"], 0)])
        values, _ = self.collect(mon, lambda v: "clients_connected" in v
                                 and number(v["clients_connected"]) >= 4)
        self.assertGreaterEqual(number(values.get("clients_connected", b"0")), 4)
        for c in extra:
            c.send(b"\xe0\x00")
            c.expect_closed()
        values, _ = self.collect(mon, lambda v: "clients_connected" in v
                                 and number(v["clients_connected"]) == 1)
        self.assertEqual(number(values.get("clients_connected", b"-1")), 1,
                         "clients/connected after three of four clients disconnected")


if __name__ == "__main__":
    unittest.main()
