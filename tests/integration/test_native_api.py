"""The native HTTP API (/api/v1) against a real server: docs/http-api.md and docs/openapi.json.

Topics created and changed over the API are the ones devices use: a message posted over the API
reaches an MQTT device (bemfa listener, the private key as client id) and a line-protocol device,
and what devices publish shows up as the topic's value and history. The operator's API adds and
removes tenants while the server runs.
"""

import json
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import RawClient  # noqa: E402
from native_api import NativeApi  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402

import test_line as line_support  # noqa: E402  (LineClient; no test classes imported)

ADMIN_KEY = "integration-admin-key"


class NativeApiTests(RoostTestCase):

    def setUp(self):
        super().setUp()
        self.server = self.start_server("--admin-key", ADMIN_KEY)
        self.key = self.server.default_key()
        self.api = NativeApi(self.server.endpoint("http"), self.key)
        self.admin = NativeApi(self.server.endpoint("http"), ADMIN_KEY)

    def mqtt_device(self, *topics, key=None):
        c = RawClient(self.server.endpoint("bemfa"), name="device")
        self.addCleanup(c.close)
        c.connect(client_id=key or self.key)
        for t in topics:
            self.assertEqual(c.subscribe([(t, 0)]), [0])
        return c

    def create(self, name, ns="mqtt", display=None):
        body = {"namespace": ns, "name": name}
        if display is not None:
            body["display_name"] = display
        status, answer, _ = self.api.call("POST", "/api/v1/topics", body)
        self.assertEqual(status, 201, answer)
        return answer["topic"]

    def test_me_and_a_wrong_key(self):
        status, body, _ = self.api.call("GET", "/api/v1/me")
        self.assertEqual(status, 200)
        self.assertEqual(body["tenant"]["name"], "default")
        self.assertTrue(body["tenant"]["auto_create_topics"])
        for key in ("", "0" * 32):
            status, body, _ = self.api.call("GET", "/api/v1/topics/mqtt/anything", key=key)
            self.assertEqual(status, 401)
            self.assertEqual(body["error"]["code"], "unauthorized")

    def test_topic_lifecycle(self):
        topic = self.create("light002", display="Kitchen")
        self.assertEqual(topic, {"namespace": "mqtt", "name": "light002", "display_name": "Kitchen",
                                 "type": "light", "type_code": "002", "value": None, "time_ms": None,
                                 "online": 0})
        status, body, _ = self.api.call("POST", "/api/v1/topics", {"name": "light002"})
        self.assertEqual((status, body["error"]["code"]), (409, "conflict"))
        self.create("light002", ns="tcp")
        status, body, _ = self.api.call("GET", "/api/v1/topics")
        self.assertEqual([(t["namespace"], t["name"]) for t in body["topics"]],
                         [("mqtt", "light002"), ("tcp", "light002")])
        status, body, _ = self.api.call("PATCH", "/api/v1/topics/mqtt/light002", {"display_name": "Hall"})
        self.assertEqual((status, body["topic"]["display_name"]), (200, "Hall"))
        status, body, _ = self.api.call("DELETE", "/api/v1/topics/mqtt/light002")
        self.assertEqual((status, body), (204, None))
        status, body, _ = self.api.call("GET", "/api/v1/topics/mqtt/light002")
        self.assertEqual((status, body["error"]["code"]), (404, "not_found"))
        status, body, _ = self.api.call("GET", "/api/v1/topics?ns=mqtt")
        self.assertEqual(body["topics"], [])

    def test_a_message_reaches_an_mqtt_device_and_becomes_the_value(self):
        self.create("light002")
        device = self.mqtt_device("light002")
        status, body, _ = self.api.call("POST", "/api/v1/topics/mqtt/light002/messages", {"message": "on#80"})
        self.assertEqual((status, body), (200, {"posted": True}))
        p = device.expect_publish(topic="light002")
        self.assertEqual(p.payload, b"on#80")
        status, body, _ = self.api.call("GET", "/api/v1/topics/mqtt/light002")
        self.assertEqual(body["topic"]["value"], "on#80")
        self.assertEqual(body["topic"]["online"], 1)

    def test_a_message_reaches_a_line_device(self):
        self.create("led002", ns="tcp")
        line = line_support.LineClient(self.server.endpoint("line"))
        self.addCleanup(line.close)
        line.send(f"cmd=1&uid={self.key}&topic=led002")
        line.expect("cmd=1&res=1")
        status, _, _ = self.api.call("POST", "/api/v1/topics/tcp/led002/messages", {"message": "off"})
        self.assertEqual(status, 200)
        line.expect(f"cmd=2&uid={self.key}&topic=led002&msg=off")

    def test_device_publishes_show_up_as_history(self):
        self.create("temp004")
        device = self.mqtt_device()
        for value in ("#20#40", "#21#41", "#22#42"):
            device.publish("temp004/up", value.encode(), qos=1)
            # Pages never split one millisecond's entries (docs/http-api.md): give each its own,
            # so that this page of two ends exactly after the second.
            time.sleep(0.005)
        status, body, _ = self.api.call("GET", "/api/v1/topics/mqtt/temp004/history?limit=2")
        self.assertEqual(status, 200)
        self.assertEqual([i["value"] for i in body["items"]], ["#22#42", "#21#41"])
        self.assertIsNotNone(body["next_before"])
        status, body, _ = self.api.call("GET", f"/api/v1/topics/mqtt/temp004/history?before={body['next_before']}")
        self.assertEqual([i["value"] for i in body["items"]], ["#20#40"])
        self.assertIsNone(body["next_before"])

    def test_the_openapi_document_is_served(self):
        status, body, headers = self.api.call("GET", "/api/v1/openapi.json", key="")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("application/json"))
        self.assertTrue(body["openapi"].startswith("3.0."))
        self.assertIn("/api/v1/topics/{ns}/{name}/messages", body["paths"])
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, os.pardir, os.pardir, "docs", "openapi.json"), encoding="utf-8") as f:
            self.assertEqual(body, json.load(f), "the server serves docs/openapi.json as it is")

    def test_the_operator_adds_and_removes_tenants_while_the_server_runs(self):
        status, body, _ = self.api.call("GET", "/api/v1/admin/tenants")  # a tenant's key is not the admin key
        self.assertEqual((status, body["error"]["code"]), (403, "forbidden"))
        status, body, _ = self.admin.call("POST", "/api/v1/admin/tenants", {"name": "garden"})
        self.assertEqual(status, 201, body)
        new = body["tenant"]
        self.assertEqual(new["name"], "garden")
        # The new key works at once: an MQTT device, and the API.
        device = self.mqtt_device("plant004", key=new["private_key"])
        garden = NativeApi(self.server.endpoint("http"), new["private_key"])
        status, body, _ = garden.call("GET", "/api/v1/topics")
        self.assertEqual([t["name"] for t in body["topics"]], ["plant004"])
        status, body, _ = self.admin.call("GET", "/api/v1/admin/tenants")
        listed = {t["name"]: t for t in body["tenants"]}
        self.assertEqual(set(listed), {"default", "garden"})
        self.assertEqual(listed["garden"]["topics"], 1)
        self.assertEqual(listed["default"]["private_key"], self.key)

        device.close()
        status, _, _ = self.admin.call("DELETE", f"/api/v1/admin/tenants/{new['id']}")
        self.assertEqual(status, 204)
        status, _, _ = garden.call("GET", "/api/v1/me")
        self.assertEqual(status, 401)
        refused = RawClient(self.server.endpoint("bemfa"), name="removed")
        self.addCleanup(refused.close)
        refused.connect(client_id=new["private_key"], expect_code=0x05)
        status, _, _ = self.admin.call("DELETE", f"/api/v1/admin/tenants/{new['id']}")
        self.assertEqual(status, 404)


class NativeApiWithoutAdminKeyTests(RoostTestCase):

    def test_the_operator_api_is_closed_without_an_admin_key(self):
        server = self.start_server()
        api = NativeApi(server.endpoint("http"), ADMIN_KEY)
        status, body, _ = api.call("GET", "/api/v1/admin/tenants")
        self.assertEqual((status, body["error"]["code"]), (403, "forbidden"))


if __name__ == "__main__":
    unittest.main()
