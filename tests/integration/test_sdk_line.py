"""The SDK's line_client (libs/sdk) against Roost's TCP line listener, through roost_sdk_probe
--line: subscribe, publish, pushes whose msg holds '&' and '=', latest values, time, heartbeat,
and resubscription after the server restarts."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from roost_server import RoostTestCase, add_tenant  # noqa: E402
from test_line import LineClient  # noqa: E402
from test_sdk_mqtt import Forwarder, Probe  # noqa: E402


class SdkLineTests(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.data = self.tmpdir()
        self.server = self.start_server(data_dir=self.data)
        self.key = add_tenant(self.data)
        self.forwarder = Forwarder(self.server.endpoint("line"))
        self.addCleanup(self.forwarder.close)

    def probe(self, *args):
        """A line probe connected to the server (its "connected" line consumed)."""
        host, port = self.forwarder.address
        p = Probe("--line", "--host", host, "--port", str(port), "--uid", self.key, *args)
        self.addCleanup(p.close)
        p.expect(r"^connected$")
        return p

    def phone(self):
        c = LineClient(self.server.endpoint("line"))
        self.addCleanup(c.close)
        return c

    def test_subscribe_publish_and_pushes_with_ampersands(self):
        p = self.probe()
        p.command("sub led002")
        p.expect(r"^result cmd=1 ok=1$")
        phone = self.phone()
        phone.send(f"cmd=2&uid={self.key}&topic=led002&msg=on#50&x=1")
        phone.expect("cmd=2&res=1")
        p.expect(r"^message cmd=2 topic=led002 msg=on#50&x=1$")
        p.command("pub led002 off&y=2")
        p.expect(r"^result cmd=2 ok=1$")
        p.expect(r"^message cmd=2 topic=led002 msg=off&y=2$")  # comes back to the subscribed sender

    def test_latest_values_with_fetch_and_subscribe_latest(self):
        p = self.probe()
        p.command("pub temp004/up #21#40")
        p.expect(r"^result cmd=2 ok=1$")
        p.command("fetch temp004")
        p.expect(r"^message cmd=9 topic=temp004 msg=#21#40$")
        p.command("sub temp004 latest")
        p.expect(r"^message cmd=3 topic=temp004 msg=#21#40$")

    def test_time_replies(self):
        p = self.probe()
        p.command("time 1")
        p.expect(r"^time text=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
        p.command("time 3")
        m = p.expect(r"^time text=(\d+)$")
        self.assertLess(abs(int(m.group(1)) - time.time()), 5)

    def test_heartbeats_are_answered(self):
        p = self.probe("--heartbeat", "200")
        for _ in range(3):
            p.expect(r"^result cmd=0 ok=1$")
        self.assertEqual(p.status()["connected"], "1")

    def test_resubscribes_and_flushes_the_queue_after_the_server_restarts(self):
        p = self.probe()
        p.command("sub led002")
        p.expect(r"^result cmd=1 ok=1$")
        self.forwarder.upstream = None
        self.server.stop()
        p.expect(r"^disconnected error=closed$")
        p.command("pub led002 while-down")  # waits in the offline queue
        self.server = self.start_server(data_dir=self.data)
        self.forwarder.upstream = self.server.endpoint("line")
        p.expect(r"^result cmd=1 ok=1$")     # the subscription, sent again first
        p.expect(r"^result cmd=2 ok=1$")     # then the queued publish
        p.expect(r"^message cmd=2 topic=led002 msg=while-down$")
        phone = self.phone()
        phone.send(f"cmd=2&uid={self.key}&topic=led002&msg=after")
        phone.expect("cmd=2&res=1")
        p.expect(r"^message cmd=2 topic=led002 msg=after$")
        self.assertEqual(p.status()["reconnects"], "1")


if __name__ == "__main__":
    unittest.main()
