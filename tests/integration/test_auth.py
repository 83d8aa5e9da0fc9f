"""Password authentication: --password-file, --allow-anonymous, and `roost passwd`."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import CONNACK, RawClient, assert_round_trip, connect_packet  # noqa: E402
from roost_server import RoostTestCase, make_password_file, roost_passwd  # noqa: E402


class AuthTests(RoostTestCase):

    def start_with_users(self, users, anonymous="false"):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, users)
        return self.start_server("--password-file", path, "--allow-anonymous", anonymous), path

    def connack(self, server, **kw):
        """CONNACK return code for a CONNECT; a refused connection must then be closed."""
        c = RawClient(server.address)
        c.send(connect_packet(**kw))
        ack = c.expect(CONNACK)
        if ack.return_code != 0:
            c.expect_closed()  # [MQTT-3.2.2-5]
        else:
            c.disconnect()
        return ack.return_code

    def test_right_password_accepted(self):
        s, _ = self.start_with_users({"alice": "wonderland", "bob": "builder"})
        self.assertEqual(self.connack(s, client_id="a", username="alice", password="wonderland"), 0)
        self.assertEqual(self.connack(s, client_id="b", username="bob", password="builder"), 0)

    def test_authenticated_client_can_publish_and_subscribe(self):
        s, _ = self.start_with_users({"alice": "wonderland"})
        c = RawClient(s.address)
        c.connect("alice-client", username="alice", password="wonderland")
        assert_round_trip(s.address, "alice", client=c)

    def test_wrong_password_refused_0x04(self):
        s, _ = self.start_with_users({"alice": "wonderland"})
        self.assertEqual(self.connack(s, client_id="a", username="alice", password="looking-glass"), 0x04)

    def test_unknown_user_refused_0x04(self):
        s, _ = self.start_with_users({"alice": "wonderland"})
        self.assertEqual(self.connack(s, client_id="m", username="mallory", password="wonderland"), 0x04)

    def test_username_without_password_refused_0x04(self):
        s, _ = self.start_with_users({"alice": "wonderland"})
        self.assertEqual(self.connack(s, client_id="a", username="alice"), 0x04)

    def test_no_username_refused_0x05_when_anonymous_disallowed(self):
        s, _ = self.start_with_users({"alice": "wonderland"})
        self.assertEqual(self.connack(s, client_id="anon"), 0x05)

    def test_anonymous_allowed_with_password_file(self):
        s, _ = self.start_with_users({"alice": "wonderland"}, anonymous="true")
        self.assertEqual(self.connack(s, client_id="anon"), 0)
        self.assertEqual(self.connack(s, client_id="a", username="alice", password="wrong"), 0x04)

    def test_password_is_case_and_byte_exact(self):
        s, _ = self.start_with_users({"alice": "Wonderland"})
        self.assertEqual(self.connack(s, client_id="a", username="alice", password="wonderland"), 0x04)
        self.assertEqual(self.connack(s, client_id="a", username="alice", password="Wonderland "), 0x04)
        self.assertEqual(self.connack(s, client_id="a", username="Alice", password="Wonderland"), 0x04)
        self.assertEqual(self.connack(s, client_id="a", username="alice", password="Wonderland"), 0)

    def test_passwd_updates_existing_user(self):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, {"alice": "first", "bob": "builder"})
        roost_passwd(path, "alice", "second")
        s = self.start_server("--password-file", path, "--allow-anonymous", "false")
        self.assertEqual(self.connack(s, client_id="a", username="alice", password="first"), 0x04)
        self.assertEqual(self.connack(s, client_id="a", username="alice", password="second"), 0)
        self.assertEqual(self.connack(s, client_id="b", username="bob", password="builder"), 0,
                         "updating one user must keep the others")

    def test_password_file_does_not_store_plain_passwords(self):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, {"alice": "very-secret-password"})
        with open(path, "rb") as f:
            content = f.read()
        self.assertIn(b"alice", content)
        self.assertNotIn(b"very-secret-password", content, "password stored in clear text")


if __name__ == "__main__":
    unittest.main()
