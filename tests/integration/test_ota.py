"""OTA against a real server (docs/http-api.md, "OTA"): firmware uploaded through the native API is
what /vb/api/v1/firmwareVersion announces and what its URL downloads, byte for byte; an `update`
message reaches the device; the firmware survives a restart; limits and errors.
"""

import hashlib
import json
import os
import sys
import unittest
import urllib.parse
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from mqtt_raw import RawClient  # noqa: E402
from native_api import NativeApi  # noqa: E402
from roost_server import RoostTestCase  # noqa: E402

WRONG = {"code": 40004, "msg": "wrong private key or topic", "message": "wrong private key or topic"}


class OtaTests(RoostTestCase):

    def start(self, *args, data_dir=None):
        self.server = self.start_server(*args, data_dir=data_dir)
        self.key = self.server.default_key()
        self.api = NativeApi(self.server.endpoint("http"), self.key)
        return self.server

    def create(self, name, ns="mqtt"):
        status, body, _ = self.api.call("POST", "/api/v1/topics", {"namespace": ns, "name": name})
        self.assertEqual(status, 201, body)

    def upload(self, topic, data, ns="mqtt", **query):
        path = f"/api/v1/topics/{ns}/{topic}/firmware?" + urllib.parse.urlencode(query)
        status, body, _ = self.api.raw("PUT", path, data, {"Content-Type": "application/octet-stream"})
        return status, (json.loads(body) if body else None)

    def firmware_version(self, topic, device_type="1", key=None, **extra):
        query = {"openID": key or self.key, "topic": topic, "deviceType": device_type, **extra}
        status, body, _ = self.api.call("GET", "/vb/api/v1/firmwareVersion?" + urllib.parse.urlencode(query), key="")
        self.assertEqual(status, 200)
        return body

    def download(self, url):
        parsed = urllib.parse.urlsplit(url)
        self.assertEqual(parsed.scheme, "http")
        host, port = self.server.endpoint("http")
        self.assertEqual(parsed.netloc, f"{host}:{port}", "the URL names the host the device asked")
        status, data, headers = self.api.raw("GET", parsed.path, key="")
        return status, data, headers

    def test_a_device_finds_and_downloads_the_exact_firmware(self):
        self.start()
        self.create("light002")
        firmware = os.urandom(300 * 1024)
        status, body = self.upload("light002", firmware, version="1.2.0", tag="stable", filename="app.bin")
        self.assertEqual(status, 201, body)
        info = body["firmware"]
        self.assertEqual(info["size"], len(firmware))
        self.assertEqual(info["sha256"], hashlib.sha256(firmware).hexdigest())
        self.assertEqual(info["crc32"], f"{zlib.crc32(firmware):08x}")

        # The `update` message reaches the device, which then asks and downloads.
        device = RawClient(self.server.endpoint("bemfa"), name="device")
        self.addCleanup(device.close)
        device.connect(client_id=self.key)
        self.assertEqual(device.subscribe([("light002", 0)]), [0])
        status, _, _ = self.api.call("POST", "/api/v1/topics/mqtt/light002/messages", {"message": "update"})
        self.assertEqual(status, 200)
        self.assertEqual(device.expect_publish(topic="light002").payload, b"update")

        answer = self.firmware_version("light002")
        self.assertEqual(answer["code"], 0, answer)
        self.assertEqual((answer["msg"], answer["message"]), ("success", "success"))
        data = answer["data"]
        self.assertEqual({k: data[k] for k in ("version", "tag", "size", "crc32")},
                         {"version": "1.2.0", "tag": "stable", "size": len(firmware), "crc32": info["crc32"]})
        self.assertEqual(data["url"], info["url"])
        self.assertTrue(data["url"].endswith("/app.bin"))
        self.assertEqual(data["unix"], info["uploaded_ms"] // 1000)

        status, got, headers = self.download(data["url"])
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/octet-stream")
        self.assertEqual(int(headers["content-length"]), len(firmware))
        self.assertEqual(got, firmware)
        status, got, headers = self.api.raw("HEAD", urllib.parse.urlsplit(data["url"]).path, key="")
        self.assertEqual((status, got), (200, b""))
        self.assertEqual(int(headers["content-length"]), len(firmware))

    def test_the_firmware_survives_a_restart_and_a_new_upload_replaces_it(self):
        data_dir = self.tmpdir()
        server = self.start(data_dir=data_dir)
        self.create("fan003")
        self.assertEqual(self.upload("fan003", b"version one", version="1")[0], 201)
        old_url = self.firmware_version("fan003")["data"]["url"]
        server.stop()

        self.start(data_dir=data_dir)
        answer = self.firmware_version("fan003")
        self.assertEqual(answer["data"]["version"], "1")
        self.assertEqual(self.download(answer["data"]["url"])[1], b"version one")

        self.assertEqual(self.upload("fan003", b"version two", version="2")[0], 201)
        answer = self.firmware_version("fan003")
        self.assertEqual(answer["data"]["version"], "2")
        self.assertEqual(self.download(answer["data"]["url"])[1], b"version two")
        old_path = urllib.parse.urlsplit(old_url).path
        self.assertEqual(self.api.raw("GET", old_path, key="")[0], 404, "a replaced firmware's URL is gone")
        files = os.listdir(os.path.join(data_dir, "firmware"))
        self.assertEqual(len(files), 1, files)

    def test_namespaces_keys_and_missing_firmware(self):
        self.start()
        self.create("led002", ns="tcp")
        self.create("led002")
        self.assertEqual(self.upload("led002", b"tcp firmware", ns="tcp", version="3")[0], 201)
        self.assertEqual(self.firmware_version("led002", device_type="3")["data"]["version"], "3")
        self.assertEqual(self.firmware_version("led002", device_type="7")["data"]["version"], "3")
        self.assertEqual(self.firmware_version("led002", device_type="1"), WRONG, "the MQTT topic has none")
        self.assertEqual(self.firmware_version("led002", device_type="3", key="0" * 32), WRONG)
        self.assertEqual(self.firmware_version("nope", device_type="3"), WRONG)
        self.assertEqual(self.firmware_version("led002", device_type="9")["code"], 10002)
        secure = self.firmware_version("led002", device_type="3", secure="true")["data"]["url"]
        self.assertTrue(secure.startswith("https://"), secure)

        status, _, _ = self.api.call("DELETE", "/api/v1/topics/tcp/led002/firmware")
        self.assertEqual(status, 204)
        self.assertEqual(self.firmware_version("led002", device_type="3"), WRONG)

    def test_uploads_over_the_limit_are_refused(self):
        config = os.path.join(self.tmpdir(), "roost.toml")
        with open(config, "w") as f:
            f.write("[http]\nmax_firmware = 1024\n")
        self.start("--config", config)
        self.create("sw006")
        status, body = self.upload("sw006", b"x" * 1025, version="1")
        self.assertEqual((status, body["error"]["code"]), (413, "too_large"))
        status, body = self.upload("sw006", b"x" * 1024, version="1")
        self.assertEqual(status, 201, body)
        status, body = self.upload("sw006", b"", version="2")
        self.assertEqual((status, body["error"]["code"]), (400, "bad_request"))
        status, body = self.upload("sw006", b"abc")
        self.assertEqual((status, body["error"]["code"]), (400, "bad_request"), "version is required")
        self.assertEqual(self.firmware_version("sw006")["data"]["version"], "1")


if __name__ == "__main__":
    unittest.main()
