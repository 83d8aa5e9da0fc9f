"""A paho-mqtt 1.6 client in MQTT 5 mode for tests (Debian's python3-paho-mqtt, /usr/bin/python3).

    c = PahoV5(server.address, "sub", SessionExpiryInterval=60).connect()   # CONNECT properties
    c.connack_properties.ReceiveMaximum                                      # what CONNACK said
    codes = c.subscribe([("a/#", SubscribeOptions(qos=1, noLocal=True))], SubscriptionIdentifier=7)
    c.publish("a/b", b"x", qos=1, UserProperty=[("k", "v")])               # waits for the PUBACK
    c.puback_reasons[mid]                                                    # the PUBACK's reason
    m = c.expect_message()          # m.topic (server topic aliases resolved), m.properties
    c.stop()

paho 1.6 reads but does not report the reason code of a PUBACK or PUBCOMP, nor does it resolve
topic aliases the server assigns: this client records both (from the packet paho has just read).
Every wait fails the test (AssertionError) after WAIT seconds.
"""

import queue
import struct
import threading

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions  # noqa: F401  (for the tests)

WAIT = 10.0


def properties(packet_type, **values):
    """A paho Properties for `packet_type` (PacketTypes.CONNECT, ...) with `values` set, or None."""
    if not values:
        return None
    p = Properties(packet_type)
    for name, value in values.items():
        setattr(p, name, value)
    return p


def reason_value(reason):
    """The number of a paho ReasonCodes (paho passes a bare int when no reason code was read)."""
    return getattr(reason, "value", reason)


def prop(props, name, default=None):
    """The property `name` of a paho Properties (None-safe), or `default` when absent."""
    return getattr(props, name, default) if props is not None else default


class _RecordingClient(mqtt.Client):
    """paho's client, noting the reason code of every PUBACK/PUBCOMP it reads (paho drops it) and
    of a server DISCONNECT (paho 1.6 reads it only when properties follow: a DISCONNECT of
    remaining length 1, reason code alone, is reported as a lost connection)."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.ack_reasons = {}
        self.ack_cond = threading.Condition()
        self.server_disconnect_reason = None

    def _handle_disconnect(self):
        packet = self._in_packet["packet"]
        self.server_disconnect_reason = packet[0] if len(packet) >= 1 else 0  # absent: 0x00
        return super()._handle_disconnect()

    def _handle_pubackcomp(self, cmd):
        packet = self._in_packet["packet"]
        if len(packet) >= 2:
            mid, = struct.unpack("!H", packet[:2])
            reason = packet[2] if len(packet) > 2 else 0  # absent: 0x00 Success
            with self.ack_cond:
                self.ack_reasons[mid] = reason
                self.ack_cond.notify_all()
        return super()._handle_pubackcomp(cmd)


class PahoV5:
    """One MQTT 5 paho client with its network loop in a thread and events to wait on."""

    def __init__(self, address, client_id="", transport="tcp", ws_path="/mqtt", tls_ca=None,
                 username=None, password=None, on_message=None):
        """address: (host, port). on_message(this, msg) runs on the network thread after the
        message is queued (msg.topic already resolved from a server topic alias)."""
        self.address = address
        self.client = _RecordingClient(client_id=client_id, protocol=mqtt.MQTTv5, transport=transport)
        if transport == "websockets":
            self.client.ws_set_options(path=ws_path)
        if tls_ca is not None:
            self.client.tls_set(ca_certs=tls_ca)
        if username is not None:
            self.client.username_pw_set(username, password)
        self.messages = queue.Queue()
        self.connected = threading.Event()
        self.disconnected = threading.Event()
        self.connack_reason = None
        self.connack_properties = None
        self.session_present = None
        self.disconnect_reason = None
        self.disconnect_properties = None
        self.subacks = {}
        self.unsubacks = {}
        self.aliases = {}  # server-assigned topic alias -> topic, for this connection
        self._cond = threading.Condition()
        self._handler = on_message
        self._started = False
        c = self.client
        c.on_connect = self._on_connect
        c.on_disconnect = self._on_disconnect
        c.on_message = self._on_message
        c.on_subscribe = self._on_subscribe
        c.on_unsubscribe = self._on_unsubscribe

    # -- callbacks (network thread) -------------------------------------------------------------

    def _on_connect(self, client, userdata, flags, reason, props):
        self.session_present = flags.get("session present", 0)
        self.connack_reason = reason
        self.connack_properties = props
        self.aliases = {}
        self.connected.set()

    def _on_disconnect(self, client, userdata, reason, props=None):
        # paho reports a server DISCONNECT, then (as the socket closes) a lost connection: the
        # first report of a connection is the one kept.
        if not self.disconnected.is_set():
            self.disconnect_reason = reason
            self.disconnect_properties = props
            self.disconnected.set()

    def _on_message(self, client, userdata, msg):
        alias = prop(msg.properties, "TopicAlias")
        if alias is not None:
            if msg.topic:
                self.aliases[alias] = msg.topic
            else:
                msg.topic = self.aliases.get(alias, "").encode()  # paho's setter takes bytes
        self.messages.put(msg)
        if self._handler is not None:
            self._handler(self, msg)

    def _on_subscribe(self, client, userdata, mid, reasons, props):
        with self._cond:
            self.subacks[mid] = [r.value for r in reasons]
            self._cond.notify_all()

    def _on_unsubscribe(self, client, userdata, mid, props, reasons):
        if not isinstance(reasons, list):
            reasons = [reasons]
        with self._cond:
            self.unsubacks[mid] = [r.value for r in reasons]
            self._cond.notify_all()

    # -- actions (test thread) ------------------------------------------------------------------

    def connect(self, clean_start=True, keepalive=60, expect_reason=0, **connect_properties):
        """Connects with CONNECT properties `connect_properties` (paho names: SessionExpiryInterval,
        ReceiveMaximum, TopicAliasMaximum, UserProperty, ...) and waits for the CONNACK; asserts its
        reason code. Returns self."""
        host, port = self.address
        self.connected.clear()
        self.disconnected.clear()
        self.client.server_disconnect_reason = None
        self.client.reconnect_delay_set(min_delay=60, max_delay=120)
        self.client.connect(host, port, keepalive=keepalive, clean_start=clean_start,
                            properties=properties(PacketTypes.CONNECT, **connect_properties))
        if not self._started:
            self.client.loop_start()
            self._started = True
        if not self.connected.wait(WAIT):
            raise AssertionError("paho v5: no CONNACK")
        code = reason_value(self.connack_reason)
        if code != expect_reason:
            raise AssertionError(f"paho v5: CONNACK {self.connack_reason} (0x{code:02x}), "
                                 f"expected 0x{expect_reason:02x}")
        return self

    def subscribe(self, topics, **subscribe_properties):
        """topics: [(filter, SubscribeOptions)]; waits for the SUBACK; returns its reason codes."""
        rc, mid = self.client.subscribe(topics, properties=properties(PacketTypes.SUBSCRIBE,
                                                                      **subscribe_properties))
        if rc != mqtt.MQTT_ERR_SUCCESS:
            raise AssertionError(f"paho v5 subscribe failed: {mqtt.error_string(rc)}")
        with self._cond:
            if not self._cond.wait_for(lambda: mid in self.subacks, WAIT):
                raise AssertionError("paho v5: no SUBACK")
            return self.subacks[mid]

    def unsubscribe(self, topics):
        """topics: a filter or a list of them; waits for the UNSUBACK; returns its reason codes."""
        rc, mid = self.client.unsubscribe(topics)
        if rc != mqtt.MQTT_ERR_SUCCESS:
            raise AssertionError(f"paho v5 unsubscribe failed: {mqtt.error_string(rc)}")
        with self._cond:
            if not self._cond.wait_for(lambda: mid in self.unsubacks, WAIT):
                raise AssertionError("paho v5: no UNSUBACK")
            return self.unsubacks[mid]

    def publish(self, topic, payload, qos=0, retain=False, wait=True, **publish_properties):
        """Publishes with PUBLISH properties `publish_properties`; with `wait`, waits until it is
        sent (QoS 0) or acknowledged (QoS 1 and 2). Returns paho's MQTTMessageInfo."""
        info = self.client.publish(topic, payload, qos=qos, retain=retain,
                                   properties=properties(PacketTypes.PUBLISH, **publish_properties))
        if info.rc != mqtt.MQTT_ERR_SUCCESS:
            raise AssertionError(f"paho v5 publish failed: {mqtt.error_string(info.rc)}")
        if wait:
            info.wait_for_publish(timeout=WAIT)
            if not info.is_published():
                raise AssertionError(f"paho v5: publish to {topic!r} (QoS {qos}) not completed")
        return info

    def ack_reason(self, info):
        """The reason code of the PUBACK (QoS 1) or PUBCOMP (QoS 2) that completed `info`."""
        c = self.client
        with c.ack_cond:
            if not c.ack_cond.wait_for(lambda: info.mid in c.ack_reasons, WAIT):
                raise AssertionError(f"paho v5: no PUBACK/PUBCOMP for message id {info.mid}")
            return c.ack_reasons[info.mid]

    def expect_message(self, timeout=WAIT):
        """The next message received; fails after `timeout` seconds."""
        try:
            return self.messages.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"paho v5: no message within {timeout} s") from None

    def messages_until(self, marker_topic, timeout=WAIT):
        """The messages received before the first one on `marker_topic` (which is consumed)."""
        got = []
        while True:
            m = self.expect_message(timeout)
            if m.topic == marker_topic:
                return got
            got.append(m)

    def wait_disconnected(self, timeout=WAIT):
        """Waits until the connection is closed; returns the reason code of the server's
        DISCONNECT, or None when the connection ended without one."""
        if not self.disconnected.wait(timeout):
            raise AssertionError("paho v5: still connected")
        return self.client.server_disconnect_reason

    def stop(self):
        """Disconnects (when connected) and stops the network thread."""
        if not self._started:
            return
        try:
            self.client.disconnect()
        finally:
            self.client.loop_stop()
            self._started = False
