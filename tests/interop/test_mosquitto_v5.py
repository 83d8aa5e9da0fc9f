"""Interoperability with the Mosquitto command-line clients at MQTT 5 (`mosquitto_pub` /
`mosquitto_sub -V 5`): PUBLISH properties given with -D and printed back by mosquitto_sub's -F
(%P user properties, %C content type, %E message expiry, %F payload format, %R response topic,
%D correlation data, %S subscription identifier), a topic alias on publish, retained messages,
a shared subscription between two mosquitto_sub, and 3.1 / 3.1.1 / 5 clients mixed.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from class_server import ClassServerTestCase  # noqa: E402
from mqtt_clients import MqttClientsMixin  # noqa: E402

V5 = ["-V", "5"]
# One line per message, the v5 properties as mosquitto_sub prints them ('|' separated; the payload in hex).
V5_FORMAT = "V5|%t|%x|%q|%r|%P|%C|%E|%F|%R|%D|%S"
V5_FIELDS = ("topic", "payload", "qos", "retain", "user", "content_type", "expiry", "format",
             "response_topic", "correlation", "subscription_id")


def v5_messages(sub):
    """The lines `sub` printed with V5_FORMAT, each a dict of V5_FIELDS (payload as bytes)."""
    out = []
    for line in bytes(sub.stdout).decode("utf-8", "replace").splitlines():
        if line.startswith("V5|"):
            m = dict(zip(V5_FIELDS, line.split("|")[1:]))
            m["payload"] = bytes.fromhex(m["payload"])
            out.append(m)
    return out


class MosquittoV5Tests(MqttClientsMixin, ClassServerTestCase):

    def sub_v5(self, *args):
        return self.mosquitto_sub(self.server, *V5, *args, fmt=V5_FORMAT)

    def pub(self, *args, **kw):
        return self.mosquitto_pub(self.server, *args, **kw)

    def test_publish_properties_printed_by_mosquitto_sub_MQTT_3_3_2_17_to_20(self):
        sub = self.sub_v5("-t", "m5/props", "-q", "1", "-C", "1", "-W", "15")
        sub.subscribed()
        self.pub(*V5, "-t", "m5/props", "-q", "1", "-m", "21.5",
                 "-D", "publish", "user-property", "unit", "celsius",
                 "-D", "publish", "user-property", "room", "hall 2",
                 "-D", "publish", "content-type", "text/plain",
                 "-D", "publish", "payload-format-indicator", "1",
                 "-D", "publish", "message-expiry-interval", "120",
                 "-D", "publish", "response-topic", "m5/replies",
                 "-D", "publish", "correlation-data", "req-7")
        self.finish_ok(sub)
        [m] = v5_messages(sub)
        self.assertEqual((m["topic"], m["payload"], m["qos"]), ("m5/props", b"21.5", "1"))
        self.assertEqual(m["user"], "unit:celsius room:hall 2")  # unaltered, in order
        self.assertEqual(m["content_type"], "text/plain")
        self.assertEqual(m["format"], "1")
        self.assertIn(int(m["expiry"]), range(118, 121), "the remaining Message Expiry Interval")
        self.assertEqual(m["response_topic"], "m5/replies")
        self.assertEqual(m["correlation"], "req-7")
        self.assertEqual(m["subscription_id"], "")

    def test_subscription_identifier_on_subscribe_MQTT_3_3_4_3(self):
        sub = self.sub_v5("-t", "m5/sid/#", "-q", "1", "-C", "1", "-W", "15",
                          "-D", "subscribe", "subscription-identifier", "42")
        sub.subscribed()
        self.pub("-t", "m5/sid/x", "-q", "1", "-m", "numbered")  # from a 3.1.1 publisher
        self.finish_ok(sub)
        self.assertEqual([(m["payload"], m["subscription_id"]) for m in v5_messages(sub)], [(b"numbered", "42")])

    def test_topic_alias_on_publish_MQTT_3_3_2_12(self):
        # With a topic alias, mosquitto_pub -l sends the topic with the first line only and the
        # alias alone with the others.
        sub = self.sub_v5("-t", "m5/alias", "-q", "1", "-C", "3", "-W", "15")
        sub.subscribed()
        self.pub(*V5, "-t", "m5/alias", "-q", "1", "-l", "-D", "publish", "topic-alias", "1",
                 stdin=b"first\nsecond\nthird\n")
        self.finish_ok(sub)
        self.assertEqual([(m["topic"], m["payload"]) for m in v5_messages(sub)],
                         [("m5/alias", b"first"), ("m5/alias", b"second"), ("m5/alias", b"third")])

    def test_retained_message_with_properties(self):
        self.pub(*V5, "-t", "m5/retained", "-q", "1", "-r", "-m", "kept",
                 "-D", "publish", "user-property", "origin", "mosquitto_pub",
                 "-D", "publish", "content-type", "text/plain")
        self.addCleanup(self.pub, "-t", "m5/retained", "-q", "1", "-r", "-n")
        sub = self.sub_v5("-t", "m5/retained", "-q", "1", "-C", "1", "-W", "15")
        self.finish_ok(sub)
        [m] = v5_messages(sub)
        self.assertEqual((m["payload"], m["retain"], m["user"], m["content_type"]),
                         (b"kept", "1", "origin:mosquitto_pub", "text/plain"))
        # A 3.1.1 subscriber gets it as well, without properties.
        old = self.mosquitto_sub(self.server, "-V", "311", "-t", "m5/retained", "-q", "1", "-C", "1", "-W", "15")
        self.assertEqual([(m.payload, m.retain) for m in self.finish_ok(old)], [(b"kept", True)])

    def test_shared_subscription_between_two_mosquitto_sub_MQTT_4_8_2(self):
        subs = [self.sub_v5("-t", "$share/g/m5/jobs", "-t", "m5/jobs-end", "-q", "1") for _ in range(2)]
        for s in subs:
            s.subscribed()
        self.pub(*V5, "-t", "m5/jobs", "-q", "1", "-l", stdin="".join(f"job {i}\n" for i in range(10)).encode())
        self.pub(*V5, "-t", "m5/jobs-end", "-q", "1", "-m", "end")
        got = []
        for s in subs:
            s.wait_for(f"V5|m5/jobs-end|{b'end'.hex()}|")
            got.append([m["payload"] for m in v5_messages(s) if m["topic"] == "m5/jobs"])
        self.assertEqual(sorted(got[0] + got[1]), sorted(f"job {i}".encode() for i in range(10)),
                         "each message goes to exactly one member of the group")
        self.assertTrue(got[0] and got[1], f"one member got everything: {got}")

    def test_mixed_protocol_versions_exchange_qos_0_1_2(self):
        versions = ("31", "311", "5")
        subs = {v: self.mosquitto_sub(self.server, "-V", v, "-t", "m5/mixed", "-q", "2", "-C", "9", "-W", "15")
                for v in versions}
        for s in subs.values():
            s.subscribed()
        sent = []
        for v in versions:
            for qos in (0, 1, 2):
                payload = f"v{v} q{qos}"
                self.pub("-V", v, "-t", "m5/mixed", "-q", str(qos), "-m", payload)
                sent.append((payload.encode(), qos))
        for v, s in subs.items():
            with self.subTest(subscriber=v):
                self.assertEqual([(m.payload, m.qos) for m in self.finish_ok(s)], sent)

    def test_v5_properties_do_not_reach_a_311_subscriber_but_the_message_does(self):
        old = self.mosquitto_sub(self.server, "-V", "311", "-t", "m5/down", "-q", "1", "-C", "1", "-W", "15")
        new = self.sub_v5("-t", "m5/down", "-q", "1", "-C", "1", "-W", "15")
        old.subscribed()
        new.subscribed()
        self.pub(*V5, "-t", "m5/down", "-q", "1", "-m", "with props", "-D", "publish", "user-property", "k", "v")
        self.assertEqual([m.payload for m in self.finish_ok(old)], [b"with props"])
        self.finish_ok(new)
        self.assertEqual([(m["payload"], m["user"]) for m in v5_messages(new)], [(b"with props", "k:v")])


if __name__ == "__main__":
    unittest.main()
