"""bench/compare (docs/performance.md): a quick side-by-side run of `roost bench` against Roost and
Debian's mosquitto prints both brokers' figures and their ratio; a failing run shows as an error in
the table instead of stopping the script. Figures are not judged here: speed belongs to the
benchmarks, these tests check the script's behaviour.
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from roost_server import roost_bin  # noqa: E402

COMPARE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "bench", "compare")

# Stands in for `roost bench`: prints the contract's JSON line, and fails against Roost when asked
# to run QoS 2.
FAKE_BENCH = textwrap.dedent("""\
    import json, sys
    args = sys.argv[1:]
    pid = args[args.index("--pid") + 1]
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        mosquitto = b"mosquitto" in f.read()
    qos = args[args.index("--qos") + 1] if "--qos" in args else "0"
    if qos == "2" and not mosquitto:
        print("connection reset by peer", file=sys.stderr)
        sys.exit(1)
    print("summary")
    print(json.dumps({"scenario": args[0], "throughput": 1000.0 if mosquitto else 4000.0,
                      "latency_us": {"p99": 200.0}, "errors": 0, "lost": 0, "duplicates": 0,
                      "broker_bytes_per_connection": 800.0}))
""")


def table_rows(stdout):
    """Markdown table rows by row name: name -> [Mosquitto, Roost, ratio, target, met]."""
    rows = {}
    for line in stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 6 and cells[0] != "row":
            rows[cells[0]] = cells[1:]
    return rows


class CompareTest(unittest.TestCase):
    def run_compare(self, *args, timeout=50):
        out_file = tempfile.NamedTemporaryFile(prefix="roost-compare-test-", suffix=".jsonl", delete=False)
        out_file.close()
        self.addCleanup(os.unlink, out_file.name)
        cmd = [sys.executable, COMPARE, "--quick", "--markdown", "--roost", roost_bin(),
               "--out", out_file.name] + list(args)
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout)
        with open(out_file.name) as f:
            records = [json.loads(line) for line in f if line.strip()]
        return proc, table_rows(proc.stdout), records

    def test_quick_run_prints_both_brokers_and_the_ratio(self):
        proc, rows, records = self.run_compare("--rows", "qos1-pairs,conn", "--duration", "1",
                                               "--warmup", "0.5")
        detail = f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        self.assertEqual(proc.returncode, 0, detail)
        self.assertEqual(set(rows), {"qos1-pairs", "conn"}, detail)
        mosquitto, roost, ratio, _, met = rows["qos1-pairs"]
        self.assertRegex(mosquitto, r"^[\d,]+ msg/s$", detail)
        self.assertRegex(roost, r"^[\d,]+ msg/s$", detail)
        self.assertRegex(ratio, r"^\d+\.\d\dx$", detail)
        self.assertIn(met, ("yes", "NO"))
        self.assertRegex(rows["conn"][0], r"^-?[\d,]+ B$", detail)
        self.assertRegex(rows["conn"][1], r"^-?[\d,]+ B$", detail)
        self.assertEqual(sorted((r["row"], r["broker"]) for r in records),
                         [("conn", "mosquitto"), ("conn", "roost"),
                          ("qos1-pairs", "mosquitto"), ("qos1-pairs", "roost")])
        for r in records:
            self.assertIsNone(r["error"], r)
            self.assertEqual(r["result"]["lost"], 0, r)
        self.assertIn("mosquitto version", proc.stdout)
        self.assertIn("bench commands", proc.stdout)

    def test_failed_run_is_an_error_in_the_table(self):
        with tempfile.NamedTemporaryFile("w", prefix="fake-bench-", suffix=".py", delete=False) as f:
            f.write(FAKE_BENCH)
        self.addCleanup(os.unlink, f.name)
        proc, rows, records = self.run_compare("--rows", "qos1-pairs,qos2-pairs", "--runs", "2",
                                               "--bench-cmd", f"{sys.executable} {f.name}")
        detail = f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        self.assertEqual(proc.returncode, 1, detail)
        self.assertEqual(rows["qos1-pairs"][:3], ["1,000 msg/s", "4,000 msg/s", "4.00x"], detail)
        self.assertEqual(rows["qos1-pairs"][4], "NO", detail)  # 4x against a target of 5x
        self.assertEqual(rows["qos2-pairs"][0], "1,000 msg/s", detail)
        self.assertIn("error", rows["qos2-pairs"][1], detail)
        self.assertIn("connection reset by peer", rows["qos2-pairs"][1], detail)
        self.assertEqual(rows["qos2-pairs"][2], "error", detail)
        # 2 runs per broker, alternating: the first round starts with mosquitto, the second with roost.
        order = [r["broker"] for r in records if r["row"] == "qos1-pairs"]
        self.assertEqual(order, ["mosquitto", "roost", "roost", "mosquitto"])


if __name__ == "__main__":
    unittest.main()
