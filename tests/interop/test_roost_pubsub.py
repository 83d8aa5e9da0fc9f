"""`roost pub` and `roost sub` against mosquitto_pub / mosquitto_sub, both ways, on two brokers:
the real `roost serve` and Debian's `mosquitto`. The cases that hold for any broker run on both
(OnBothBrokers); AgainstRoostServe and AgainstMosquitto hold what needs one of them."""

import os
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mosquitto_broker import each_broker, free_port, mosquitto_test_case  # noqa: E402
from mqtt_clients import TIMED_OUT, MqttClientsMixin  # noqa: E402
from roost_server import RoostTestCase, make_password_file, roost_bin  # noqa: E402


# Where a case that holds for any broker runs: a fresh `roost serve` (its plain MQTT listener),
# then a fresh Debian mosquitto.
BROKERS = (("roost serve", RoostTestCase.start_server), ("mosquitto", mosquitto_test_case))


class PubSubTestCase(MqttClientsMixin, RoostTestCase):
    """The clients' helpers (tests/support/mqtt_clients.py) on a RoostTestCase."""


class OnBothBrokers(PubSubTestCase):
    """Each test runs against `roost serve` (its plain MQTT listener) and against Debian's
    mosquitto: the clients work with brokers other than Roost."""

    @each_broker(BROKERS)
    def test_roost_pub_to_mosquitto_sub_qos0(self, b):
        self.check_round_trip(b, self.mosquitto_sub, self.roost_pub, "rp/q0", 0)

    @each_broker(BROKERS)
    def test_roost_pub_to_mosquitto_sub_qos1(self, b):
        self.check_round_trip(b, self.mosquitto_sub, self.roost_pub, "rp/q1", 1)

    @each_broker(BROKERS)
    def test_roost_pub_to_mosquitto_sub_qos2(self, b):
        self.check_round_trip(b, self.mosquitto_sub, self.roost_pub, "rp/q2", 2)

    @each_broker(BROKERS)
    def test_mosquitto_pub_to_roost_sub_qos0(self, b):
        self.check_round_trip(b, self.roost_sub, self.mosquitto_pub, "mr/q0", 0)

    @each_broker(BROKERS)
    def test_mosquitto_pub_to_roost_sub_qos1(self, b):
        self.check_round_trip(b, self.roost_sub, self.mosquitto_pub, "mr/q1", 1)

    @each_broker(BROKERS)
    def test_mosquitto_pub_to_roost_sub_qos2(self, b):
        self.check_round_trip(b, self.roost_sub, self.mosquitto_pub, "mr/q2", 2)

    @each_broker(BROKERS)
    def test_mqttv31_both_ways(self, b):
        self.check_round_trip(b, self.mosquitto_sub, self.roost_pub, "rp/v31", 1, version="mqttv31")
        self.check_round_trip(b, self.roost_sub, self.mosquitto_pub, "mr/v31", 2, version="31")

    @each_broker(BROKERS)
    def test_retained_both_ways(self, b):
        self.roost_pub(b, "-t", "ret/a", "-q", "1", "-r", "-m", "kept by roost")
        self.mosquitto_pub(b, "-t", "ret/b", "-q", "1", "-r", "-m", "kept by mosquitto")
        mine = self.roost_sub(b, "-t", "ret/b", "-C", "1", "-W", "15")
        theirs = self.mosquitto_sub(b, "-t", "ret/a", "-C", "1", "-W", "15")
        self.assertEqual([(m.payload, m.retain) for m in self.finish_ok(mine)], [(b"kept by mosquitto", True)])
        self.assertEqual([(m.payload, m.retain) for m in self.finish_ok(theirs)], [(b"kept by roost", True)])
        # -R skips the stale message and prints the live one.
        fresh = self.roost_sub(b, "-t", "ret/b", "-R", "-C", "1", "-W", "15")
        fresh.subscribed()
        self.mosquitto_pub(b, "-t", "ret/b", "-m", "live")
        self.assertEqual([(m.payload, m.retain) for m in self.finish_ok(fresh)], [(b"live", False)])
        # -n -r clears it: a new subscriber sees only a later marker.
        self.roost_pub(b, "-t", "ret/a", "-q", "1", "-r", "-n")
        sub = self.mosquitto_sub(b, "-t", "ret/a", "-t", "ret/marker", "-C", "1", "-W", "15")
        sub.subscribed()
        self.roost_pub(b, "-t", "ret/marker", "-m", "marker")
        self.assertEqual([m.topic for m in self.finish_ok(sub)], ["ret/marker"])

    @each_broker(BROKERS)
    def test_retained_only(self, b):
        self.roost_pub(b, "-t", "ro/1", "-r", "-q", "1", "-m", "one")
        self.roost_pub(b, "-t", "ro/2", "-r", "-q", "1", "-m", "two")
        sub = self.roost_sub(b, "-t", "ro/#", "--retained-only", "-W", "15")
        sub.wait_for("received PUBLISH")
        sub.wait_for("received PUBLISH")
        self.roost_pub(b, "-t", "ro/3", "-m", "live ends it")
        msgs = self.finish_ok(sub)
        self.assertEqual(sorted(m.payload for m in msgs), [b"one", b"two"])

    @each_broker(BROKERS)
    def test_binary_file_both_ways(self, b):
        path, payload = self.check_binary_file(b, self.roost_pub, 300)
        # Raw output (no -F): the payload byte for byte, then a newline.
        mine = self.roost_sub(b, "-t", "bin/to-roost", "-q", "1", "-C", "1", "-W", "15", fmt=None)
        mine.subscribed()
        self.mosquitto_pub(b, "-t", "bin/to-roost", "-q", "1", "-f", path)
        rc, _ = mine.finish()
        self.assertEqual(rc, 0, mine.log())
        self.assertEqual(bytes(mine.stdout), payload + b"\n")

    @each_broker(BROKERS)
    def test_stdin_lines_and_whole(self, b):
        sub = self.mosquitto_sub(b, "-t", "stdin/lines", "-q", "1", "-C", "4", "-W", "15")
        sub.subscribed()
        self.roost_pub(b, "-t", "stdin/lines", "-q", "1", "-l", stdin=b"one\ntwo\n\nlast without newline")
        self.assertEqual([m.payload for m in self.finish_ok(sub)], [b"one", b"two", b"", b"last without newline"])
        whole = b"\x00first\nsecond\r\n\xfe"
        sub = self.mosquitto_sub(b, "-t", "stdin/whole", "-q", "1", "-C", "1", "-W", "15")
        sub.subscribed()
        self.roost_pub(b, "-t", "stdin/whole", "-q", "1", "-s", stdin=whole)
        self.assertEqual([m.payload for m in self.finish_ok(sub)], [whole])

    @each_broker(BROKERS)
    def test_many_lines_in_order(self, b):
        self.check_lines_in_order(b, self.roost_sub, self.roost_pub, 2000, 30)

    @each_broker(BROKERS)
    def test_count_and_timeout(self, b):
        sub = self.roost_sub(b, "-t", "cw/t", "-C", "2", "-W", "15")
        sub.subscribed()
        # At QoS 1 each publisher waits for its PUBACK, so m1 is routed before m2's publisher
        # starts; at QoS 0 two publishers' messages may arrive in either order (order is kept per
        # publisher only [MQTT-4.6.0-5]), and -C 2 would stop at the wrong pair.
        for i in range(3):
            self.mosquitto_pub(b, "-t", "cw/t", "-m", f"m{i}", "-q", "1")
        self.assertEqual([m.payload for m in self.finish_ok(sub)], [b"m0", b"m1"])
        started = time.monotonic()
        idle = self.roost_sub(b, "-t", "cw/nothing", "-W", "1")
        rc, msgs = idle.finish()
        self.assertEqual(rc, TIMED_OUT, idle.log())
        self.assertEqual(msgs, [])
        self.assertIn("Timed out", idle.trace_lines)
        self.assertLess(time.monotonic() - started, 10)

    @each_broker(BROKERS)
    def test_verbose_output(self, b):
        sub = self.roost_sub(b, "-t", "vo/#", "-v", "-C", "3", "-W", "15", fmt=None)
        ref = self.mosquitto_sub(b, "-v", "-t", "vo/#", "-C", "3", "-W", "15", fmt=None)
        sub.subscribed()
        ref.subscribed()
        self.mosquitto_pub(b, "-t", "vo/a", "-m", "hello world")
        self.mosquitto_pub(b, "-t", "vo/b", "-n")
        self.mosquitto_pub(b, "-t", "vo/c", "-m", "x")
        rc, _ = sub.finish()
        self.assertEqual(rc, 0, sub.log())
        self.assertEqual(bytes(sub.stdout), b"vo/a hello world\nvo/b (null)\nvo/c x\n")
        # Byte for byte what mosquitto_sub -v prints (its -d lines removed).
        self.assertEqual(ref.finish()[0], 0, ref.log())
        printed = [line for line in bytes(ref.stdout).splitlines(keepends=True)
                   if not line.startswith((b"Client ", b"Subscribed ("))]
        self.assertEqual(bytes(sub.stdout), b"".join(printed))

    @each_broker(BROKERS)
    def test_filter_out(self, b):
        sub = self.roost_sub(b, "-t", "fo/#", "-T", "fo/secret/#", "-C", "1", "-W", "15")
        sub.subscribed()
        self.mosquitto_pub(b, "-t", "fo/secret/x", "-m", "hidden")
        self.mosquitto_pub(b, "-t", "fo/open", "-m", "shown")
        self.assertEqual([(m.topic, m.payload) for m in self.finish_ok(sub)], [("fo/open", b"shown")])

    @each_broker(BROKERS)
    def test_exit_when_subscribed_with_a_resumed_session(self, b):
        for run in ("new session", "resumed session"):
            sub = self.roost_sub(b, "-c", "-i", "roost-resume-e", "-q", "1", "-t", "resume/t", "-E")
            rc, _ = sub.finish()
            self.assertEqual(rc, 0, f"{run}: {sub.log()}")
            self.assertIn("Subscribed (mid: 1): 1", sub.trace_lines, f"{run}: {sub.log()}")

    @each_broker(BROKERS)
    def test_exit_when_subscribed_with_a_repeated_topic(self, b):
        sub = self.roost_sub(b, "-t", "twice/t", "-t", "twice/t", "-t", "once/t", "-E")
        rc, _ = sub.finish()
        self.assertEqual(rc, 0, sub.log())
        self.assertEqual(sum("received SUBACK" in line for line in sub.trace_lines), 2, sub.log())

    @each_broker(BROKERS)
    def test_will_on_sigkill(self, b):
        self.check_will_on_sigkill(b, self.roost_sub, "-i", "roost-victim", "-k", "60")

    @each_broker(BROKERS)
    def test_sigterm_disconnects_cleanly(self, b):
        sub = self.roost_sub(b, "-t", "term/in", "--will-topic", "term/will", "--will-payload", "lost")
        sub.subscribed()
        watcher = self.mosquitto_sub(b, "-t", "term/#", "-C", "1", "-W", "15")
        watcher.subscribed()
        sub.proc.send_signal(signal.SIGTERM)
        rc, _ = sub.finish()
        self.assertEqual(rc, 0, sub.log())
        self.assertTrue(any("sending DISCONNECT" in line for line in sub.trace_lines), sub.log())
        # A clean DISCONNECT discards the will: the watcher's first message is a later marker.
        self.roost_pub(b, "-t", "term/marker", "-m", "marker")
        self.assertEqual([m.topic for m in self.finish_ok(watcher)], ["term/marker"])


class AgainstRoostServe(PubSubTestCase):
    """The broker is `roost serve` (its plain MQTT listener)."""

    def test_username_password(self):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, {"alice": "wonderland"})
        b = self.start_server("--password-file", path, "--allow-anonymous", "false")
        sub = self.roost_sub(b, "-t", "auth/t", "-q", "1", "-C", "1", "-W", "15",
                             "-u", "alice", "-P", "wonderland")
        sub.subscribed()
        self.roost_pub(b, "-t", "auth/t", "-q", "1", "-m", "authorised", "-u", "alice", "-P", "wonderland")
        self.assertEqual([m.payload for m in self.finish_ok(sub)], [b"authorised"])
        # Refusals: the CONNACK code is the exit status, with mosquitto's wording.
        out = self.roost_pub(b, "-t", "auth/t", "-m", "x", "-u", "alice", "-P", "wrong", expect_rc=4)
        self.assertIn(b"Connection error: Connection Refused: bad user name or password.", out.stderr)
        out = self.roost_pub(b, "-t", "auth/t", "-m", "x", expect_rc=5)
        self.assertIn(b"Connection error: Connection Refused: not authorised.", out.stderr)
        refused = self.roost_sub(b, "-t", "auth/t", "-u", "alice", "-P", "wrong")
        rc, _ = refused.finish()
        self.assertEqual(rc, 4, refused.log())
        out = self.roost_pub(b, "-t", "auth/t", "-m", "x", "--quiet", expect_rc=5)
        self.assertEqual(out.stderr, b"", "--quiet prints no errors")

    def test_url_names_broker_credentials_and_topic(self):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, {"bob": "builder"})
        b = self.start_server("--password-file", path, "--allow-anonymous", "false")
        sub = self.roost_sub(b, "-L", f"mqtt://bob:builder@{b.host}:{b.port}/url/t", "-C", "1", "-W", "15")
        sub.subscribed()
        subprocess.run([roost_bin(), "pub", "-L", f"mqtt://bob:builder@{b.host}:{b.port}/url/t", "-m",
                        "via url"], check=True, timeout=30, capture_output=True)
        self.assertEqual([m.payload for m in self.finish_ok(sub)], [b"via url"])

    def test_debug_trace_of_qos2_publish(self):
        b = self.start_server()
        out = self.roost_pub(b, "-t", "dbg/t", "-q", "2", "-m", "hello", "-i", "tracer", "-d")
        self.assertEqual(out.stdout, b"", "-d writes to stderr only")
        lines = out.stderr.decode().splitlines()
        self.assertEqual(lines, [
            "Client tracer sending CONNECT",
            "Client tracer received CONNACK (0)",
            "Client tracer sending PUBLISH (d0, q2, r0, m1, 'dbg/t', ... (5 bytes))",
            "Client tracer received PUBREC (Mid: 1)",
            "Client tracer sending PUBREL (m1)",
            "Client tracer received PUBCOMP (Mid: 1, RC:0)",
            "Client tracer sending DISCONNECT",
        ])

    def test_repeat(self):
        b = self.start_server()
        sub = self.mosquitto_sub(b, "-t", "rep/t", "-q", "1", "-C", "3", "-W", "15")
        sub.subscribed()
        self.roost_pub(b, "-t", "rep/t", "-q", "1", "-m", "again", "--repeat", "3", "--repeat-delay", "0.1")
        self.assertEqual([m.payload for m in self.finish_ok(sub)], [b"again"] * 3)

    def test_exit_when_subscribed(self):
        b = self.start_server()
        sub = self.roost_sub(b, "-t", "e/1", "-t", "e/2", "-E")
        rc, _ = sub.finish()
        self.assertEqual(rc, 0, sub.log())
        self.assertEqual(sum("received SUBACK" in line for line in sub.trace_lines), 2, sub.log())

    def test_nothing_listening_is_an_error(self):
        port = free_port()
        for cmd in (["pub", "-t", "a", "-m", "x"], ["sub", "-t", "a"]):
            out = subprocess.run([roost_bin(), *cmd, "-h", "127.0.0.1", "-p", str(port)],
                                 capture_output=True, timeout=30)
            self.assertEqual(out.returncode, 1, out)
            self.assertIn(f"Error: Unable to connect to 127.0.0.1:{port}".encode(), out.stderr)

    def test_usage_errors(self):
        out = subprocess.run([roost_bin(), "pub", "-m", "x"], capture_output=True, timeout=30)
        self.assertEqual(out.returncode, 1)
        self.assertIn(b"Error: No topic given", out.stderr)
        out = subprocess.run([roost_bin(), "sub", "-t", "a/#/b"], capture_output=True, timeout=30)
        self.assertEqual(out.returncode, 1)
        self.assertIn(b"Invalid subscription topic 'a/#/b'", out.stderr)
        out = subprocess.run([roost_bin(), "pub", "-t", "a", "-f", "/nonexistent/file"],
                             capture_output=True, timeout=30)
        self.assertEqual(out.returncode, 1)
        self.assertIn(b"Unable to read file: /nonexistent/file", out.stderr)


class AgainstMosquitto(PubSubTestCase):
    """Needs Debian's mosquitto: the test restarts the broker under a running `roost sub`."""

    def test_sub_resubscribes_after_broker_restart(self):
        b = mosquitto_test_case(self)
        sub = self.roost_sub(b, "-t", "re/t", "-q", "1", "-C", "2", "-W", "30")
        sub.subscribed()
        self.mosquitto_pub(b, "-t", "re/t", "-q", "1", "-m", "before")
        sub.wait_for("received PUBLISH")
        b.restart()
        sub.wait_for("received SUBACK", timeout=20)  # reconnected and subscribed again
        self.mosquitto_pub(b, "-t", "re/t", "-q", "1", "-m", "after")
        self.assertEqual([m.payload for m in self.finish_ok(sub)], [b"before", b"after"])


if __name__ == "__main__":
    unittest.main()
