"""Interoperability with mqtt.js (the client the web console uses) over WebSocket: the Node build
from web/node_modules (installed by the console's build) connects to `/mqtt` with the tenant's
private key as client id and exchanges QoS 0 and 1 messages with a device on the `bemfa`
listener, and to `/broker` with a client of the plain `mqtt` listener; the same at MQTT 5
(`protocolVersion: 5`) with user properties both ways, and an MQTT 3.1.1 mqtt.js and an MQTT 5
mqtt.js exchanging messages on each path.

The driver is tests/interop/mqttjs_peer.cjs; it prints one JSON object per line.
"""

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import RawClient  # noqa: E402
from paho_v5 import PahoV5, SubscribeOptions, prop  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MQTTJS = os.path.normpath(os.path.join(HERE, os.pardir, os.pardir, "web", "node_modules", "mqtt"))
PEER = os.path.join(HERE, "mqttjs_peer.cjs")
NODE = shutil.which("node")
WAIT = 20.0


@unittest.skipIf(NODE is None, "node is not installed (scripts/install-deps.sh installs it)")
@unittest.skipIf(not os.path.isdir(MQTTJS),
                 f"mqtt.js is not installed in {MQTTJS} (building the console runs npm ci in web/)")
class MqttJsTest(RoostTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.start_server()
        host, port = self.server.endpoint("http")
        self.ws_base = f"ws://{host}:{port}"

    def start_peer(self, path, client_id, subscribe, publish, expected, version=4, cue=None):
        """Starts the mqtt.js driver at protocol `version` (cue "stdin": it publishes once per line
        written to its stdin); returns (process, queue of its JSON events)."""
        args = [str(version)] + ([cue] if cue else [])
        proc = subprocess.Popen([NODE, PEER, MQTTJS, self.ws_base + path, client_id, subscribe, publish,
                                 str(expected), *args],
                                stdin=subprocess.PIPE if cue else subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        self.addCleanup(self._end, proc)
        events = queue.Queue()

        def read():
            for line in proc.stdout:
                try:
                    events.put(json.loads(line))
                except ValueError:
                    events.put({"event": "garbage", "line": line.decode(errors="replace")})
            events.put(None)

        threading.Thread(target=read, daemon=True).start()
        return proc, events

    def _end(self, proc):
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()

    def next_event(self, events, proc, name):
        while True:
            try:
                e = events.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError(f"mqtt.js: no '{name}' within {WAIT} s")
            if e is None:
                raise AssertionError(f"mqtt.js ended before '{name}': {proc.stderr.read().decode(errors='replace')}")
            if e["event"] in ("error", "timeout", "garbage"):
                raise AssertionError(f"mqtt.js: {e}")
            if e["event"] == name:
                return e

    def exchange(self, path, client_id, tcp_address, tcp_client_id):
        """mqtt.js on `path` and a raw TCP client exchange QoS 0 and 1 messages both ways."""
        tcp = RawClient(tcp_address, name="tcp")
        self.addCleanup(tcp.close)
        tcp.connect(client_id=tcp_client_id)
        tcp.subscribe([("fromjs006", 1)])

        proc, events = self.start_peer(path, client_id, "tojs002", "fromjs006", expected=2)
        self.assertEqual(self.next_event(events, proc, "subscribed")["granted"], [1])
        p = tcp.expect_publish(topic="fromjs006", timeout=WAIT)
        self.assertEqual((p.payload, p.qos), (b"from-mqttjs", 1))
        self.next_event(events, proc, "published")

        tcp.publish("tojs002", b"q0", qos=0)
        tcp.publish("tojs002", b"q1", qos=1)
        got = [self.next_event(events, proc, "message") for _ in range(2)]
        self.assertEqual(sorted((m["topic"], m["payload"], m["qos"]) for m in got),
                         [("tojs002", "q0", 0), ("tojs002", "q1", 1)])
        self.assertEqual(proc.wait(timeout=WAIT), 0)

    def test_mqtt_path_with_the_tenant_key_talks_to_a_bemfa_device(self):
        key = self.server.default_key()
        self.exchange("/mqtt", key, self.server.endpoint("bemfa"), key)

    def test_broker_path_talks_to_the_plain_listener(self):
        self.exchange("/broker", "mqttjs-plain", self.server.address, "tcp-plain")

    # -- MQTT 5 ----------------------------------------------------------------------------------

    def exchange_v5(self, path, client_id, tcp_address, tcp_client_id, to_js, from_js):
        """mqtt.js at MQTT 5 on `path` and a paho MQTT 5 client over TCP exchange QoS 1 messages
        with user properties both ways [MQTT-3.3.2-17]."""
        tcp = PahoV5(tcp_address, tcp_client_id)
        self.addCleanup(tcp.stop)
        tcp.connect()
        tcp.subscribe([(from_js, SubscribeOptions(qos=1))])

        proc, events = self.start_peer(path, client_id, to_js, from_js, expected=1, version=5)
        self.assertEqual(self.next_event(events, proc, "subscribed")["granted"], [1])
        m = tcp.expect_message(WAIT)
        self.assertEqual((m.topic, m.payload, m.qos), (from_js, b"from-mqttjs", 1))
        self.assertEqual(prop(m.properties, "UserProperty"), [("origin", "mqttjs"), ("client", client_id)])
        self.assertEqual(prop(m.properties, "ContentType"), "text/plain")
        self.next_event(events, proc, "published")

        tcp.publish(to_js, b"from-paho", qos=1, UserProperty=[("origin", "paho"), ("n", "1")])
        got = self.next_event(events, proc, "message")
        self.assertEqual((got["topic"], got["payload"], got["qos"]), (to_js, "from-paho", 1))
        self.assertEqual(got["properties"]["userProperties"], {"origin": "paho", "n": "1"})
        self.assertEqual(proc.wait(timeout=WAIT), 0)

    def test_mqtt5_on_the_mqtt_path_with_user_properties(self):
        key = self.server.default_key()
        self.exchange_v5("/mqtt", key, self.server.endpoint("bemfa"), key, "tojs5002", "fromjs5006")

    def test_mqtt5_on_the_broker_path_with_user_properties(self):
        self.exchange_v5("/broker", "mqttjs5-plain", self.server.address, "paho5-plain", "v5/tojs", "v5/fromjs")

    def exchange_versions(self, path, id_311, id_5, topic_311, topic_5):
        """An MQTT 3.1.1 mqtt.js (subscribed to `topic_311`) and an MQTT 5 one (to `topic_5`), both on
        `path`, send each other a QoS 1 message once both have their SUBACK."""
        old, old_events = self.start_peer(path, id_311, topic_311, topic_5, expected=1, version=4, cue="stdin")
        new, new_events = self.start_peer(path, id_5, topic_5, topic_311, expected=1, version=5, cue="stdin")
        self.assertEqual(self.next_event(old_events, old, "subscribed")["granted"], [1])
        self.assertEqual(self.next_event(new_events, new, "subscribed")["granted"], [1])
        for proc in (old, new):
            proc.stdin.write(b"go\n")
            proc.stdin.flush()
        got_old = self.next_event(old_events, old, "message")
        got_new = self.next_event(new_events, new, "message")
        self.assertEqual((got_old["topic"], got_old["payload"], got_old["qos"]), (topic_311, "from-mqttjs", 1))
        self.assertIsNone(got_old["properties"], "a 3.1.1 client gets no properties")
        self.assertEqual((got_new["topic"], got_new["payload"], got_new["qos"]), (topic_5, "from-mqttjs", 1))
        self.assertIsNone((got_new["properties"] or {}).get("userProperties"), "the 3.1.1 publisher sent none")
        self.assertEqual(old.wait(timeout=WAIT), 0)
        self.assertEqual(new.wait(timeout=WAIT), 0)

    def test_mqtt311_and_mqtt5_clients_exchange_on_the_broker_path(self):
        self.exchange_versions("/broker", "mqttjs-311", "mqttjs-5", "versions/311", "versions/5")

    def test_mqtt311_and_mqtt5_clients_exchange_on_the_mqtt_path(self):
        key = self.server.default_key()
        self.exchange_versions("/mqtt", key, key, "versions311002", "versions5002")


if __name__ == "__main__":
    unittest.main()
