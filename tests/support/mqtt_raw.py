"""A minimal MQTT 3.1/3.1.1 client over a raw socket, for protocol-level tests.

Packets are built by hand (so tests can also build wrong ones) and frames are read with
remaining-length decoding. Nothing here retries or hides the server's behaviour: a missing reply is
an AssertionError that says what was expected.

    c = RawClient(server.address)
    c.connect(client_id="a")                 # asserts CONNACK 0x00
    c.subscribe([("t/#", 1)])                # returns the SUBACK codes
    c.publish("t/x", b"hi", qos=1)           # waits for PUBACK
    p = c.expect_publish()                   # next PUBLISH (acknowledged if auto_ack)
    c.expect_closed()                        # the server closed the socket
"""

import errno
import select
import socket
import struct
import time

DEFAULT_TIMEOUT = 5.0

CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP = 1, 2, 3, 4, 5, 6, 7
SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT = 8, 9, 10, 11, 12, 13, 14
NAMES = {0: "RESERVED0", 1: "CONNECT", 2: "CONNACK", 3: "PUBLISH", 4: "PUBACK", 5: "PUBREC",
         6: "PUBREL", 7: "PUBCOMP", 8: "SUBSCRIBE", 9: "SUBACK", 10: "UNSUBSCRIBE",
         11: "UNSUBACK", 12: "PINGREQ", 13: "PINGRESP", 14: "DISCONNECT", 15: "RESERVED15"}


# -- encoding --------------------------------------------------------------------------------

def encode_length(n):
    """Variable byte integer of the fixed header (1..4 bytes)."""
    if n < 0 or n > 268_435_455:
        raise ValueError(f"remaining length {n} out of range")
    out = bytearray()
    while True:
        digit = n % 128
        n //= 128
        if n:
            digit |= 0x80
        out.append(digit)
        if not n:
            return bytes(out)


def mqtt_string(s):
    data = s.encode("utf-8") if isinstance(s, str) else bytes(s)
    return struct.pack("!H", len(data)) + data


def frame(first_byte, body=b""):
    return bytes([first_byte]) + encode_length(len(body)) + bytes(body)


def connect_packet(client_id="", clean=True, keepalive=60, username=None, password=None,
                   will=None, version=4, proto_name=None, reserved=False):
    """CONNECT. `will` is (topic, payload, qos, retain). version 4 = 3.1.1 ("MQTT"),
    3 = 3.1 ("MQIsdp"); proto_name overrides the name."""
    if proto_name is None:
        proto_name = "MQIsdp" if version == 3 else "MQTT"
    flags = 0
    if reserved:
        flags |= 0x01
    if clean:
        flags |= 0x02
    payload = mqtt_string(client_id)
    if will is not None:
        w_topic, w_payload, w_qos, w_retain = will
        flags |= 0x04 | (w_qos << 3) | (0x20 if w_retain else 0)
        payload += mqtt_string(w_topic) + mqtt_string(w_payload)
    if username is not None:
        flags |= 0x80
        payload += mqtt_string(username)
    if password is not None:
        flags |= 0x40
        payload += mqtt_string(password)
    body = mqtt_string(proto_name) + bytes([version, flags]) + struct.pack("!H", keepalive)
    return frame(0x10, body + payload)


def connect_raw(flags, client_id="c", keepalive=60, version=4, proto_name="MQTT", payload_extra=b""):
    """CONNECT with the connect-flags byte given as is, for flag-combination tests."""
    body = (mqtt_string(proto_name) + bytes([version, flags]) + struct.pack("!H", keepalive)
            + mqtt_string(client_id) + payload_extra)
    return frame(0x10, body)


def publish_packet(topic, payload=b"", qos=0, retain=False, dup=False, packet_id=None):
    if isinstance(payload, str):
        payload = payload.encode()
    first = 0x30 | (qos << 1) | (0x01 if retain else 0) | (0x08 if dup else 0)
    body = mqtt_string(topic)
    if qos > 0:
        body += struct.pack("!H", 1 if packet_id is None else packet_id)
    return frame(first, body + bytes(payload))


def puback_packet(pid):
    return frame(0x40, struct.pack("!H", pid))


def pubrec_packet(pid):
    return frame(0x50, struct.pack("!H", pid))


def pubrel_packet(pid):
    return frame(0x62, struct.pack("!H", pid))


def pubcomp_packet(pid):
    return frame(0x70, struct.pack("!H", pid))


def subscribe_packet(pid, topics):
    body = struct.pack("!H", pid)
    for topic, qos in topics:
        body += mqtt_string(topic) + bytes([qos])
    return frame(0x82, body)


def unsubscribe_packet(pid, topics):
    body = struct.pack("!H", pid)
    for topic in topics:
        body += mqtt_string(topic)
    return frame(0xA2, body)


def pingreq_packet():
    return b"\xc0\x00"


def disconnect_packet():
    return b"\xe0\x00"


# -- decoding --------------------------------------------------------------------------------

def read_within(sock, deadline):
    """One recv() once `sock` is readable before `deadline` (time.monotonic()): the bytes, b"" when
    the peer closed or reset the connection, None when nothing came in time."""
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    ready, _, _ = select.select([sock], [], [], left)
    if not ready:
        return None
    try:
        return sock.recv(262144)
    except OSError as e:
        if e.errno in (errno.ECONNRESET, errno.EPIPE):
            return b""
        raise


class Packet:
    """One frame from the server, with typed accessors for the packets a server sends."""

    def __init__(self, first_byte, body):
        self.first_byte = first_byte
        self.type = first_byte >> 4
        self.flags = first_byte & 0x0F
        self.body = bytes(body)

    @property
    def name(self):
        return NAMES[self.type]

    # PUBLISH
    @property
    def qos(self):
        return (self.flags >> 1) & 0x03

    @property
    def retain(self):
        return bool(self.flags & 0x01)

    @property
    def dup(self):
        return bool(self.flags & 0x08)

    @property
    def topic(self):
        n = struct.unpack_from("!H", self.body, 0)[0]
        return self.body[2:2 + n].decode("utf-8")

    @property
    def packet_id(self):
        if self.type == PUBLISH:
            if self.qos == 0:
                return None
            n = struct.unpack_from("!H", self.body, 0)[0]
            return struct.unpack_from("!H", self.body, 2 + n)[0]
        return struct.unpack_from("!H", self.body, 0)[0]

    @property
    def payload(self):
        n = struct.unpack_from("!H", self.body, 0)[0]
        return self.body[2 + n + (2 if self.qos else 0):]

    # CONNACK
    @property
    def session_present(self):
        return bool(self.body[0] & 0x01)

    @property
    def return_code(self):
        return self.body[1]

    # SUBACK
    @property
    def granted(self):
        return list(self.body[2:])

    def __repr__(self):
        if self.type == PUBLISH:
            return (f"<PUBLISH topic={self.topic!r} qos={self.qos} retain={int(self.retain)} "
                    f"dup={int(self.dup)} id={self.packet_id} payload={self.payload[:40]!r}"
                    f"{'...' if len(self.payload) > 40 else ''} ({len(self.payload)} bytes)>")
        return f"<{self.name} flags={self.flags:#x} body={self.body[:40].hex()}>"


class FrameReader:
    """Cuts frames out of a byte stream."""

    def __init__(self):
        self.buf = bytearray()
        self.pos = 0

    def feed(self, data):
        if self.pos > 65536 and self.pos * 2 > len(self.buf):
            del self.buf[:self.pos]
            self.pos = 0
        self.buf += data

    def next(self):
        """Returns the next complete Packet or None."""
        buf, pos = self.buf, self.pos
        avail = len(buf) - pos
        if avail < 2:
            return None
        length = 0
        mult = 1
        i = pos + 1
        while True:
            if i >= len(buf):
                return None
            b = buf[i]
            length += (b & 0x7F) * mult
            i += 1
            if not b & 0x80:
                break
            mult *= 128
            if i - pos - 1 >= 4:
                raise AssertionError("server sent a remaining length longer than 4 bytes")
        end = i + length
        if end > len(buf):
            return None
        packet = Packet(buf[pos], buf[i:end])
        self.pos = end
        return packet


# -- client ----------------------------------------------------------------------------------

class ServerClosed(AssertionError):
    pass


def brief(packets, limit=8):
    """A short description of a list of packets for failure messages."""
    if len(packets) <= limit:
        return repr(packets)
    return f"{len(packets)} packets: {packets[:limit // 2]!r} ... {packets[-(limit // 2):]!r}"


class RawClient:
    """A socket to the server plus a frame reader. Packets read while waiting for something else
    are kept (in order) for later expect_* calls."""

    def __init__(self, address, timeout=DEFAULT_TIMEOUT, auto_ack=True, name=None):
        self.address = tuple(address)
        self.name = name or "client"
        self.timeout = timeout
        self.auto_ack = auto_ack
        self.sock = socket.create_connection(self.address, timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = FrameReader()
        self.pending = []
        self.closed_by_server = False
        self._next_id = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def next_packet_id(self):
        self._next_id = self._next_id % 65535 + 1
        return self._next_id

    # -- raw I/O -------------------------------------------------------------------------------

    def send(self, data):
        self.sock.sendall(data)

    def try_send(self, data):
        """Sends, ignoring a connection the server already closed. Returns False if it was."""
        try:
            self.sock.sendall(data)
            return True
        except (BrokenPipeError, ConnectionResetError):
            return False

    def _recv_some(self, deadline):
        """Reads once; returns False when the socket is closed by the server."""
        data = read_within(self.sock, deadline)
        if data is None:
            return None
        if not data:
            self.closed_by_server = True
            return False
        self.reader.feed(data)
        return True

    def _read_packet(self, deadline):
        """Next frame from the socket (not from `pending`); None on timeout; raises ServerClosed."""
        while True:
            p = self.reader.next()
            if p is not None:
                self._auto_ack(p)
                return p
            got = self._recv_some(deadline)
            if got is None:
                return None
            if got is False:
                raise ServerClosed(f"{self.name}: the server closed the connection")

    def _auto_ack(self, p):
        if not self.auto_ack:
            return
        if p.type == PUBLISH and p.qos == 1:
            self.try_send(puback_packet(p.packet_id))
        elif p.type == PUBLISH and p.qos == 2:
            self.try_send(pubrec_packet(p.packet_id))
        elif p.type == PUBREL:
            self.try_send(pubcomp_packet(p.packet_id))

    def expect(self, ptype, timeout=None, what=None):
        """Next packet of type `ptype` (others are kept in `pending`)."""
        timeout = self.timeout if timeout is None else timeout
        for i, p in enumerate(self.pending):
            if p.type == ptype:
                return self.pending.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            try:
                p = self._read_packet(deadline)
            except ServerClosed:
                raise ServerClosed(f"{self.name}: the server closed the connection while waiting "
                                   f"for {what or NAMES[ptype]} (kept: {brief(self.pending)})") from None
            if p is None:
                raise AssertionError(f"{self.name}: no {what or NAMES[ptype]} within {timeout:.1f} s "
                                     f"(kept: {brief(self.pending)})")
            if p.type == ptype:
                return p
            self.pending.append(p)

    def expect_any(self, timeout=None):
        """The next packet of any type."""
        timeout = self.timeout if timeout is None else timeout
        if self.pending:
            return self.pending.pop(0)
        p = self._read_packet(time.monotonic() + timeout)
        if p is None:
            raise AssertionError(f"{self.name}: no packet within {timeout} s")
        return p

    def expect_publish(self, timeout=None, topic=None):
        """Next PUBLISH (with the given topic, if any)."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            p = self.expect(PUBLISH, max(0.0, deadline - time.monotonic()),
                            what=f"PUBLISH on {topic!r}" if topic else "PUBLISH")
            if topic is None or p.topic == topic:
                return p

    def publishes_until(self, marker_topic, timeout=None):
        """Collects PUBLISH packets until one on `marker_topic` arrives; returns the ones before."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        got = []
        while True:
            p = self.expect(PUBLISH, max(0.0, deadline - time.monotonic()),
                            what=f"PUBLISH on marker {marker_topic!r} (after {brief(got)})")
            if p.topic == marker_topic:
                return got
            got.append(p)

    def expect_nothing(self, duration):
        """Asserts that no packet arrives within `duration` seconds (for 'must not' checks)."""
        if self.pending:
            raise AssertionError(f"{self.name}: unexpected packets {brief(self.pending)}")
        try:
            p = self._read_packet(time.monotonic() + duration)
        except ServerClosed:
            raise AssertionError(f"{self.name}: connection closed, expected it to stay open")
        if p is not None:
            raise AssertionError(f"{self.name}: expected no packet, got {p}")

    def expect_closed(self, timeout=None):
        """Asserts the server closes the socket within `timeout`; returns packets read first."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        seen = list(self.pending)
        self.pending = []
        while True:
            try:
                p = self._read_packet(deadline)
            except ServerClosed:
                return seen
            if p is None:
                raise AssertionError(f"{self.name}: the server did not close the connection within "
                                     f"{timeout} s (packets seen: {brief(seen)})")
            seen.append(p)

    def is_open(self, wait=0.0):
        """True if the server has not closed the socket (reading any packets into `pending`)."""
        try:
            while True:
                p = self._read_packet(time.monotonic() + wait)
                if p is None:
                    return True
                self.pending.append(p)
        except ServerClosed:
            return False

    # -- protocol helpers --------------------------------------------------------------------

    def connect(self, client_id="", expect_code=0, **kw):
        """Sends CONNECT and returns the CONNACK, asserting its return code."""
        self.send(connect_packet(client_id=client_id, **kw))
        ack = self.expect(CONNACK)
        if ack.return_code != expect_code:
            raise AssertionError(f"{self.name}: CONNACK return code {ack.return_code:#04x}, "
                                 f"expected {expect_code:#04x}")
        return ack

    def subscribe(self, topics, packet_id=None, timeout=None):
        """SUBSCRIBE [(filter, qos)...]; returns the granted codes from SUBACK."""
        if isinstance(topics, str):
            topics = [(topics, 0)]
        pid = packet_id or self.next_packet_id()
        self.send(subscribe_packet(pid, topics))
        ack = self.expect(SUBACK, timeout)
        if ack.packet_id != pid:
            raise AssertionError(f"SUBACK packet id {ack.packet_id}, expected {pid}")
        return ack.granted

    def unsubscribe(self, topics, packet_id=None):
        if isinstance(topics, str):
            topics = [topics]
        pid = packet_id or self.next_packet_id()
        self.send(unsubscribe_packet(pid, topics))
        ack = self.expect(UNSUBACK)
        if ack.packet_id != pid:
            raise AssertionError(f"UNSUBACK packet id {ack.packet_id}, expected {pid}")
        return ack

    def publish(self, topic, payload=b"", qos=0, retain=False, packet_id=None, timeout=None):
        """PUBLISH and, for QoS 1/2, the whole acknowledgement flow."""
        pid = None
        if qos:
            pid = packet_id or self.next_packet_id()
        self.send(publish_packet(topic, payload, qos=qos, retain=retain, packet_id=pid))
        if qos == 1:
            ack = self.expect(PUBACK, timeout)
            if ack.packet_id != pid:
                raise AssertionError(f"PUBACK packet id {ack.packet_id}, expected {pid}")
        elif qos == 2:
            rec = self.expect(PUBREC, timeout)
            if rec.packet_id != pid:
                raise AssertionError(f"PUBREC packet id {rec.packet_id}, expected {pid}")
            self.send(pubrel_packet(pid))
            comp = self.expect(PUBCOMP, timeout)
            if comp.packet_id != pid:
                raise AssertionError(f"PUBCOMP packet id {comp.packet_id}, expected {pid}")
        return pid

    def ping(self, timeout=None):
        self.send(pingreq_packet())
        return self.expect(PINGRESP, timeout)

    def disconnect(self):
        self.try_send(disconnect_packet())
        self.close()


def connected(address, client_id="", name=None, **kw):
    """A RawClient that has completed CONNECT (CONNACK 0x00)."""
    c = RawClient(address, name=name or client_id or "client")
    c.connect(client_id=client_id, **kw)
    return c


def assert_round_trip(address, tag, client=None):
    """Proves the server still routes messages: a client (the given one, or a new one) subscribes
    to a private topic, publishes a QoS 1 message to it and receives it back, then pings."""
    own = client is None
    c = client or connected(address, client_id=f"rt-{tag}", name=f"round-trip {tag}")
    try:
        topic = f"roundtrip/{tag}"
        granted = c.subscribe([(topic, 1)])
        if granted != [1]:
            raise AssertionError(f"round trip {tag}: SUBACK {granted}, expected [1]")
        c.publish(topic, b"ping-" + tag.encode(), qos=1)
        p = c.expect_publish(topic=topic)
        if p.payload != b"ping-" + tag.encode():
            raise AssertionError(f"round trip {tag}: got payload {p.payload!r}")
        c.unsubscribe(topic)
        c.ping()
    finally:
        if own:
            c.disconnect()
