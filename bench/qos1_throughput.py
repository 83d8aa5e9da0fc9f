#!/usr/bin/python3
"""QoS 1 throughput of a running MQTT broker: publish -> PUBACK, optionally with delivery to a
persistent subscriber.

One publisher sends N QoS 1 PUBLISHes over a raw socket, keeping at most WINDOW of them
unacknowledged, and reports messages per second from the first PUBLISH to the last PUBACK, with
the publish -> PUBACK latency (median, p99, max). With --persistent-subscriber, a second connection
(clean session 0, QoS 1 subscription to the topic) receives and acknowledges in a thread; the
script then also reports how many distinct messages it got, duplicates, and its delivery rate.
Standard library only (MQTT 3.1.1).

Usage:
    /usr/bin/python3 bench/qos1_throughput.py [--host H] [--port P] [-n N] [--size BYTES]
        [--window W] [--topic T] [--persistent-subscriber] [--keep-session]

Example against a local server:
    build/release/apps/roost/roost serve --mqtt 127.0.0.1:18830 --bemfa off --line off \\
        --data /tmp/roost-bench &
    /usr/bin/python3 bench/qos1_throughput.py --port 18830 -n 20000 --persistent-subscriber

The subscriber's session is created fresh (a clean session connect first discards any old one)
and is discarded at the end unless --keep-session is given. The exit status is 1 when a PUBACK or
a delivery did not arrive within --timeout seconds, 0 otherwise.
"""

import argparse
import select
import socket
import statistics
import struct
import sys
import threading
import time

CONNACK, PUBLISH, PUBACK, SUBACK = 2, 3, 4, 9


# -- packets -------------------------------------------------------------------------------------

def encode_length(n):
    out = bytearray()
    while True:
        digit, n = n % 128, n // 128
        out.append(digit | (0x80 if n else 0))
        if not n:
            return bytes(out)


def mqtt_string(s):
    data = s.encode()
    return struct.pack("!H", len(data)) + data


def frame(first_byte, body):
    return bytes([first_byte]) + encode_length(len(body)) + body


def connect_packet(client_id, clean, keepalive=60):
    body = mqtt_string("MQTT") + bytes([4, 0x02 if clean else 0]) + struct.pack("!H", keepalive)
    return frame(0x10, body + mqtt_string(client_id))


def publish_packet(topic_bytes, packet_id, payload):
    return frame(0x32, topic_bytes + struct.pack("!H", packet_id) + payload)


def puback_packet(packet_id):
    return b"\x40\x02" + struct.pack("!H", packet_id)


def subscribe_packet(packet_id, topic, qos):
    return frame(0x82, struct.pack("!H", packet_id) + mqtt_string(topic) + bytes([qos]))


DISCONNECT = b"\xe0\x00"


class Connection:
    """A socket with a frame reader: packets() yields (type, flags, body) of complete frames."""

    def __init__(self, host, port, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = bytearray()
        self.timeout = timeout

    def recv(self, wait):
        """Reads what is there within `wait` seconds; False when the peer closed."""
        ready, _, _ = select.select([self.sock], [], [], wait)
        if not ready:
            return True
        data = self.sock.recv(1 << 20)
        if not data:
            return False
        self.buf += data
        return True

    def packets(self):
        buf, pos, out = self.buf, 0, []
        while len(buf) - pos >= 2:
            length, mult, i = 0, 1, pos + 1
            while i < len(buf):
                b = buf[i]
                length += (b & 0x7F) * mult
                mult *= 128
                i += 1
                if not b & 0x80:
                    break
            else:
                break
            if i + length > len(buf):
                break
            out.append((buf[pos] >> 4, buf[pos] & 0x0F, bytes(buf[i:i + length])))
            pos = i + length
        del buf[:pos]
        return out

    def expect(self, ptype):
        deadline = time.monotonic() + self.timeout
        while True:
            for t, flags, body in self.packets():
                if t == ptype:
                    return body
                raise SystemExit(f"expected packet type {ptype}, got {t}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise SystemExit(f"no packet of type {ptype} within {self.timeout} s")
            if not self.recv(left):
                raise SystemExit("the server closed the connection")

    def mqtt_connect(self, client_id, clean):
        self.sock.sendall(connect_packet(client_id, clean))
        body = self.expect(CONNACK)
        if body[1] != 0:
            raise SystemExit(f"{client_id}: CONNACK return code {body[1]}")
        return bool(body[0] & 1)

    def close(self, disconnect=True):
        try:
            if disconnect:
                self.sock.sendall(DISCONNECT)
            self.sock.close()
        except OSError:
            pass


# -- subscriber ----------------------------------------------------------------------------------

class Subscriber:
    """Clean session 0, QoS 1 on the topic; acknowledges and counts deliveries in a thread."""

    def __init__(self, args):
        self.args = args
        self.seen = set()
        self.deliveries = 0
        self.first = None
        self.last = None
        self.error = None
        self._stop = threading.Event()
        discard = Connection(args.host, args.port, args.timeout)  # drops a leftover session
        discard.mqtt_connect(args.subscriber_id, clean=True)
        discard.close()
        self.conn = Connection(args.host, args.port, args.timeout)
        self.conn.mqtt_connect(args.subscriber_id, clean=False)
        self.conn.sock.sendall(subscribe_packet(1, args.topic, 1))
        granted = self.conn.expect(SUBACK)[2:]
        if granted != b"\x01":
            raise SystemExit(f"subscriber: SUBACK {granted.hex()}, expected 01")
        self.thread = threading.Thread(target=self._run, name="subscriber", daemon=True)
        self.thread.start()

    def _run(self):
        conn = self.conn
        try:
            while not self._stop.is_set():
                if not conn.recv(0.2):
                    self.error = "the server closed the subscriber's connection"
                    return
                acks = []
                now = time.perf_counter()
                for t, flags, body in conn.packets():
                    if t != PUBLISH:
                        continue
                    n = struct.unpack_from("!H", body, 0)[0]
                    qos = (flags >> 1) & 3
                    off = 2 + n
                    if qos:
                        acks.append(puback_packet(struct.unpack_from("!H", body, off)[0]))
                        off += 2
                    self.seen.add(struct.unpack_from("!Q", body, off)[0])
                    self.deliveries += 1
                    self.first = self.first or now
                    self.last = now
                if acks:
                    conn.sock.sendall(b"".join(acks))
        except OSError as e:
            self.error = f"subscriber: {e}"

    def wait_for(self, count, timeout):
        deadline = time.monotonic() + timeout
        while len(self.seen) < count and time.monotonic() < deadline and self.thread.is_alive():
            self.thread.join(0.05)
        return len(self.seen) >= count

    def finish(self, keep_session):
        self._stop.set()
        self.thread.join()
        self.conn.close()
        if not keep_session:
            discard = Connection(self.args.host, self.args.port, self.args.timeout)
            discard.mqtt_connect(self.args.subscriber_id, clean=True)
            discard.close()


# -- publisher -----------------------------------------------------------------------------------

def publish_all(args):
    """Sends args.count QoS 1 PUBLISHes with at most args.window unacknowledged. Returns
    (seconds from first PUBLISH to last PUBACK, latencies in seconds, acknowledged count)."""
    conn = Connection(args.host, args.port, args.timeout)
    conn.mqtt_connect(args.publisher_id, clean=True)
    topic = mqtt_string(args.topic)
    padding = b"x" * (args.size - 8)
    sent_at = {}      # packet id -> perf_counter at send
    latencies = []
    seq = 0
    start = time.perf_counter()
    last_progress = time.monotonic()
    while len(latencies) < args.count:
        batch = []
        now = time.perf_counter()
        while len(sent_at) < args.window and seq < args.count:
            pid = seq % 65535 + 1
            batch.append(publish_packet(topic, pid, struct.pack("!Q", seq) + padding))
            sent_at[pid] = now
            seq += 1
        if batch:
            conn.sock.sendall(b"".join(batch))
        if not conn.recv(0.5):
            raise SystemExit(f"the server closed the publisher's connection after "
                             f"{len(latencies)} PUBACKs")
        now = time.perf_counter()
        got = False
        for t, _, body in conn.packets():
            if t == PUBACK:
                pid = struct.unpack_from("!H", body, 0)[0]
                t0 = sent_at.pop(pid, None)
                if t0 is None:
                    raise SystemExit(f"PUBACK for packet id {pid}, which is not outstanding")
                latencies.append(now - t0)
                got = True
        if got:
            last_progress = time.monotonic()
        elif time.monotonic() - last_progress > args.timeout:
            print(f"no PUBACK for {args.timeout} s ({len(sent_at)} outstanding)", file=sys.stderr)
            break
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed, latencies


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=1883)
    ap.add_argument("-n", "--count", type=int, default=20000, help="messages to publish (20000)")
    ap.add_argument("--size", type=int, default=64, help="payload bytes, at least 8 (64)")
    ap.add_argument("--window", type=int, default=100,
                    help="unacknowledged PUBLISHes in flight, 1..65535 (100)")
    ap.add_argument("--topic", default="bench/qos1")
    ap.add_argument("--persistent-subscriber", action="store_true",
                    help="also run a clean session 0 QoS 1 subscriber and count deliveries")
    ap.add_argument("--keep-session", action="store_true",
                    help="leave the subscriber's persistent session on the server")
    ap.add_argument("--publisher-id", default="bench-pub")
    ap.add_argument("--subscriber-id", default="bench-sub")
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="seconds without progress before giving up (10)")
    args = ap.parse_args()
    if args.size < 8:
        ap.error("--size must be at least 8 (the payload starts with the sequence number)")
    if not 1 <= args.window <= 65535:
        ap.error("--window must be 1..65535")

    sub = Subscriber(args) if args.persistent_subscriber else None
    elapsed, latencies = publish_all(args)
    ok = len(latencies) == args.count
    print(f"published {args.count} x {args.size} B QoS 1, window {args.window}: "
          f"{len(latencies)} PUBACKs in {elapsed:.3f} s = {len(latencies) / elapsed:,.0f} msg/s")
    if latencies:
        ms = sorted(x * 1000 for x in latencies)
        print(f"publish -> PUBACK latency: median {statistics.median(ms):.2f} ms, "
              f"p99 {ms[min(len(ms) - 1, int(len(ms) * 0.99))]:.2f} ms, max {ms[-1]:.2f} ms")
    if sub is not None:
        complete = sub.wait_for(len(latencies), args.timeout)
        sub.finish(args.keep_session)
        span = (sub.last - sub.first) if sub.first is not None and sub.last != sub.first else 0
        rate = f" = {len(sub.seen) / span:,.0f} msg/s from first to last" if span else ""
        print(f"persistent subscriber: {len(sub.seen)} of {len(latencies)} acknowledged messages "
              f"delivered, {sub.deliveries - len(sub.seen)} duplicates{rate}")
        if sub.error:
            print(sub.error, file=sys.stderr)
        ok = ok and complete
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
