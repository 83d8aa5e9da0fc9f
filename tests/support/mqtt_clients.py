"""Command-line MQTT clients in tests: `roost pub` / `roost sub` and Debian's `mosquitto_pub` /
`mosquitto_sub`, against any broker that has `host` and `port` (a RoostServer or a MosquittoBroker).

    class MyTests(MqttClientsMixin, RoostTestCase):
        def test_something(self):
            b = self.start_server()
            sub = self.mosquitto_sub(b, "-t", "a/b", "-C", "1", "-W", "15")
            sub.subscribed()                      # its SUBACK arrived: publishing now is seen
            self.roost_pub(b, "-t", "a/b", "-m", "hello")
            self.assertEqual([m.payload for m in self.finish_ok(sub)], [b"hello"])

Subscribers print each message with FORMAT, parsed back into `Message`s; they run with -d so the
SUBACK can be awaited, and are killed in the test's cleanup.
"""

import os
import queue
import shutil
import signal
import subprocess
import threading
import time

from roost_server import roost_bin

MOSQUITTO_PUB = shutil.which("mosquitto_pub") or "/usr/bin/mosquitto_pub"
MOSQUITTO_SUB = shutil.which("mosquitto_sub") or "/usr/bin/mosquitto_sub"
# mosquitto_sub's stdout is a pipe here: make it line-buffered so each line arrives when printed.
LINE_BUFFERED = [shutil.which("stdbuf") or "/usr/bin/stdbuf", "-oL"]
# One line per message: "MSG <qos> <retain> <hex payload> <topic>" (topic last: it may hold spaces).
FORMAT = "MSG %q %r %x %t"
TIMED_OUT = 27  # the exit status of a subscriber whose -W ran out
WAIT = 15.0


class Message:
    """One line printed with FORMAT: qos, retain, payload (bytes), topic."""

    def __init__(self, line):
        _, qos, retain, hexpayload, topic = line.split(" ", 4)
        self.qos, self.retain = int(qos), retain == "1"
        self.payload, self.topic = bytes.fromhex(hexpayload), topic

    def __repr__(self):
        return f"<{self.topic} q{self.qos} r{int(self.retain)} {self.payload!r}>"


class Subscriber:
    """A running `roost sub` or `mosquitto_sub` started with -d: the SUBACK can be awaited (roost
    traces on stderr, mosquitto on stdout). stdout is also kept as raw bytes."""

    def __init__(self, cmd, debug_on_stdout):
        self.cmd = cmd
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT if debug_on_stdout else subprocess.PIPE)
        self.stdout = bytearray()
        self.trace = queue.Queue()   # lines where the -d trace goes
        self.trace_lines = []
        self._threads = [threading.Thread(target=self._read_stdout, args=(debug_on_stdout,), daemon=True)]
        if not debug_on_stdout:
            self._threads.append(threading.Thread(target=self._read_stderr, daemon=True))
        for t in self._threads:
            t.start()

    def _read_stdout(self, traced):
        for raw in iter(self.proc.stdout.readline, b""):
            self.stdout += raw
            if traced:
                self._trace_line(raw)
        if traced:
            self.trace.put(None)

    def _read_stderr(self):
        for raw in iter(self.proc.stderr.readline, b""):
            self._trace_line(raw)
        self.trace.put(None)

    def _trace_line(self, raw):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        self.trace_lines.append(line)
        self.trace.put(line)

    def wait_for(self, text, timeout=WAIT):
        """The next trace line that contains `text`; fails on a timeout or an exit before it."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.trace.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"{self.cmd[0]} printed no {text!r} within {timeout} s:\n"
                                     + "\n".join(self.trace_lines))
            if line is None:
                raise AssertionError(f"{self.cmd} exited before {text!r}:\n" + "\n".join(self.trace_lines))
            if text in line:
                return line

    def subscribed(self):
        """Waits for the SUBACK."""
        return self.wait_for("received SUBACK")

    def finish(self, timeout=WAIT):
        """Waits for the exit; returns (status, messages printed with FORMAT)."""
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"{self.cmd} did not exit:\n" + "\n".join(self.trace_lines))
        for t in self._threads:
            t.join(timeout=5)
        return rc, self.messages()

    def messages(self):
        """The messages printed so far with FORMAT."""
        text = bytes(self.stdout).decode("utf-8", "replace")
        return [Message(line) for line in text.splitlines() if line.startswith("MSG ")]

    def log(self):
        """The trace and the raw stdout, for failure messages."""
        return "\n".join(self.trace_lines) + "\nstdout: " + repr(bytes(self.stdout))

    def kill(self, sig=signal.SIGKILL):
        """Sends `sig` if it still runs and waits for the exit."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=10)


class MqttClientsMixin:
    """For a RoostTestCase (it uses tmpdir()): starts the clients against a broker `b` (anything with
    host and port); subscribers are killed in the test's cleanup."""

    def setUp(self):
        super().setUp()
        self.subscribers = []
        self.addCleanup(self._kill_subscribers)

    def _kill_subscribers(self):
        for s in self.subscribers:
            s.kill()

    def where(self, b):
        """The -h/-p arguments that name broker `b`."""
        return ["-h", b.host, "-p", str(b.port)]

    def subscriber(self, cmd, debug_on_stdout):
        """Starts `cmd` as a Subscriber that the cleanup kills."""
        s = Subscriber(cmd, debug_on_stdout)
        self.subscribers.append(s)
        return s

    def roost_sub(self, b, *args, fmt=FORMAT):
        """`roost sub -d` printing with `fmt` (None: raw payloads)."""
        cmd = [roost_bin(), "sub", *self.where(b), "-d"] + (["-F", fmt] if fmt else []) + list(args)
        return self.subscriber(cmd, debug_on_stdout=False)

    def mosquitto_sub(self, b, *args, fmt=FORMAT):
        """`mosquitto_sub -d` printing with `fmt` (None: its default output)."""
        cmd = (LINE_BUFFERED + [MOSQUITTO_SUB, *self.where(b), "-d"] + (["-F", fmt] if fmt else [])
               + list(args))
        return self.subscriber(cmd, debug_on_stdout=True)

    def run_client(self, cmd, stdin, expect_rc):
        """Runs `cmd` to its end; asserts its exit status is `expect_rc` unless that is None."""
        out = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             timeout=30)
        if expect_rc is not None:
            self.assertEqual(out.returncode, expect_rc,
                             f"{' '.join(cmd)} -> {out.returncode}\nstdout: {out.stdout!r}\n"
                             f"stderr: {out.stderr.decode(errors='replace')}")
        return out

    def roost_pub(self, b, *args, stdin=None, expect_rc=0):
        """`roost pub`; returns the CompletedProcess."""
        return self.run_client([roost_bin(), "pub", *self.where(b)] + list(args), stdin, expect_rc)

    def mosquitto_pub(self, b, *args, stdin=None, expect_rc=0):
        """`mosquitto_pub`; returns the CompletedProcess."""
        return self.run_client([MOSQUITTO_PUB, *self.where(b)] + list(args), stdin, expect_rc)

    def finish_ok(self, sub):
        """Waits for `sub` to exit with status 0; returns its messages."""
        rc, msgs = sub.finish()
        self.assertEqual(rc, 0, f"{sub.cmd} exited with {rc}:\n{sub.log()}")
        return msgs

    # -- checks shared by the suites ---------------------------------------------------------------

    def check_round_trip(self, b, subscribe, publish, topic, qos, version=None):
        """Three messages published with publish(b, ...) at `qos` (and protocol `version`, if given)
        reach subscribe(b, ...) in order, on `topic`, at that QoS."""
        vargs = ["-V", version] if version else []
        sub = subscribe(b, "-t", topic, "-q", str(qos), "-C", "3", "-W", "15", *vargs)
        sub.subscribed()
        for i in range(3):
            publish(b, "-t", topic, "-q", str(qos), "-m", f"message {i}", *vargs)
        msgs = self.finish_ok(sub)
        self.assertEqual([m.payload for m in msgs], [b"message 0", b"message 1", b"message 2"])
        self.assertEqual({m.qos for m in msgs}, {qos})
        self.assertEqual({m.topic for m in msgs}, {topic})

    def check_lines_in_order(self, b, subscribe, publish, n, wait_s):
        """publish(b, ..., "-l") with n lines on stdin: subscribe(b, ...) gets them in order, each a
        message, within wait_s seconds."""
        sub = subscribe(b, "-t", "lines/t", "-q", "1", "-C", str(n), "-W", str(wait_s))
        sub.subscribed()
        text = "".join(f"line {i}\n" for i in range(n)).encode()
        publish(b, "-t", "lines/t", "-q", "1", "-l", stdin=text)
        rc, msgs = sub.finish(timeout=wait_s + 10)
        self.assertEqual(rc, 0, sub.log())
        self.assertEqual([m.payload for m in msgs], [f"line {i}".encode() for i in range(n)])

    def check_binary_file(self, b, publish, copies):
        """publish(b, ..., "-f", file) at QoS 2 of a binary payload (every byte value, `copies` times,
        then NUL CR LF 0xff) reaches mosquitto_sub unchanged; returns (the file's path, payload)."""
        path = os.path.join(self.tmpdir(), "payload.bin")
        payload = bytes(range(256)) * copies + b"\x00\r\n\xff"
        with open(path, "wb") as f:
            f.write(payload)
        sub = self.mosquitto_sub(b, "-t", "bin/t", "-q", "2", "-C", "1", "-W", "15")
        sub.subscribed()
        publish(b, "-t", "bin/t", "-q", "2", "-f", path)
        self.assertEqual([m.payload for m in self.finish_ok(sub)], [payload],
                         "binary payload changed in transit")
        return path, payload

    def check_will_on_sigkill(self, b, subscribe, *client_args):
        """A subscribe(b, ...) client with a will, killed with SIGKILL: mosquitto_sub gets the will."""
        watcher = self.mosquitto_sub(b, "-t", "wills/#", "-q", "1", "-C", "1", "-W", "15")
        watcher.subscribed()
        victim = subscribe(b, "-t", "victim/in", *client_args, "--will-topic", "wills/victim",
                           "--will-payload", "victim vanished", "--will-qos", "1")
        victim.subscribed()
        victim.kill(signal.SIGKILL)
        self.assertEqual([(m.topic, m.payload) for m in self.finish_ok(watcher)],
                         [("wills/victim", b"victim vanished")])
