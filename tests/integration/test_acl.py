"""Access rules (docs/acl.md): --acl FILE, SIGHUP, the rule file changing on disk, the native API,
tenant boundaries, $SYS counters; MQTT 3.1.1 and 5 clients (raw frames and paho)."""

import os
import signal
import struct
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from class_server import ClassServerTestCase  # noqa: E402
from mqtt_raw import (CONNACK, PUBACK, SUBACK, RawClient, connect_packet, connected, frame,  # noqa: E402
                      mqtt_string)
from native_api import NativeApi  # noqa: E402
from paho_client import Paho  # noqa: E402
from paho_v5 import PahoV5  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402
from sys_topics import number  # noqa: E402

ADMIN_KEY = "acl-test-admin-key"

RULES = """\
# the plain broker
[broker]
default deny
allow both      public/#
allow publish   devices/%c/#
allow publish   users/%u/#
allow publish   secret/#
deny  subscribe secret/#
allow subscribe # client watcher
allow subscribe $SYS/broker/acl/# client watcher
allow both      live/#
"""


def v5_connect(client_id, username=None):
    flags = 0x02 | (0x80 if username is not None else 0)
    body = mqtt_string("MQTT") + bytes([5, flags]) + struct.pack("!H", 60) + b"\x00" + mqtt_string(client_id)
    if username is not None:
        body += mqtt_string(username)
    return frame(0x10, body)


def v5_publish(topic, payload, qos, packet_id):
    body = mqtt_string(topic) + (struct.pack("!H", packet_id) if qos else b"") + b"\x00" + payload
    return frame(0x30 | (qos << 1), body)


def v5_subscribe(packet_id, filters):
    body = struct.pack("!H", packet_id) + b"\x00"
    for f, qos in filters:
        body += mqtt_string(f) + bytes([qos])
    return frame(0x82, body)


def v5_client(address, client_id, username=None):
    """A raw MQTT 5 client past CONNACK 0x00."""
    c = RawClient(address, name=client_id, auto_ack=False)
    c.send(v5_connect(client_id, username))
    ack = c.expect(2)
    assert ack.body[1] == 0, f"CONNACK reason {ack.body[1]:#x}"
    return c


def v5_suback_codes(packet):
    """The reason codes of a v5 SUBACK (after the packet id and the properties)."""
    n = packet.body[2]  # property length (short: < 128)
    return list(packet.body[3 + n:])


class Receiver:
    """A raw 3.1.1 subscriber whose publishes are checked with a marker message."""

    def __init__(self, address, client_id, filters):
        self.client = connected(address, client_id=client_id)
        self.granted = self.client.subscribe([(f, 0) for f in filters])

    def received(self, marker_topic):
        """Topics received until the marker message arrives."""
        return [p.topic for p in self.client.publishes_until(marker_topic)]


class AclFileTests(ClassServerTestCase):
    """One server with RULES for the whole class."""

    @classmethod
    def server_args(cls):
        acl = os.path.join(cls.dir, "acl.conf")
        with open(acl, "w") as f:
            f.write(RULES)
        return ["--acl", acl, "--sys-interval", "1"]

    def publisher(self, client_id="pub", **kw):
        return connected(self.server.address, client_id=client_id, **kw)

    def test_v3_denied_publish_is_acknowledged_and_dropped(self):
        rx = Receiver(self.server.address, "watcher", ["#"])
        pub = self.publisher("pub-v3")
        pub.publish("forbidden/x", b"no", qos=1)  # PUBACK as usual (3.1.1 has no reason codes)
        pub.publish("public/ok", b"yes", qos=1)
        pub.publish("public/marker", b"", qos=1)
        got = rx.received("public/marker")
        self.assertNotIn("forbidden/x", got)
        self.assertIn("public/ok", got)

    def test_v5_denied_publish_gets_puback_0x87(self):
        c = v5_client(self.server.address, "pub-v5")
        c.send(v5_publish("forbidden/x", b"no", 1, 7))
        ack = c.expect(PUBACK)
        self.assertEqual(struct.unpack_from("!H", ack.body, 0)[0], 7)
        self.assertEqual(ack.body[2], 0x87)
        c.send(v5_publish("public/x", b"yes", 1, 8))
        ok = c.expect(PUBACK)
        self.assertNotEqual(ok.body[2] if len(ok.body) > 2 else 0, 0x87)
        c.close()

    def test_v3_denied_subscribe_gets_0x80(self):
        c = connected(self.server.address, client_id="sub-v3")
        self.assertEqual(c.subscribe([("forbidden/#", 1), ("public/#", 1)]), [0x80, 1])
        c.disconnect()

    def test_v5_denied_subscribe_gets_0x87_raw_and_paho(self):
        c = v5_client(self.server.address, "sub-v5")
        c.send(v5_subscribe(3, [("forbidden/#", 1), ("public/#", 1), ("secret/x", 0)]))
        self.assertEqual(v5_suback_codes(c.expect(SUBACK)), [0x87, 1, 0x87])
        c.close()

        paho = PahoV5(self.server.address, "sub-paho5")
        self.addCleanup(paho.stop)
        self.assertEqual(paho.connect().subscribe([("forbidden/#", 0), ("public/#", 0)]), [0x87, 0])

    def test_paho_v3_sees_0x80_for_a_denied_filter(self):
        paho = Paho(self.server.address, "sub-paho3")
        self.addCleanup(paho.stop)
        self.assertEqual(paho.connect().subscribe([("forbidden/#", 0), ("public/#", 1)]), [0x80, 1])

    def test_client_id_and_user_name_substitution(self):
        rx = Receiver(self.server.address, "watcher", ["devices/#", "users/#", "public/marker2"])
        dev = self.publisher("dev1", username="alice")
        dev.publish("devices/dev1/t", b"own", qos=1)
        dev.publish("devices/dev2/t", b"other", qos=1)
        dev.publish("users/alice/x", b"own", qos=1)
        dev.publish("users/bob/x", b"other", qos=1)
        dev.publish("public/marker2", b"", qos=1)
        got = rx.received("public/marker2")
        self.assertEqual(sorted(got), ["devices/dev1/t", "users/alice/x"])

    def test_denied_topics_never_reach_a_wider_subscription(self):
        rx = Receiver(self.server.address, "watcher", ["#"])
        self.assertEqual(rx.granted, [0])
        pub = self.publisher("pub-secret")
        pub.publish("secret/plans", b"x", qos=1)
        pub.publish("public/marker3", b"", qos=1)
        self.assertNotIn("secret/plans", rx.received("public/marker3"))

    def test_a_denied_will_is_not_published(self):
        rx = Receiver(self.server.address, "watcher", ["#"])
        for topic in ("forbidden/will", "public/will"):
            c = RawClient(self.server.address, name="will-" + topic)
            c.send(connect_packet(client_id="will-" + topic.replace("/", "-"), will=(topic, b"gone", 0, False)))
            c.expect(CONNACK)
            c.close()  # no DISCONNECT: the will is owed [MQTT-3.1.2-8]
        got = []
        deadline = time.monotonic() + 5
        while "public/will" not in got and time.monotonic() < deadline:
            got.append(rx.client.expect_publish().topic)
        self.assertIn("public/will", got)
        self.assertNotIn("forbidden/will", got)

    def test_refusals_are_counted_in_sys(self):
        pub = self.publisher("count-pub")
        pub.publish("forbidden/counted", b"", qos=1)
        pub.subscribe([("forbidden/counted", 0)])
        rx = connected(self.server.address, client_id="watcher")
        self.assertEqual(rx.subscribe([("$SYS/broker/acl/denied/#", 0)]), [0])
        values = {}
        deadline = time.monotonic() + 10
        while len(values) < 2 and time.monotonic() < deadline:
            p = rx.expect_publish()
            values[p.topic] = number(p.payload)
        self.assertGreaterEqual(values["$SYS/broker/acl/denied/publish"], 1)
        self.assertGreaterEqual(values["$SYS/broker/acl/denied/subscribe"], 1)


class AclLiveTests(RoostTestCase):
    """Rules changed while a subscriber stays connected: SIGHUP, the file on disk, the API."""

    def start(self):
        self.acl = os.path.join(self.tmpdir(), "acl.conf")
        with open(self.acl, "w") as f:
            f.write(RULES)
        return self.start_server("--acl", self.acl, "--admin-key", ADMIN_KEY)

    def delivered(self, server, rx, pub, n):
        """Whether live/<n> reaches `rx` (a marker on public/ closes each probe)."""
        pub.publish(f"live/{n}", b"x", qos=1)
        pub.publish(f"public/m{n}", b"", qos=1)
        return f"live/{n}" in [p.topic for p in rx.client.publishes_until(f"public/m{n}")]

    def subscriber(self, server):
        rx = Receiver(server.address, "live-sub", ["live/#", "public/#"])
        self.assertEqual(rx.granted, [0, 0])
        return rx

    def test_sighup_revokes_and_restores_a_live_subscription_without_reconnecting(self):
        s = self.start()
        rx, pub = self.subscriber(s), connected(s.address, client_id="live-pub")
        self.assertTrue(self.delivered(s, rx, pub, 1))
        with open(self.acl, "w") as f:
            f.write("deny subscribe live/#\n" + RULES.replace("[broker]\n", ""))
        s.signal(signal.SIGHUP)
        self.assertIsNotNone(s.wait_for_log(r"access rules reloaded"))
        self.assertFalse(self.delivered(s, rx, pub, 2))
        with open(self.acl, "w") as f:
            f.write(RULES)
        s.signal(signal.SIGHUP)
        self.assertIsNotNone(s.wait_for_log(r"access rules reloaded.*: 8 rules"))
        self.assertTrue(self.delivered(s, rx, pub, 3))
        self.assertTrue(rx.client.is_open())

    def test_a_bad_file_keeps_the_rules_in_force_and_names_the_line(self):
        s = self.start()
        with open(self.acl, "w") as f:
            f.write("allow publish a\nallow read b\n")
        s.signal(signal.SIGHUP)
        self.assertIsNotNone(s.wait_for_log(r"acl\.conf:2: expected publish, subscribe or both"))
        pub = connected(s.address, client_id="bad-pub")
        c = connected(s.address, client_id="bad-sub")
        self.assertEqual(c.subscribe([("forbidden/#", 0)]), [0x80])  # the old rules still hold
        pub.disconnect()

    def test_a_rule_file_changed_on_disk_is_picked_up(self):
        s = self.start()
        c = connected(s.address, client_id="disk-sub")
        self.assertEqual(c.subscribe([("fresh/#", 0)]), [0x80])
        with open(self.acl, "a") as f:
            f.write("allow subscribe fresh/#\n")
        self.assertIsNotNone(s.wait_for_log(r"access rule file changed on disk", timeout=10))
        self.assertIsNotNone(s.wait_for_log(r"access rules reloaded", timeout=5))
        self.assertEqual(c.subscribe([("fresh/#", 0)]), [0])

    def test_native_api_changes_apply_live_and_are_saved(self):
        s = self.start()
        api = NativeApi(s.endpoint("http"), ADMIN_KEY)
        rx, pub = self.subscriber(s), connected(s.address, client_id="api-pub")
        self.assertTrue(self.delivered(s, rx, pub, 1))
        status, body, _ = api.call("POST", "/api/v1/admin/acl/broker/rules",
                                   {"action": "deny", "access": "subscribe", "topic": "live/#", "index": 0})
        self.assertEqual(status, 201, body)
        self.assertEqual(body["rules"][0], {"action": "deny", "access": "subscribe", "topic": "live/#"})
        self.assertIn("deny  subscribe live/#", open(self.acl).read())
        self.assertFalse(self.delivered(s, rx, pub, 2))
        status, body, _ = api.call("DELETE", "/api/v1/admin/acl/broker/rules/0")
        self.assertEqual(status, 200, body)
        self.assertTrue(self.delivered(s, rx, pub, 3))
        self.assertTrue(rx.client.is_open())
        # Refusals: a bad filter, a missing rule, no admin key.
        status, body, _ = api.call("POST", "/api/v1/admin/acl/broker/rules",
                                   {"action": "deny", "access": "subscribe", "topic": "a/#/b"})
        self.assertEqual(status, 400, body)
        self.assertEqual(api.call("DELETE", "/api/v1/admin/acl/broker/rules/99")[0], 404)
        self.assertEqual(api.call("GET", "/api/v1/admin/acl", key="wrong")[0], 403)


class AclTenantTests(RoostTestCase):
    """A tenant's rules (set with its own key) apply to its devices only."""

    def test_a_tenants_rules_never_reach_another_tenant(self):
        s = self.start_server("--admin-key", ADMIN_KEY)
        admin = NativeApi(s.endpoint("http"), ADMIN_KEY)
        key1 = s.default_key()
        status, body, _ = admin.call("POST", "/api/v1/admin/tenants", {"name": "second"})
        self.assertEqual(status, 201, body)
        key2 = body["tenant"]["private_key"]

        status, body, _ = NativeApi(s.endpoint("http"), key1).call(
            "PUT", "/api/v1/acl", {"default": "allow",
                                   "rules": [{"action": "deny", "access": "publish", "topic": "blocked"}]})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["tenant"], 1)
        # The second tenant sees (and could change) only its own, empty section.
        status, body, _ = NativeApi(s.endpoint("http"), key2).call("GET", "/api/v1/acl")
        self.assertEqual((status, body["rules"]), (200, []))
        status, body, _ = admin.call("GET", "/api/v1/admin/acl")
        self.assertEqual([sec["tenant"] for sec in body["sections"]], [1])

        bemfa = s.endpoint("bemfa")
        for key, expect in ((key1, False), (key2, True)):
            rx = connected(bemfa, client_id=key)
            rx.subscribe([("blocked", 0), ("fine", 0)])
            pub = connected(bemfa, client_id=key)
            pub.publish("blocked", b"1", qos=1)
            pub.publish("fine", b"2", qos=1)
            got = [p.topic for p in rx.publishes_until("fine")]
            self.assertEqual("blocked" in got, expect, (key, got))
            rx.disconnect()
            pub.disconnect()

    def test_removing_a_tenant_disconnects_its_devices(self):
        s = self.start_server("--admin-key", ADMIN_KEY)
        admin = NativeApi(s.endpoint("http"), ADMIN_KEY)
        status, body, _ = admin.call("POST", "/api/v1/admin/tenants", {"name": "doomed"})
        self.assertEqual(status, 201, body)
        c = connected(s.endpoint("bemfa"), client_id=body["tenant"]["private_key"])
        self.assertEqual(admin.call("DELETE", f"/api/v1/admin/tenants/{body['tenant']['id']}")[0], 204)
        c.expect_closed()


if __name__ == "__main__":
    unittest.main()
