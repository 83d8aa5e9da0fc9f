"""The device SDK (libs/sdk) against real brokers: Roost and Debian's mosquitto. Each test drives
roost_sdk_probe (tests/sdk/sdk_probe.cpp: one mqtt_client over the POSIX port, commands on stdin,
one line per event on stdout) and checks what a second client sees: every QoS both ways, reconnect
and resubscribe after the broker restarts, outbox redelivery, and the offline queue's bound."""

import os
import queue
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mosquitto_broker import each_broker, mosquitto_test_case  # noqa: E402
from mqtt_raw import connected  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402

TIMEOUT = 10.0


def probe_bin():
    path = os.environ.get("ROOST_SDK_PROBE")
    if not path or not os.access(path, os.X_OK):
        raise unittest.SkipTest("ROOST_SDK_PROBE is not set (build the roost_sdk_probe target)")
    return path


class Probe:
    """One roost_sdk_probe process: send() a command, expect() an output line by regex."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([probe_bin(), *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = queue.Queue()
        self.seen = []     # every line, for failure messages
        self.backlog = []  # lines no expect() matched yet
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def send(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def expect(self, pattern, timeout=TIMEOUT):
        """The oldest line not matched before that matches `pattern` (regex), waiting for it.
        Lines that match nothing stay in the backlog for later expects, so events may be expected
        in any order; expect them in the order they must happen when the order matters."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            for i, line in enumerate(self.backlog):
                m = rx.search(line)
                if m:
                    del self.backlog[i]
                    return m
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                raise AssertionError(f"no line matching {pattern!r} within {timeout} s; output:\n" +
                                     "\n".join(self.seen[-60:]))
            self.seen.append(line)
            self.backlog.append(line)

    def command(self, command):
        """Sends a command and returns its reply: the packet id for "ok id=N", or raises."""
        self.send(command)
        m = self.expect(r"^(ok id=(\d+)|fail error=(\w+))$")
        if m.group(3):
            raise AssertionError(f"{command!r} failed: {m.group(3)}")
        return int(m.group(2))

    def status(self):
        self.send("status")
        m = self.expect(r"^status (.*)$")
        return dict(kv.split("=") for kv in m.group(1).split())

    def close(self):
        if self.proc.poll() is None:
            try:
                self.send("quit")
            except OSError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdin.close()
        self.proc.stdout.close()


class Forwarder:
    """A TCP address that stays the same while the server behind it restarts on another port
    (`roost serve` in the tests binds port 0). Each accepted connection is joined to the current
    upstream; when either side closes, both close. Setting `upstream` to None stops listening, so
    connections are refused as by a server that is down; setting an address listens again on the
    same port."""

    def __init__(self, upstream):
        self.listener = None
        self.address = None
        self._upstream = None
        self.upstream = upstream

    @property
    def upstream(self):
        return self._upstream

    @upstream.setter
    def upstream(self, address):
        self._upstream = address
        if address is None and self.listener is not None:
            try:
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() of the thread
            except OSError:
                pass
            self.listener.close()
            self.listener = None
        elif address is not None and self.listener is None:
            self.listener = socket.create_server(self.address or ("127.0.0.1", 0))
            self.address = self.listener.getsockname()[:2]
            threading.Thread(target=self._accept_loop, args=(self.listener,), daemon=True).start()

    def _accept_loop(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            try:
                server = socket.create_connection(self._upstream, timeout=2)
            except (OSError, TypeError):
                client.close()
                continue
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    @staticmethod
    def _pump(a, b):
        a.settimeout(None)
        b.settimeout(None)
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [])
                for src in ready:
                    data = src.recv(65536)
                    if not data:
                        return
                    (b if src is a else a).sendall(data)
        except OSError:
            return
        finally:
            a.close()
            b.close()

    def close(self):
        self.upstream = None


def freeze(proc):
    """SIGSTOP to `proc` (a Popen), returning once the kernel shows it stopped."""
    proc.send_signal(signal.SIGSTOP)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        with open(f"/proc/{proc.pid}/stat") as f:
            if f.read().rsplit(")", 1)[1].split()[0] in ("T", "t"):
                return
        time.sleep(0.01)
    raise AssertionError(f"process {proc.pid} did not stop")


class BrokerUnderTest:
    """One broker for one test (`case`): `address`, and restart(), stop(), start() (the same address
    again), freeze() and kill_frozen() for the outbox test; a subclass names its process()."""

    def freeze(self):
        """SIGSTOP to the broker (SIGCONT in the test's cleanup if it still runs then)."""
        proc = self.process()
        self.case.addCleanup(lambda: proc.poll() is None and proc.send_signal(signal.SIGCONT))
        freeze(proc)


class MosquittoUnderTest(BrokerUnderTest):
    """Debian's mosquitto."""

    def __init__(self, case):
        self.case = case
        self.broker = mosquitto_test_case(case)
        self.address = (self.broker.host, self.broker.port)

    def restart(self):
        self.broker.restart()

    def stop(self):
        self.broker.stop()

    def start(self):
        self.broker.start()

    def process(self):
        return self.broker.proc

    def kill_frozen(self):
        self.broker.proc.kill()
        self.broker.proc.wait()
        self.broker.proc = None


class RoostUnderTest(BrokerUnderTest):
    """`roost serve`. It restarts on its data directory (durable sessions and retained messages
    survive); the clients reach it through a Forwarder, whose address outlives each server's port."""

    def __init__(self, case):
        self.case = case
        self.data = case.tmpdir()
        self.server = case.start_server(data_dir=self.data)
        self.forwarder = Forwarder(self.server.address)
        case.addCleanup(self.forwarder.close)
        self.address = self.forwarder.address

    def restart(self):
        self.stop()
        self.start()

    def stop(self):
        self.forwarder.upstream = None
        self.server.stop()

    def start(self):
        self.server = self.case.start_server(data_dir=self.data)
        self.forwarder.upstream = self.server.address

    def process(self):
        return self.server.proc

    def kill_frozen(self):
        self.forwarder.upstream = None
        self.server.kill()


BROKERS = (("roost serve", RoostUnderTest), ("mosquitto", MosquittoUnderTest))


class SdkBrokerTests(RoostTestCase):
    """Each test runs against `roost serve` and against Debian's mosquitto, a subtest each."""

    def probe(self, broker, client_id, *args):
        """A probe connected to `broker` (its first "connected" line is consumed)."""
        p = Probe("--host", broker.address[0], "--port", str(broker.address[1]), "--id", client_id,
                  "--keepalive", "5", *args)
        self.addCleanup(p.close)
        p.expect(r"^connected sp=0$")
        return p

    def watcher(self, broker, topic, client_id="watcher"):
        """A raw client of `broker` subscribed to `topic` at QoS 2."""
        c = connected(broker.address, client_id)
        c.subscribe([(topic, 2)])
        self.addCleanup(c.close)
        return c

    @each_broker(BROKERS)
    def test_every_qos_both_ways(self, broker):
        p = self.probe(broker, "sdk-qos")
        p.command("sub 2 sdk/qos/#")
        p.expect(r"^subscribed id=\d+ qos=2$")
        for qos in (0, 1, 2):
            pid = p.command(f"pub {qos} 0 sdk/qos/{qos} payload {qos}")
            p.expect(rf"^data qos={qos} retain=0 dup=0 topic=sdk/qos/{qos} payload=payload {qos}$")
            if qos > 0:
                self.assertNotEqual(pid, 0)
                p.expect(rf"^published id={pid}$")
        # Another client's messages reach the SDK at the granted QoS.
        other = connected(broker.address, "sdk-qos-other")
        self.addCleanup(other.close)
        for qos in (0, 1, 2):
            other.publish(f"sdk/qos/in{qos}", f"from other {qos}".encode(), qos=qos)
            p.expect(rf"^data qos={qos} .* topic=sdk/qos/in{qos} payload=from other {qos}$")
        self.assertEqual(p.status()["outbox"], "0")

    @each_broker(BROKERS)
    def test_will_and_credentials_reach_the_broker(self, broker):
        w = self.watcher(broker, "sdk/will")
        p = self.probe(broker, "sdk-will", "--will-topic", "sdk/will", "--will-msg", "gone",
                       "--will-qos", "1", "--user", "someone", "--pass", "secret")
        p.proc.kill()  # no DISCONNECT: the broker publishes the will
        p.proc.wait()
        self.assertEqual(w.expect_publish(topic="sdk/will").payload, b"gone")

    @each_broker(BROKERS)
    def test_reconnects_and_resubscribes_after_the_broker_restarts(self, broker):
        p = self.probe(broker, "sdk-restart")
        p.command("sub 1 sdk/restart")
        p.expect(r"^subscribed id=\d+ qos=1$")
        broker.restart()
        p.expect(r"^disconnected")
        p.expect(r"^connected sp=0$")
        p.expect(r"^subscribed id=\d+ qos=1$")  # sent again: the new broker knows nothing
        other = connected(broker.address, "sdk-restart-other")
        self.addCleanup(other.close)
        other.publish("sdk/restart", b"after restart", qos=1)
        p.expect(r"^data qos=1 .* topic=sdk/restart payload=after restart$")
        self.assertEqual(p.status()["reconnects"], "1")

    @each_broker(BROKERS)
    def test_offline_queue_is_bounded_and_sent_after_reconnect(self, broker):
        # The probe watches its own topic: after the reconnect its SUBSCRIBE goes out before the
        # queued messages (store order), so it sees every one the broker took.
        p = self.probe(broker, "sdk-offline", "--offline-max", "3")
        p.command("sub 2 sdk/offline")
        p.expect(r"^subscribed")
        broker.stop()
        p.expect(r"^disconnected")
        ids = [p.command(f"pub {i} 0 sdk/offline m{i}") for i in range(3)]
        p.send("pub 1 0 sdk/offline m3")
        p.expect(r"^fail error=queue_full$")
        self.assertEqual(p.status()["offline"], "3")
        broker.start()
        for i in range(3):
            p.expect(rf"^data qos={i} .* topic=sdk/offline payload=m{i}$")
        for pid in ids[1:]:
            p.expect(rf"^published id={pid}$")
        status = p.status()
        self.assertEqual((status["offline"], status["outbox"]), ("0", "0"))

    @each_broker(BROKERS)
    def test_unacknowledged_qos1_is_redelivered_after_reconnect(self, broker):
        p = self.probe(broker, "sdk-outbox")
        p.command("sub 1 sdk/outbox")
        p.expect(r"^subscribed")
        broker.freeze()  # the broker reads nothing: no PUBACK comes
        pid = p.command("pub 1 0 sdk/outbox kept")
        self.assertEqual(p.status()["outbox"], "1")
        broker.kill_frozen()
        p.expect(r"^disconnected")
        self.assertEqual(p.status()["outbox"], "1")
        broker.start()
        p.expect(r"^connected sp=0$")
        p.expect(rf"^published id={pid}$")  # re-sent with DUP and acknowledged this time
        p.expect(r"^data qos=1 .* topic=sdk/outbox payload=kept$")
        self.assertEqual(p.status()["outbox"], "0")


class SdkAgainstRoostBemfaTests(RoostTestCase):
    """A device on the bemfa listener: the tenant's private key as client id."""

    def test_device_with_the_key_as_client_id(self):
        server = self.start_server()
        host, port = server.endpoint("bemfa")
        key = server.default_key()
        p = Probe("--host", host, "--port", str(port), "--id", key, "--keepalive", "5")
        self.addCleanup(p.close)
        p.expect(r"^connected sp=0$")
        p.command("sub 1 ledctrl")
        p.expect(r"^subscribed id=\d+ qos=1$")
        phone = connected((host, port), key)
        self.addCleanup(phone.close)
        phone.subscribe([("ledstate", 1)])
        phone.publish("ledctrl", b"on", qos=1)
        p.expect(r"^data qos=1 .* topic=ledctrl payload=on$")
        pid = p.command("pub 1 0 ledstate led on")
        p.expect(rf"^published id={pid}$")
        self.assertEqual(phone.expect_publish(topic="ledstate").payload, b"led on")


if __name__ == "__main__":
    unittest.main()
