"""The reference device application on Linux (`roost-ledctrl`, examples/esp32-ledctrl) against a
real `roost serve`, the way a Bemfa tutorial device meets its cloud.

The device connects to the device cloud's MQTT listener with the tenant's private key as client id;
an observer (paho) shares that key, as apps and bridges do. The observer subscribes before the
device starts, so it sees everything the device publishes. The device reports `led off` on
`ledstate` once its subscription to `ledctrl` is acknowledged: from then on it takes commands.

The path of `roost-ledctrl` comes in ROOST_LEDCTRL (set by tests/CMakeLists.txt when the target
exists).
"""

import os
import queue
import signal
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from paho_client import Paho  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402

WAIT = 10.0
PERIOD = 3.0  # the application's beat


def ledctrl_bin():
    path = os.environ.get("ROOST_LEDCTRL")
    if not path:
        raise unittest.SkipTest("ROOST_LEDCTRL is not set (no roost-ledctrl target in this build)")
    if not os.access(path, os.X_OK):
        raise AssertionError(f"ROOST_LEDCTRL={path} is not an executable file")
    return path


class Device:
    """A running `roost-ledctrl`: stdout lines ("LED on" / "LED off") in a queue, stderr kept."""

    def __init__(self, host, port, key):
        self.command = [ledctrl_bin(), "--host", host, "--port", str(port), "--key", key]
        self.proc = subprocess.Popen(self.command, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = queue.Queue()
        self.stderr = []
        self._threads = [threading.Thread(target=self._read_stdout, daemon=True),
                         threading.Thread(target=self._read_stderr, daemon=True)]
        for t in self._threads:
            t.start()

    def _read_stdout(self):
        for raw in iter(self.proc.stdout.readline, b""):
            self.lines.put(raw.decode(errors="replace").rstrip("\n"))

    def _read_stderr(self):
        for raw in iter(self.proc.stderr.readline, b""):
            self.stderr.append(raw.decode(errors="replace").rstrip("\n"))

    def expect_line(self, expected, timeout=WAIT):
        """Waits for the next stdout line; asserts it is `expected`."""
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"roost-ledctrl printed nothing within {timeout} s "
                                 f"(expected {expected!r}); stderr: {self.stderr}") from None
        if line != expected:
            raise AssertionError(f"roost-ledctrl printed {line!r}, expected {expected!r}")

    def stop(self):
        """SIGTERM; the device disconnects and must exit with status 0 within 5 s."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("roost-ledctrl did not exit within 5 s of SIGTERM")
        finally:
            for t in self._threads:
                t.join(timeout=5)
            self.proc.stdout.close()
            self.proc.stderr.close()
        if rc != 0:
            raise AssertionError(f"roost-ledctrl exited with {rc} after SIGTERM; stderr: {self.stderr}")


class Observer(Paho):
    """paho (MQTT 3.1.1) with the tenant's key as client id; received messages are queued as
    (arrival time, topic, payload)."""

    def _on_message(self, client, userdata, msg):
        self.messages.put((time.monotonic(), msg.topic, msg.payload.decode(errors="replace")))

    def subscribe(self, *topics):
        """Subscribes to `topics` at QoS 1; fails unless every one is granted."""
        granted = super().subscribe([(t, 1) for t in topics])
        if any(code == 0x80 for code in granted):
            raise AssertionError(f"observer: subscription refused: {granted}")

    def publish(self, topic, payload):
        """Publishes at QoS 1 and waits for the PUBACK."""
        return super().publish(topic, payload, qos=1)

    def expect(self, topic, payload=None, timeout=WAIT):
        """The next message on `topic` (others on the way are returned too): (messages skipped,
        the matching (time, topic, payload))."""
        skipped = []
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                m = self.messages.get(timeout=max(0.0, left))
            except queue.Empty:
                raise AssertionError(f"observer: nothing on {topic!r} "
                                     f"{'= ' + repr(payload) if payload else ''} within {timeout} s; "
                                     f"got {skipped}") from None
            if m[1] == topic and (payload is None or m[2] == payload):
                return skipped, m
            skipped.append(m)


class LedctrlTests(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.start_server()
        self.address = self.server.endpoint("bemfa")
        self.key = self.server.default_key()
        self.observer = Observer(self.address, self.key)
        self.addCleanup(self.observer.stop)
        self.observer.connect()
        self.observer.subscribe("ledstate", "bafa", "Time")

    def start_device(self):
        host, port = self.address
        device = Device(host, port, self.key)
        self.addCleanup(device.stop)
        device.expect_line("LED off")  # start(): the known initial state
        self.observer.expect("ledstate", "led off")  # subscribed: takes commands from now on
        return device

    def test_on_and_off_switch_the_led_and_report_on_ledstate(self):
        device = self.start_device()
        self.observer.publish("ledctrl", "on")
        device.expect_line("LED on")
        self.observer.expect("ledstate", "led on")
        self.observer.publish("ledctrl", "off")
        device.expect_line("LED off")
        self.observer.expect("ledstate", "led off")

    def test_unknown_commands_change_nothing(self):
        device = self.start_device()
        self.observer.publish("ledctrl", "toggle")
        self.observer.publish("ledctrl", "ON\r\n")  # case and whitespace are tolerated
        device.expect_line("LED on")
        skipped, _ = self.observer.expect("ledstate", "led on")
        self.assertEqual([m for m in skipped if m[1] == "ledstate"], [],
                         "the unknown command was answered")

    def test_bafa_and_time_arrive_every_3_seconds_with_an_increasing_counter(self):
        self.start_device()
        beats = []
        while len(beats) < 3:
            skipped, (at, _, value) = self.observer.expect("Time", timeout=PERIOD + WAIT)
            # `putting` to `bafa` goes out right before each counter.
            self.assertIn(("bafa", "putting"), [(m[1], m[2]) for m in skipped],
                          f"no 'putting' on bafa before Time {value}")
            beats.append((at, value))
        self.assertEqual([v for _, v in beats], ["1", "2", "3"])
        for (t0, _), (t1, _) in zip(beats, beats[1:]):
            self.assertGreater(t1 - t0, PERIOD - 1.0)
            self.assertLess(t1 - t0, PERIOD + 1.5)


if __name__ == "__main__":
    unittest.main()
