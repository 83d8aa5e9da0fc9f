"""Topic records survive a restart: latest values and history are written to roost.db by the
write-behind worker (docs/storage.md) and loaded when `roost serve` starts again on the same data
directory. Values are published over the TCP line protocol and the bemfa MQTT listener; after a
SIGTERM (which drains the worker) or a SIGKILL (once the write is seen committed in the file), a
new server on the same data answers cmd=9 with the latest values."""

import os
import sqlite3
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import RawClient  # noqa: E402
from roost_server import RoostTestCase, add_tenant  # noqa: E402
from test_line import LineClient  # noqa: E402

COMMIT_TIMEOUT = 10.0
MQTT_NAMESPACE = 1  # the `namespace` column of MQTT topics (schema_migrations.cpp)
TCP_NAMESPACE = 3


def stored_value(data_dir, namespace, topic):
    """The topics row's last_value (bytes) as committed in roost.db, or None."""
    db = sqlite3.connect(f"file:{os.path.join(data_dir, 'roost.db')}?mode=ro", uri=True, timeout=10)
    try:
        row = db.execute("SELECT last_value FROM topics WHERE namespace = ? AND name = ?",
                         (namespace, topic)).fetchone()
    finally:
        db.close()
    return None if row is None or row[0] is None else bytes(row[0])


class RestartTests(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.data = self.tmpdir()
        self.key = add_tenant(self.data)

    def start(self):
        return self.start_server(data_dir=self.data)

    def line(self, server):
        c = LineClient(server.endpoint("line"))
        self.addCleanup(c.close)
        return c

    def publish_line(self, server, topic, msg):
        c = self.line(server)
        c.send(f"cmd=2&uid={self.key}&topic={topic}&msg={msg}")
        c.expect("cmd=2&res=1")

    def publish_mqtt(self, server, topic, payload):
        c = RawClient(server.endpoint("bemfa"), name="device")
        self.addCleanup(c.close)
        c.connect(client_id=self.key)
        c.publish(topic, payload, qos=1)

    def expect_latest(self, server, topic, msg):
        c = self.line(server)
        c.send(f"cmd=9&uid={self.key}&topic={topic}")
        c.expect(f"cmd=9&uid={self.key}&topic={topic}&msg={msg}")

    def wait_committed(self, namespace, topic, value):
        deadline = time.monotonic() + COMMIT_TIMEOUT
        while stored_value(self.data, namespace, topic) != value:
            if time.monotonic() > deadline:
                self.fail(f"{topic}={value!r} not committed within {COMMIT_TIMEOUT} s")
            time.sleep(0.02)

    def test_latest_values_survive_sigterm(self):
        server = self.start()
        self.publish_line(server, "temp004/up", "#21#40")
        self.publish_line(server, "temp004", "#22#41")
        self.publish_line(server, "led002", "on")
        self.publish_mqtt(server, "ledctrl002", b"off")
        server.stop()

        self.assertEqual(stored_value(self.data, MQTT_NAMESPACE, "ledctrl002"), b"off")
        again = self.start()
        self.assertIsNotNone(again.wait_for_log(r"\b3 topics loaded"), "expected 3 topics loaded")
        self.expect_latest(again, "temp004", "#22#41")
        self.expect_latest(again, "led002", "on")
        self.expect_latest(again, "ledctrl002", "")  # the MQTT topic is another namespace

    def test_new_values_after_a_restart_replace_the_loaded_ones(self):
        server = self.start()
        self.publish_line(server, "fan003", "on")
        server.stop()
        again = self.start()
        self.publish_line(again, "fan003", "off")
        again.stop()
        third = self.start()
        self.expect_latest(third, "fan003", "off")

    def test_committed_values_survive_sigkill(self):
        server = self.start()
        self.publish_line(server, "temp004", "#23#42")
        self.publish_mqtt(server, "ledctrl002", b"on")
        self.wait_committed(TCP_NAMESPACE, "temp004", b"#23#42")
        self.wait_committed(MQTT_NAMESPACE, "ledctrl002", b"on")
        server.kill()
        self.assertEqual(server.returncode, -9)

        again = self.start()
        self.assertIsNotNone(again.wait_for_log(r"\b2 topics loaded"), "expected 2 topics loaded")
        self.expect_latest(again, "temp004", "#23#42")


if __name__ == "__main__":
    unittest.main()


class RetainedRestartTests(RoostTestCase):
    """The broker's retained messages, on the standard listener and per tenant on the bemfa
    listener, survive a restart on the same data directory."""

    def setUp(self):
        super().setUp()
        self.data = self.tmpdir()
        self.key = add_tenant(self.data)

    def client(self, server, listener, client_id, name):
        c = RawClient(server.endpoint(listener), name=name)
        self.addCleanup(c.close)
        c.connect(client_id=client_id)
        return c

    def test_retained_messages_survive_sigterm(self):
        server = self.start_server(data_dir=self.data)
        plain = self.client(server, "mqtt", "plain-pub", "plain publisher")
        plain.publish("home/door", b"closed", qos=1, retain=True)
        plain.publish("home/gone", b"soon cleared", qos=1, retain=True)
        plain.publish("home/gone", b"", qos=1, retain=True)
        device = self.client(server, "bemfa", self.key, "device")
        device.publish("ledstate", b"led on", qos=1, retain=True)
        server.stop()

        again = self.start_server(data_dir=self.data)
        self.assertIsNotNone(again.wait_for_log(r"\b2 retained messages loaded"))
        sub = self.client(again, "mqtt", "plain-sub", "plain subscriber")
        sub.subscribe([("home/#", 1)])
        p = sub.expect_publish()
        self.assertEqual((p.topic, p.payload, p.retain), ("home/door", b"closed", True))
        tenant_sub = self.client(again, "bemfa", self.key, "tenant subscriber")
        tenant_sub.subscribe([("#", 1)])
        p = tenant_sub.expect_publish()
        self.assertEqual((p.topic, p.payload, p.retain), ("ledstate", b"led on", True))
        # Neither space sees the other's retained message, nor the cleared one.
        sub.ping()
        tenant_sub.ping()
