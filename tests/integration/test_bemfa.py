"""The device cloud's MQTT listener (Bemfa-compatible): docs/protocol-compat.md and the rules in
libs/platform/include/roost/platform/cloud_profile.hpp.

Devices connect with the tenant's private key as client id (mode A), or with any other client id
and the tenant's appID/secretKey as username/password (mode B). Topic names are bare (`ledctrl`);
the key selects the tenant's topic space. `X/set` reaches every subscriber of X but the sender,
`X/up` reaches nobody, and neither can be subscribed to.

Negative checks ("nothing arrives") are made with a marker: after the message that must not
arrive, a marker is sent that must arrive on the same connection, and everything received before
the marker is checked to be empty.
"""

import os
import queue
import secrets
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import RawClient, PUBLISH  # noqa: E402
from paho_client import Paho  # noqa: E402
from roost_server import RoostTestCase, add_tenant, run_roost, tenant_credentials  # noqa: E402

WAIT = 10.0


def unused_key(*taken):
    """32 lowercase hex characters that are none of `taken`."""
    while True:
        k = secrets.token_hex(16)
        if k not in taken:
            return k


class BemfaMqttTests(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.start_server()
        self.bemfa = self.server.endpoint("bemfa")
        self.key = add_tenant(self.server.data_dir, "home")

    # -- helpers -----------------------------------------------------------------------------

    def raw(self, client_id, name, address=None, expect_code=0, **kw):
        c = RawClient(address or self.bemfa, name=name)
        self.addCleanup(c.close)
        c.connect(client_id=client_id, expect_code=expect_code, **kw)
        return c

    def paho(self, client_id, connect=True, expect_rc=0, address=None, **kw):
        p = Paho(address or self.bemfa, client_id, **kw)
        self.addCleanup(p.stop)
        if connect:
            p.connect(expect_rc)
        return p

    def before_marker(self, client, topic, marker):
        """PUBLISH packets `client` receives before the one on `topic` with payload `marker`."""
        got = []
        deadline = time.monotonic() + WAIT
        while True:
            p = client.expect(PUBLISH, max(0.0, deadline - time.monotonic()),
                              what=f"marker {marker!r} on {topic!r} (after {got!r})")
            if p.topic == topic and p.payload == marker:
                return got
            got.append(p)

    def assert_nothing_before_marker(self, client, topic, marker):
        got = self.before_marker(client, topic, marker)
        self.assertEqual(got, [], f"{client.name} received messages it should not have")

    # -- the seed scenario -------------------------------------------------------------------

    def test_device_and_controller_sharing_the_key(self):
        # The controller (an app or bridge) watches the device's state and reports.
        controller = self.paho(self.key)
        self.assertEqual(controller.subscribe([("ledstate", 0), ("bafa", 0), ("Time", 0)]),
                         [0, 0, 0])

        # The device answers every command on ledctrl with its new state on ledstate.
        commands = queue.Queue()

        def on_command(device, msg):
            commands.put(msg)
            if msg.topic == "ledctrl":
                device.client.publish("ledstate", b"led " + msg.payload, qos=0)

        device = self.paho(self.key, on_message=on_command)
        self.assertEqual(device.subscribe([("ledctrl", 0)]), [0])
        device.publish("bafa", b"putting")
        for i in range(1, 4):
            device.publish("Time", str(i).encode())

        seen = [(m.topic, m.payload) for m in (controller.expect_message() for _ in range(4))]
        self.assertEqual(seen, [("bafa", b"putting"), ("Time", b"1"), ("Time", b"2"),
                                ("Time", b"3")])

        for command in (b"on", b"off"):
            controller.publish("ledctrl", command)
            got = commands.get(timeout=WAIT)
            self.assertEqual((got.topic, got.payload), ("ledctrl", command))
            state = controller.expect_message()
            self.assertEqual((state.topic, state.payload), ("ledstate", b"led " + command))

        self.assertFalse(device.disconnected.is_set(), "the device was disconnected")
        self.assertFalse(controller.disconnected.is_set(), "the controller was disconnected")

    # -- shared client ids -------------------------------------------------------------------

    def test_two_devices_with_the_same_key_stay_connected(self):
        a = self.raw(self.key, "device a")
        b = self.raw(self.key, "device b")
        # The second CONNECT with the same client id must not end the first connection.
        a.ping()
        self.assertTrue(a.is_open(), "device a was disconnected when device b connected")
        self.assertEqual(a.subscribe([("ledctrl", 0)]), [0])
        self.assertEqual(b.subscribe([("ledctrl", 0)]), [0])

        phone = self.raw(self.key, "phone")
        phone.publish("ledctrl", b"on", qos=1)
        for device in (a, b):
            p = device.expect_publish(topic="ledctrl")
            self.assertEqual(p.payload, b"on")
        a.ping()
        b.ping()
        self.assertTrue(a.is_open() and b.is_open())

    def test_two_paho_devices_with_the_same_key_both_receive(self):
        a = self.paho(self.key)
        b = self.paho(self.key)
        self.assertEqual(a.subscribe([("ledctrl", 1)]), [1])
        self.assertEqual(b.subscribe([("ledctrl", 1)]), [1])
        phone = self.paho(self.key)
        phone.publish("ledctrl", b"off", qos=1)
        for device in (a, b):
            m = device.expect_message()
            self.assertEqual((m.topic, m.payload), ("ledctrl", b"off"))
        self.assertFalse(a.disconnected.is_set(), "device a was taken over")
        self.assertFalse(b.disconnected.is_set(), "device b was taken over")

    # -- /set and /up ------------------------------------------------------------------------

    def test_set_reaches_every_subscriber_but_the_sender_on_the_bare_topic(self):
        sender = self.raw(self.key, "sender")
        others = [self.raw(self.key, f"subscriber {i}") for i in range(2)]
        for c in [sender] + others:
            self.assertEqual(c.subscribe([("ledctrl", 0)]), [0])

        sender.publish("ledctrl/set", b"on")
        for c in others:
            p = c.expect_publish()
            self.assertEqual((p.topic, p.payload), ("ledctrl", b"on"))
        # A plain publish from the same connection comes back to the sender (it is subscribed);
        # the /set message must not have come before it.
        sender.publish("ledctrl", b"marker")
        self.assert_nothing_before_marker(sender, "ledctrl", b"marker")
        for c in others:
            self.assertEqual(c.expect_publish().payload, b"marker")

    def test_set_reaches_a_wildcard_subscriber_on_another_connection(self):
        sender = self.raw(self.key, "sender")
        watcher = self.raw(self.key, "watcher")
        self.assertEqual(watcher.subscribe([("#", 0)]), [0])
        sender.publish("ledctrl/set", b"off", qos=1)
        p = watcher.expect_publish()
        self.assertEqual((p.topic, p.payload), ("ledctrl", b"off"))

    def test_up_reaches_nobody(self):
        sender = self.raw(self.key, "sender")
        subscriber = self.raw(self.key, "subscriber")
        watcher = self.raw(self.key, "wildcard watcher")
        self.assertEqual(sender.subscribe([("temp004", 0)]), [0])
        self.assertEqual(subscriber.subscribe([("temp004", 0)]), [0])
        self.assertEqual(watcher.subscribe([("#", 0)]), [0])

        sender.publish("temp004/up", b"#21#40")
        sender.publish("temp004/up", b"#22#41", qos=1)
        sender.publish("temp004", b"marker")
        for c in (sender, subscriber, watcher):
            self.assert_nothing_before_marker(c, "temp004", b"marker")

    def test_subscribing_to_set_or_up_is_refused(self):
        c = self.raw(self.key, "device")
        self.assertEqual(c.subscribe([("ledctrl/set", 0)]), [0x80])
        self.assertEqual(c.subscribe([("ledctrl/up", 1)]), [0x80])
        # A refused filter in a list does not affect the others.
        self.assertEqual(c.subscribe([("ledctrl", 1), ("ledctrl/set", 1), ("ledstate", 0)]),
                         [1, 0x80, 0])
        # The refused filters really are not subscribed: a /set from elsewhere arrives once, on
        # the bare topic, through the accepted subscription only.
        other = self.raw(self.key, "other")
        other.publish("ledctrl/set", b"on", qos=1)
        other.publish("ledctrl", b"marker", qos=1)
        got = self.before_marker(c, "ledctrl", b"marker")
        self.assertEqual([(p.topic, p.payload) for p in got], [("ledctrl", b"on")])

    def test_tenant_without_auto_create_refuses_unknown_topics(self):
        # Known before the setting changes: created by a first subscription.
        first = self.raw(self.key, "first")
        self.assertEqual(first.subscribe([("known", 1)]), [1])
        first.close()
        run_roost("tenant", "auto-create", self.key, "off", "--data", self.server.data_dir)
        # The setting is read when the tenant's next device connects.
        c = self.raw(self.key, "device")
        self.assertEqual(c.subscribe([("unknown", 1), ("known", 1)]), [0x80, 1])
        c.publish("unknown", b"dropped", qos=1)  # acknowledged, not delivered
        c.publish("known", b"kept", qos=1)
        got = self.before_marker(c, "known", b"kept")
        self.assertEqual(got, [])
        run_roost("tenant", "auto-create", self.key, "on", "--data", self.server.data_dir)
        again = self.raw(self.key, "device again")
        self.assertEqual(again.subscribe([("unknown", 1)]), [1])

    def test_paho_subscribe_to_set_is_refused(self):
        p = self.paho(self.key)
        self.assertEqual(p.subscribe([("ledctrl/set", 1)]), [0x80])
        self.assertEqual(p.subscribe([("ledctrl/up", 0)]), [0x80])
        self.assertFalse(p.disconnected.is_set())

    # -- tenants -----------------------------------------------------------------------------

    def test_tenants_are_isolated(self):
        other_key = add_tenant(self.server.data_dir, "neighbour")
        self.assertNotEqual(other_key, self.key)

        a_device = self.raw(self.key, "tenant A device")
        a_watch = self.raw(self.key, "tenant A wildcard")
        b_watch = self.raw(other_key, "tenant B wildcard")
        b_device = self.raw(other_key, "tenant B device")
        self.assertEqual(a_device.subscribe([("ledctrl", 0)]), [0])
        self.assertEqual(a_watch.subscribe([("#", 0)]), [0])
        self.assertEqual(b_watch.subscribe([("#", 0)]), [0])
        self.assertEqual(b_device.subscribe([("ledctrl", 0)]), [0])

        # Tenant A's traffic, with the same topic names tenant B uses.
        a_device.publish("ledctrl", b"a-plain", qos=1)
        a_device.publish("ledctrl/set", b"a-set", qos=1)
        a_device.publish("ledstate", b"a-state", qos=1)
        a_device.publish("ledstate", b"a-retained", qos=1, retain=True)
        got = [(p.topic, p.payload) for p in (a_watch.expect_publish() for _ in range(4))]
        self.assertEqual(got, [("ledctrl", b"a-plain"), ("ledctrl", b"a-set"),
                               ("ledstate", b"a-state"), ("ledstate", b"a-retained")])
        self.assertEqual(a_device.expect_publish().payload, b"a-plain")

        b_device.publish("marker", b"b-marker", qos=1)
        self.assert_nothing_before_marker(b_watch, "marker", b"b-marker")
        # Tenant A's retained message is not replayed in tenant B either.
        late = self.raw(other_key, "tenant B late subscriber")
        self.assertEqual(late.subscribe([("#", 0)]), [0])
        b_device.publish("marker", b"b-marker-2", qos=1)
        self.assert_nothing_before_marker(late, "marker", b"b-marker-2")

        # Tenant B commands its own ledctrl; tenant A's device must not see it.
        b_watch.publish("ledctrl/set", b"b-set", qos=1)
        self.assertEqual(b_device.expect_publish(topic="ledctrl").payload, b"b-set")
        a_watch.publish("ledctrl", b"a-marker", qos=1)
        self.assert_nothing_before_marker(a_device, "ledctrl", b"a-marker")

    # -- authentication ----------------------------------------------------------------------

    def test_unknown_key_is_refused_with_0x05(self):
        c = RawClient(self.bemfa, name="unknown key")
        self.addCleanup(c.close)
        c.connect(client_id=unused_key(self.key), expect_code=0x05)
        c.expect_closed()

    def test_unknown_key_is_refused_by_paho(self):
        p = self.paho(unused_key(self.key), expect_rc=5)
        self.assertEqual(p.connack_rc, 5)

    def test_app_credentials_log_into_the_tenant_space(self):
        app_id, secret = tenant_credentials(self.server.data_dir, self.key)
        bridge = self.paho("ha-bridge", username=app_id, password=secret)
        self.assertEqual(bridge.subscribe([("ledstate", 1)]), [1])
        device = self.raw(self.key, "device")
        self.assertEqual(device.subscribe([("ledctrl", 1)]), [1])

        bridge.publish("ledctrl", b"on", qos=1)
        p = device.expect_publish()
        self.assertEqual((p.topic, p.payload), ("ledctrl", b"on"))
        device.publish("ledstate/set", b"led on", qos=1)
        m = bridge.expect_message()
        self.assertEqual((m.topic, m.payload), ("ledstate", b"led on"))

    def test_app_credentials_are_not_shared_with_another_tenant(self):
        other_key = add_tenant(self.server.data_dir, "neighbour")
        app_id, secret = tenant_credentials(self.server.data_dir, self.key)
        tool = self.raw("some-tool", "mode B client", username=app_id, password=secret)
        self.assertEqual(tool.subscribe([("#", 0)]), [0])
        stranger = self.raw(other_key, "other tenant")
        stranger.publish("ledctrl", b"elsewhere", qos=1)
        own = self.raw(self.key, "own device")
        own.publish("ledctrl", b"here", qos=1)
        p = tool.expect_publish()
        self.assertEqual((p.topic, p.payload), ("ledctrl", b"here"))

    def test_wrong_secret_is_refused_with_0x04(self):
        app_id, secret = tenant_credentials(self.server.data_dir, self.key)
        wrong = secret[:-1] + ("A" if secret[-1] != "A" else "B")
        c = RawClient(self.bemfa, name="wrong secret")
        self.addCleanup(c.close)
        c.connect(client_id="some-tool", username=app_id, password=wrong, expect_code=0x04)
        c.expect_closed()

        p = self.paho("some-tool", username=app_id, password="", expect_rc=4)
        self.assertEqual(p.connack_rc, 4)

    # -- QoS and retained --------------------------------------------------------------------

    def test_qos_1_and_2_end_to_end(self):
        sub = self.raw(self.key, "subscriber")
        self.assertEqual(sub.subscribe([("sensor004", 2), ("switch006", 1)]), [2, 1])
        pub = self.raw(self.key, "publisher")

        pub.publish("sensor004", b"q1", qos=1)
        p = sub.expect_publish()
        self.assertEqual((p.topic, p.payload, p.qos), ("sensor004", b"q1", 1))
        pub.publish("sensor004", b"q2", qos=2)
        p = sub.expect_publish()
        self.assertEqual((p.topic, p.payload, p.qos), ("sensor004", b"q2", 2))
        # Delivery is at the lower of the two QoS levels.
        pub.publish("switch006", b"capped", qos=2)
        p = sub.expect_publish()
        self.assertEqual((p.topic, p.payload, p.qos), ("switch006", b"capped", 1))
        # /set keeps its QoS too.
        pub.publish("sensor004/set", b"set-q2", qos=2)
        p = sub.expect_publish()
        self.assertEqual((p.topic, p.payload, p.qos), ("sensor004", b"set-q2", 2))
        self.assertTrue(pub.is_open() and sub.is_open())

    def test_paho_qos_1_and_2(self):
        sub = self.paho(self.key)
        self.assertEqual(sub.subscribe([("fan003", 2)]), [2])
        pub = self.paho(self.key)
        for qos in (1, 2):
            pub.publish("fan003", f"on#{qos}#1".encode(), qos=qos)
            m = sub.expect_message()
            self.assertEqual((m.topic, m.payload, m.qos), ("fan003", f"on#{qos}#1".encode(), qos))
        self.assertFalse(pub.disconnected.is_set(), "the QoS 2 publisher was disconnected")
        self.assertFalse(sub.disconnected.is_set(), "the QoS 2 subscriber was disconnected")

    def test_retained_messages(self):
        live = self.raw(self.key, "live subscriber")
        self.assertEqual(live.subscribe([("ledctrl", 1)]), [1])
        device = self.raw(self.key, "device")
        device.publish("ledctrl", b"on", qos=1, retain=True)
        p = live.expect_publish()
        # An existing subscriber gets the message with the retain flag cleared.
        self.assertEqual((p.topic, p.payload, p.retain), ("ledctrl", b"on", False))

        late = self.raw(self.key, "late subscriber")
        self.assertEqual(late.subscribe([("ledctrl", 1)]), [1])
        p = late.expect_publish()
        self.assertEqual((p.topic, p.payload, p.retain, p.qos), ("ledctrl", b"on", True, 1))

        # A newer retained message replaces the old one.
        device.publish("ledctrl", b"off", qos=0, retain=True)
        self.assertEqual(late.expect_publish().payload, b"off")
        self.assertEqual(live.expect_publish().payload, b"off")
        later = self.raw(self.key, "later subscriber")
        self.assertEqual(later.subscribe([("ledctrl", 0)]), [0])
        p = later.expect_publish()
        self.assertEqual((p.payload, p.retain), (b"off", True))

        # An empty retained message clears it.
        device.publish("ledctrl", b"", qos=1, retain=True)
        self.assertEqual(live.expect_publish().payload, b"")
        fresh = self.raw(self.key, "fresh subscriber")
        self.assertEqual(fresh.subscribe([("ledctrl", 0)]), [0])
        device.publish("ledctrl", b"marker")
        self.assert_nothing_before_marker(fresh, "ledctrl", b"marker")

    def test_paho_retained_message_replayed_on_subscribe(self):
        device = self.paho(self.key)
        device.publish("ota", b"update", qos=1, retain=True)
        app = self.paho(self.key)
        self.assertEqual(app.subscribe([("ota", 1)]), [1])
        m = app.expect_message()
        self.assertEqual((m.topic, m.payload, m.retain), ("ota", b"update", 1))

    # -- the standard listener ---------------------------------------------------------------

    def test_standard_mqtt_listener_is_a_separate_topic_space(self):
        mqtt_address = self.server.endpoint("mqtt")
        self.assertNotEqual(tuple(mqtt_address), tuple(self.bemfa))

        cloud = self.raw(self.key, "bemfa subscriber")
        self.assertEqual(cloud.subscribe([("ledctrl", 0), ("#", 0)]), [0, 0])
        plain_sub = self.raw("plain-sub", "mqtt subscriber", address=mqtt_address)
        self.assertEqual(plain_sub.subscribe([("#", 0)]), [0])

        # Publishes on the standard listener, even with the key as client id.
        for client_id in ("plain-pub", self.key):
            plain = self.raw(client_id, f"mqtt publisher {client_id}", address=mqtt_address)
            plain.publish("ledctrl", b"from-mqtt", qos=1)
            plain.publish("ledctrl", b"retained-from-mqtt", qos=1, retain=True)
            plain.disconnect()
        got = [(p.topic, p.payload) for p in (plain_sub.expect_publish() for _ in range(4))]
        self.assertEqual(got, [("ledctrl", b"from-mqtt"), ("ledctrl", b"retained-from-mqtt")] * 2)

        device = self.raw(self.key, "bemfa device")
        device.publish("ledctrl", b"from-bemfa", qos=1)
        got = self.before_marker(cloud, "ledctrl", b"from-bemfa")
        self.assertEqual(got, [], "a publish on the standard listener reached bemfa subscribers")
        # The retained message from the standard listener is not replayed on the bemfa side.
        late = self.raw(self.key, "bemfa late subscriber")
        self.assertEqual(late.subscribe([("ledctrl", 0)]), [0])
        device.publish("ledctrl", b"marker", qos=1)
        self.assert_nothing_before_marker(late, "ledctrl", b"marker")

        # And the other way: the bemfa publishes do not reach the standard listener.
        plain = self.raw("plain-marker", "mqtt marker", address=mqtt_address)
        plain.publish("marker", b"mqtt-marker", qos=1)
        self.assert_nothing_before_marker(plain_sub, "marker", b"mqtt-marker")


if __name__ == "__main__":
    unittest.main()
