"""Runs Debian's `mosquitto` broker for tests that check Roost's clients against another broker.

    broker = MosquittoBroker()          # 127.0.0.1, a free port, anonymous access, no persistence
    broker.start()
    ...                                 # connect to broker.host, broker.port
    broker.restart()                    # stop and start again on the same port
    broker.stop()

`mosquitto_test_case(case)` (a TestCase mixin helper) starts one and stops it in the test's cleanup.
`each_broker(brokers)` runs one test on several brokers (Roost and mosquitto), a subtest each.
The broker cannot listen on port 0 and tell which port it took, so a free port is picked by binding
port 0 first; start() retries with another port if mosquitto could not bind it.
"""

import functools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
from brokers import free_port, wait_accepting  # noqa: E402,F401  (free_port: for the tests)

MOSQUITTO = os.environ.get("ROOST_MOSQUITTO", "/usr/sbin/mosquitto")
START_TIMEOUT = 10.0


class MosquittoBroker:
    def __init__(self, port=None):
        self.host = "127.0.0.1"
        self.port = port
        self.proc = None
        self.dir = tempfile.mkdtemp(prefix="roost-mosquitto-")

    def start(self):
        if not os.access(MOSQUITTO, os.X_OK):
            raise RuntimeError(f"{MOSQUITTO} is missing: install the Debian package mosquitto")
        for _ in range(5):
            port = self.port or free_port()
            conf = os.path.join(self.dir, "mosquitto.conf")
            with open(conf, "w") as f:
                f.write(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n"
                        "max_queued_messages 10000\n")
            log = open(os.path.join(self.dir, "mosquitto.log"), "ab")
            self.proc = subprocess.Popen([MOSQUITTO, "-c", conf], stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=log)
            log.close()
            if wait_accepting(self.proc, self.host, port, START_TIMEOUT):
                self.port = port
                return self
            self.stop()
            if self.port is not None:  # a fixed port (restart) that cannot be bound: give up
                break
        raise RuntimeError(f"mosquitto did not start; log:\n{self.log()}")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self, down_seconds=0.0):
        """Stops the broker, waits `down_seconds`, starts it again on the same port."""
        self.stop()
        time.sleep(down_seconds)
        return self.start()

    def log(self):
        try:
            with open(os.path.join(self.dir, "mosquitto.log"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def mosquitto_test_case(case):
    """Starts a broker for a unittest.TestCase and registers its cleanup; returns the broker."""
    broker = MosquittoBroker().start()
    case.addCleanup(broker.cleanup)
    return broker


def each_broker(brokers):
    """A decorator for cases that hold on any broker: makes case(self, broker) a test that runs it
    once per (name, start) of `brokers`, with broker = start(self), each run a subtest named after
    its broker (a failure on one still runs the others).

        BROKERS = (("roost serve", RoostTestCase.start_server), ("mosquitto", mosquitto_test_case))

        @each_broker(BROKERS)
        def test_something(self, broker): ...
    """
    def decorate(case):
        @functools.wraps(case)
        def test(self):
            for name, start in brokers:
                with self.subTest(broker=name):
                    case(self, start(self))
        return test
    return decorate
