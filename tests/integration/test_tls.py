"""TLS on every listener (docs/tls.md): mqtts, the device cloud's TLS MQTT listener, https and wss
on the HTTP listener's TLS twin; client certificates (required, optional, the CN as user name);
certificate reload without a restart. Certificates come from `roost cert self-signed`.
"""

import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import socket
import sys
import tempfile
import unittest
import urllib.request
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from class_server import ClassServerTestCase  # noqa: E402
from paho_client import Paho  # noqa: E402
from roost_server import make_password_file, roost_bin, run_roost  # noqa: E402

WAIT = 10.0
TLS_LISTENERS = ["--mqtts", "127.0.0.1:0", "--bemfa-tls", "127.0.0.1:0", "--https", "127.0.0.1:0"]


def make_certs(directory, *extra):
    run_roost("cert", "self-signed", "--out", directory, *extra)
    return directory


def mosquitto(tool, address, cafile, *args, timeout=WAIT):
    """mosquitto_pub/mosquitto_sub over TLS to `address`; returns the completed process."""
    host, port = address
    cmd = [tool, "-h", host, "-p", str(port), "--cafile", cafile, *[str(a) for a in args]]
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout + 5)


class ServerTestCase(ClassServerTestCase):
    """One server for the whole class with the TLS listeners and `tls_args()`; a CA, the server's
    certificate and alice's client certificate in `cls.certs`."""

    @classmethod
    def server_args(cls):
        cls.certs = make_certs(os.path.join(cls.dir, "certs"), "--client", "alice")
        return TLS_LISTENERS + cls.tls_args()

    @classmethod
    def tls_args(cls):
        raise NotImplementedError

    def cert(self, name):
        return os.path.join(self.certs, name)

    def client(self, listener, **kw):
        """A connected paho client over TLS to `listener` (Paho's options in `kw`)."""
        c = Paho(self.server.endpoint(listener), tls_ca=self.cert("ca.crt"), **kw)
        self.addCleanup(c.stop)
        return c.connect()

    def expect(self, client, topic, payload):
        m = client.expect_message()
        self.assertEqual((m.topic, m.payload), (topic, payload))


def tempfile_dir():
    return tempfile.mkdtemp(prefix="roost-tls-")


class TlsListenerTests(ServerTestCase):
    """Client certificates optional, the CN as user name, a password file without that user and
    anonymous clients refused: a CONNECT is accepted for bob's password or alice's certificate."""

    @classmethod
    def tls_args(cls):
        passwords = os.path.join(cls.dir, "passwords")
        make_password_file(passwords, {"bob": "secret"})
        return ["--tls-cert", os.path.join(cls.certs, "server.crt"), "--tls-key", os.path.join(cls.certs, "server.key"),
                "--tls-ca", os.path.join(cls.certs, "ca.crt"), "--tls-client-certs", "optional",
                "--tls-identity-as-username", "--password-file", passwords, "--allow-anonymous", "false",
                "--admin-key", "operator-key"]

    def test_mqtts_with_cafile_publish_and_subscribe(self):
        mqtts = self.server.endpoint("mqtts")
        pub = mosquitto("mosquitto_pub", mqtts, self.cert("ca.crt"), "-u", "bob", "-P", "secret",
                        "-t", "tls/retained", "-m", "over-tls", "-r", "-q", "1")
        self.assertEqual(pub.returncode, 0, pub.stderr)
        sub = mosquitto("mosquitto_sub", mqtts, self.cert("ca.crt"), "-u", "bob", "-P", "secret",
                        "-t", "tls/retained", "-C", "1", "-W", str(int(WAIT)))
        self.assertEqual(sub.returncode, 0, sub.stderr)
        self.assertEqual(sub.stdout.decode().strip(), "over-tls")

    def test_tls_1_2_and_1_3(self):
        for version in ("tlsv1.2", "tlsv1.3"):
            with self.subTest(version=version):
                pub = mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), self.cert("ca.crt"),
                                "--tls-version", version, "-u", "bob", "-P", "secret", "-t", "tls/v", "-m", version)
                self.assertEqual(pub.returncode, 0, pub.stderr)

    def test_tls_1_1_is_refused(self):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(self.cert("ca.crt"))
        try:
            context.set_ciphers("DEFAULT:@SECLEVEL=0")  # let this client offer TLS 1.1 at all
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                context.minimum_version = ssl.TLSVersion.TLSv1_1
                context.maximum_version = ssl.TLSVersion.TLSv1_1
        except (ValueError, ssl.SSLError):
            self.skipTest("this OpenSSL cannot offer TLS 1.1")
        with self.assertRaises((ssl.SSLError, ConnectionError)):
            with socket.create_connection(self.server.endpoint("mqtts"), timeout=WAIT) as raw:
                with context.wrap_socket(raw, server_hostname="127.0.0.1"):
                    pass
        self.assertTrue(self.server.wait_for_log(r"tls .*handshake failed: unsupported protocol"),
                        "the server refused the version")

    def test_a_client_trusting_another_ca_refuses_the_server(self):
        other = make_certs(os.path.join(self.dir, "other"))
        pub = mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), os.path.join(other, "ca.crt"),
                        "-u", "bob", "-P", "secret", "-t", "tls/x", "-m", "x")
        self.assertNotEqual(pub.returncode, 0)
        self.assertTrue(self.server.wait_for_log(r"tls .*handshake failed"), "the failed handshake is logged at debug")
        # The server goes on serving others.
        ok = mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), self.cert("ca.crt"),
                       "-u", "bob", "-P", "secret", "-t", "tls/x", "-m", "x")
        self.assertEqual(ok.returncode, 0, ok.stderr)

    def test_client_certificate_cn_is_the_user_name(self):
        # alice is not in the password file and anonymous clients are refused: her certificate
        # is what lets her in, whatever user name and password the CONNECT carries.
        with_cert = ["--cert", self.cert("client.crt"), "--key", self.cert("client.key")]
        pub = mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), self.cert("ca.crt"), *with_cert,
                        "-t", "tls/alice", "-m", "hi")
        self.assertEqual(pub.returncode, 0, pub.stderr)
        pub = mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), self.cert("ca.crt"), *with_cert,
                        "-u", "mallory", "-P", "wrong", "-t", "tls/alice", "-m", "hi")
        self.assertEqual(pub.returncode, 0, pub.stderr)
        # Without the certificate, the same CONNECT is refused.
        pub = mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), self.cert("ca.crt"), "-t", "tls/alice",
                        "-m", "hi")
        self.assertNotEqual(pub.returncode, 0)

    def test_bemfa_tls_listener_uses_the_tenant_key(self):
        key = self.server.default_key()
        device = self.client("bemfa_tls", client_id=key)
        device.subscribe([("lamp001", 1)])
        pub = mosquitto("mosquitto_pub", self.server.endpoint("bemfa_tls"), self.cert("ca.crt"), "-i", key,
                        "-t", "lamp001", "-m", "on")
        self.assertEqual(pub.returncode, 0, pub.stderr)
        self.expect(device, "lamp001", b"on")

    def test_https_get(self):
        host, port = self.server.endpoint("https")
        context = ssl.create_default_context(cafile=self.cert("ca.crt"))
        conn = http.client.HTTPSConnection(host, port, context=context, timeout=WAIT)
        self.addCleanup(conn.close)
        conn.request("GET", "/api/v1/openapi.json")
        r = conn.getresponse()
        self.assertEqual(r.status, 200)
        self.assertEqual(json.loads(r.read())["info"]["title"], "Roost native API")
        # Keep-alive: a second request on the same TLS connection.
        conn.request("GET", "/api/v1/openapi.json")
        r = conn.getresponse()
        self.assertEqual(r.status, 200)
        r.read()

    def test_wss_mqtt_on_the_wss_path(self):
        key = self.server.default_key()
        device = self.client("https", client_id=key, transport="websockets", ws_path="/wss")
        device.subscribe([("fan002", 1)])
        other = self.client("https", client_id=key, transport="websockets", ws_path="/wss")
        other.publish("fan002", b"speed=2", qos=1)
        self.expect(device, "fan002", b"speed=2")

    def test_wss_broker_path_with_the_password_file(self):
        c = self.client("https", username="bob", password="secret", transport="websockets", ws_path="/broker")
        c.subscribe([("plain/wss", 1)])
        c.publish("plain/wss", b"hello", qos=1)
        self.expect(c, "plain/wss", b"hello")

    def test_admin_reload_reports_what_it_reloaded(self):
        host, port = self.server.endpoint("https")
        context = ssl.create_default_context(cafile=self.cert("ca.crt"))
        request = urllib.request.Request(f"https://{host}:{port}/api/v1/admin/reload", method="POST", data=b"",
                                         headers={"Authorization": "Bearer operator-key"})
        with urllib.request.urlopen(request, context=context, timeout=WAIT) as r:
            self.assertEqual(r.status, 200)
            body = json.loads(r.read())
        self.assertEqual(body["errors"], [])
        self.assertIn("certificates", body["reloaded"])
        self.assertIn("passwords", body["reloaded"])


class RequiredClientCertificateTests(ServerTestCase):

    @classmethod
    def tls_args(cls):
        return ["--tls-cert", os.path.join(cls.certs, "server.crt"), "--tls-key", os.path.join(cls.certs, "server.key"),
                "--tls-ca", os.path.join(cls.certs, "ca.crt"), "--tls-client-certs", "require"]

    def test_a_client_without_a_certificate_is_refused(self):
        pub = mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), self.cert("ca.crt"), "-t", "t", "-m", "x")
        self.assertNotEqual(pub.returncode, 0)
        self.assertTrue(self.server.wait_for_log(r"tls .*handshake failed"))

    def test_a_client_with_a_certificate_of_the_ca_is_accepted(self):
        pub = mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), self.cert("ca.crt"),
                        "--cert", self.cert("client.crt"), "--key", self.cert("client.key"), "-t", "t", "-m", "x")
        self.assertEqual(pub.returncode, 0, pub.stderr)

    def test_a_client_certificate_of_another_ca_is_refused(self):
        other = make_certs(os.path.join(self.dir, "other-client"), "--client", "eve")
        pub = mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), self.cert("ca.crt"),
                        "--cert", os.path.join(other, "client.crt"), "--key", os.path.join(other, "client.key"),
                        "-t", "t", "-m", "x")
        self.assertNotEqual(pub.returncode, 0)


class CertificateReloadTests(ServerTestCase):
    """The server reads server.crt/server.key from a directory of its own, which the test
    replaces with another CA's certificate."""

    @classmethod
    def tls_args(cls):
        live = os.path.join(cls.dir, "live")
        os.makedirs(live)
        for name in ("server.crt", "server.key"):
            shutil.copy(os.path.join(cls.certs, name), os.path.join(live, name))
        cls.live = live
        return ["--tls-cert", os.path.join(live, "server.crt"), "--tls-key", os.path.join(live, "server.key")]

    def publish(self, cafile):
        return mosquitto("mosquitto_pub", self.server.endpoint("mqtts"), cafile, "-t", "reload/x", "-m", "x")

    def test_sighup_loads_a_new_certificate_and_live_connections_keep_working(self):
        old_ca = self.cert("ca.crt")
        live_client = self.client("mqtts")
        live_client.subscribe([("reload/live", 1)])

        new = make_certs(os.path.join(self.dir, "new"))
        for name in ("server.crt", "server.key"):
            shutil.copy(os.path.join(new, name), os.path.join(self.live, name))
        self.server.signal(signal.SIGHUP)
        self.assertTrue(self.server.wait_for_log(r"certificates reloaded on 3 TLS listeners"), "reload logged")

        self.assertEqual(self.publish(os.path.join(new, "ca.crt")).returncode, 0, "new handshakes: the new certificate")
        self.assertNotEqual(self.publish(old_ca).returncode, 0, "the old CA no longer verifies the server")
        # The connection made before the reload is untouched.
        live_client.publish("reload/live", b"still here", qos=1)
        self.expect(live_client, "reload/live", b"still here")

        # A reload that fails keeps the certificate in force and says why.
        with open(os.path.join(self.live, "server.key"), "w") as f:
            f.write("not a key\n")
        self.server.signal(signal.SIGHUP)
        self.assertTrue(self.server.wait_for_log(r"certificate reload failed, keeping the one in use: mqtts: key "))
        self.assertEqual(self.publish(os.path.join(new, "ca.crt")).returncode, 0)


class TlsStartupTests(unittest.TestCase):

    def test_a_missing_certificate_file_is_a_start_up_error(self):
        data = tempfile_dir()
        self.addCleanup(shutil.rmtree, data, True)
        out = subprocess.run([roost_bin(), "serve", "--data", data, "--mqtt", "127.0.0.1:0", "--bemfa", "off",
                              "--line", "off", "--http", "off", *TLS_LISTENERS, "--tls-cert",
                              os.path.join(data, "missing.crt"), "--tls-key", os.path.join(data, "missing.key")],
                             stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        self.assertEqual(out.returncode, 1)
        self.assertRegex(out.stderr.decode(), r"mqtts: certificate .*missing\.crt")

    def test_self_signed_refuses_to_overwrite_without_force(self):
        out_dir = tempfile_dir()
        self.addCleanup(shutil.rmtree, out_dir, True)
        make_certs(out_dir)
        self.assertEqual(os.stat(os.path.join(out_dir, "server.key")).st_mode & 0o777, 0o600)
        again = subprocess.run([roost_bin(), "cert", "self-signed", "--out", out_dir], capture_output=True, timeout=30)
        self.assertEqual(again.returncode, 1)
        self.assertIn("--force", again.stderr.decode())
        make_certs(out_dir, "--force")


if __name__ == "__main__":
    unittest.main()
