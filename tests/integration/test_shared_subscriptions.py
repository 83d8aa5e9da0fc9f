"""Shared subscriptions ($share/{ShareName}/{filter}, MQTT 5.0 section 4.8.2) against a real
`roost serve`: paho MQTT 5 members, mosquitto_sub members over MQTT 5 and 3.1.1, malformed share
filters, and retained messages not sent to a shared subscription.

One server for the class; every test uses topics of its own. What a member got is read up to a
marker: a message on a plain subscription of the member, published after the others.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))

from class_server import ClassServerTestCase  # noqa: E402
from mqtt_clients import MqttClientsMixin  # noqa: E402
from paho_v5 import PahoV5  # noqa: E402


def payloads(messages):
    return [m.payload.decode() for m in messages]


class SharedSubscriptionTests(MqttClientsMixin, ClassServerTestCase):

    def member(self, client_id):
        """A connected paho MQTT 5 client, stopped in the cleanup."""
        m = PahoV5(self.server.address, client_id)
        self.addCleanup(m.stop)
        return m.connect()

    def test_each_message_goes_to_one_member_in_turn_MQTT_4_8_2(self):
        members = [self.member(f"rr-{i}") for i in range(3)]
        for m in members:
            self.assertEqual(m.subscribe([("$share/workers/rr/#", 1)]), [1])
            self.assertEqual(m.subscribe([("rr-end", 1)]), [1])
        plain = self.member("rr-plain")
        self.assertEqual(plain.subscribe([("rr/#", 1)]), [1])
        pub = self.member("rr-pub")
        for i in range(9):
            pub.publish("rr/job", f"m{i}", qos=1)
        pub.publish("rr-end", "end", qos=1)
        self.assertEqual(payloads(plain.expect_message() for _ in range(9)),
                         [f"m{i}" for i in range(9)], "a plain subscriber gets all")
        got = [payloads(m.messages_until("rr-end")) for m in members]
        self.assertEqual(sorted(sum(got, [])), [f"m{i}" for i in range(9)], "each exactly once")
        self.assertEqual([len(g) for g in got], [3, 3, 3], "round robin over three members")

    def test_malformed_share_filter_is_refused_with_0x8F_MQTT_4_8_2_1_MQTT_4_8_2_2(self):
        m = self.member("bad-share")
        self.assertEqual(m.subscribe([("$share/g", 1)]), [0x8F])
        self.assertEqual(m.subscribe([("$share//bad/t", 1)]), [0x8F])
        self.assertEqual(m.subscribe([("$share/g/bad/t", 1)]), [1], "the connection is still usable")

    def test_retained_messages_are_not_sent_to_a_shared_subscription(self):
        pub = self.member("ret-pub")
        pub.publish("ret/t", "kept", qos=1, retain=True)
        m = self.member("ret-member")
        self.assertEqual(m.subscribe([("$share/g/ret/t", 1)]), [1])
        self.assertEqual(m.subscribe([("ret/marker", 1)]), [1])
        pub.publish("ret/marker", "marker", qos=1)
        self.assertEqual(m.messages_until("ret/marker"), [], "the retained message was not sent")
        pub.publish("ret/t", "live", qos=1)
        self.assertEqual(m.expect_message().payload, b"live", "later messages are")

    def test_mosquitto_sub_over_mqtt5_and_311_share_one_group(self):
        subs = [self.mosquitto_sub(self.server, "-V", v, "-i", f"ms-{v}", "-t", "$share/ms/ms/t",
                                   "-q", "1", "-C", "2", "-W", "10") for v in ("5", "311")]
        for s in subs:
            s.subscribed()
        pub = self.member("ms-pub")
        for i in range(4):
            pub.publish("ms/t", f"p{i}", qos=1)
        got = [payloads(self.finish_ok(s)) for s in subs]
        self.assertEqual(sorted(sum(got, [])), ["p0", "p1", "p2", "p3"], "two each, none twice")


if __name__ == "__main__":
    unittest.main()
