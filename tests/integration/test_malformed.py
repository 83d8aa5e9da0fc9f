"""Malformed input: each bad frame closes only the connection that sent it; a bystander client
keeps round-tripping and new clients are still accepted."""

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (RawClient, assert_round_trip, connect_packet, connected, frame,  # noqa: E402
                      mqtt_string, pingreq_packet, publish_packet, subscribe_packet,
                      unsubscribe_packet)
from roost_server import RoostTestCase  # noqa: E402


def raw_publish(topic_bytes, payload=b"x", first=0x30):
    return frame(first, len(topic_bytes).to_bytes(2, "big") + topic_bytes + payload)


# Name -> (bytes sent after a successful CONNECT).
AFTER_CONNECT = {
    "reserved_type_0": frame(0x00),
    "reserved_type_15": frame(0xF0),
    "remaining_length_five_bytes": b"\x30\xff\xff\xff\xff\x7f",
    "connack_from_client": frame(0x20, b"\x00\x00"),
    "suback_from_client": frame(0x90, b"\x00\x01\x00"),
    "pingresp_from_client": frame(0xD0),
    "publish_qos_3": frame(0x36, mqtt_string("t") + b"\x00\x01x"),
    "publish_qos1_packet_id_0": frame(0x32, mqtt_string("t") + b"\x00\x00x"),
    "publish_topic_longer_than_packet": frame(0x30, b"\x00\x10ab"),
    "publish_invalid_utf8_topic": raw_publish(b"a/\xc3\x28"),
    "publish_surrogate_in_topic": raw_publish(b"a/\xed\xa0\x80"),
    "publish_null_in_topic": raw_publish(b"a\x00b"),
    "publish_qos0_with_dup": frame(0x38, mqtt_string("t") + b"x"),
    "pubrel_reserved_flags_0": frame(0x60, b"\x00\x01"),
    "puback_missing_byte": frame(0x40, b"\x00"),
    "pingreq_with_body": frame(0xC0, b"\x00"),
    "disconnect_with_flags": frame(0xE1),
    "subscribe_truncated_filter": frame(0x82, b"\x00\x01\x00\x05ab"),
    "subscribe_missing_qos_byte": frame(0x82, b"\x00\x01" + mqtt_string("a/b")),
    "subscribe_invalid_utf8_filter": frame(0x82, b"\x00\x01\x00\x02\xff\xfe\x00"),
    "unsubscribe_truncated_filter": frame(0xA2, b"\x00\x01\x00\x09abc"),
}

# Name -> bytes sent as the very first bytes of a connection.
BEFORE_CONNECT = {
    "garbage": b"\xff\xff\xff\xff\xff\xff",
    "http_request": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "connect_invalid_utf8_client_id": frame(
        0x10, mqtt_string("MQTT") + b"\x04\x02\x00\x3c" + b"\x00\x02\xc3\x28"),
    "connect_client_id_longer_than_packet": frame(
        0x10, mqtt_string("MQTT") + b"\x04\x02\x00\x3c" + b"\x00\x40ab"),
    "connect_protocol_name_longer_than_packet": frame(0x10, b"\x00\x20MQTT\x04\x02\x00\x3c"),
    "connect_will_topic_missing": frame(
        0x10, mqtt_string("MQTT") + b"\x04\x06\x00\x3c" + mqtt_string("w")),
    "connect_will_topic_with_wildcard": connect_packet("w", will=("a/+", b"x", 0, False)),
    "connect_username_flag_without_username": frame(
        0x10, mqtt_string("MQTT") + b"\x04\x82\x00\x3c" + mqtt_string("u")),
}


class MalformedInputTests(RoostTestCase):

    def check_closes(self, data, after_connect=True):
        s = self.start_server()
        bystander = connected(s.address, "bystander")
        bad = RawClient(s.address, name="malformed sender")
        if after_connect:
            bad.connect("malformed")
        bad.try_send(data)
        seen = bad.expect_closed()
        if not after_connect:
            accepted = [p for p in seen if p.type == 2 and p.return_code == 0]
            self.assertEqual(accepted, [], "malformed CONNECT was accepted")
        assert_round_trip(s.address, "bystander", client=bystander)
        assert_round_trip(s.address, "newcomer")

    # After CONNECT -------------------------------------------------------------------------

    def test_reserved_packet_type_0_closes_MQTT_2_2_1(self):
        self.check_closes(AFTER_CONNECT["reserved_type_0"])

    def test_reserved_packet_type_15_closes_MQTT_2_2_1(self):
        self.check_closes(AFTER_CONNECT["reserved_type_15"])

    def test_remaining_length_of_five_bytes_closes_MQTT_2_2_3(self):
        self.check_closes(AFTER_CONNECT["remaining_length_five_bytes"])

    def test_connack_from_client_closes(self):
        self.check_closes(AFTER_CONNECT["connack_from_client"])

    def test_suback_from_client_closes(self):
        self.check_closes(AFTER_CONNECT["suback_from_client"])

    def test_pingresp_from_client_closes(self):
        self.check_closes(AFTER_CONNECT["pingresp_from_client"])

    def test_publish_qos_3_closes_MQTT_3_3_1_4(self):
        self.check_closes(AFTER_CONNECT["publish_qos_3"])

    def test_publish_qos1_packet_id_zero_closes_MQTT_2_3_1_1(self):
        self.check_closes(AFTER_CONNECT["publish_qos1_packet_id_0"])

    def test_publish_topic_length_beyond_packet_closes(self):
        self.check_closes(AFTER_CONNECT["publish_topic_longer_than_packet"])

    def test_publish_invalid_utf8_topic_closes_MQTT_1_5_3_1(self):
        self.check_closes(AFTER_CONNECT["publish_invalid_utf8_topic"])

    def test_publish_utf16_surrogate_in_topic_closes_MQTT_1_5_3_1(self):
        self.check_closes(AFTER_CONNECT["publish_surrogate_in_topic"])

    def test_publish_null_character_in_topic_closes_MQTT_1_5_3_2(self):
        self.check_closes(AFTER_CONNECT["publish_null_in_topic"])

    def test_publish_qos0_with_dup_closes_MQTT_3_3_1_2(self):
        self.check_closes(AFTER_CONNECT["publish_qos0_with_dup"])

    def test_pubrel_with_reserved_flags_0_closes_MQTT_3_6_1_1(self):
        self.check_closes(AFTER_CONNECT["pubrel_reserved_flags_0"])

    def test_puback_missing_packet_id_byte_closes(self):
        self.check_closes(AFTER_CONNECT["puback_missing_byte"])

    def test_pingreq_with_body_closes(self):
        self.check_closes(AFTER_CONNECT["pingreq_with_body"])

    def test_disconnect_with_flags_closes_MQTT_2_2_2_2(self):
        self.check_closes(AFTER_CONNECT["disconnect_with_flags"])

    def test_subscribe_truncated_filter_closes(self):
        self.check_closes(AFTER_CONNECT["subscribe_truncated_filter"])

    def test_subscribe_missing_qos_byte_closes(self):
        self.check_closes(AFTER_CONNECT["subscribe_missing_qos_byte"])

    def test_subscribe_invalid_utf8_filter_closes_MQTT_1_5_3_1(self):
        self.check_closes(AFTER_CONNECT["subscribe_invalid_utf8_filter"])

    def test_unsubscribe_truncated_filter_closes(self):
        self.check_closes(AFTER_CONNECT["unsubscribe_truncated_filter"])

    # Instead of / inside CONNECT ------------------------------------------------------------

    def test_garbage_instead_of_connect_closes(self):
        self.check_closes(BEFORE_CONNECT["garbage"], after_connect=False)

    def test_http_request_instead_of_connect_closes(self):
        self.check_closes(BEFORE_CONNECT["http_request"], after_connect=False)

    def test_connect_invalid_utf8_client_id_closes_MQTT_1_5_3_1(self):
        self.check_closes(BEFORE_CONNECT["connect_invalid_utf8_client_id"], after_connect=False)

    def test_connect_client_id_length_beyond_packet_closes(self):
        self.check_closes(BEFORE_CONNECT["connect_client_id_longer_than_packet"], after_connect=False)

    def test_connect_protocol_name_length_beyond_packet_closes(self):
        self.check_closes(BEFORE_CONNECT["connect_protocol_name_longer_than_packet"],
                          after_connect=False)

    def test_connect_will_flag_without_will_fields_closes(self):
        self.check_closes(BEFORE_CONNECT["connect_will_topic_missing"], after_connect=False)

    def test_connect_will_topic_with_wildcard_closes_MQTT_3_1_3_10(self):
        self.check_closes(BEFORE_CONNECT["connect_will_topic_with_wildcard"], after_connect=False)

    def test_connect_username_flag_without_username_closes(self):
        self.check_closes(BEFORE_CONNECT["connect_username_flag_without_username"],
                          after_connect=False)

    # Robustness -----------------------------------------------------------------------------

    def test_client_vanishing_mid_packet_leaves_server_working(self):
        s = self.start_server()
        bystander = connected(s.address, "bystander")
        for i in range(20):
            c = connected(s.address, f"vanishing{i}")
            whole = publish_packet("half/t", b"z" * 500, qos=1, packet_id=1)
            c.send(whole[: len(whole) // 2])
            c.close()
        c = RawClient(s.address)
        c.send(connect_packet("half-connect")[:9])
        c.close()
        assert_round_trip(s.address, "bystander", client=bystander)
        assert_round_trip(s.address, "newcomer")

    def test_every_malformed_case_and_random_mutations_leave_server_working(self):
        s = self.start_server()
        bystander = connected(s.address, "bystander")
        for name, data in AFTER_CONNECT.items():
            c = connected(s.address, f"case-{name}")
            c.try_send(data)
            c.expect_closed()
        for name, data in BEFORE_CONNECT.items():
            c = RawClient(s.address, name=f"case-{name}")
            c.try_send(data)
            c.expect_closed()
        # Mutations of valid packets (fixed seed): each connection gets one mutated packet and
        # then a PINGREQ; whatever the server decides, it must keep serving everyone else.
        rng = random.Random(20240611)
        templates = [
            publish_packet("m/t", b"payload", qos=1, packet_id=5),
            publish_packet("m/t", b"p", qos=2, packet_id=6, retain=True),
            subscribe_packet(3, [("m/+", 1), ("m/#", 2)]),
            unsubscribe_packet(4, ["m/+"]),
            frame(0x62, b"\x00\x06"),
            frame(0x40, b"\x00\x05"),
        ]
        for i in range(150):
            data = bytearray(rng.choice(templates))
            for _ in range(rng.randint(1, 3)):
                pos = rng.randrange(len(data))
                data[pos] = rng.randrange(256)
            if rng.random() < 0.3:
                data = data[: rng.randrange(1, len(data))]
            c = connected(s.address, f"fuzz{i}")
            c.try_send(bytes(data))
            c.try_send(pingreq_packet())
            c.close()
            if i % 50 == 49:
                assert_round_trip(s.address, "bystander", client=bystander)
        assert_round_trip(s.address, "bystander", client=bystander)
        assert_round_trip(s.address, "newcomer")


if __name__ == "__main__":
    unittest.main()
