"""Server limits: --max-packet-size and --max-connections."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (CONNACK, RawClient, assert_round_trip, connect_packet, connected,  # noqa: E402
                      publish_packet)
from roost_server import RoostTestCase  # noqa: E402


class PacketSizeTests(RoostTestCase):

    def test_oversized_publish_closes_only_that_connection(self):
        s = self.start_server("--max-packet-size", "1024")
        bystander = connected(s.address, "bystander")
        bystander.subscribe([("big/#", 0)])
        big = connected(s.address, "big")
        packet = publish_packet("big/t", b"x" * 2000)
        self.assertGreater(len(packet), 2000)
        big.try_send(packet)
        big.expect_closed()
        assert_round_trip(s.address, "bystander", client=bystander)
        pub = connected(s.address, "pub")
        pub.publish("big/t", b"small", qos=1)
        p = bystander.expect_publish(topic="big/t")
        self.assertEqual(p.payload, b"small", "the oversized message must not be routed")

    def test_oversized_length_closes_before_body_is_sent(self):
        s = self.start_server("--max-packet-size", "1024")
        c = connected(s.address, "header-only")
        c.send(b"\x30\x80\x80\x04")  # PUBLISH announcing 65,536 bytes; the body never comes
        c.expect_closed()
        assert_round_trip(s.address, "after-header")

    def test_publish_within_max_packet_size_accepted(self):
        s = self.start_server("--max-packet-size", "1024")
        sub = connected(s.address, "sub")
        sub.subscribe([("fit/t", 1)])
        pub = connected(s.address, "pub")
        payload = b"y" * 1000
        self.assertLessEqual(len(publish_packet("fit/t", payload, qos=1)), 1024)
        pub.publish("fit/t", payload, qos=1)
        self.assertEqual(sub.expect_publish().payload, payload)

    def test_default_max_packet_size_allows_256_kib(self):
        s = self.start_server()
        sub = connected(s.address, "sub")
        sub.subscribe([("large/t", 1)])
        pub = connected(s.address, "pub")
        payload = bytes(range(256)) * 1024
        pub.publish("large/t", payload, qos=1)
        self.assertEqual(sub.expect_publish().payload, payload)

    def test_connect_larger_than_max_packet_size_refused(self):
        s = self.start_server("--max-packet-size", "1024")
        c = RawClient(s.address)
        c.try_send(connect_packet("big-connect", will=("w", b"z" * 2000, 0, False)))
        seen = c.expect_closed()
        self.assertEqual([p for p in seen if p.type == CONNACK and p.return_code == 0], [])


class ConnectionLimitTests(RoostTestCase):

    def test_third_connection_refused_0x03_when_max_connections_2(self):
        s = self.start_server("--max-connections", "2")
        a = connected(s.address, "a")
        b = connected(s.address, "b")
        c = RawClient(s.address, name="third")
        c.send(connect_packet("c"))
        seen = c.expect_closed()
        self.assertTrue(seen and seen[0].type == CONNACK, f"expected CONNACK 0x03, saw {seen}")
        self.assertEqual(seen[0].return_code, 0x03, "server unavailable -> CONNACK 0x03")
        assert_round_trip(s.address, "a", client=a)
        assert_round_trip(s.address, "b", client=b)

    def test_connection_slot_freed_after_disconnect(self):
        s = self.start_server("--max-connections", "2")
        a = connected(s.address, "a")
        connected(s.address, "b")
        a.send(b"\xe0\x00")
        a.expect_closed()
        # The server may take a moment to account for the closed socket: retry, bounded.
        deadline = time.monotonic() + 5.0
        codes = []
        while time.monotonic() < deadline:
            c = RawClient(s.address, name="replacement")
            c.send(connect_packet("c"))
            code = c.expect_any().return_code
            codes.append(code)
            if code == 0:
                break
            c.expect_closed()
        self.assertEqual(codes[-1], 0, f"a freed slot was never reusable (CONNACK codes {codes})")


if __name__ == "__main__":
    unittest.main()
