"""MQTT 5 at connection level against a real `roost serve`: CONNECT/CONNACK properties, Server
Keep Alive, session expiry, will delay, and SCRAM-SHA-256 enhanced authentication (the client side
done here with hashlib/hmac over raw frames; paho has no SCRAM).

One server per class, with short limits (--max-keepalive 1) so nothing waits long.
"""

import base64
import hashlib
import hmac
import os
import socket
import struct
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))

from paho.mqtt.packettypes import PacketTypes  # noqa: E402

from class_server import ClassServerTestCase  # noqa: E402
from mqtt_clients import MqttClientsMixin  # noqa: E402
from mqtt_raw import FrameReader, encode_length, mqtt_string  # noqa: E402
from paho_v5 import PahoV5, properties  # noqa: E402
from roost_server import run_roost  # noqa: E402

TIMEOUT = 5.0

# -- MQTT 5 raw frames (only what these tests need) -----------------------------------------


def varint(n):
    return encode_length(n)


def read_varint(data, at):
    value, shift = 0, 0
    while True:
        b = data[at]
        at += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, at


def prop_string(pid, s):
    return bytes([pid]) + mqtt_string(s)


def prop_u32(pid, v):
    return bytes([pid]) + struct.pack("!I", v)


def v5_connect(client_id, props=b"", keepalive=60, clean=True):
    flags = 0x02 if clean else 0
    body = mqtt_string("MQTT") + bytes([5, flags]) + struct.pack("!H", keepalive)
    body += varint(len(props)) + props + mqtt_string(client_id)
    return bytes([0x10]) + varint(len(body)) + body


def v5_auth(reason, method, data):
    props = prop_string(0x15, method) + bytes([0x16]) + mqtt_string(data)
    body = bytes([reason]) + varint(len(props)) + props
    return bytes([0xF0]) + varint(len(body)) + body


def parse_props(data):
    """Property block -> {id: value}; strings and binary data as bytes, integers as int."""
    out, at = {}, 0
    while at < len(data):
        pid = data[at]
        at += 1
        if pid in (0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A):
            out[pid], at = data[at], at + 1
        elif pid in (0x13, 0x21, 0x22, 0x23):
            out[pid], at = struct.unpack_from("!H", data, at)[0], at + 2
        elif pid in (0x02, 0x11, 0x18, 0x27):
            out[pid], at = struct.unpack_from("!I", data, at)[0], at + 4
        elif pid == 0x0B:
            out[pid], at = read_varint(data, at)
        elif pid == 0x26:
            n = struct.unpack_from("!H", data, at)[0]
            at += 2 + n
            m = struct.unpack_from("!H", data, at)[0]
            at += 2 + m
        else:
            n = struct.unpack_from("!H", data, at)[0]
            out[pid], at = bytes(data[at + 2:at + 2 + n]), at + 2 + n
    return out


class V5Raw:
    """A raw MQTT 5 connection: send bytes, read (type, reason, properties) of the next packet."""

    def __init__(self, address):
        self.sock = socket.create_connection(address, timeout=TIMEOUT)
        self.reader = FrameReader()

    def send(self, data):
        self.sock.sendall(data)

    def next(self):
        deadline = time.monotonic() + TIMEOUT
        while True:
            p = self.reader.next()
            if p is not None:
                break
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            data = self.sock.recv(65536)
            if not data:
                raise AssertionError("the server closed the connection")
            self.reader.feed(data)
        body = bytes(p.body)
        ptype = p.first_byte >> 4
        if ptype == 2:  # CONNACK: flags, reason, properties
            n, at = read_varint(body, 2)
            return ptype, body[1], parse_props(body[at:at + n])
        if not body:
            return ptype, 0, {}
        if len(body) == 1:
            return ptype, body[0], {}
        n, at = read_varint(body, 1)
        return ptype, body[0], parse_props(body[at:at + n])

    def closed(self):
        self.sock.settimeout(TIMEOUT)
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    return True
        except OSError:
            return True

    def close(self):
        self.sock.close()


# -- SCRAM-SHA-256 client (RFC 5802 / 7677) --------------------------------------------------


class ScramClient:
    def __init__(self, user, password):
        self.user, self.password = user, password
        self.nonce = base64.b64encode(os.urandom(18)).decode()
        self.first_bare = f"n={user},r={self.nonce}"

    def first(self):
        return ("n,," + self.first_bare).encode()

    def final(self, server_first, password=None):
        attrs = dict(a.split("=", 1) for a in server_first.decode().split(","))
        assert attrs["r"].startswith(self.nonce)
        salt, iterations = base64.b64decode(attrs["s"]), int(attrs["i"])
        salted = hashlib.pbkdf2_hmac("sha256", (password or self.password).encode(), salt, iterations)
        client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
        stored_key = hashlib.sha256(client_key).digest()
        without_proof = f"c=biws,r={attrs['r']}"
        self.auth_message = f"{self.first_bare},{server_first.decode()},{without_proof}".encode()
        signature = hmac.new(stored_key, self.auth_message, hashlib.sha256).digest()
        proof = bytes(a ^ b for a, b in zip(client_key, signature))
        self.server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
        return f"{without_proof},p={base64.b64encode(proof).decode()}".encode()

    def server_signature_ok(self, server_final):
        expected = hmac.new(self.server_key, self.auth_message, hashlib.sha256).digest()
        return server_final.decode() == "v=" + base64.b64encode(expected).decode()


class Mqtt5ConnectTests(MqttClientsMixin, ClassServerTestCase):
    @classmethod
    def server_args(cls):
        passwd = os.path.join(cls.dir, "passwd")
        run_roost("passwd", "-c", "-b", "--scram", passwd, "scram-user", "s3cret")
        run_roost("passwd", "-b", passwd, "plain-user", "pl4in")
        return ["--max-session-expiry", "3600", "--password-file", passwd]

    def paho(self, client_id, **options):
        """An MQTT 5 paho client (not yet connected), stopped in the cleanup."""
        c = PahoV5(self.server.address, client_id, **options)
        self.addCleanup(c.stop)
        return c

    def test_connack_advertises_what_the_server_supports_MQTT_3_2_2_9(self):
        props = self.paho("props").connect().connack_properties
        self.assertEqual(props.RetainAvailable, 1)
        self.assertEqual(props.WildcardSubscriptionAvailable, 1)
        self.assertEqual(props.SubscriptionIdentifierAvailable, 1)
        self.assertEqual(props.SharedSubscriptionAvailable, 1)
        self.assertGreater(props.ReceiveMaximum, 0)
        self.assertGreater(props.MaximumPacketSize, 0)
        self.assertFalse(hasattr(props, "MaximumQoS"), "QoS 2 is supported: not sent")

    def test_assigned_client_identifier_MQTT_3_2_2_16(self):
        props = self.paho("").connect().connack_properties
        self.assertTrue(props.AssignedClientIdentifier)

    def test_session_expiry_capped_and_session_ends_MQTT_3_1_2_23(self):
        raw = V5Raw(self.server.address)
        raw.send(v5_connect("exp", prop_u32(0x11, 7200), keepalive=0))
        _, reason, props = raw.next()
        self.assertEqual(reason, 0)
        self.assertEqual(props.get(0x11), 3600, "capped by --max-session-expiry")
        raw.close()
        raw = V5Raw(self.server.address)
        raw.send(v5_connect("short", prop_u32(0x11, 1), keepalive=0))
        raw.next()
        raw.close()
        self.assertIsNotNone(self.server.wait_for_log(r"client short: session expired", timeout=TIMEOUT))

    def test_will_waits_for_its_delay_MQTT_3_1_3_9(self):
        watcher = self.paho("will-watcher").connect()
        watcher.subscribe([("v5/will", 1)])
        will_props = properties(PacketTypes.WILLMESSAGE, WillDelayInterval=1, ContentType="text/plain")
        c = PahoV5(self.server.address, "will-owner", will=("v5/will", b"gone", 0, False, will_props),
                   threaded=False).connect(SessionExpiryInterval=60)
        dropped = time.monotonic()
        c.client.socket().close()  # no DISCONNECT: the will is owed
        msg = watcher.expect_message()
        self.assertGreaterEqual(time.monotonic() - dropped, 0.9, "not before the Will Delay Interval")
        self.assertEqual(msg.payload, b"gone")
        self.assertEqual(getattr(msg.properties, "ContentType", None), "text/plain",
                         "will properties go out with the will")

    def test_mosquitto_clients_speak_mqtt5(self):
        sub = self.mosquitto_sub(self.server, "-V", "5", "-t", "v5/mosq", "-C", "1", "-W", "5",
                                 "-D", "connect", "session-expiry-interval", "10")
        sub.subscribed()
        self.mosquitto_pub(self.server, "-V", "5", "-t", "v5/mosq", "-m", "hello")
        self.assertEqual([m.payload for m in self.finish_ok(sub)], [b"hello"])

    def scram_connect(self, user, password, sent_password=None):
        raw = V5Raw(self.server.address)
        scram = ScramClient(user, password)
        raw.send(v5_connect("scram-" + user, prop_string(0x15, "SCRAM-SHA-256") + bytes([0x16]) +
                            mqtt_string(scram.first()), keepalive=0))
        ptype, reason, props = raw.next()
        self.assertEqual((ptype, reason), (15, 0x18), "AUTH Continue authentication")
        self.assertEqual(props[0x15], b"SCRAM-SHA-256")
        raw.send(v5_auth(0x18, "SCRAM-SHA-256", scram.final(props[0x16], sent_password)))
        return raw, scram

    def test_scram_sha_256_connects_and_proves_the_server_MQTT_4_12(self):
        raw, scram = self.scram_connect("scram-user", "s3cret")
        ptype, reason, props = raw.next()
        self.assertEqual((ptype, reason), (2, 0))
        self.assertEqual(props[0x15], b"SCRAM-SHA-256")
        self.assertTrue(scram.server_signature_ok(props[0x16]), "server-final proves the server knows the key")
        # Re-authentication: the same exchange, ending in AUTH 0x00.
        again = ScramClient("scram-user", "s3cret")
        raw.send(v5_auth(0x19, "SCRAM-SHA-256", again.first()))
        ptype, reason, props = raw.next()
        self.assertEqual((ptype, reason), (15, 0x18))
        raw.send(v5_auth(0x18, "SCRAM-SHA-256", again.final(props[0x16])))
        ptype, reason, props = raw.next()
        self.assertEqual((ptype, reason), (15, 0x00))
        self.assertTrue(again.server_signature_ok(props[0x16]))
        raw.close()

    def test_scram_wrong_password_gets_0x86_MQTT_4_12_0_4(self):
        raw, _ = self.scram_connect("scram-user", "s3cret", sent_password="wrong")
        ptype, reason, _ = raw.next()
        self.assertEqual((ptype, reason), (2, 0x86))
        self.assertTrue(raw.closed())

    def test_unknown_authentication_method_gets_0x8C_MQTT_4_12_0_1(self):
        raw = V5Raw(self.server.address)
        raw.send(v5_connect("krb", prop_string(0x15, "GSSAPI"), keepalive=0))
        ptype, reason, _ = raw.next()
        self.assertEqual((ptype, reason), (2, 0x8C))

    def test_plain_password_verifies_against_a_scram_verifier(self):
        for user, password, rc in (("scram-user", "s3cret", 0), ("scram-user", "nope", 0x86),
                                   ("plain-user", "pl4in", 0)):
            with self.subTest(user=user, password=password):
                self.paho("pw-" + user, username=user, password=password).connect(keepalive=0, expect_reason=rc)


class Mqtt5KeepAliveTests(ClassServerTestCase):
    @classmethod
    def server_args(cls):
        return ["--max-keepalive", "1"]

    def test_server_keep_alive_is_sent_and_enforced_MQTT_3_2_2_21(self):
        raw = V5Raw(self.server.address)
        raw.send(v5_connect("ka", keepalive=60))
        ptype, reason, props = raw.next()
        self.assertEqual((ptype, reason), (2, 0))
        self.assertEqual(props.get(0x13), 1, "Server Keep Alive 1 s")
        # Silent from now on: DISCONNECT 0x8D after 1.5 s, not after 90.
        ptype, reason, _ = raw.next()
        self.assertEqual((ptype, reason), (14, 0x8D))
        self.assertTrue(raw.closed())


if __name__ == "__main__":
    unittest.main()
