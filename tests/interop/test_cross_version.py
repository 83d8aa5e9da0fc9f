"""MQTT 3.1, 3.1.1 and 5.0 clients (paho-mqtt 1.6) exchange messages in every direction on every
listener: the plain `mqtt` listener, the device cloud's `bemfa` listener (client id = the tenant's
private key), MQTT over WebSocket on `/broker` and `/mqtt`, and the TLS twins: `mqtts`,
`bemfa_tls`, and `wss` on the https listener (`/broker`, and `/wss` for the device cloud).

On each listener one client of each version subscribes at QoS 2, then each publishes one message at
QoS 0, 1 and 2: every client receives all nine, each at the QoS it was published with (the minimum
of that and the granted 2, section 3.8.4), each publisher's in order, and the MQTT 5 subscriber
receives the user property the MQTT 5 publisher sent.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

import paho.mqtt.client as mqtt  # noqa: E402

from class_server import ClassServerTestCase  # noqa: E402
from paho_client import Paho  # noqa: E402
from paho_v5 import PahoV5, prop  # noqa: E402
from roost_server import run_roost  # noqa: E402

VERSIONS = {"3.1": mqtt.MQTTv31, "3.1.1": mqtt.MQTTv311, "5.0": mqtt.MQTTv5}


class CrossVersionTests(ClassServerTestCase):

    @classmethod
    def server_args(cls):
        cls.certs = os.path.join(cls.dir, "certs")
        run_roost("cert", "self-signed", "--out", cls.certs)
        return ["--mqtts", "127.0.0.1:0", "--bemfa-tls", "127.0.0.1:0", "--https", "127.0.0.1:0",
                "--tls-cert", os.path.join(cls.certs, "server.crt"), "--tls-key", os.path.join(cls.certs, "server.key")]

    def client(self, version, listener, client_id, transport="tcp", ws_path=None, tls=False):
        address = self.server.endpoint(listener)
        kw = {"transport": transport, "tls_ca": os.path.join(self.certs, "ca.crt") if tls else None}
        if ws_path:
            kw["ws_path"] = ws_path
        if version == "5.0":
            c = PahoV5(address, client_id, **kw)
        else:
            c = Paho(address, client_id, protocol=VERSIONS[version], **kw)
        self.addCleanup(c.stop)
        return c.connect()

    def exchange(self, listener, topic, client_id=None, transport="tcp", ws_path=None, tls=False):
        """The three versions on `listener` exchange QoS 0/1/2 messages on `topic`; `client_id`
        (the tenant key on the device cloud) is shared by the three, else each has its own."""
        clients = {v: self.client(v, listener, client_id or f"{topic}-{v}", transport, ws_path, tls) for v in VERSIONS}
        for v, c in clients.items():
            self.assertEqual(c.subscribe([(topic, 2)]), [2], f"SUBACK to the {v} client")
        sent = []
        for v, c in clients.items():
            for qos in (0, 1, 2):
                payload = f"from {v} at QoS {qos}".encode()
                extra = {"UserProperty": [("sender", v)]} if v == "5.0" else {}
                c.publish(topic, payload, qos=qos, **extra)
                sent.append((payload, qos))
        for v, c in clients.items():
            with self.subTest(subscriber=v):
                got = [c.expect_message() for _ in sent]
                self.assertEqual(sorted((m.payload, m.qos) for m in got), sorted(sent))
                self.assertEqual({m.topic for m in got}, {topic})
                for publisher in VERSIONS:
                    mine = [m.payload for m in got if m.payload.startswith(f"from {publisher} ".encode())]
                    self.assertEqual(mine, [p for p, _ in sent if p.startswith(f"from {publisher} ".encode())],
                                     f"the messages of the {publisher} client out of order")
                if v == "5.0":
                    for m in got:
                        expected = [("sender", "5.0")] if m.payload.startswith(b"from 5.0 ") else None
                        self.assertEqual(prop(m.properties, "UserProperty"), expected, m.payload)

    def key(self):
        return self.server.default_key()

    def test_plain_mqtt_listener(self):
        self.exchange("mqtt", "xver/mqtt")

    def test_bemfa_listener(self):
        self.exchange("bemfa", "xverbemfa", client_id=self.key())

    def test_websocket_broker_path(self):
        self.exchange("http", "xver/ws-broker", transport="websockets", ws_path="/broker")

    def test_websocket_mqtt_path(self):
        self.exchange("http", "xverwsmqtt", client_id=self.key(), transport="websockets", ws_path="/mqtt")

    def test_mqtts_listener(self):
        self.exchange("mqtts", "xver/mqtts", tls=True)

    def test_bemfa_tls_listener(self):
        self.exchange("bemfa_tls", "xverbemfatls", client_id=self.key(), tls=True)

    def test_wss_broker_path(self):
        self.exchange("https", "xver/wss-broker", transport="websockets", ws_path="/broker", tls=True)

    def test_wss_device_cloud_path(self):
        self.exchange("https", "xverwss", client_id=self.key(), transport="websockets", ws_path="/wss", tls=True)


if __name__ == "__main__":
    unittest.main()
