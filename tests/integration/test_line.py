"""The TCP line protocol (Bemfa-compatible) over raw sockets: docs/protocol-compat.md."""

import os
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import RawClient  # noqa: E402
from roost_server import RoostTestCase, add_tenant  # noqa: E402

TIMEOUT = 5.0


class LineClient:
    """One line-protocol connection: send lines, read lines ending in \\r\\n."""

    def __init__(self, address):
        self.sock = socket.create_connection(address, timeout=TIMEOUT)
        self.buf = b""

    def send(self, line):
        self.sock.sendall(line.encode() + b"\r\n")

    def send_raw(self, data):
        self.sock.sendall(data)

    def read_line(self, timeout=TIMEOUT):
        """The next line without its \\r\\n; None when the server closed the connection."""
        deadline = time.monotonic() + timeout
        while b"\r\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no complete line within {timeout} s (have {self.buf!r})")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line.decode()

    def expect(self, line, timeout=TIMEOUT):
        got = self.read_line(timeout)
        if got != line:
            raise AssertionError(f"expected {line!r}, got {got!r}")

    def expect_nothing(self, wait=0.3):
        """No line arrives within `wait` seconds."""
        self.sock.settimeout(wait)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            chunk = None
        if chunk is not None or self.buf:
            raise AssertionError(f"expected silence, got {self.buf + (chunk or b'')!r}")

    def expect_closed(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("the server did not close the connection")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except ConnectionResetError:
                return
            if not chunk:
                return

    def close(self):
        self.sock.close()


class LineTests(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.start_server()
        self.address = self.server.endpoint("line")
        self.key = add_tenant(self.server.data_dir)

    def client(self):
        c = LineClient(self.address)
        self.addCleanup(c.close)
        return c

    def subscribed(self, topic, key=None):
        c = self.client()
        c.send(f"cmd=1&uid={key or self.key}&topic={topic}")
        c.expect("cmd=1&res=1")
        return c

    def test_publish_reaches_subscriber_on_another_connection(self):
        device = self.subscribed("led002")
        phone = self.client()
        phone.send(f"cmd=2&uid={self.key}&topic=led002&msg=on")
        phone.expect("cmd=2&res=1")
        device.expect(f"cmd=2&uid={self.key}&topic=led002&msg=on")
        phone.expect_nothing()

    def test_plain_publish_comes_back_to_a_subscribed_sender(self):
        c = self.subscribed("led002")
        c.send(f"cmd=2&uid={self.key}&topic=led002&msg=x=1&y=2")
        lines = {c.read_line(), c.read_line()}
        self.assertEqual(lines, {"cmd=2&res=1", f"cmd=2&uid={self.key}&topic=led002&msg=x=1&y=2"})

    def test_several_topics_in_one_subscribe(self):
        c = self.subscribed("led002,temp004")
        other = self.client()
        other.send(f"cmd=2&uid={self.key}&topic=temp004&msg=#21#40")
        other.expect("cmd=2&res=1")
        c.expect(f"cmd=2&uid={self.key}&topic=temp004&msg=#21#40")

    def test_set_skips_the_sender_and_up_reaches_nobody(self):
        a = self.subscribed("ledctrl002")
        b = self.subscribed("ledctrl002")
        a.send(f"cmd=2&uid={self.key}&topic=ledctrl002/set&msg=off")
        a.expect("cmd=2&res=1")
        b.expect(f"cmd=2&uid={self.key}&topic=ledctrl002&msg=off")
        a.expect_nothing()

        b.send(f"cmd=2&uid={self.key}&topic=ledctrl002/up&msg=#1")
        b.expect("cmd=2&res=1")
        a.expect_nothing()
        b.expect_nothing()
        b.send(f"cmd=9&uid={self.key}&topic=ledctrl002")
        b.expect(f"cmd=9&uid={self.key}&topic=ledctrl002&msg=#1")

    def test_app_subscription_receives_pushes(self):
        app = self.subscribed("fan003/app")
        device = self.client()
        device.send(f"cmd=2&uid={self.key}&topic=fan003/up&msg=on")
        device.expect("cmd=2&res=1")
        app.expect_nothing()
        device.send(f"cmd=2&uid={self.key}&topic=fan003&msg=off")
        device.expect("cmd=2&res=1")
        app.expect(f"cmd=2&uid={self.key}&topic=fan003&msg=off")

    def test_fetch_latest_with_cmd_9_and_cmd_3(self):
        c = self.client()
        c.send(f"cmd=9&uid={self.key}&topic=temp004")
        c.expect(f"cmd=9&uid={self.key}&topic=temp004&msg=")
        c.send(f"cmd=2&uid={self.key}&topic=temp004/up&msg=#21#40")
        c.expect("cmd=2&res=1")
        c.send(f"cmd=9&uid={self.key}&topic=temp004,led002")
        c.expect(f"cmd=9&uid={self.key}&topic=temp004&msg=#21#40")
        c.expect(f"cmd=9&uid={self.key}&topic=led002&msg=")

        # cmd=3 answers with the latest value only, then the connection gets pushes.
        d = self.client()
        d.send(f"cmd=3&uid={self.key}&topic=temp004")
        d.expect(f"cmd=3&uid={self.key}&topic=temp004&msg=#21#40")
        d.expect_nothing()
        c.send(f"cmd=2&uid={self.key}&topic=temp004&msg=#22#41")
        c.expect("cmd=2&res=1")
        d.expect(f"cmd=2&uid={self.key}&topic=temp004&msg=#22#41")

    def test_time_types(self):
        c = self.client()
        c.send(f"cmd=7&uid={self.key}&type=1")
        self.assertRegex(c.read_line(), r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
        c.send(f"cmd=7&uid={self.key}&type=2")
        self.assertRegex(c.read_line(), r"^\d\d:\d\d:\d\d$")
        c.send(f"cmd=7&uid={self.key}&type=3")
        line = c.read_line()
        self.assertRegex(line, r"^\d+$")
        self.assertLess(abs(int(line) - time.time()), 5)
        c.send(f"cmd=7&uid={self.key}&type=4")
        c.expect("cmd=7&res=0")

    def test_heartbeat_is_answered(self):
        c = self.client()
        c.send("cmd=0&msg=keep")
        c.expect("cmd=0&res=1")
        c.send("cmd=0")
        c.expect("cmd=0&res=1")

    def test_bad_lines_get_res_0_and_the_connection_stays(self):
        c = self.client()
        c.send(f"cmd=1&uid={self.key}&topic=bad/topic")
        c.expect("cmd=1&res=0")
        c.send(f"cmd=2&uid={self.key}&topic=led002")  # no msg
        c.expect("cmd=2&res=0")
        c.send(f"cmd=2&uid={self.key}&topic=a,b&msg=x")  # a list on cmd=2
        c.expect("cmd=2&res=0")
        c.send(f"cmd=1&uid={self.key}&uid={self.key}&topic=led002")  # a key twice
        c.expect("cmd=1&res=0")
        c.send(f"cmd=9&uid={self.key}&topic=led002/set")  # cmd=9 takes bare names
        c.expect("cmd=9&res=0")
        c.send("cmd=1&topic=led002")  # no uid
        c.expect("cmd=1&res=0")
        # Lines without a known cmd get no reply at all.
        c.send("ping")
        c.send("cmd=5&uid=x")
        c.send("")
        c.send("cmd=0")
        c.expect("cmd=0&res=1")

    def test_unknown_uid_gets_res_0(self):
        c = self.client()
        nobody = "0" * 32
        c.send(f"cmd=1&uid={nobody}&topic=led002")
        c.expect("cmd=1&res=0")
        c.send(f"cmd=2&uid={nobody}&topic=led002&msg=on")
        c.expect("cmd=2&res=0")
        c.send(f"cmd=9&uid={nobody}&topic=led002")
        c.expect("cmd=9&res=0")
        c.send("cmd=0")
        c.expect("cmd=0&res=1")

    def test_oversized_line_closes_after_earlier_replies(self):
        c = self.client()
        c.send_raw(b"cmd=0\r\n" + b"cmd=2&msg=" + b"x" * 5000 + b"\r\n")
        c.expect("cmd=0&res=1")
        c.expect_closed()
        # Other connections are not affected.
        d = self.client()
        d.send("cmd=0")
        d.expect("cmd=0&res=1")

    def test_partial_lines_are_joined(self):
        c = self.client()
        c.send_raw(b"cmd=0&m")
        time.sleep(0.1)
        c.send_raw(b"sg=keep\r")
        time.sleep(0.1)
        c.send_raw(b"\ncmd=0\n")
        c.expect("cmd=0&res=1")
        c.expect("cmd=0&res=1")

    def test_two_tenants_with_the_same_topics_are_isolated(self):
        other_key = add_tenant(self.server.data_dir, "other")
        mine = self.subscribed("led002")
        theirs = self.subscribed("led002", key=other_key)

        theirs.send(f"cmd=2&uid={other_key}&topic=led002/set&msg=theirs")
        theirs.expect("cmd=2&res=1")
        mine.expect_nothing()
        mine.send(f"cmd=9&uid={self.key}&topic=led002")
        mine.expect(f"cmd=9&uid={self.key}&topic=led002&msg=")

        mine.send(f"cmd=2&uid={self.key}&topic=led002/set&msg=mine")
        mine.expect("cmd=2&res=1")
        theirs.expect_nothing()
        theirs.send(f"cmd=9&uid={other_key}&topic=led002")
        theirs.expect(f"cmd=9&uid={other_key}&topic=led002&msg=theirs")

    def test_closed_connection_gets_no_more_pushes_and_server_stops_cleanly(self):
        gone = self.subscribed("led002")
        gone.close()
        stay = self.subscribed("led002")
        time.sleep(0.2)
        stay.send(f"cmd=2&uid={self.key}&topic=led002&msg=on")
        lines = {stay.read_line(), stay.read_line()}
        self.assertEqual(lines, {"cmd=2&res=1", f"cmd=2&uid={self.key}&topic=led002&msg=on"})
        # The cleanup stops the server with SIGTERM while `stay` is still connected.


class SeedScenarioTests(RoostTestCase):
    """A device and a controller, both line clients with the tenant's key: the device reports
    `bafa` and a `Time` counter, the controller switches the light through `ledctrl`, and the
    device answers on `ledstate`."""

    def setUp(self):
        super().setUp()
        self.server = self.start_server()
        self.address = self.server.endpoint("line")
        self.key = add_tenant(self.server.data_dir)

    def line_client(self):
        c = LineClient(self.address)
        self.addCleanup(c.close)
        return c

    def subscribed(self, topics):
        c = self.line_client()
        c.send(f"cmd=1&uid={self.key}&topic={topics}")
        c.expect("cmd=1&res=1")
        return c

    def publish(self, client, topic, msg):
        """cmd=2 from `client`, which is not subscribed to `topic` (so the reply comes alone)."""
        client.send(f"cmd=2&uid={self.key}&topic={topic}&msg={msg}")
        client.expect("cmd=2&res=1")

    def expect_push(self, client, topic, msg):
        client.expect(f"cmd=2&uid={self.key}&topic={topic}&msg={msg}")

    def expect_latest(self, client, topic, msg):
        client.send(f"cmd=9&uid={self.key}&topic={topic}")
        client.expect(f"cmd=9&uid={self.key}&topic={topic}&msg={msg}")

    def test_device_reports_and_is_switched_by_a_controller(self):
        device = self.subscribed("ledctrl")
        controller = self.subscribed("ledstate,bafa,Time")

        self.publish(device, "bafa", "putting")
        self.expect_push(controller, "bafa", "putting")
        for n in range(1, 6):
            self.publish(device, "Time", str(n))
            self.expect_push(controller, "Time", str(n))

        for state in ("on", "off", "on", "off"):
            self.publish(controller, "ledctrl", state)
            self.expect_push(device, "ledctrl", state)
            self.publish(device, "ledstate", f"led {state}")
            self.expect_push(controller, "ledstate", f"led {state}")

        # Nobody got anything else: no echo to a sender, no push of a topic not subscribed.
        device.expect_nothing()
        controller.expect_nothing()
        self.expect_latest(controller, "ledstate", "led off")
        self.expect_latest(controller, "Time", "5")
        self.expect_latest(device, "bafa", "putting")
        self.expect_latest(device, "ledctrl", "off")

    def test_line_and_mqtt_topics_of_a_tenant_are_separate(self):
        # docs/architecture.md ("Scopes"): each tenant's MQTT and TCP namespaces are scopes of
        # their own; docs/storage.md: MQTT topic `led` and TCP topic `led` are different rows.
        device = self.subscribed("ledctrl")
        mqtt = RawClient(self.server.endpoint("bemfa"), name="bemfa client")
        self.addCleanup(mqtt.close)
        mqtt.connect(client_id=self.key)
        self.assertEqual(mqtt.subscribe([("ledctrl", 1)]), [1])

        # MQTT -> line: the line subscriber's next push is the later line publish, not the MQTT one.
        mqtt.publish("ledctrl", b"from-mqtt", qos=1)
        self.assertEqual(mqtt.expect_publish(topic="ledctrl").payload, b"from-mqtt")
        controller = self.line_client()
        self.publish(controller, "ledctrl", "from-line")
        self.expect_push(device, "ledctrl", "from-line")
        device.expect_nothing()

        # line -> MQTT: the MQTT subscriber's next message is the later MQTT publish.
        mqtt.publish("ledctrl", b"marker", qos=1)
        self.assertEqual(mqtt.expect_publish().payload, b"marker")
        mqtt.expect_nothing(0.3)

        # Each namespace keeps its own latest value.
        self.expect_latest(controller, "ledctrl", "from-line")


if __name__ == "__main__":
    unittest.main()
