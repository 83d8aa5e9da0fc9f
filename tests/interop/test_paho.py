"""Interoperability with the Eclipse Paho Python client (paho-mqtt 1.6 API)."""

import os
import random
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

import paho.mqtt.client as mqtt  # noqa: E402

from paho_client import WAIT, Paho  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402


class PahoTests(RoostTestCase):

    def paho(self, server, client_id="", connect=True, **kw):
        p = Paho(server.address, client_id=client_id, **kw)
        self.addCleanup(p.stop)
        if connect:
            p.connect()
        return p

    def payload_round_trip(self, qos, protocol=mqtt.MQTTv311):
        s = self.start_server()
        sub = self.paho(s, "sub", protocol=protocol)
        self.assertEqual(sub.subscribe([("data/t", 2)]), [2])
        pub = self.paho(s, "pub", protocol=protocol)
        rng = random.Random(qos)
        payloads = [b"", b"text payload", bytes(range(256)), b"\x00" * 10,
                    rng.randbytes(256 * 1024)]
        for payload in payloads:
            pub.publish("data/t", payload, qos=qos)
        for payload in payloads:
            m = sub.expect_message()
            self.assertEqual(m.qos, qos)
            self.assertEqual(len(m.payload), len(payload))
            self.assertEqual(m.payload, payload, f"payload of {len(payload)} bytes changed")

    def test_qos0_payload_integrity(self):
        self.payload_round_trip(0)

    def test_qos1_payload_integrity(self):
        self.payload_round_trip(1)

    def test_qos2_payload_integrity(self):
        self.payload_round_trip(2)

    def test_mqttv31_payload_integrity(self):
        self.payload_round_trip(1, protocol=mqtt.MQTTv31)

    def test_retained_message(self):
        s = self.start_server()
        pub = self.paho(s, "pub")
        pub.publish("paho/ret", b"retained value", qos=1, retain=True)
        sub = self.paho(s, "sub")
        sub.subscribe([("paho/ret", 1)])
        m = sub.expect_message()
        self.assertEqual((m.payload, m.retain, m.qos), (b"retained value", True, 1))
        pub.publish("paho/ret", b"", qos=1, retain=True)
        self.assertEqual(sub.expect_message().payload, b"", "the clearing publish is delivered")
        late = self.paho(s, "late")
        late.subscribe([("paho/ret", 1), ("paho/marker", 1)])
        pub.publish("paho/marker", b"m", qos=1)
        self.assertEqual(late.messages_until("paho/marker"), [], "the retained message was not cleared")

    def test_will_on_abrupt_socket_close(self):
        s = self.start_server()
        watcher = self.paho(s, "watcher")
        watcher.subscribe([("paho/will", 1)])
        victim = Paho(s.address, "victim", will=("paho/will", b"socket gone", 1, False), threaded=False)
        victim.connect()
        victim.client.socket().close()
        m = watcher.expect_message()
        self.assertEqual((m.topic, m.payload, m.qos), ("paho/will", b"socket gone", 1))

    def test_will_when_client_process_killed(self):
        s = self.start_server()
        watcher = self.paho(s, "watcher")
        watcher.subscribe([("paho/will/#", 1)])
        script = (
            "import sys, time\n"
            "import paho.mqtt.client as mqtt\n"
            "c = mqtt.Client(client_id='doomed')\n"
            "c.will_set('paho/will/doomed', b'process killed', 1, False)\n"
            "c.on_connect = lambda c, u, f, rc: print('connected', rc, flush=True)\n"
            f"c.connect('{s.host}', {s.port}, 60)\n"
            "c.loop_forever()\n")
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
        self.addCleanup(lambda: proc.poll() is None and (proc.kill(), proc.wait()))
        line = proc.stdout.readline().decode()
        self.assertEqual(line.strip(), "connected 0", f"child client did not connect: {line!r}")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        m = watcher.expect_message()
        self.assertEqual((m.topic, m.payload), ("paho/will/doomed", b"process killed"))

    def persistent_session(self, qos):
        s = self.start_server()
        first = Paho(s.address, f"durable-q{qos}", clean_session=False)
        first.connect()
        self.assertEqual(first.subscribe([("paho/durable", qos)]), [qos])
        first.stop()
        self.assertTrue(first.disconnected.wait(WAIT))
        pub = self.paho(s, "pub")
        for i in range(5):
            pub.publish("paho/durable", f"offline {i}".encode(), qos=qos)
        again = self.paho(s, f"durable-q{qos}", clean_session=False, connect=False)
        again.connect()
        self.assertEqual(again.session_present, 1, "session present on resume")
        got = [again.expect_message() for _ in range(5)]
        self.assertEqual([m.payload for m in got], [f"offline {i}".encode() for i in range(5)])
        self.assertEqual({m.qos for m in got}, {qos})
        pub.publish("paho/durable", b"online", qos=qos)
        self.assertEqual(again.expect_message().payload, b"online")

    def test_persistent_session_qos1(self):
        self.persistent_session(1)

    def test_persistent_session_qos2(self):
        self.persistent_session(2)

    def test_wildcard_subscriptions(self):
        s = self.start_server()
        sub = self.paho(s, "wild")
        self.assertEqual(sub.subscribe([("sensors/+/temp", 1), ("alerts/#", 1), ("paho/marker", 1)]),
                         [1, 1, 1])
        pub = self.paho(s, "pub")
        topics = ["sensors/a/temp", "sensors/a/humidity", "sensors/b/temp", "sensors/a/b/temp",
                  "alerts", "alerts/fire", "alerts/fire/floor2", "alertsx"]
        for t in topics:
            pub.publish(t, t.encode(), qos=1)
        pub.publish("paho/marker", b"m", qos=1)
        got = [m.topic for m in sub.messages_until("paho/marker")]
        self.assertEqual(got, ["sensors/a/temp", "sensors/b/temp", "alerts", "alerts/fire",
                               "alerts/fire/floor2"])

    def test_unsubscribe_stops_delivery(self):
        s = self.start_server()
        sub = self.paho(s, "unsub")
        sub.subscribe([("paho/u", 1), ("paho/marker", 1)])
        pub = self.paho(s, "pub")
        pub.publish("paho/u", b"before", qos=1)
        self.assertEqual(sub.expect_message().payload, b"before")
        sub.unsubscribe("paho/u")
        pub.publish("paho/u", b"after", qos=1)
        pub.publish("paho/marker", b"m", qos=1)
        self.assertEqual(sub.messages_until("paho/marker"), [])

    def test_takeover_disconnects_first_client(self):
        s = self.start_server()
        first = Paho(s.address, "same-id", threaded=False)
        first.connect()
        second = self.paho(s, "same-id")
        deadline = time.monotonic() + WAIT
        while not first.disconnected.is_set() and time.monotonic() < deadline:
            first.client.loop(timeout=0.1)
        self.assertTrue(first.disconnected.is_set(), "the first client was not disconnected")
        self.assertNotEqual(first.disconnect_rc, 0, "takeover must look like an unexpected disconnect")
        second.subscribe([("paho/after", 1)])
        second.publish("paho/after", b"still here", qos=1)
        self.assertEqual(second.expect_message().payload, b"still here")

    def test_1000_qos1_messages_in_order(self):
        s = self.start_server()
        sub = self.paho(s, "order-sub")
        sub.subscribe([("paho/order", 1)])
        pub = self.paho(s, "order-pub")
        n = 1000
        infos = [pub.publish("paho/order", str(i).encode(), qos=1, wait=False) for i in range(n)]
        infos[-1].wait_for_publish(timeout=30)
        got = [int(sub.expect_message().payload) for _ in range(n)]
        self.assertEqual(got, list(range(n)), "QoS 1 messages out of order")
        self.assertTrue(all(i.is_published() for i in infos))

    def test_qos2_exactly_once_under_pipelining(self):
        s = self.start_server()
        sub = self.paho(s, "q2-sub")
        sub.subscribe([("paho/q2", 2)])
        pub = self.paho(s, "q2-pub")
        n = 300
        infos = [pub.publish("paho/q2", str(i).encode(), qos=2, wait=False) for i in range(n)]
        infos[-1].wait_for_publish(timeout=30)
        # The end marker goes to the same topic at the same QoS: only there is order guaranteed.
        pub.publish("paho/q2", b"end", qos=2)
        got = []
        while True:
            m = sub.expect_message(timeout=30)
            if m.payload == b"end":
                break
            got.append(int(m.payload))
        self.assertEqual(got, list(range(n)), "QoS 2 messages lost, duplicated or reordered")


if __name__ == "__main__":
    unittest.main()
