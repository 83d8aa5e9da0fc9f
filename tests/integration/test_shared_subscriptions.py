"""Shared subscriptions ($share/{ShareName}/{filter}, MQTT 5.0 section 4.8.2) against a real
`roost serve`: paho MQTT 5 members, mosquitto_sub members over MQTT 5 and 3.1.1, malformed share
filters, and retained messages not sent to a shared subscription.

One server for the class (setUpClass); every test uses topics of its own.
"""

import os
import subprocess
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))

import paho.mqtt.client as mqtt  # noqa: E402

from roost_server import RoostServer  # noqa: E402

TIMEOUT = 5.0


class Member:
    """A paho MQTT 5 client that records the messages it gets and the SUBACK reason codes."""

    def __init__(self, address, client_id):
        self.messages = []
        self.changed = threading.Condition()
        self.suback = None
        self.client = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv5)
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe
        connected = threading.Event()
        self.client.on_connect = lambda *a, **k: connected.set()
        self.client.connect(address[0], address[1], clean_start=True)
        self.client.loop_start()
        assert connected.wait(TIMEOUT), "no CONNACK"

    def _on_message(self, client, userdata, msg):
        with self.changed:
            self.messages.append(msg)
            self.changed.notify_all()

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties=None):
        with self.changed:
            self.suback = [rc.value for rc in reason_codes]
            self.changed.notify_all()

    def subscribe(self, topic, qos=1):
        """Subscribes and returns the SUBACK reason codes."""
        with self.changed:
            self.suback = None
        self.client.subscribe(topic, qos)
        with self.changed:
            assert self.changed.wait_for(lambda: self.suback is not None, TIMEOUT), "no SUBACK"
            return self.suback

    def payloads(self):
        with self.changed:
            return [m.payload.decode() for m in self.messages]

    def wait_for(self, predicate):
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self), TIMEOUT)

    def publish(self, topic, payload, qos=1, retain=False):
        self.client.publish(topic, payload, qos=qos, retain=retain).wait_for_publish(TIMEOUT)

    def stop(self):
        self.client.disconnect()
        self.client.loop_stop()


class SharedSubscriptionTests(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = RoostServer()
        cls.server.start()
        cls.address = cls.server.address

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.cleanup_data()

    def member(self, client_id):
        m = Member(self.address, client_id)
        self.addCleanup(m.stop)
        return m

    def test_each_message_goes_to_one_member_in_turn_MQTT_4_8_2(self):
        members = [self.member(f"rr-{i}") for i in range(3)]
        for m in members:
            self.assertEqual(m.subscribe("$share/workers/rr/#"), [1])
        plain = self.member("rr-plain")
        self.assertEqual(plain.subscribe("rr/#"), [1])
        pub = self.member("rr-pub")
        for i in range(9):
            pub.publish("rr/job", f"m{i}")
        self.assertTrue(plain.wait_for(lambda m: len(m.payloads()) == 9), "a plain subscriber gets all")
        got = []
        for m in members:
            self.assertTrue(m.wait_for(lambda x: len(x.payloads()) >= 3))
            got += m.payloads()
        self.assertEqual(sorted(got), sorted(f"m{i}" for i in range(9)), "each exactly once")
        for m in members:
            self.assertEqual(len(m.payloads()), 3, "round robin over three members")

    def test_malformed_share_filter_is_refused_with_0x8F_MQTT_4_8_2_1_MQTT_4_8_2_2(self):
        m = self.member("bad-share")
        self.assertEqual(m.subscribe("$share/g"), [0x8F])
        self.assertEqual(m.subscribe("$share//bad/t"), [0x8F])
        self.assertEqual(m.subscribe("$share/g/bad/t"), [1], "the connection is still usable")

    def test_retained_messages_are_not_sent_to_a_shared_subscription(self):
        pub = self.member("ret-pub")
        pub.publish("ret/t", "kept", retain=True)
        m = self.member("ret-member")
        self.assertEqual(m.subscribe("$share/g/ret/t"), [1])
        self.assertEqual(m.subscribe("ret/marker"), [1])
        pub.publish("ret/marker", "marker")
        self.assertTrue(m.wait_for(lambda x: "marker" in x.payloads()))
        self.assertEqual(m.payloads(), ["marker"], "the retained message was not sent")
        pub.publish("ret/t", "live", retain=False)
        self.assertTrue(m.wait_for(lambda x: "live" in x.payloads()), "later messages are")

    def mosquitto_member(self, version, topic, count):
        """A mosquitto_sub in the group that exits after `count` messages; returns once subscribed."""
        proc = subprocess.Popen(
            ["mosquitto_sub", "-h", self.address[0], "-p", str(self.address[1]), "-V", version,
             "-i", f"ms-{version}", "-t", topic, "-q", "1", "-C", str(count), "-W", "10", "-d"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.addCleanup(proc.kill)
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "SUBACK" in line:
                return proc, lines
        self.fail(f"mosquitto_sub -V {version} did not subscribe: {''.join(lines)}")

    def test_mosquitto_sub_over_mqtt5_and_311_share_one_group(self):
        v5, _ = self.mosquitto_member("5", "$share/ms/ms/t", 2)
        v311, _ = self.mosquitto_member("311", "$share/ms/ms/t", 2)
        pub = self.member("ms-pub")
        for i in range(4):
            pub.publish("ms/t", f"p{i}")
        got = []
        for proc in (v5, v311):
            out, _ = proc.communicate(timeout=15)
            self.assertEqual(proc.returncode, 0, out)
            got += [line for line in out.splitlines() if line.startswith("p")]
        self.assertEqual(sorted(got), ["p0", "p1", "p2", "p3"], "two each, none twice")


if __name__ == "__main__":
    unittest.main()
