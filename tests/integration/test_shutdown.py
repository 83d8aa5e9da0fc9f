"""Graceful shutdown: SIGTERM closes every client connection and the server exits with 0."""

import os
import signal
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import RawClient, connected, publish_packet  # noqa: E402
from roost_server import STOP_TIMEOUT, RoostTestCase  # noqa: E402


class ShutdownTests(RoostTestCase):

    def test_sigterm_closes_clients_and_exits_zero(self):
        s = self.start_server()
        clients = [
            connected(s.address, "plain"),
            connected(s.address, "persistent", clean=False),
            connected(s.address, "with-will", will=("will/t", b"bye", 1, False)),
        ]
        clients[0].subscribe([("x/#", 1)])
        clients[1].subscribe([("y/+", 2)])
        half_open = RawClient(s.address, name="not yet connected")
        s.signal(signal.SIGTERM)
        for c in clients + [half_open]:
            c.expect_closed(timeout=STOP_TIMEOUT)
        self.assertEqual(s.wait_exit(STOP_TIMEOUT), 0, "exit status after SIGTERM")

    def test_sigterm_while_messages_flow_exits_zero(self):
        s = self.start_server()
        sub = connected(s.address, "sub")
        sub.subscribe([("flow/t", 1)])
        pub = connected(s.address, "pub")
        batch = b"".join(publish_packet("flow/t", b"x" * 100, qos=1, packet_id=i % 60000 + 1)
                         for i in range(20000))
        sender = threading.Thread(target=pub.try_send, args=(batch,), daemon=True)
        sender.start()
        sub.expect_publish(timeout=10)  # the stream is under way
        s.signal(signal.SIGTERM)
        pub.expect_closed(timeout=STOP_TIMEOUT)
        sub.expect_closed(timeout=STOP_TIMEOUT)
        self.assertEqual(s.wait_exit(STOP_TIMEOUT), 0, "exit status after SIGTERM under load")
        sender.join(timeout=5)

    def test_sigint_exits_zero(self):
        s = self.start_server()
        c = connected(s.address, "c")
        s.signal(signal.SIGINT)
        c.expect_closed(timeout=STOP_TIMEOUT)
        self.assertEqual(s.wait_exit(STOP_TIMEOUT), 0, "exit status after SIGINT")


if __name__ == "__main__":
    unittest.main()
