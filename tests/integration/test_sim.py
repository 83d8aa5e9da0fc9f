"""`roost sim` against a real `roost serve` (docs/simulator.md): fleets of typed devices and of the
reference LED application, over MQTT and the line protocol, checked through the native HTTP API
(`GET /api/v1/topics`, the endpoint the console's topic list polls, with its `value` and `online`
fields).

Commands reach the simulated devices the way an app sends them: paho on the Bemfa MQTT listener
with the tenant's key as client id, or a line-protocol `cmd=2`. Every wait polls the API until a
condition holds or a deadline passes.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from native_api import NativeApi  # noqa: E402
from paho_client import Paho  # noqa: E402
from roost_server import RoostTestCase, roost_bin  # noqa: E402
from test_line import LineClient  # noqa: E402

WAIT = 15.0
SENSOR_VALUE = re.compile(r"#\d+\.\d#\d+")
SUMMARY = re.compile(r"done: .* connected (\d+)/(\d+)")


class Sim:
    """A running `roost sim`; stderr (status lines, summary) drained by a thread."""

    def __init__(self, server, *args, line=False, key=None):
        host, port = server.endpoint("line" if line else "bemfa")
        self.command = [roost_bin(), "sim", "--server", f"{host}:{port}",
                        "--key", key or server.default_key()] + (["--line"] if line else []) + \
                       [str(a) for a in args]
        self.proc = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        self.lines = []
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self):
        for raw in iter(self.proc.stderr.readline, b""):
            self.lines.append(raw.decode(errors="replace").rstrip("\n"))

    def wait(self, timeout):
        """Waits for the process to end by itself; returns its exit status."""
        rc = self.proc.wait(timeout=timeout)
        self._reader.join(timeout=5)
        return rc

    def stop(self, timeout=10):
        """SIGTERM; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.wait(timeout)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def summary(self):
        for line in reversed(self.lines):
            if line.startswith("done: "):
                return line
        return None

    def log(self):
        return f"command: {' '.join(self.command)}\n" + "\n".join(self.lines[-50:])


def publish_with_paho(address, key, topic, message):
    """Connects with the tenant's key as client id (as apps do), publishes at QoS 1, disconnects."""
    client = Paho(address, key)
    try:
        client.connect().publish(topic, message, qos=1)
    finally:
        client.stop()


def publish_with_line(address, key, topic, message):
    """A line-protocol publish (cmd=2); waits for its `cmd=2&res=1`."""
    client = LineClient(address)
    try:
        client.send(f"cmd=2&uid={key}&topic={topic}&msg={message}")
        reply = client.read_line(WAIT)
    finally:
        client.sock.close()
    if reply is None or not reply.startswith("cmd=2&res=1"):
        raise AssertionError(f"line publish to {topic}: reply {reply!r}")


class SimTestCase(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.start_server(log_level="info")
        self.key = self.server.default_key()
        self.api = NativeApi(self.server.endpoint("http"), self.key)
        self._sims = []

    def tearDown(self):
        for s in self._sims:
            s.kill()
        super().tearDown()

    def run(self, result=None):
        before = len(result.failures) + len(result.errors) if result else 0
        out = super().run(result)
        if result is not None and len(result.failures) + len(result.errors) > before:
            for s in getattr(self, "_sims", []):
                sys.stderr.write(f"\n===== roost sim ({self.id()}) =====\n{s.log()}\n")
        return out

    def sim(self, *args, line=False):
        s = Sim(self.server, *args, line=line)
        self._sims.append(s)
        return s

    def topics(self, ns):
        """{name: Topic} of the namespace, from the API the console polls."""
        status, body, _ = self.api.call("GET", f"/api/v1/topics?ns={ns}")
        self.assertEqual(status, 200, body)
        return {t["name"]: t for t in body["topics"]}

    def wait_topics(self, ns, condition, what, timeout=WAIT):
        """Polls the topic list until condition(topics) is true; returns the topics."""
        deadline = time.monotonic() + timeout
        while True:
            topics = self.topics(ns)
            if condition(topics):
                return topics
            if time.monotonic() >= deadline:
                raise AssertionError(f"not within {timeout} s: {what}")
            time.sleep(0.1)

    def wait_value(self, ns, name, value, timeout=WAIT):
        return self.wait_topics(ns, lambda t: name in t and t[name]["value"] == value,
                                f"{ns}/{name} has the value {value!r}", timeout)[name]

    def send(self, ns, name, message):
        """A command to topic `name` of namespace `ns` the way an app sends it: paho on the Bemfa
        listener for "mqtt", a line-protocol cmd=2 for "tcp"."""
        if ns == "mqtt":
            publish_with_paho(self.server.endpoint("bemfa"), self.key, name, message)
        else:
            publish_with_line(self.server.endpoint("line"), self.key, name, message)

    def command(self, ns, name, message, reported=None):
        """send(), then waits until the device reports `reported` (by default `message`) on `name`."""
        self.send(ns, name, message)
        return self.wait_value(ns, name, reported or message)

    def wait_online(self, ns, name, timeout=WAIT):
        return self.wait_topics(ns, lambda t: name in t and t[name]["online"] == 1 and t[name]["value"] is not None,
                                f"{ns}/{name} online with a value", timeout)[name]


class SimFleetTests(SimTestCase):

    def test_thousand_sensors_connect_and_report_and_the_online_counts_match(self):
        n = 1000
        started = time.monotonic()
        sim = self.sim("--kind", "sensor", "--count", n, "--connect-rate", 1000, "--interval", 5)
        names = {f"sensor{i}004" for i in range(1, n + 1)}

        def all_reported(topics):
            return all(name in topics and topics[name]["value"] is not None and topics[name]["online"] == 1
                       for name in names)

        topics = self.wait_topics("mqtt", all_reported, f"all {n} sensors online with a value", timeout=45)
        elapsed = time.monotonic() - started
        sensors = [topics[name] for name in names]
        self.assertEqual(sum(t["online"] for t in sensors), n)
        self.assertEqual(sum(1 for t in topics.values() if t["online"] > 0), n, "online topics beyond the fleet")
        for t in sensors:
            self.assertRegex(t["value"], SENSOR_VALUE)
            self.assertEqual(t["type"], "sensor")
        sys.stderr.write(f"\n{n} sensors connected and reported within {elapsed:.1f} s\n")

        self.assertEqual(sim.stop(timeout=15), 0, sim.log())
        summary = sim.summary()
        self.assertIsNotNone(summary, sim.log())
        m = SUMMARY.search(summary)
        self.assertEqual((int(m.group(1)), int(m.group(2))), (n, n), summary)
        self.assertIn(f"all {n} connected after", summary)
        # Stopped devices said goodbye: the console shows them offline.
        self.wait_topics("mqtt", lambda t: all(t[name]["online"] == 0 for name in names), "all sensors offline")

    def test_duration_ends_the_run_with_status_0(self):
        sim = self.sim("--kind", "switch", "--count", 3, "--duration", 1.5)
        self.assertEqual(sim.wait(timeout=15), 0, sim.log())
        summary = sim.summary()
        self.assertIsNotNone(summary, sim.log())
        self.assertIn("connected 3/3", summary)
        self.assertEqual(self.topics("mqtt")["switch2006"]["value"], "off")

    def test_sigint_ends_the_run_with_status_0(self):
        sim = self.sim("--kind", "light")
        self.wait_online("mqtt", "light1002")
        sim.proc.send_signal(signal.SIGINT)
        self.assertEqual(sim.wait(timeout=10), 0, sim.log())
        self.wait_topics("mqtt", lambda t: t["light1002"]["online"] == 0, "light1002 offline")

    def test_status_lines_without_a_terminal_name_the_counters(self):
        sim = self.sim("--kind", "switch", "--count", 2, "--duration", 6)
        self.assertEqual(sim.wait(timeout=20), 0, sim.log())
        status = [line for line in sim.lines if re.match(r"\d+\.\d s  connected \d+/2  in \d+  out \d+  "
                                                         r"reconnects \d+  failed \d+$", line)]
        self.assertGreaterEqual(len(status), 1, sim.log())
        self.assertTrue(all("\r" not in line for line in sim.lines))


class SimKindTests(SimTestCase):

    def test_light_over_mqtt_applies_a_command_and_reports_its_state(self):
        self.sim("--kind", "light", "--count", 2)
        self.wait_online("mqtt", "light1002")
        self.wait_value("mqtt", "light1002", "off")
        self.command("mqtt", "light1002", "on#50#255")
        self.command("mqtt", "light1002", "off")
        # `on` alone: the light comes back with its brightness and colour
        self.command("mqtt", "light1002", "on", reported="on#50#255")
        self.assertEqual(self.wait_value("mqtt", "light2002", "off")["online"], 1)

    def test_light_over_the_line_protocol(self):
        self.sim("--kind", "light", "--topic", "lamp{n}002", line=True)
        self.wait_online("tcp", "lamp1002")
        self.wait_value("tcp", "lamp1002", "off")
        self.command("tcp", "lamp1002", "on#80#16711680")

    def test_switch_over_mqtt_and_over_the_line_protocol(self):
        self.sim("--kind", "switch")
        self.sim("--kind", "switch", line=True)
        self.wait_value("mqtt", "switch1006", "off")
        self.wait_value("tcp", "switch1006", "off")
        self.command("mqtt", "switch1006", "on")
        self.command("tcp", "switch1006", "on")
        self.command("tcp", "switch1006", "off")
        self.assertEqual(self.topics("mqtt")["switch1006"]["value"], "on")  # namespaces are separate

    def test_curtain_moves_to_a_position_and_reports_it(self):
        self.sim("--kind", "curtain")
        self.wait_value("mqtt", "curtain1009", "off")
        self.command("mqtt", "curtain1009", "on#30")
        self.command("mqtt", "curtain1009", "off")

    def test_curtain_over_the_line_protocol(self):
        self.sim("--kind", "curtain", line=True)
        self.wait_value("tcp", "curtain1009", "off")
        self.command("tcp", "curtain1009", "on#20")

    def test_sensor_over_the_line_protocol_reports_every_interval(self):
        self.sim("--kind", "sensor", "--interval", 0.3, line=True)
        self.wait_online("tcp", "sensor1004")
        deadline = time.monotonic() + WAIT
        while len(self.history("tcp", "sensor1004", 10)) < 4:
            self.assertLess(time.monotonic(), deadline, "fewer than 4 sensor reports")
            time.sleep(0.2)
        for item in self.history("tcp", "sensor1004", 10):
            self.assertRegex(item["value"], SENSOR_VALUE)

    def test_led_kind_runs_the_reference_application(self):
        self.sim("--kind", "led", "--count", 2)
        self.wait_value("mqtt", "ledstate1", "led off")
        self.wait_value("mqtt", "ledstate2", "led off")
        self.assertEqual(self.topics("mqtt")["ledctrl1"]["online"], 1)
        self.send("mqtt", "ledctrl1", "on")
        self.wait_value("mqtt", "ledstate1", "led on")
        self.assertEqual(self.topics("mqtt")["ledstate2"]["value"], "led off")
        # the beat: `putting` on bafa<n> and a counter on Time<n> every 3 s
        self.wait_value("mqtt", "bafa2", "putting")
        topics = self.wait_topics("mqtt", lambda t: "Time1" in t and t["Time1"]["value"] not in (None, "1"),
                                  "Time1 counted past 1")
        self.assertGreaterEqual(int(topics["Time1"]["value"]), 2)

    def test_a_single_led_device_uses_the_seed_topics(self):
        self.sim("--kind", "led")
        self.wait_value("mqtt", "ledstate", "led off")
        self.assertEqual(self.topics("mqtt")["ledctrl"]["online"], 1)

    def history(self, ns, name, limit):
        status, body, _ = self.api.call("GET", f"/api/v1/topics/{ns}/{name}/history?limit={limit}")
        self.assertEqual(status, 200, body)
        return body["items"]


class SimExitStatusTests(SimTestCase):

    def run_sim(self, *args, timeout=15):
        out = subprocess.run([roost_bin(), "sim"] + [str(a) for a in args], stdin=subprocess.DEVNULL,
                             capture_output=True, timeout=timeout)
        return out.returncode, out.stderr.decode(errors="replace")

    def test_options_that_do_not_fit_together_exit_2(self):
        rc, err = self.run_sim("--key", self.key, "--kind", "led", "--line")
        self.assertEqual(rc, 2, err)
        self.assertIn("MQTT only", err)
        rc, err = self.run_sim("--key", self.key, "--topic", "light/{n}002")
        self.assertEqual(rc, 2, err)
        self.assertIn("not a topic name", err)
        rc, err = self.run_sim("--key", self.key, "--server", "host:0")
        self.assertEqual(rc, 2, err)

    def test_no_device_ever_connected_exits_3(self):
        with socket.socket() as s:  # a port nobody listens on
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        rc, err = self.run_sim("--server", f"127.0.0.1:{port}", "--key", self.key, "--count", 2, "--duration", 1)
        self.assertEqual(rc, 3, err)
        self.assertIn("0 of 2 ever connected", err)
        self.assertRegex(err, r"failed [1-9]")


if __name__ == "__main__":
    unittest.main()
