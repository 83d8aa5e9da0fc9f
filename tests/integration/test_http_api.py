"""The compatible HTTP API (Bemfa's /va, /v1 and legacy /api/device endpoints) against a real
server: docs/protocol-compat.md, "HTTP API".

A message posted over HTTP must reach MQTT devices (bemfa listener, the private key as client id)
and line-protocol devices exactly as a device's publish would, `/set` and `/up` included; what
devices publish must show up in /va/getmsg. Negative checks ("nothing arrives") use a marker: after
the message that must not arrive, one that must arrive is sent on the same connection, and nothing
may come before it.
"""

import datetime
import http.client
import json
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import RawClient  # noqa: E402
from roost_server import RoostTestCase, add_tenant  # noqa: E402

import test_line as line_support  # noqa: E402  (LineClient; no test classes imported)

TIMEOUT = 10.0
OK_ZERO = {"code": 0, "message": "OK", "data": 0}
WRONG_KEY = {"code": 40004, "message": "wrong private key or topic"}


class HttpApi:
    """Requests to the server's HTTP listener; answers are (status, decoded JSON, headers)."""

    def __init__(self, address):
        self.address = address

    def request(self, method, path, query=None, form=None, json_body=None, raw=None, content_type=None):
        if query:
            path += "?" + urllib.parse.urlencode(query)
        headers = {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        elif raw is not None:
            body = raw
        if content_type is not None:
            headers["Content-Type"] = content_type
        conn = http.client.HTTPConnection(*self.address, timeout=TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            text = resp.read().decode()
            return resp.status, json.loads(text), resp
        finally:
            conn.close()

    def get(self, path, **query):
        return self.request("GET", path, query=query)

    def post_form(self, path, **form):
        return self.request("POST", path, form=form)

    def post_json(self, path, body):
        return self.request("POST", path, json_body=body)


def beijing_time(unix):
    """`YYYY-MM-DD HH:MM:SS` of Unix seconds at UTC+8 (the default zone)."""
    zone = datetime.timezone(datetime.timedelta(hours=8))
    return datetime.datetime.fromtimestamp(unix, zone).strftime("%Y-%m-%d %H:%M:%S")


class HttpApiTests(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.start_server()
        self.api = HttpApi((self.server.host, self.server.http_port))
        self.bemfa = self.server.endpoint("bemfa")
        self.line_address = self.server.endpoint("line")
        self.key = add_tenant(self.server.data_dir, "home")

    # -- helpers -----------------------------------------------------------------------------

    def ok(self, answer, data=0):
        status, body, _ = answer
        self.assertEqual(status, 200)
        self.assertEqual(body, {"code": 0, "message": "OK", "data": data})

    def mqtt_device(self, *topics):
        c = RawClient(self.bemfa, name="device")
        self.addCleanup(c.close)
        c.connect(client_id=self.key)
        if topics:
            self.assertEqual(c.subscribe([(t, 0) for t in topics]), [0] * len(topics))
        return c

    def line_device(self, topics):
        c = line_support.LineClient(self.line_address)
        self.addCleanup(c.close)
        c.send(f"cmd=1&uid={self.key}&topic={topics}")
        c.expect("cmd=1&res=1")
        return c

    def post(self, topic, msg, type_=1):
        self.ok(self.api.post_form("/va/postmsg", uid=self.key, topic=topic, type=type_, msg=msg))

    def getmsg(self, topic, type_=1, num=1):
        status, body, _ = self.api.get("/va/getmsg", uid=self.key, topic=topic, type=type_, num=num)
        self.assertEqual(status, 200)
        self.assertEqual(body["code"], 0, body)
        for item in body["data"]:
            self.assertEqual(item["time"], beijing_time(item["unix"]))
        return [item["msg"] for item in body["data"]]

    # -- HTTP to devices ---------------------------------------------------------------------

    def test_postmsg_reaches_an_mqtt_device(self):
        device = self.mqtt_device("led002")
        self.post("led002", "on#80")
        p = device.expect_publish(topic="led002")
        self.assertEqual(p.payload, b"on#80")
        self.assertEqual(self.getmsg("led002"), ["on#80"])

    def test_post_json_reaches_a_line_device_and_not_mqtt(self):
        line = self.line_device("led002")
        mqtt_dev = self.mqtt_device("led002", "marker")
        self.ok(self.api.post_json("/va/postJsonMsg",
                                   {"uid": self.key, "topic": "led002", "type": 3, "msg": "off"}))
        line.expect(f"cmd=2&uid={self.key}&topic=led002&msg=off")
        self.post("marker", "m")
        self.assertEqual(mqtt_dev.publishes_until("marker"), [], "type 3 is the TCP namespace only")

    def test_sendmessage_and_legacy_push_reach_a_line_device(self):
        line = self.line_device("pc001")
        self.ok(self.api.get("/va/sendMessage", uid=self.key, topic="pc001", type=3, msg="on"))
        line.expect(f"cmd=2&uid={self.key}&topic=pc001&msg=on")
        self.ok(self.api.get("/api/device/v1/data/3/push/get/", uid=self.key, topic="pc001", msg="off"))
        line.expect(f"cmd=2&uid={self.key}&topic=pc001&msg=off")
        self.assertEqual(self.getmsg("pc001", type_=3, num=5), ["off", "on"])

    def test_set_and_up_behave_like_a_devices(self):
        device = self.mqtt_device("lamp002", "marker")
        self.post("lamp002/up", "off")
        self.post("marker", "1")
        self.assertEqual(device.publishes_until("marker"), [], "/up reaches nobody")
        self.assertEqual(self.getmsg("lamp002"), ["off"])
        self.post("lamp002/set", "on")
        p = device.expect_publish(topic="lamp002")
        self.assertEqual(p.payload, b"on", "/set over HTTP reaches every subscriber, on the bare topic")
        self.assertEqual(self.getmsg("lamp002", num=5000), ["on", "off"])

    # -- devices to HTTP ---------------------------------------------------------------------

    def test_a_devices_publish_shows_up_in_getmsg(self):
        device = self.mqtt_device()
        device.publish("temp004/up", b"#21#40", qos=1)
        device.publish("temp004", b"#22#41", qos=1)
        self.assertEqual(self.getmsg("temp004", num=2), ["#22#41", "#21#40"])

        line = line_support.LineClient(self.line_address)
        self.addCleanup(line.close)
        line.send(f"cmd=2&uid={self.key}&topic=door006/up&msg=open")
        line.expect("cmd=2&res=1")
        self.assertEqual(self.getmsg("door006", type_=3), ["open"])
        status, body, _ = self.api.get("/api/device/v1/data/3/get/", uid=self.key, topic="door006", num=1)
        self.assertEqual([i["msg"] for i in body["data"]], ["open"])

    def test_alltopic_and_online_follow_a_device(self):
        self.ok(self.api.post_form("/v1/addtopic", uid=self.key, topic="plug001", type=1, name="Plug"))
        self.ok(self.api.get("/va/online", uid=self.key, topic="plug001", type=1), False)
        device = self.mqtt_device("plug001")
        self.ok(self.api.get("/va/online", uid=self.key, topic="plug001", type=1), True)
        status, body, _ = self.api.get("/api/device/v1/status/", uid=self.key, topic="plug001")
        self.assertEqual(body["status"], "online")
        self.post("plug001", "on")
        device.expect_publish(topic="plug001")
        status, body, _ = self.api.get("/va/alltopic", uid=self.key, type=1)
        self.assertEqual(status, 200)
        [item] = body["data"]
        self.assertEqual({k: item[k] for k in ("topic", "msg", "name", "online", "tid", "sid")},
                         {"topic": "plug001", "msg": "on", "name": "Plug", "online": True,
                          "tid": "outlet", "sid": ""})
        self.assertEqual(item["time"], beijing_time(item["unix"]))

    # -- topic management and errors ---------------------------------------------------------

    def test_topic_management_round_trip(self):
        body = {"uid": self.key, "topic": "fan003", "type": 1, "name": "Fan"}
        self.ok(self.api.post_json("/v1/createTopic", body), {"code": 0, "message": "OK"})
        self.ok(self.api.post_json("/v1/createTopic", body),
                {"code": 40006, "message": "the topic already exists"})
        self.ok(self.api.get("/va/getName", uid=self.key, topic="fan003", type=1), "Fan")
        self.ok(self.api.post_json("/va/modifyName", {**body, "name": "卧室风扇"}))
        self.ok(self.api.get("/va/getName", uid=self.key, topic="fan003", type=1), "卧室风扇")
        self.ok(self.api.post_form("/v1/deltopic", uid=self.key, topic="fan003", type=1))
        self.assertEqual(self.api.get("/va/getName", uid=self.key, topic="fan003")[1], WRONG_KEY)

    def test_errors_have_the_envelope_and_http_200(self):
        cases = [
            (self.api.get("/va/getmsg", uid=self.key, topic="nothing"), WRONG_KEY),
            (self.api.get("/va/getmsg", uid="0" * 32, topic="nothing"), WRONG_KEY),
            (self.api.get("/va/getmsg", topic="t"), {"code": 10002, "message": "uid is missing"}),
            (self.api.get("/va/getmsg", uid=self.key, topic="t", type=2),
             {"code": 10002, "message": "type must be 1, 3, 5 or 7"}),
            (self.api.get("/va/getmsg", uid=self.key, topic="t", num=0),
             {"code": 10002, "message": "num must be a whole number from 1 to 5000"}),
            (self.api.request("POST", "/va/postJsonMsg", raw=b'{"uid":', content_type="application/json"),
             {"code": 10002, "message": "the body is not a JSON object"}),
        ]
        for (status, body, _), expected in cases:
            self.assertEqual((status, body), (200, expected))
        status, body, resp = self.api.request("DELETE", "/va/postmsg", query={"uid": self.key})
        self.assertEqual(status, 405)
        self.assertEqual(resp.getheader("Allow"), "GET, POST")
        self.assertEqual(body["code"], 10002)


class HttpApiRateLimitTests(RoostTestCase):

    def test_a_key_beyond_its_budget_gets_40007(self):
        # 1 request per second with a burst of 40: 60 requests in a row would need 20 s to pass.
        server = self.start_server("--http-rate-limit", "1")
        api = HttpApi((server.host, server.http_port))
        key = add_tenant(server.data_dir)
        codes = [api.get("/va/alltopic", uid=key, type=1)[1]["code"] for _ in range(60)]
        self.assertEqual(codes[0], 0)
        self.assertIn(40007, codes)
        self.assertEqual(set(codes), {0, 40007})
        other = add_tenant(server.data_dir, "other")
        self.assertEqual(api.get("/va/alltopic", uid=other, type=1)[1]["code"], 0, "another key is not limited")


if __name__ == "__main__":
    unittest.main()
