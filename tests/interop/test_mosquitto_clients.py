"""Interoperability with the Mosquitto command-line clients (mosquitto_pub / mosquitto_sub)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_clients import MqttClientsMixin  # noqa: E402
from roost_server import RoostTestCase, make_password_file  # noqa: E402


class MosquittoClientTests(MqttClientsMixin, RoostTestCase):

    def round_trip(self, qos, version=None):
        self.check_round_trip(self.start_server(), self.mosquitto_sub, self.mosquitto_pub,
                              f"rt/q{qos}", qos, version)

    def test_qos0_round_trip(self):
        self.round_trip(0)

    def test_qos1_round_trip(self):
        self.round_trip(1)

    def test_qos2_round_trip(self):
        self.round_trip(2)

    def test_mqttv31_clients(self):
        self.round_trip(1, version="mqttv31")

    def test_mqttv311_clients(self):
        self.round_trip(2, version="mqttv311")

    def test_mixed_protocol_versions(self):
        s = self.start_server()
        sub = self.mosquitto_sub(s, "-t", "mixed/t", "-q", "1", "-C", "2", "-W", "15", "-V", "mqttv31")
        sub.subscribed()
        self.mosquitto_pub(s, "-t", "mixed/t", "-q", "1", "-m", "from 3.1.1", "-V", "mqttv311")
        self.mosquitto_pub(s, "-t", "mixed/t", "-q", "1", "-m", "from 3.1", "-V", "mqttv31")
        msgs = self.finish_ok(sub)
        self.assertEqual([m.payload for m in msgs], [b"from 3.1.1", b"from 3.1"])

    def test_retained_message_delivered_then_cleared(self):
        s = self.start_server()
        self.mosquitto_pub(s, "-t", "ret/t", "-q", "1", "-r", "-m", "kept value")
        sub = self.mosquitto_sub(s, "-t", "ret/t", "-q", "1", "-C", "1", "-W", "15")
        msgs = self.finish_ok(sub)
        self.assertEqual([(m.payload, m.retain) for m in msgs], [(b"kept value", True)])
        # Clear it with an empty retained message; a new subscriber then sees only a later marker.
        self.mosquitto_pub(s, "-t", "ret/t", "-q", "1", "-r", "-n")
        sub = self.mosquitto_sub(s, "-t", "ret/t", "-t", "ret/marker", "-C", "1", "-W", "15")
        sub.subscribed()
        self.mosquitto_pub(s, "-t", "ret/marker", "-m", "marker")
        msgs = self.finish_ok(sub)
        self.assertEqual([m.topic for m in msgs], ["ret/marker"], "the retained message was not cleared")

    def test_wildcard_subscription(self):
        s = self.start_server()
        sub = self.mosquitto_sub(s, "-t", "house/+/light", "-t", "garden/#", "-q", "1", "-C", "4",
                                 "-W", "15")
        sub.subscribed()
        for topic in ("house/kitchen/light", "house/kitchen/door", "garden", "house/hall/light",
                      "gardens/x", "garden/pond/pump"):
            self.mosquitto_pub(s, "-t", topic, "-q", "1", "-m", topic)
        msgs = self.finish_ok(sub)
        self.assertEqual([m.topic for m in msgs],
                         ["house/kitchen/light", "garden", "house/hall/light", "garden/pond/pump"])

    def test_persistent_session_gets_messages_sent_while_offline(self):
        s = self.start_server()
        first = self.mosquitto_sub(s, "-c", "-i", "durable-sub", "-q", "1", "-t", "durable/t", "-E")
        self.finish_ok(first)
        for i in range(3):
            self.mosquitto_pub(s, "-t", "durable/t", "-q", "1", "-m", f"offline {i}")
        again = self.mosquitto_sub(s, "-c", "-i", "durable-sub", "-q", "1", "-t", "durable/t",
                                   "-C", "3", "-W", "15")
        msgs = self.finish_ok(again)
        self.assertEqual([m.payload for m in msgs], [b"offline 0", b"offline 1", b"offline 2"])

    def test_will_delivered_when_client_killed(self):
        self.check_will_on_sigkill(self.start_server(), self.mosquitto_sub, "-i", "victim")

    def test_binary_payload_from_file(self):
        self.check_binary_file(self.start_server(), self.mosquitto_pub, 64)

    def test_many_lines_arrive_in_order(self):
        self.check_lines_in_order(self.start_server(), self.mosquitto_sub, self.mosquitto_pub, 300, 20)

    def test_username_password(self):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, {"mosq": "mosq-secret"})
        s = self.start_server("--password-file", path, "--allow-anonymous", "false")
        sub = self.mosquitto_sub(s, "-t", "auth/t", "-q", "1", "-C", "1", "-W", "15", "-u", "mosq",
                                 "-P", "mosq-secret")
        sub.subscribed()
        self.mosquitto_pub(s, "-t", "auth/t", "-q", "1", "-m", "authorised", "-u", "mosq",
                           "-P", "mosq-secret")
        msgs = self.finish_ok(sub)
        self.assertEqual([m.payload for m in msgs], [b"authorised"])
        out = self.mosquitto_pub(s, "-t", "auth/t", "-m", "x", "-u", "mosq", "-P", "wrong",
                                 expect_rc=None)
        self.assertNotEqual(out.returncode, 0, "mosquitto_pub with a wrong password succeeded")
        out = self.mosquitto_pub(s, "-t", "auth/t", "-m", "x", expect_rc=None)
        self.assertNotEqual(out.returncode, 0, "anonymous mosquitto_pub succeeded")


if __name__ == "__main__":
    unittest.main()
