"""Runs a real `roost serve` for the integration and interop suites.

Every server binds 127.0.0.1 port 0 and gets its own temporary data directory, so tests can run in
parallel. The port is read from the server's log line `listening mqtt on HOST:PORT` (the HTTP
listener's from `listening http on HOST:PORT`: `server.http_port`). Stderr is
drained by a thread for the whole life of the process (the pipe never fills up) and kept in a
bounded buffer that `RoostTestCase` prints when a test fails.

    class MyTests(RoostTestCase):
        def test_something(self):
            server = self.start_server("--max-qos", "1")
            ...  # connect to server.host, server.port
            ...  # HTTP: server.http_url("/api/v1/me"), with server.default_key() as bearer

    A test that restarts on the same data passes `data_dir=self.tmpdir()` to every start_server.

The server is stopped in the test's cleanup with SIGTERM; it must exit with status 0 within 10 s,
otherwise the test fails (a crash or a hang is a bug).
"""

import collections
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import warnings

LISTENING = re.compile(r"listening (\S+) on (\S+):(\d+)")
FIRST_TENANT = re.compile(r"created tenant 'default' with private key ([0-9a-f]{32})")
PRIVATE_KEY = re.compile(r"private key: ([0-9a-f]{32})")
APP_ID = re.compile(r"^appID: (\S+)$", re.M)
SECRET_KEY = re.compile(r"^secretKey: (\S+)$", re.M)
START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0
LOG_LINES_KEPT = 4000


def roost_bin():
    path = os.environ.get("ROOST_BIN")
    if not path:
        raise RuntimeError("ROOST_BIN is not set: it must name the roost executable")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"ROOST_BIN={path} is not an executable file")
    return path


class RoostServer:
    """One `roost serve` process. Use start() then host/port; stop() checks the exit status."""

    def __init__(self, *extra_args, log_level="debug", data_dir=None):
        self.extra_args = [str(a) for a in extra_args]
        self.log_level = log_level
        self._own_data_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="roost-test-")
        self.host = None
        self.port = None
        self.proc = None
        self.returncode = None
        self._lines = collections.deque(maxlen=LOG_LINES_KEPT)
        self._lines_total = 0
        self._cond = threading.Condition()
        self._eof = False
        self._reader = None
        self._default_key = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self):
        cmd = [roost_bin(), "serve", "--mqtt", "127.0.0.1:0", "--bemfa", "127.0.0.1:0",
               "--line", "127.0.0.1:0", "--http", "127.0.0.1:0",
               "--data", self.data_dir, "--log-level", self.log_level] + self.extra_args
        self.command = cmd
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        self._reader = threading.Thread(target=self._drain, name="roost-stderr", daemon=True)
        self._reader.start()
        deadline = time.monotonic() + START_TIMEOUT
        with self._cond:
            while True:
                for line in self._lines:
                    m = LISTENING.search(line)
                    if m and m.group(1) == "mqtt":
                        self.host, self.port = m.group(2), int(m.group(3))
                        return self
                if self._eof:
                    self.returncode = self.proc.wait(timeout=STOP_TIMEOUT)
                    raise AssertionError(
                        f"roost exited with status {self.proc.returncode} before listening\n"
                        f"command: {' '.join(cmd)}\n{self.log()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    self.kill()
                    raise AssertionError(
                        f"roost did not log 'listening mqtt on HOST:PORT' within {START_TIMEOUT} s\n"
                        f"command: {' '.join(cmd)}\n{self.log()}")
                self._cond.wait(left)

    def endpoint(self, name, timeout=START_TIMEOUT):
        """(host, port) the listener `name` ("mqtt", "bemfa", ...) bound, from its log line."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self._lines:
                    m = LISTENING.search(line)
                    if m and m.group(1) == name:
                        return m.group(2), int(m.group(3))
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    raise AssertionError(f"roost did not log 'listening {name} on HOST:PORT'\n{self.log()}")
                self._cond.wait(left)

    @property
    def http_port(self):
        """Port of the HTTP listener (from its log line)."""
        return self.endpoint("http")[1]

    def http_url(self, path="/"):
        """The URL of `path` on the HTTP listener: http://127.0.0.1:PORT/path."""
        host, port = self.endpoint("http")
        return f"http://{host}:{port}{path}"

    def default_key(self):
        """Private key of the tenant 'default' that the first start on a data directory creates:
        from this server's log, else (a restart on the same data) from `roost tenant list`."""
        if self._default_key:
            return self._default_key
        self._default_key = self._find_default_key()
        return self._default_key

    def _find_default_key(self):
        with self._cond:
            for line in self._lines:
                m = FIRST_TENANT.search(line)
                if m:
                    return m.group(1)
        out = subprocess.run([roost_bin(), "tenant", "list", "--data", self.data_dir],
                             stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        for line in out.stdout.decode(errors="replace").splitlines():
            fields = line.split()
            if fields and fields[-1] == "default" and re.fullmatch(r"[0-9a-f]{32}", fields[0]):
                return fields[0]
        raise AssertionError(f"no tenant 'default' in the log or in `roost tenant list`:\n"
                             f"{out.stdout.decode(errors='replace')}{out.stderr.decode(errors='replace')}")

    def _drain(self):
        stream = self.proc.stderr
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self._cond:
                self._lines.append(line)
                self._lines_total += 1
                self._cond.notify_all()
        with self._cond:
            self._eof = True
            self._cond.notify_all()

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM, then wait; returns the exit status. Raises AssertionError on a crash or hang."""
        if self.proc is None:
            return self.returncode
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"roost did not exit within {timeout} s of SIGTERM")
        finally:
            self._finish()
        self.returncode = rc
        if rc != 0:
            what = f"signal {-rc}" if rc < 0 else f"status {rc}"
            raise AssertionError(f"roost exited with {what} after SIGTERM (expected status 0)")
        return rc

    def wait_exit(self, timeout):
        """Waits for the process to end by itself; returns the exit status."""
        rc = self.proc.wait(timeout=timeout)
        self.returncode = rc
        self._finish()
        return rc

    def kill(self):
        """SIGKILL (when still running) and wait; the exit status is kept, not checked."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=STOP_TIMEOUT)
        if self.proc is not None:
            self.returncode = self.proc.returncode
        self._finish()

    def _finish(self):
        if self._reader is not None:
            # EOF comes once every holder of the pipe is gone. Closing the pipe while the thread
            # still reads it would block, so a pipe kept open (by a leftover child) is left alone.
            self._reader.join(timeout=5)
            if self._reader.is_alive():
                return
            self._reader = None
        if self.proc is not None and self.proc.stderr is not None and self.proc.poll() is not None:
            self.proc.stderr.close()

    def cleanup_data(self):
        if self._own_data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    # -- log -------------------------------------------------------------------------------

    def log(self):
        with self._cond:
            lines = list(self._lines)
            dropped = self._lines_total - len(lines)
        head = f"[... {dropped} earlier log lines not kept ...]\n" if dropped > 0 else ""
        return head + "\n".join(lines)

    def wait_for_log(self, pattern, timeout=5.0):
        """Waits until a log line matches `pattern` (regex); returns the match or None."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            seen = 0
            while True:
                lines = list(self._lines)
                for line in lines[seen:]:
                    m = rx.search(line)
                    if m:
                        return m
                seen = len(lines)
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    return None
                self._cond.wait(left)

    @property
    def address(self):
        return (self.host, self.port)


def run_roost(*args):
    """`roost ARGS...`; asserts it exits 0 and returns its standard output as text."""
    cmd = [roost_bin()] + [str(a) for a in args]
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    if out.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed with status {out.returncode}: "
                             f"{out.stderr.decode(errors='replace')}")
    return out.stdout.decode(errors="replace")


def roost_passwd(path, user, password, create=False):
    """`roost passwd [-c] -b FILE USER PASSWORD`; asserts it succeeds."""
    run_roost("passwd", *(["-c"] if create else []), "-b", path, user, password)


def add_tenant(data_dir, name="test"):
    """`roost tenant add` on a (possibly running server's) data directory; returns the new
    tenant's private key."""
    text = run_roost("tenant", "add", "--name", name, "--data", data_dir)
    m = PRIVATE_KEY.search(text)
    if not m:
        raise AssertionError(f"no private key in the output of roost tenant add: {text!r}")
    return m.group(1)


def tenant_credentials(data_dir, key):
    """`roost tenant credentials KEY`; returns (appID, secretKey)."""
    text = run_roost("tenant", "credentials", key, "--data", data_dir)
    app, secret = APP_ID.search(text), SECRET_KEY.search(text)
    if not app or not secret:
        raise AssertionError(f"no appID/secretKey in the output of roost tenant credentials: {text!r}")
    return app.group(1), secret.group(1)


def make_password_file(path, users):
    """Creates `path` with `roost passwd` for {user: password} (the first one with -c)."""
    for i, (user, password) in enumerate(users.items()):
        roost_passwd(path, user, password, create=(i == 0))


class RoostTestCase(unittest.TestCase):
    """A TestCase that starts servers on demand, stops them in cleanup (asserting exit 0) and
    prints their logs when the test fails."""

    def setUp(self):
        super().setUp()
        # Sockets a test leaves open are closed with the process; no warning per socket.
        warnings.simplefilter("ignore", ResourceWarning)
        self._servers = []
        self._tmpdirs = []

    def tmpdir(self):
        path = tempfile.mkdtemp(prefix="roost-test-")
        self._tmpdirs.append(path)
        self.addCleanup(shutil.rmtree, path, True)
        return path

    def start_server(self, *extra_args, log_level="debug", data_dir=None):
        """Starts a server; `data_dir` (kept after the test) lets a test restart on the same data."""
        server = RoostServer(*extra_args, log_level=log_level, data_dir=data_dir)
        self._servers.append(server)
        self.addCleanup(self._stop_server, server)
        server.start()
        return server

    def _stop_server(self, server):
        try:
            if server.proc is not None and server.returncode is None:
                server.stop()
        finally:
            server.cleanup_data()

    def run(self, result=None):
        if result is None:
            return super().run(result)
        before = len(result.failures) + len(result.errors)
        out = super().run(result)
        if len(result.failures) + len(result.errors) > before:
            for i, server in enumerate(getattr(self, "_servers", [])):
                sys.stderr.write(f"\n===== roost server #{i} log ({self.id()}) =====\n")
                sys.stderr.write(f"command: {' '.join(getattr(server, 'command', []))}\n")
                sys.stderr.write(server.log())
                sys.stderr.write(f"\n===== end of roost server #{i} log =====\n")
            sys.stderr.flush()
        return out
