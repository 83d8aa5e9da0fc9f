"""`roost bench` against a real `roost serve` and against Debian's mosquitto: every scenario at QoS
0/1/2 with short runs, the open loop's rate, idle connections with the broker's memory, persistent
sessions, and the exit statuses for refused connections and descriptor limits (docs/performance.md).

Runs are short (--warmup 0.5 -d 1); the figures are checked for consistency (nothing lost or
duplicated at QoS 1/2, every expected delivery received), never for speed.
"""

import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mosquitto_broker import mosquitto_test_case  # noqa: E402
from roost_server import RoostTestCase, make_password_file, roost_bin  # noqa: E402

SHORT = ["--warmup", "0.5", "-d", "1", "--drain", "5", "--no-progress"]
TIMEOUT = 60


def bench(host, port, *args):
    """Runs `roost bench ARGS` against host:port; returns (exit status, JSON of the last line,
    stdout, stderr)."""
    cmd = [roost_bin(), "bench", "-h", host, "-p", str(port)] + [str(a) for a in args]
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    stdout = out.stdout.decode(errors="replace")
    lines = stdout.strip().splitlines()
    result = None
    if lines:
        try:
            result = json.loads(lines[-1])
        except ValueError:
            result = None
    return out.returncode, result, stdout, out.stderr.decode(errors="replace")


class BenchTestCase(RoostTestCase):
    def start_broker(self, *args):
        return self.start_server("--durability", "none", *args, log_level="info")

    def assert_clean_run(self, broker, *args):
        """A run that must exit 0 with every delivery accounted for; returns its JSON."""
        rc, result, stdout, stderr = bench(broker.host, broker.port, *args)
        self.assertEqual(rc, 0, f"roost bench {' '.join(map(str, args))}\n{stdout}\n{stderr}")
        self.assertIsNotNone(result, stdout)
        self.assertEqual(result["errors"], 0)
        self.assertGreater(result["received"], 0)
        self.assertGreater(result["throughput"], 0)
        if result["qos"] > 0:
            self.assertEqual(result["lost"], 0)
            self.assertEqual(result["expected"], result["received"])
            self.assertEqual(result["duplicates"], 0)
        self.assertGreater(result["latency_us"]["p50"], 0)
        self.assertLessEqual(result["latency_us"]["p50"], result["latency_us"]["max"])
        return result


class BenchOnRoost(BenchTestCase):
    def check_scenario(self, scenario, *extra):
        broker = self.start_broker()
        for qos in (0, 1, 2):
            with self.subTest(qos=qos):
                result = self.assert_clean_run(broker, scenario, "-q", qos, *SHORT, *extra)
                self.assertEqual(result["scenario"], scenario)
                self.assertEqual(result["qos"], qos)

    def test_pairs_each_qos(self):
        self.check_scenario("pairs")

    def test_fanin_each_qos(self):
        self.check_scenario("fanin", "--publishers", 4)

    def test_fanout_each_qos(self):
        broker = self.start_broker()
        for qos in (0, 1, 2):
            with self.subTest(qos=qos):
                result = self.assert_clean_run(broker, "fanout", "-q", qos, "--subscribers", 8, *SHORT)
                self.assertEqual(result["connections"], 9)
                if qos > 0:
                    self.assertEqual(result["expected"], 8 * result["sent"])

    def test_json_line_has_the_contract_keys(self):
        broker = self.start_broker()
        result = self.assert_clean_run(broker, "pairs", "-q", 1, "--pairs", 2, *SHORT, "--json",
                                       "--pid", broker.proc.pid)
        for key in ("scenario", "mqtt", "qos", "size", "publishers", "subscribers", "connections",
                    "rate", "inflight", "window", "warmup_s", "duration_s", "sent", "expected",
                    "received", "lost", "duplicates", "errors", "throughput", "publish_rate",
                    "latency_us", "bench_cpu_pct", "broker_cpu_pct", "broker_rss_kb"):
            self.assertIn(key, result)
        for key in ("p50", "p90", "p99", "p999", "max"):
            self.assertIn(key, result["latency_us"])
        self.assertEqual(result["mqtt"], "3.1.1")
        self.assertEqual(result["publishers"], 2)
        self.assertIsNotNone(result["broker_cpu_pct"])
        self.assertGreater(result["broker_rss_kb"], 0)

    def test_two_threads(self):
        broker = self.start_broker()
        self.assert_clean_run(broker, "pairs", "-q", 1, "--threads", 2, *SHORT)

    def test_open_loop_keeps_the_rate(self):
        broker = self.start_broker()
        result = self.assert_clean_run(broker, "pairs", "-q", 1, "-r", 2000, "--warmup", "0.5", "-d", 2,
                                       "--no-progress")
        self.assertAlmostEqual(result["publish_rate"], 2000, delta=400)
        self.assertEqual(result["rate"], 2000)

    def test_persistent_subscriber_sessions(self):
        broker = self.start_broker()
        self.assert_clean_run(broker, "pairs", "-q", 1, "--pairs", 4, "--clean", "false", *SHORT)

    def test_idle_connections_report_broker_memory(self):
        broker = self.start_broker()
        rc, result, stdout, stderr = bench(broker.host, broker.port, "conn", "--connections", 500,
                                           "-d", 1, "--pid", broker.proc.pid, "--no-progress")
        self.assertEqual(rc, 0, stdout + stderr)
        self.assertEqual(result["connected"], 500)
        self.assertEqual(result["errors"], 0)
        self.assertGreater(result["connect_rate"], 0)
        self.assertIsNotNone(result["broker_rss_before_kb"])
        self.assertIsNotNone(result["broker_bytes_per_connection"])
        self.assertIn("bytes per connection", stdout)

    def test_too_many_connections_exit_2_naming_the_limit(self):
        rc, _, _, stderr = bench("127.0.0.1", 1, "conn", "--connections", 100000, "--no-progress")
        self.assertEqual(rc, 2)
        self.assertIn("needs 100010 file descriptors", stderr)
        self.assertIn("ulimit -n", stderr)

    def test_mqtt_5_pairs_at_qos_1(self):
        broker = self.start_broker()
        self.assert_clean_run(broker, "pairs", "-V", 5, "-q", 1, "--pairs", 2, *SHORT)

    def test_wrong_password_is_an_error(self):
        path = os.path.join(self.tmpdir(), "passwords")
        make_password_file(path, {"alice": "wonderland"})
        broker = self.start_broker("--password-file", path, "--allow-anonymous", "false")
        rc, result, stdout, stderr = bench(broker.host, broker.port, "pairs", "--pairs", 1, "-u", "alice",
                                           "--password", "wrong", *SHORT)
        self.assertEqual(rc, 1, stdout + stderr)
        self.assertGreater(result["errors"], 0)
        self.assertIn("0x04", stderr)
        self.assert_clean_run(broker, "pairs", "--pairs", 1, "-u", "alice", "--password", "wonderland",
                              *SHORT)


class BenchOnMosquitto(BenchTestCase):
    def test_qos1_pairs(self):
        self.assert_clean_run(mosquitto_test_case(self), "pairs", "-q", 1, *SHORT)

    def test_mqtt_5_each_qos(self):
        broker = mosquitto_test_case(self)
        for qos in (0, 1, 2):
            with self.subTest(qos=qos):
                result = self.assert_clean_run(broker, "fanout", "-V", 5, "-q", qos, "--subscribers", 4, *SHORT)
                self.assertEqual(result["mqtt"], "5")

    def test_mqtt_5_persistent_sessions(self):
        self.assert_clean_run(mosquitto_test_case(self), "pairs", "-V", 5, "-q", 1, "--pairs", 2,
                              "--clean", "false", *SHORT)


if __name__ == "__main__":
    unittest.main()
