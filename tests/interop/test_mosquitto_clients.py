"""Interoperability with the Mosquitto command-line clients (mosquitto_pub / mosquitto_sub)."""

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from roost_server import RoostTestCase, make_password_file  # noqa: E402

MOSQUITTO_PUB = shutil.which("mosquitto_pub") or "/usr/bin/mosquitto_pub"
MOSQUITTO_SUB = shutil.which("mosquitto_sub") or "/usr/bin/mosquitto_sub"
# mosquitto_sub's stdout is a pipe here: make it line-buffered so each line arrives when printed.
LINE_BUFFERED = [shutil.which("stdbuf") or "/usr/bin/stdbuf", "-oL"]
# One line per message: "MSG <qos> <retain> <hex payload> <topic>" (topic last: it may hold spaces).
FORMAT = "MSG %q %r %x %t"
TIMEOUT_RC = 27  # mosquitto_sub -W timed out


class Message:
    def __init__(self, line):
        _, qos, retain, hexpayload, topic = line.split(" ", 4)
        self.qos, self.retain = int(qos), retain == "1"
        self.payload, self.topic = bytes.fromhex(hexpayload), topic

    def __repr__(self):
        return f"<{self.topic} q{self.qos} r{int(self.retain)} {self.payload!r}>"


class Sub:
    """A running mosquitto_sub (with -d, so the SUBACK can be awaited)."""

    def __init__(self, server, *args):
        self.cmd = LINE_BUFFERED + [MOSQUITTO_SUB, "-h", server.host, "-p", str(server.port), "-d",
                    "-F", FORMAT] + list(args)
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.lines = queue.Queue()
        self.output = []
        self.messages = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        for raw in iter(self.proc.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.output.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, text, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"mosquitto_sub printed no {text!r} within {timeout} s:\n"
                                     + "\n".join(self.output))
            if line is None:
                raise AssertionError(f"mosquitto_sub exited before {text!r}:\n" + "\n".join(self.output))
            if line.startswith("MSG "):
                self.messages.append(Message(line))
            if text in line:
                return line

    def subscribed(self):
        return self.wait_for("received SUBACK")

    def finish(self, timeout=15.0):
        """Waits for exit; returns (exit status, messages)."""
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("mosquitto_sub did not exit:\n" + "\n".join(self.output))
        self._thread.join(timeout=5)
        while True:
            line = self.lines.get()
            if line is None:
                break
            if line.startswith("MSG "):
                self.messages.append(Message(line))
        return rc, self.messages

    def kill(self, sig=signal.SIGKILL):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=10)


class MosquittoClientTests(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.subs = []
        self.addCleanup(self._kill_subs)

    def _kill_subs(self):
        for s in self.subs:
            s.kill()

    def sub(self, server, *args):
        s = Sub(server, *args)
        self.subs.append(s)
        return s

    def pub(self, server, *args, stdin=None, expect_rc=0):
        cmd = [MOSQUITTO_PUB, "-h", server.host, "-p", str(server.port)] + list(args)
        out = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=20)
        if expect_rc is not None:
            self.assertEqual(out.returncode, expect_rc,
                             f"{' '.join(cmd)} -> {out.returncode}: {out.stdout.decode(errors='replace')}")
        return out

    def finish_ok(self, sub):
        rc, msgs = sub.finish()
        self.assertEqual(rc, 0, f"mosquitto_sub exited with {rc}:\n" + "\n".join(sub.output))
        return msgs

    def round_trip(self, qos, version=None):
        s = self.start_server()
        vargs = ["-V", version] if version else []
        sub = self.sub(s, "-t", f"rt/q{qos}", "-q", str(qos), "-C", "3", "-W", "15", *vargs)
        sub.subscribed()
        for i in range(3):
            self.pub(s, "-t", f"rt/q{qos}", "-q", str(qos), "-m", f"message {i}", *vargs)
        msgs = self.finish_ok(sub)
        self.assertEqual([m.payload for m in msgs], [b"message 0", b"message 1", b"message 2"])
        self.assertEqual({m.qos for m in msgs}, {qos})
        self.assertEqual({m.topic for m in msgs}, {f"rt/q{qos}"})

    def test_qos0_round_trip(self):
        self.round_trip(0)

    def test_qos1_round_trip(self):
        self.round_trip(1)

    def test_qos2_round_trip(self):
        self.round_trip(2)

    def test_mqttv31_clients(self):
        self.round_trip(1, version="mqttv31")

    def test_mqttv311_clients(self):
        self.round_trip(2, version="mqttv311")

    def test_mixed_protocol_versions(self):
        s = self.start_server()
        sub = self.sub(s, "-t", "mixed/t", "-q", "1", "-C", "2", "-W", "15", "-V", "mqttv31")
        sub.subscribed()
        self.pub(s, "-t", "mixed/t", "-q", "1", "-m", "from 3.1.1", "-V", "mqttv311")
        self.pub(s, "-t", "mixed/t", "-q", "1", "-m", "from 3.1", "-V", "mqttv31")
        msgs = self.finish_ok(sub)
        self.assertEqual([m.payload for m in msgs], [b"from 3.1.1", b"from 3.1"])

    def test_retained_message_delivered_then_cleared(self):
        s = self.start_server()
        self.pub(s, "-t", "ret/t", "-q", "1", "-r", "-m", "kept value")
        sub = self.sub(s, "-t", "ret/t", "-q", "1", "-C", "1", "-W", "15")
        msgs = self.finish_ok(sub)
        self.assertEqual([(m.payload, m.retain) for m in msgs], [(b"kept value", True)])
        # Clear it with an empty retained message; a new subscriber then sees only a later marker.
        self.pub(s, "-t", "ret/t", "-q", "1", "-r", "-n")
        sub = self.sub(s, "-t", "ret/t", "-t", "ret/marker", "-C", "1", "-W", "15")
        sub.subscribed()
        self.pub(s, "-t", "ret/marker", "-m", "marker")
        msgs = self.finish_ok(sub)
        self.assertEqual([m.topic for m in msgs], ["ret/marker"], "the retained message was not cleared")

    def test_wildcard_subscription(self):
        s = self.start_server()
        sub = self.sub(s, "-t", "house/+/light", "-t", "garden/#", "-q", "1", "-C", "4", "-W", "15")
        sub.subscribed()
        for topic in ("house/kitchen/light", "house/kitchen/door", "garden", "house/hall/light",
                      "gardens/x", "garden/pond/pump"):
            self.pub(s, "-t", topic, "-q", "1", "-m", topic)
        msgs = self.finish_ok(sub)
        self.assertEqual([m.topic for m in msgs],
                         ["house/kitchen/light", "garden", "house/hall/light", "garden/pond/pump"])

    def test_persistent_session_gets_messages_sent_while_offline(self):
        s = self.start_server()
        first = self.sub(s, "-c", "-i", "durable-sub", "-q", "1", "-t", "durable/t", "-E")
        self.finish_ok(first)
        for i in range(3):
            self.pub(s, "-t", "durable/t", "-q", "1", "-m", f"offline {i}")
        again = self.sub(s, "-c", "-i", "durable-sub", "-q", "1", "-t", "durable/t", "-C", "3",
                         "-W", "15")
        msgs = self.finish_ok(again)
        self.assertEqual([m.payload for m in msgs], [b"offline 0", b"offline 1", b"offline 2"])

    def test_will_delivered_when_client_killed(self):
        s = self.start_server()
        watcher = self.sub(s, "-t", "wills/#", "-q", "1", "-C", "1", "-W", "15")
        watcher.subscribed()
        victim = self.sub(s, "-t", "victim/in", "-i", "victim", "--will-topic", "wills/victim",
                          "--will-payload", "victim vanished", "--will-qos", "1")
        victim.subscribed()
        victim.kill(signal.SIGKILL)
        msgs = self.finish_ok(watcher)
        self.assertEqual([(m.topic, m.payload) for m in msgs], [("wills/victim", b"victim vanished")])

    def test_binary_payload_from_file(self):
        s = self.start_server()
        path = os.path.join(self.tmpdir(), "payload.bin")
        payload = bytes(range(256)) * 64 + b"\x00\r\n\xff"
        with open(path, "wb") as f:
            f.write(payload)
        sub = self.sub(s, "-t", "bin/t", "-q", "2", "-C", "1", "-W", "15")
        sub.subscribed()
        self.pub(s, "-t", "bin/t", "-q", "2", "-f", path)
        msgs = self.finish_ok(sub)
        self.assertEqual(len(msgs), 1)
        self.assertEqual(msgs[0].payload, payload, "binary payload changed in transit")

    def test_many_lines_arrive_in_order(self):
        s = self.start_server()
        n = 300
        sub = self.sub(s, "-t", "lines/t", "-q", "1", "-C", str(n), "-W", "20")
        sub.subscribed()
        text = "".join(f"line {i}\n" for i in range(n)).encode()
        self.pub(s, "-t", "lines/t", "-q", "1", "-l", stdin=text)
        msgs = self.finish_ok(sub)
        self.assertEqual([m.payload for m in msgs], [f"line {i}".encode() for i in range(n)])

    def test_username_password(self):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, {"mosq": "mosq-secret"})
        s = self.start_server("--password-file", path, "--allow-anonymous", "false")
        sub = self.sub(s, "-t", "auth/t", "-q", "1", "-C", "1", "-W", "15", "-u", "mosq",
                       "-P", "mosq-secret")
        sub.subscribed()
        self.pub(s, "-t", "auth/t", "-q", "1", "-m", "authorised", "-u", "mosq", "-P", "mosq-secret")
        msgs = self.finish_ok(sub)
        self.assertEqual([m.payload for m in msgs], [b"authorised"])
        out = self.pub(s, "-t", "auth/t", "-m", "x", "-u", "mosq", "-P", "wrong", expect_rc=None)
        self.assertNotEqual(out.returncode, 0, "mosquitto_pub with a wrong password succeeded")
        out = self.pub(s, "-t", "auth/t", "-m", "x", expect_rc=None)
        self.assertNotEqual(out.returncode, 0, "anonymous mosquitto_pub succeeded")


if __name__ == "__main__":
    unittest.main()
