"""A minimal WebSocket client (RFC 6455) over a raw socket, and MQTT over it.

Frames are built by hand (masked, as a client must), so tests can also send what a library would
not: a packet split over several messages, a message split over continuation frames, several
packets in one message, a text message.

    ws = WsMqttClient(server.endpoint("http"), "/mqtt")   # handshake with subprotocol "mqtt"
    ws.connect(client_id=key)                             # then every RawClient method
    ws.subscribe([("t", 1)]); ws.expect_publish(topic="t")
    ws.send(packet, split=[3])                            # one packet as two binary messages

    status, headers, body = http_upgrade(address, "/nope")  # an upgrade that is refused
"""

import base64
import hashlib
import os
import socket
import struct
import time

from mqtt_raw import DEFAULT_TIMEOUT, FrameReader, RawClient, read_within

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


def accept_value(key):
    """The Sec-WebSocket-Accept a server must answer to Sec-WebSocket-Key `key`."""
    return base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()


def encode_frame(opcode, payload=b"", fin=True, mask=True):
    """One frame; client frames are masked [RFC 6455 5.3]."""
    payload = bytes(payload)
    first = (0x80 if fin else 0) | opcode
    n = len(payload)
    mask_bit = 0x80 if mask else 0
    if n < 126:
        head = bytes([first, mask_bit | n])
    elif n < 65536:
        head = bytes([first, mask_bit | 126]) + struct.pack("!H", n)
    else:
        head = bytes([first, mask_bit | 127]) + struct.pack("!Q", n)
    if not mask:
        return head + payload
    key = os.urandom(4)
    masked = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
    return head + key + masked


def read_http_head(sock, deadline):
    """Reads up to the end of an HTTP response head; returns (status, {lower-case name: value},
    bytes read after the head)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = read_within(sock, deadline)
        if chunk is None:
            raise AssertionError(f"no complete HTTP response head within the timeout: {data!r}")
        if not chunk:
            raise AssertionError(f"the server closed the connection during the HTTP head: {data!r}")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, rest


def upgrade_request(host, path, key, protocols):
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Upgrade: websocket", "Connection: Upgrade",
             f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
    if protocols:
        lines.append("Sec-WebSocket-Protocol: " + ", ".join(protocols))
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def http_upgrade(address, path, protocols=("mqtt",), timeout=DEFAULT_TIMEOUT):
    """Sends an upgrade request on a new connection; returns (status, headers, body bytes read
    with the head) and closes it. For upgrades that are expected to fail."""
    sock = socket.create_connection(tuple(address), timeout=timeout)
    try:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall(upgrade_request(f"{address[0]}:{address[1]}", path, key, protocols))
        return read_http_head(sock, time.monotonic() + timeout)
    finally:
        sock.close()


class WsFrameReader:
    """Cuts (fin, opcode, payload) frames out of the server's byte stream (server frames are not
    masked; a masked one is a server error)."""

    def __init__(self):
        self.buf = bytearray()

    def feed(self, data):
        self.buf += data

    def next(self):
        buf = self.buf
        if len(buf) < 2:
            return None
        fin, opcode = bool(buf[0] & 0x80), buf[0] & 0x0F
        if buf[1] & 0x80:
            raise AssertionError("the server sent a masked frame")
        n, pos = buf[1] & 0x7F, 2
        if n == 126:
            if len(buf) < 4:
                return None
            n, pos = struct.unpack_from("!H", buf, 2)[0], 4
        elif n == 127:
            if len(buf) < 10:
                return None
            n, pos = struct.unpack_from("!Q", buf, 2)[0], 10
        if len(buf) < pos + n:
            return None
        payload = bytes(buf[pos:pos + n])
        del buf[:pos + n]
        return fin, opcode, payload


class WsMqttClient(RawClient):
    """RawClient over a WebSocket: each send() is one binary message (or several with `split`);
    binary message data from the server feeds the MQTT frame reader, pings are answered, and a
    close frame counts as the server closing the connection."""

    def __init__(self, address, path="/mqtt", protocols=("mqtt",), timeout=DEFAULT_TIMEOUT,
                 auto_ack=True, name=None):
        self.address = tuple(address)
        self.name = name or f"ws{path}"
        self.timeout = timeout
        self.auto_ack = auto_ack
        self.sock = socket.create_connection(self.address, timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = FrameReader()
        self.frames = WsFrameReader()
        self.pending = []
        self.closed_by_server = False
        self.close_code = None
        self.messages = []  # (opcode, payload) of every data message received, for tests
        self._next_id = 0
        self._message = None  # opcode and payload of a fragmented message being received
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(upgrade_request(f"{address[0]}:{address[1]}", path, key, protocols))
        status, headers, rest = read_http_head(self.sock, time.monotonic() + timeout)
        if status != 101:
            raise AssertionError(f"{self.name}: upgrade answered {status}, expected 101 ({headers})")
        if headers.get("sec-websocket-accept") != accept_value(key):
            raise AssertionError(f"{self.name}: wrong Sec-WebSocket-Accept {headers}")
        self.headers = headers
        self.protocol = headers.get("sec-websocket-protocol")
        self.frames.feed(rest)

    # -- raw WebSocket I/O -----------------------------------------------------------------------

    def send_frame(self, opcode, payload=b"", fin=True):
        self.sock.sendall(encode_frame(opcode, payload, fin))

    def send(self, data, split=None, fragments=None):
        """`data` as one binary message; `split` (offsets) cuts it into several messages,
        `fragments` (offsets) into one message of several frames."""
        data = bytes(data)
        if split:
            bounds = [0] + list(split) + [len(data)]
            for a, b in zip(bounds, bounds[1:]):
                self.send_frame(BINARY, data[a:b])
            return
        if fragments:
            bounds = [0] + list(fragments) + [len(data)]
            parts = [data[a:b] for a, b in zip(bounds, bounds[1:])]
            for i, part in enumerate(parts):
                self.send_frame(BINARY if i == 0 else CONTINUATION, part, fin=i == len(parts) - 1)
            return
        self.send_frame(BINARY, data)

    def try_send(self, data):
        try:
            self.send(data)
            return True
        except (BrokenPipeError, ConnectionResetError):
            return False

    def send_close(self, code=1000):
        self.send_frame(CLOSE, struct.pack("!H", code))

    def _recv_some(self, deadline):
        """Reads once; feeds binary message data to the MQTT reader. None on timeout; False once
        the server closed (a close frame or the socket), after the data that came before it."""
        if self.closed_by_server:
            return False
        if self._take_frames():
            return True
        data = read_within(self.sock, deadline)
        if data is None:
            return None
        if not data:
            self.closed_by_server = True
            return False
        self.frames.feed(data)
        return self._take_frames() or not self.closed_by_server

    def _take_frames(self):
        """Handles the complete frames received; True when one of them carried MQTT data."""
        fed = False
        while not self.closed_by_server:
            frame = self.frames.next()
            if frame is None:
                break
            fed = self._on_frame(*frame) or fed
        return fed

    def _on_frame(self, fin, opcode, payload):
        """Handles one frame; True when it completed a binary message (fed to the reader)."""
        if opcode == PING:
            self.try_send_frame(PONG, payload)
            return False
        if opcode == PONG:
            return False
        if opcode == CLOSE:
            self.close_code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
            self.closed_by_server = True
            return False
        if opcode in (TEXT, BINARY):
            self._message = [opcode, payload]
        elif opcode == CONTINUATION and self._message is not None:
            self._message[1] += payload
        else:
            raise AssertionError(f"{self.name}: unexpected frame opcode {opcode:#x}")
        if fin:
            kind, data = self._message
            self._message = None
            self.messages.append((kind, data))
            if kind != BINARY:
                raise AssertionError(f"{self.name}: the server sent a non-binary message {data!r}")
            self.reader.feed(data)
            return True
        return False

    def try_send_frame(self, opcode, payload=b""):
        try:
            self.send_frame(opcode, payload)
        except OSError:
            pass
