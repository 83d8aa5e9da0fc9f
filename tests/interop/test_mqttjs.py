"""Interoperability with mqtt.js (the client the web console uses) over WebSocket: the Node build
from web/node_modules (installed by the console's build) connects to `/mqtt` with the tenant's
private key as client id and exchanges QoS 0 and 1 messages with a device on the `bemfa`
listener, and to `/broker` with a client of the plain `mqtt` listener.

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

    def start_peer(self, path, client_id, subscribe, publish, expected):
        """Starts the mqtt.js driver; returns (process, queue of its JSON events)."""
        proc = subprocess.Popen([NODE, PEER, MQTTJS, self.ws_base + path, client_id, subscribe, publish,
                                 str(expected)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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
        proc.stdout.close()
        proc.stderr.close()

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


if __name__ == "__main__":
    unittest.main()
