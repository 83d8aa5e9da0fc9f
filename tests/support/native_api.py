"""A client of the native HTTP API (/api/v1) for the integration tests: JSON in and out, a key as
bearer token (the tenant's private key, or the operator's admin key).

    api = NativeApi(server.endpoint("http"), key)
    status, body, headers = api.call("POST", "/api/v1/topics", {"name": "light002"})
"""

import http.client
import json

TIMEOUT = 10.0


class NativeApi:
    def __init__(self, address, key=None):
        self.address = address
        self.key = key

    def raw(self, method, path, body=None, headers=None, key=None):
        """(status, body bytes, headers dict with lower-case names)."""
        headers = dict(headers or {})
        key = self.key if key is None else key
        if key:
            headers["Authorization"] = f"Bearer {key}"
        conn = http.client.HTTPConnection(*self.address, timeout=TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, data, {k.lower(): v for k, v in resp.getheaders()}
        finally:
            conn.close()

    def call(self, method, path, body=None, key=None):
        """A JSON request (body: a dict or None); returns (status, decoded JSON or None, headers)."""
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        status, data, headers = self.raw(method, path, payload, headers, key)
        return status, (json.loads(data) if data else None), headers
