"""The HTTP listener (libs/server/src/http_connection.cpp) and MQTT over WebSocket
(ws_mqtt_connection.cpp): HTTP/1.1 framing, keep-alive and pipelining, limits, malformed input,
and MQTT exchanged between WebSocket clients and TCP clients of the `bemfa` and `mqtt` listeners.

HTTP is spoken over raw sockets (HttpSocket below) so the tests see exactly what the server sends;
WebSocket frames are built by hand (tests/support/ws_raw.py).
"""

import json
import os
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import (RawClient, connect_packet, publish_packet, read_within,  # noqa: E402
                      subscribe_packet, SUBACK, CONNACK)
from roost_server import RoostTestCase  # noqa: E402
from ws_raw import TEXT, WsMqttClient, http_upgrade  # noqa: E402

WAIT = 5.0


class HttpSocket:
    """One TCP connection speaking HTTP/1.1 by hand: send raw requests, read whole responses
    (status, lower-case headers, body by Content-Length)."""

    def __init__(self, address, timeout=WAIT):
        self.sock = socket.create_connection(tuple(address), timeout=timeout)
        self.timeout = timeout
        self.buf = b""

    def close(self):
        self.sock.close()

    def send(self, data):
        self.sock.sendall(data if isinstance(data, bytes) else data.encode())

    def request(self, method, path, headers=None, body=b""):
        lines = [f"{method} {path} HTTP/1.1", "Host: test"]
        for k, v in (headers or {}).items():
            lines.append(f"{k}: {v}")
        if body or method in ("POST", "PUT"):
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    def _fill(self, deadline):
        chunk = read_within(self.sock, deadline)
        if chunk is None:
            raise AssertionError(f"no complete response within {self.timeout} s (have {self.buf[:200]!r})")
        if not chunk:
            return False
        self.buf += chunk
        return True

    def response(self, head=False):
        """The next response: (status, headers, body). `head`: the request was HEAD (no body)."""
        deadline = time.monotonic() + self.timeout
        while b"\r\n\r\n" not in self.buf:
            if not self._fill(deadline):
                raise AssertionError(f"connection closed before a response head (have {self.buf!r})")
        raw_head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = raw_head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = 0 if head or status in (204, 304) else int(headers.get("content-length", "0"))
        while len(self.buf) < length:
            if not self._fill(deadline):
                raise AssertionError("connection closed in the middle of a body")
        body, self.buf = self.buf[:length], self.buf[length:]
        return status, headers, body

    def closed_by_server(self, timeout=WAIT):
        """True once the server closes (reading and dropping anything else it sends first)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._fill(deadline):
                return True
        return False


def error_code(body):
    return json.loads(body)["error"]["code"]


class HttpServerTest(RoostTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.start_server()
        self.http = self.server.endpoint("http")

    def connect(self):
        s = HttpSocket(self.http)
        self.addCleanup(s.close)
        return s

    # -- HTTP ------------------------------------------------------------------------------------

    def test_unknown_path_gets_a_json_404(self):
        c = self.connect()
        c.send(c.request("GET", "/api/no/such/path"))
        status, headers, body = c.response()
        self.assertEqual(status, 404)
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(headers["server"], "roost")
        self.assertEqual(error_code(body), "not_found")

    def test_keep_alive_serves_several_requests_on_one_connection(self):
        c = self.connect()
        for i in range(5):
            c.send(c.request("GET", f"/api/missing/{i}"))
            status, headers, body = c.response()
            self.assertEqual(status, 404)
            self.assertIn(f"/api/missing/{i}", json.loads(body)["error"]["message"])
            self.assertNotEqual(headers.get("connection", "").lower(), "close")
        # The server logs each request with its connection's remote address: one for all five.
        remote = "127.0.0.1:%d" % c.sock.getsockname()[1]
        # The log line may reach the log reader after the response reaches us.
        self.assertIsNotNone(self.server.wait_for_log(r"GET /api/missing/4 -> 404"))
        served = [line for line in self.server.log().splitlines() if "GET /api/missing/" in line]
        self.assertEqual(len(served), 5, served)
        self.assertTrue(all(f"http {remote} GET" in line for line in served), served)

    def test_pipelined_requests_are_answered_in_order(self):
        c = self.connect()
        c.send(b"".join(c.request("GET", f"/api/p/{i}") for i in range(4)))
        for i in range(4):
            status, _, body = c.response()
            self.assertEqual(status, 404)
            self.assertIn(f"/api/p/{i}", json.loads(body)["error"]["message"])

    def test_connection_close_is_honoured(self):
        c = self.connect()
        c.send(c.request("GET", "/api/x", {"Connection": "close"}))
        status, headers, _ = c.response()
        self.assertEqual(status, 404)
        self.assertEqual(headers["connection"].lower(), "close")
        self.assertTrue(c.closed_by_server())

    def test_http_1_0_closes_after_the_response(self):
        c = self.connect()
        c.send(b"GET /api/x HTTP/1.0\r\n\r\n")
        status, _, _ = c.response()
        self.assertEqual(status, 404)
        self.assertTrue(c.closed_by_server())

    def test_head_sends_the_length_of_get_but_no_body(self):
        for path in ("/api/v1/openapi.json", "/"):
            with self.subTest(path=path):
                c = self.connect()
                c.send(c.request("GET", path))
                status, _, get_body = c.response()
                self.assertEqual(status, 200)
                self.assertGreater(len(get_body), 0)
                # HEAD then GET pipelined: a body after the HEAD would corrupt the second response.
                c.send(c.request("HEAD", path) + c.request("GET", path))
                status, headers, body = c.response(head=True)
                self.assertEqual(status, 200)
                self.assertEqual(body, b"")
                self.assertEqual(int(headers["content-length"]), len(get_body))
                status, _, body = c.response()
                self.assertEqual(status, 200)
                self.assertEqual(body, get_body)

    def test_percent_encoded_path_is_decoded(self):
        c = self.connect()
        c.send(c.request("GET", "/api/v1/openapi%2Ejson"))
        status, _, body = c.response()
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["openapi"][:2], "3.")

    def test_malformed_request_gets_400_and_the_server_serves_others(self):
        for garbage in (b"GARBAGE\r\n\r\n", b"GET /x HTTP/9.9\r\n\r\n", b"GET nopath HTTP/1.1\r\n\r\n",
                        b"\x00\x01\x02\xff\xfe\r\n\r\n", b"GET /x HTTP/1.1\r\nBad Header\r\n\r\n",
                        b"GET /%zz HTTP/1.1\r\n\r\n", b"GET /a%00b HTTP/1.1\r\n\r\n",
                        b"POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n"):
            c = self.connect()
            c.send(garbage)
            status, headers, body = c.response()
            self.assertEqual(status, 400, garbage)
            self.assertEqual(error_code(body), "bad_request", garbage)
            self.assertEqual(headers["connection"].lower(), "close", garbage)
            self.assertTrue(c.closed_by_server(), garbage)
        c = self.connect()
        c.send(c.request("GET", "/api/after"))
        self.assertEqual(c.response()[0], 404)

    def test_header_over_the_limit_gets_431(self):
        c = self.connect()
        c.send(c.request("GET", "/api/x", {"X-Big": "a" * 20000}))
        status, _, body = c.response()
        self.assertEqual(status, 431)
        self.assertEqual(error_code(body), "too_large")
        self.assertTrue(c.closed_by_server())

    def test_body_over_the_limit_gets_413_without_being_read(self):
        config = os.path.join(self.tmpdir(), "roost.toml")
        with open(config, "w") as f:
            f.write("[http]\nmax_body = 2048\nmax_firmware = 4096\n")
        server = self.start_server("--config", config)
        c = HttpSocket(server.endpoint("http"))
        self.addCleanup(c.close)
        c.send(b"POST /va/postmsg HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100000)
        status, headers, body = c.response()
        self.assertEqual(status, 413)
        self.assertEqual(error_code(body), "too_large")
        self.assertIn("4096", json.loads(body)["error"]["message"])
        self.assertTrue(c.closed_by_server())
        # Chunked: the limit applies to what arrives.
        c = HttpSocket(server.endpoint("http"))
        self.addCleanup(c.close)
        chunk = b"x" * 3000
        c.send(b"POST /va/postmsg HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" +
               (b"%x\r\n" % len(chunk) + chunk + b"\r\n") * 2 + b"0\r\n\r\n")
        status, _, body = c.response()
        self.assertEqual(status, 413)
        self.assertEqual(error_code(body), "too_large")

    def test_body_within_the_limit_reaches_the_application(self):
        c = self.connect()
        c.send(c.request("POST", "/api/v1/topics", {"Content-Type": "application/json",
                                                  "Authorization": "Bearer " + "0" * 32},
                         b'{"namespace":"mqtt","name":"x"}'))
        status, _, body = c.response()
        self.assertEqual(status, 401)  # read in full and handled: the key is wrong
        self.assertEqual(error_code(body), "unauthorized")

    def test_expect_100_continue_gets_100_first(self):
        c = self.connect()
        c.send(b"POST /api/x HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        status, _, _ = c.response(head=True)
        self.assertEqual(status, 100)
        c.send(b"hello")
        self.assertEqual(c.response()[0], 404)

    def test_a_slow_client_does_not_block_others(self):
        slow = self.connect()
        slow.send(b"GET /api/slow HTTP/1.1\r\nHost: t\r\n")  # the head never ends
        idle = self.connect()  # sends nothing at all
        for i in range(10):
            c = self.connect()
            c.send(c.request("GET", f"/api/fast/{i}"))
            self.assertEqual(c.response()[0], 404)
        # The unfinished head is given up on (header timeout), the idle connection is not yet.
        self.assertTrue(slow.closed_by_server(timeout=20))
        idle.send(idle.request("GET", "/api/late"))
        self.assertEqual(idle.response()[0], 404)

    def test_idle_and_busy_connections_close_on_shutdown(self):
        idle = self.connect()
        idle.send(idle.request("GET", "/api/before"))
        self.assertEqual(idle.response()[0], 404)
        ws = WsMqttClient(self.http, "/broker")
        self.addCleanup(ws.close)
        ws.connect(client_id="ws-shutdown")
        self.assertEqual(self.server.stop(), 0)
        self.assertTrue(idle.closed_by_server())
        ws.expect_closed()
        self.assertEqual(ws.close_code, 1000)
        self.assertNotIn("closed by force", self.server.log())

    # -- MQTT over WebSocket ---------------------------------------------------------------------

    def test_broker_path_exchanges_messages_with_the_plain_listener(self):
        ws = WsMqttClient(self.http, "/broker")
        self.addCleanup(ws.close)
        self.assertEqual(ws.protocol, "mqtt")
        ws.connect(client_id="ws-1")
        ws.subscribe([("room/#", 1)])
        tcp = RawClient(self.server.address, name="tcp")
        self.addCleanup(tcp.close)
        tcp.connect(client_id="tcp-1")
        tcp.subscribe([("back/#", 1)])

        tcp.publish("room/a", b"to ws q1", qos=1)
        p = ws.expect_publish(topic="room/a")
        self.assertEqual((p.payload, p.qos), (b"to ws q1", 1))
        tcp.publish("room/b", b"to ws q0", qos=0)
        self.assertEqual(ws.expect_publish(topic="room/b").payload, b"to ws q0")

        ws.publish("back/x", b"to tcp q1", qos=1)
        p = tcp.expect_publish(topic="back/x")
        self.assertEqual((p.payload, p.qos), (b"to tcp q1", 1))
        ws.disconnect()

    def test_mqtt_path_binds_the_tenant_like_the_bemfa_listener(self):
        key = self.server.default_key()
        ws = WsMqttClient(self.http, "/mqtt")
        self.addCleanup(ws.close)
        ws.connect(client_id=key)
        ws.subscribe([("light002", 1)])
        device = RawClient(self.server.endpoint("bemfa"), name="device")
        self.addCleanup(device.close)
        device.connect(client_id=key)
        device.subscribe([("ctrl006", 0)])

        device.publish("light002", b"on", qos=1)
        self.assertEqual(ws.expect_publish(topic="light002").payload, b"on")
        ws.publish("ctrl006", b"off", qos=0)
        self.assertEqual(device.expect_publish(topic="ctrl006").payload, b"off")

    def test_mqtt_path_refuses_an_unknown_key(self):
        ws = WsMqttClient(self.http, "/mqtt")
        self.addCleanup(ws.close)
        ws.connect(client_id="f" * 32, expect_code=0x05)
        ws.expect_closed()

    def test_packets_may_span_messages_and_frames_or_share_one(self):
        ws = WsMqttClient(self.http, "/broker")
        self.addCleanup(ws.close)
        ws.send(connect_packet(client_id="split"), split=[1, 5, 9])  # four messages
        ws.expect(CONNACK)
        ws.send(subscribe_packet(1, [("s/#", 0)]), fragments=[2, 4])  # one message, three frames
        ws.expect(SUBACK)
        # Two PUBLISHes to itself in one message.
        ws.send(publish_packet("s/1", b"one") + publish_packet("s/2", b"two"))
        self.assertEqual(ws.expect_publish(topic="s/1").payload, b"one")
        self.assertEqual(ws.expect_publish(topic="s/2").payload, b"two")

    def test_large_message_crosses_in_both_directions(self):
        ws = WsMqttClient(self.http, "/broker")
        self.addCleanup(ws.close)
        ws.connect(client_id="big")
        ws.subscribe([("big", 1)])
        payload = os.urandom(300_000)
        ws.publish("big", payload, qos=1)
        self.assertEqual(ws.expect_publish(topic="big").payload, payload)

    def test_subprotocol_is_echoed(self):
        for offered, answered in ((("mqtt",), "mqtt"), (("mqttv3.1",), "mqttv3.1"),
                                  (("chat", "mqttv3.1", "mqtt"), "mqtt"), ((), None)):
            ws = WsMqttClient(self.http, "/broker", protocols=offered)
            self.addCleanup(ws.close)
            self.assertEqual(ws.protocol, answered, offered)
            ws.connect(client_id=f"proto-{len(offered)}")

    def test_upgrade_on_another_path_gets_404(self):
        status, headers, _ = http_upgrade(self.http, "/api/v1/me")
        self.assertEqual(status, 404)
        self.assertEqual(headers["content-type"], "application/json")

    def test_text_message_closes_the_connection(self):
        ws = WsMqttClient(self.http, "/broker")
        self.addCleanup(ws.close)
        ws.connect(client_id="texter")
        ws.send_frame(TEXT, b"\xc0\x00")
        ws.expect_closed()

    def test_protocol_violation_ends_with_a_close_frame(self):
        ws = WsMqttClient(self.http, "/broker")
        self.addCleanup(ws.close)
        ws.connect(client_id="violator")
        ws.send(b"\x00\x00")  # reserved packet type
        ws.expect_closed()
        self.assertEqual(ws.close_code, 1000)


if __name__ == "__main__":
    unittest.main()
