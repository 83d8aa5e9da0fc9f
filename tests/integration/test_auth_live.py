"""Credentials that change without a restart (docs/authentication.md): the password file edited on
disk, and the HTTP authentication hook (--auth-http-url) with its cache, against a Python
http.server in the test."""

import http.server
import json
import os
import socket
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import CONNACK, RawClient, connect_packet  # noqa: E402
from roost_server import RoostTestCase, make_password_file, roost_passwd  # noqa: E402


def closed_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connack(address, **kw):
    """The CONNACK return code a 3.1.1 CONNECT gets."""
    c = RawClient(address)
    c.send(connect_packet(**kw))
    code = c.expect(CONNACK).return_code
    c.close()
    return code


class PasswordFileLiveTests(RoostTestCase):

    def test_a_password_changed_on_disk_applies_to_new_connections(self):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, {"alice": "old"})
        s = self.start_server("--password-file", path, "--allow-anonymous", "false")
        self.assertEqual(connack(s.address, client_id="a", username="alice", password="old"), 0)
        roost_passwd(path, "alice", "new")
        self.assertIsNotNone(s.wait_for_log(r"password file changed on disk", timeout=10))
        self.assertIsNotNone(s.wait_for_log(r"password file reloaded: 1 user"))
        self.assertEqual(connack(s.address, client_id="a", username="alice", password="new"), 0)
        self.assertEqual(connack(s.address, client_id="a", username="alice", password="old"), 0x04)


class Hook:
    """An authentication hook: allows user "good" (with tenant/superuser when asked), denies the
    rest, and records every request."""

    def __init__(self):
        self.requests = []
        hook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                hook.requests.append(body)
                allow = body.get("username") == "good" and body.get("password") == "pw"
                data = json.dumps({"result": "allow" if allow else "deny"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/auth"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class HttpHookTests(RoostTestCase):

    def start_with_hook(self, *extra):
        self.hook = Hook()
        self.addCleanup(self.hook.close)
        return self.start_server("--auth-http-url", self.hook.url, "--auth-http-ttl", "30",
                                 "--auth-http-negative-ttl", "30", *extra)

    def test_hook_allows_and_denies_with_what_the_client_sent(self):
        s = self.start_with_hook()
        self.assertEqual(connack(s.address, client_id="c1", username="good", password="pw"), 0)
        self.assertEqual(connack(s.address, client_id="c2", username="bad", password="pw"), 0x04)
        self.assertEqual(self.hook.requests[0], {"clientid": "c1", "username": "good", "password": "pw",
                                                 "listener": "mqtt"})

    def test_verdicts_are_cached_by_every_input(self):
        s = self.start_with_hook()
        for _ in range(3):
            self.assertEqual(connack(s.address, client_id="c1", username="good", password="pw"), 0)
            self.assertEqual(connack(s.address, client_id="c1", username="good", password="wrong"), 0x04)
        self.assertEqual(len(self.hook.requests), 2)
        self.assertEqual(connack(s.address, client_id="c2", username="good", password="pw"), 0)
        self.assertEqual(len(self.hook.requests), 3)

    def test_an_unreachable_hook_denies(self):
        s = self.start_server("--auth-http-url", f"http://127.0.0.1:{closed_port()}/auth",
                              "--auth-http-timeout", "500")
        self.assertEqual(connack(s.address, client_id="c1", username="good", password="pw"), 0x05)
        self.assertIsNotNone(s.wait_for_log(r"authentication hook unreachable"))

    def test_users_of_the_password_file_never_reach_the_hook(self):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, {"alice": "wonderland"})
        s = self.start_with_hook("--password-file", path)
        self.assertEqual(connack(s.address, client_id="a", username="alice", password="wonderland"), 0)
        self.assertEqual(connack(s.address, client_id="a", username="alice", password="pw"), 0x04)
        self.assertEqual(self.hook.requests, [])
        self.assertEqual(connack(s.address, client_id="g", username="good", password="pw"), 0)
        self.assertEqual(len(self.hook.requests), 1)


if __name__ == "__main__":
    unittest.main()
