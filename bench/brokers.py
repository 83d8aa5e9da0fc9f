"""Starting and watching the brokers that bench/compare and bench/soak measure. Standard library only.

    roost = find_roost(None)                     # build/release/apps/roost/roost, built if missing
    with RoostBroker(roost, ["--durability", "none"]) as b:
        b.port, b.pid, b.endpoints["mqtt"]       # listening 127.0.0.1:<free port>
    ensure_mosquitto()                           # apt-get install -y mosquitto when missing
    with MosquittoBroker(max_inflight=100) as m:
        m.port, m.pid
    sample_process(pid)                          # {"rss_kb":..., "cpu_ticks":..., "fds":...}

Each broker runs in a temporary directory of its own (config, data, log), removed by stop(); the
log is kept in memory first so that a failure can show it.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ROOST = os.path.join(REPO, "build", "release", "apps", "roost", "roost")
START_TIMEOUT = 20.0
STOP_TIMEOUT = 20.0
LISTENING = re.compile(r"listening (\S+) on (\S+):(\d+)")
FIRST_TENANT_KEY = re.compile(r"\b([0-9a-f]{32})\b")


def log(msg):
    """Progress messages go to stderr, so that stdout holds only the results."""
    print(msg, file=sys.stderr, flush=True)


def find_roost(path):
    """The roost binary: `path` when given (must exist), else the release build's, built with the
    release preset first when it is missing."""
    if path:
        if not os.access(path, os.X_OK):
            raise SystemExit(f"--roost {path}: not an executable file")
        return os.path.abspath(path)
    if not os.access(DEFAULT_ROOST, os.X_OK):
        log(f"{DEFAULT_ROOST} is missing: building it with "
            "`cmake --preset release && cmake --build --preset release --target roost`")
        for cmd in (["cmake", "--preset", "release"],
                    ["cmake", "--build", "--preset", "release", "--target", "roost"]):
            if subprocess.run(cmd, cwd=REPO).returncode != 0:
                raise SystemExit(f"`{' '.join(cmd)}` failed")
    return DEFAULT_ROOST


def mosquitto_path():
    return shutil.which("mosquitto") or ("/usr/sbin/mosquitto" if os.access("/usr/sbin/mosquitto", os.X_OK) else None)


def ensure_mosquitto():
    """The path of Debian's mosquitto, installed with apt-get when missing (root needed). The
    package's system service is stopped and disabled right after such an install: the benchmarks
    start brokers of their own and never use it."""
    path = mosquitto_path()
    if path:
        return path
    if os.geteuid() != 0:
        raise SystemExit("mosquitto is not installed and installing it needs root: "
                         "run `apt-get install -y mosquitto` as root (or run this script as root)")
    log("mosquitto is missing: apt-get install -y mosquitto")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(["apt-get", "install", "-y", "mosquitto"], env=env).returncode != 0:
        raise SystemExit("apt-get install -y mosquitto failed")
    if shutil.which("systemctl") and os.path.isdir("/run/systemd/system"):
        subprocess.run(["systemctl", "disable", "--now", "mosquitto.service"], capture_output=True)
    elif os.access("/etc/init.d/mosquitto", os.X_OK):
        subprocess.run(["/etc/init.d/mosquitto", "stop"], capture_output=True)
    path = mosquitto_path()
    if not path:
        raise SystemExit("mosquitto is still missing after apt-get install")
    return path


def free_port():
    """A TCP port on 127.0.0.1 that nothing listened on a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accepting(host, port):
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def wait_accepting(proc, host, port, timeout=None):
    """Waits until `host`:`port` accepts connections (True) or `proc` exits or `timeout` seconds
    (START_TIMEOUT by default) pass (False)."""
    deadline = time.monotonic() + (START_TIMEOUT if timeout is None else timeout)
    while time.monotonic() < deadline and proc.poll() is None:
        if accepting(host, port):
            return True
        time.sleep(0.05)
    return False


def raise_fd_limit():
    """Raises this process's soft RLIMIT_NOFILE to the hard limit (children inherit it) and
    returns the limit."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


class Broker:
    """A broker process in a temporary directory: start(), then host, port, pid; stop()."""

    name = "broker"

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix=f"roost-bench-{self.name}-")
        self.log_path = os.path.join(self.dir, "broker.log")
        self.host = "127.0.0.1"
        self.port = None
        self.proc = None
        self.returncode = None

    @property
    def pid(self):
        return self.proc.pid

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, lines=20):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def _spawn(self, cmd):
        self.command = cmd
        with open(self.log_path, "ab") as out:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                         cwd=self.dir)

    def stop(self, remove=True):
        """SIGTERM, then SIGKILL after STOP_TIMEOUT; returns the exit status. Removes the directory
        unless `remove` is false."""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            self.returncode = self.proc.returncode
        if remove:
            shutil.rmtree(self.dir, ignore_errors=True)
        return self.returncode

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class RoostBroker(Broker):
    """`roost serve` with `args` added to: the plain MQTT listener on 127.0.0.1 port 0, its data in
    the temporary directory. The ports come from its `listening NAME on HOST:PORT` log lines
    (endpoints: name -> port)."""

    name = "roost"

    def __init__(self, roost, args, listeners=("mqtt",)):
        super().__init__()
        self.roost = roost
        self.args = list(args)
        self.listeners = listeners
        self.endpoints = {}
        self.data_dir = os.path.join(self.dir, "data")

    def start(self):
        cmd = [self.roost, "serve", "--mqtt", "127.0.0.1:0", "--data", self.data_dir,
               "--log-level", "info"] + self.args
        self._spawn(cmd)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            with open(self.log_path, errors="replace") as f:
                text = f.read()
            self.endpoints = {m.group(1): int(m.group(3)) for m in LISTENING.finditer(text)}
            if all(name in self.endpoints for name in self.listeners):
                self.port = self.endpoints["mqtt"]
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop_quietly()
        raise RuntimeError(f"roost did not start: {' '.join(cmd)}\n{self.log_tail()}")

    def first_tenant_key(self):
        """The private key the first start printed (in the log), or None."""
        with open(self.log_path, errors="replace") as f:
            for line in f:
                if "tenant" in line and "key" in line:
                    m = FIRST_TENANT_KEY.search(line)
                    if m:
                        return m.group(1)
        return None

    def stop_quietly(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class MosquittoBroker(Broker):
    """Debian's mosquitto with a generated configuration (see bench/compare for why each line)."""

    name = "mosquitto"

    def __init__(self, mosquitto, max_inflight=100):
        super().__init__()
        self.mosquitto = mosquitto
        self.max_inflight = max_inflight

    def config(self, port):
        return "\n".join([
            f"listener {port} 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            "set_tcp_nodelay true",
            f"max_inflight_messages {self.max_inflight}",
            "max_queued_messages 0",
            "max_connections -1",
            "sys_interval 0",
            "log_dest stderr",  # the process's stderr is the log file (mosquitto may drop root)
            "log_type error",
            "log_type warning",
            "connection_messages false",
            "",
        ])

    def start(self):
        for _ in range(5):
            port = free_port()
            conf = os.path.join(self.dir, "mosquitto.conf")
            with open(conf, "w") as f:
                f.write(self.config(port))
            self._spawn([self.mosquitto, "-c", conf])
            if wait_accepting(self.proc, self.host, port):
                self.port = port
                return self
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
        raise RuntimeError(f"mosquitto did not start\n{self.log_tail()}")


def sample_process(pid):
    """The process's resident memory (kB), CPU time (clock ticks, user + system) and open file
    descriptors, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        rss_kb = None
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss_kb = int(line.split()[1])
        fds = len(os.listdir(f"/proc/{pid}/fd"))
    except (OSError, IndexError, ValueError):
        return None
    # fields[0] is the state (field 3); utime and stime are fields 14 and 15.
    return {"rss_kb": rss_kb, "cpu_ticks": int(fields[11]) + int(fields[12]), "fds": fds}


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def machine_description():
    """nproc, CPU model, kernel: one line."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Linux {os.uname().release}"


def first_line_of(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"({e})"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else "(no output)"
