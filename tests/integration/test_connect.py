"""CONNECT handling over a raw socket: protocol levels, connect flags, client identifiers, the
first-packet and second-CONNECT rules, and the connect timeout."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (CONNACK, PINGRESP, RawClient, assert_round_trip, connect_packet,  # noqa: E402
                      connect_raw, connected, frame, mqtt_string, pingreq_packet, publish_packet,
                      subscribe_packet)
from roost_server import RoostTestCase  # noqa: E402


class ConnectTests(RoostTestCase):

    def assert_refused_and_closed(self, client, what):
        """The server closes the connection without accepting it (no CONNACK 0x00 first)."""
        seen = client.expect_closed()
        accepted = [p for p in seen if p.type == CONNACK and p.return_code == 0]
        self.assertEqual(accepted, [], f"{what}: the server accepted the CONNECT before closing")
        return seen

    # -- protocol name and level -----------------------------------------------------------

    def test_mqtt311_connect_accepted_MQTT_3_1_2_1(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_packet("v311", version=4))
        ack = c.expect(CONNACK)
        self.assertEqual(ack.first_byte, 0x20, "CONNACK fixed header")
        self.assertEqual(ack.body, b"\x00\x00", "CONNACK for a new clean session is 00 00")
        assert_round_trip(s.address, "v311", client=c)

    def test_mqtt31_connect_accepted(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_packet("v31-client", version=3))
        ack = c.expect(CONNACK)
        self.assertEqual(ack.return_code, 0, "MQIsdp level 3 (MQTT 3.1) must be accepted")
        assert_round_trip(s.address, "v31", client=c)

    def test_mqtt31_connack_flags_reserved_zero(self):
        # MQTT 3.1 has no session present flag: the first CONNACK byte is reserved (0), even when
        # a stored session is resumed.
        s = self.start_server()
        c = RawClient(s.address)
        c.connect("v31-resume", clean=False, version=3)
        c.subscribe([("v31/t", 1)])
        c.send(b"\xe0\x00")
        c.expect_closed()
        c = RawClient(s.address)
        c.send(connect_packet("v31-resume", clean=False, version=3))
        ack = c.expect(CONNACK)
        self.assertEqual(ack.body, b"\x00\x00", "MQTT 3.1 CONNACK must be 00 00")

    def test_mqtt31_empty_client_id_rejected_0x02(self):
        # MQTT 3.1 requires a client identifier of 1 to 23 characters.
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_packet("", version=3))
        seen = c.expect_closed()
        self.assertTrue(seen and seen[0].type == CONNACK, f"expected CONNACK before close, saw {seen}")
        self.assertEqual(seen[0].return_code, 0x02, "identifier rejected")

    def test_protocol_level_2_refused_0x01_MQTT_3_1_2_2(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_packet("lvl2", version=2))
        seen = c.expect_closed()
        self.assertTrue(seen and seen[0].type == CONNACK, f"expected CONNACK before close, saw {seen}")
        self.assertEqual(seen[0].return_code, 0x01, "unacceptable protocol level -> CONNACK 0x01")

    def test_protocol_level_6_refused_0x84_MQTT_3_1_2_2(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_packet("lvl6", version=6))
        seen = c.expect_closed()
        self.assertTrue(seen and seen[0].type == CONNACK, f"expected CONNACK before close, saw {seen}")
        # A later level of "MQTT" is answered in the newest form Roost speaks: MQTT 5's 0x84.
        self.assertEqual(seen[0].return_code, 0x84, "unsupported protocol version -> CONNACK 0x84")
        assert_round_trip(s.address, "after-lvl6")

    def test_wrong_protocol_name_not_accepted_MQTT_3_1_2_1(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_packet("badname", version=4, proto_name="MQTX"))
        self.assert_refused_and_closed(c, "protocol name MQTX")

    # -- connect flags ---------------------------------------------------------------------

    def test_reserved_connect_flag_closes_MQTT_3_1_2_3(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_packet("reserved", reserved=True))
        self.assert_refused_and_closed(c, "reserved flag set")
        assert_round_trip(s.address, "after-reserved")

    def test_will_qos_without_will_flag_closes_MQTT_3_1_2_13(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_raw(0x02 | 0x08, client_id="wq"))  # clean session, will QoS 1, no will flag
        self.assert_refused_and_closed(c, "will QoS 1 without will flag")

    def test_will_retain_without_will_flag_closes_MQTT_3_1_2_15(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_raw(0x02 | 0x20, client_id="wr"))  # clean session, will retain, no will flag
        self.assert_refused_and_closed(c, "will retain without will flag")

    def test_will_qos_3_closes_MQTT_3_1_2_14(self):
        s = self.start_server()
        c = RawClient(s.address)
        flags = 0x02 | 0x04 | (3 << 3)
        c.send(connect_raw(flags, client_id="wq3",
                           payload_extra=mqtt_string("will/t") + mqtt_string(b"x")))
        self.assert_refused_and_closed(c, "will QoS 3")

    def test_password_without_username_closes_MQTT_3_1_2_22(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_raw(0x02 | 0x40, client_id="pw", payload_extra=mqtt_string(b"secret")))
        self.assert_refused_and_closed(c, "password flag without user name flag")

    def test_username_and_password_accepted_without_password_file(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.connect("userpw", username="someone", password=b"anything")
        assert_round_trip(s.address, "userpw", client=c)

    # -- client identifier -----------------------------------------------------------------

    def test_empty_client_id_clean_session_accepted_MQTT_3_1_3_6(self):
        s = self.start_server()
        c = RawClient(s.address)
        ack = c.connect("", clean=True)
        self.assertFalse(ack.session_present)
        assert_round_trip(s.address, "empty-id", client=c)

    def test_empty_client_ids_get_distinct_sessions_MQTT_3_1_3_6(self):
        s = self.start_server()
        a = connected(s.address, "", name="first empty id")
        b = connected(s.address, "", name="second empty id")
        # Neither took the other over: both still route.
        assert_round_trip(s.address, "empty-a", client=a)
        assert_round_trip(s.address, "empty-b", client=b)
        self.assertTrue(a.is_open(), "first client with an empty id was disconnected by the second")

    def test_empty_client_id_persistent_rejected_MQTT_3_1_3_8(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(connect_packet("", clean=False))
        seen = c.expect_closed()
        self.assertTrue(seen and seen[0].type == CONNACK, f"expected CONNACK before close, saw {seen}")
        self.assertEqual(seen[0].return_code, 0x02, "empty id with clean session 0 -> CONNACK 0x02")

    def test_23_character_client_id_accepted_MQTT_3_1_3_5(self):
        s = self.start_server()
        cid = "abcdefghijklmnopqrstuvw"  # 23 characters of [0-9a-zA-Z]
        self.assertEqual(len(cid), 23)
        c = connected(s.address, cid)
        assert_round_trip(s.address, "id23", client=c)

    # -- packet order ----------------------------------------------------------------------

    def test_publish_before_connect_closes_MQTT_3_1_0_1(self):
        s = self.start_server()
        watcher = connected(s.address, "watcher")
        watcher.subscribe([("early/#", 0)])
        c = RawClient(s.address)
        c.send(publish_packet("early/t", b"before connect"))
        seen = c.expect_closed()
        self.assertEqual(seen, [], "nothing may be answered to a packet before CONNECT")
        watcher.publish("early/marker", b"m")
        leaked = watcher.publishes_until("early/marker")
        self.assertEqual(leaked, [], "a PUBLISH sent before CONNECT was routed")

    def test_pingreq_before_connect_closes_MQTT_3_1_0_1(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(pingreq_packet())
        seen = c.expect_closed()
        self.assertNotIn(PINGRESP, [p.type for p in seen], "PINGREQ before CONNECT was answered")

    def test_subscribe_before_connect_closes_MQTT_3_1_0_1(self):
        s = self.start_server()
        c = RawClient(s.address)
        c.send(subscribe_packet(1, [("x", 0)]))
        seen = c.expect_closed()
        self.assertEqual(seen, [], "SUBSCRIBE before CONNECT was answered")

    def test_second_connect_closes_MQTT_3_1_0_2(self):
        s = self.start_server()
        c = connected(s.address, "twice")
        c.send(connect_packet("twice"))
        seen = c.expect_closed()
        self.assertEqual([p for p in seen if p.type == CONNACK], [],
                         "a second CONNECT must not be answered with a CONNACK")
        assert_round_trip(s.address, "after-second-connect")

    # -- connect timeout -------------------------------------------------------------------

    def test_no_connect_within_connect_timeout_closes(self):
        s = self.start_server("--connect-timeout", "1")
        live = connected(s.address, "live", keepalive=60)
        idle = RawClient(s.address, name="idle socket")
        start = time.monotonic()
        seen = idle.expect_closed(timeout=5.0)
        elapsed = time.monotonic() - start
        self.assertEqual(seen, [])
        self.assertGreaterEqual(elapsed, 0.9, f"closed after {elapsed:.2f} s, before the 1 s timeout")
        # The timeout applies only to sockets that have not connected.
        self.assertTrue(live.is_open(), "a connected client was closed by the connect timeout")
        live.ping()

    def test_partial_connect_closed_by_connect_timeout(self):
        s = self.start_server("--connect-timeout", "1")
        c = RawClient(s.address, name="partial CONNECT")
        c.send(connect_packet("partial")[:7])
        seen = c.expect_closed(timeout=5.0)
        self.assertEqual(seen, [])
        assert_round_trip(s.address, "after-partial")

    def test_connect_body_shorter_than_fields_closes(self):
        s = self.start_server()
        c = RawClient(s.address)
        # Remaining length 6 covers only the protocol name: the CONNECT is complete and malformed.
        c.send(frame(0x10, mqtt_string("MQTT")))
        self.assert_refused_and_closed(c, "CONNECT without level, flags and keepalive")


if __name__ == "__main__":
    unittest.main()
