"""A paho-mqtt 1.6 client in MQTT 5 mode for tests (Debian's python3-paho-mqtt, /usr/bin/python3).

    c = PahoV5(server.address, "sub", SessionExpiryInterval=60).connect()   # CONNECT properties
    c.connack_properties.ReceiveMaximum                                      # what CONNACK said
    codes = c.subscribe([("a/#", SubscribeOptions(qos=1, noLocal=True))], SubscriptionIdentifier=7)
    c.publish("a/b", b"x", qos=1, UserProperty=[("k", "v")])               # waits for the PUBACK
    c.puback_reasons[mid]                                                    # the PUBACK's reason
    m = c.expect_message()          # m.topic (server topic aliases resolved), m.properties
    c.stop()

It is paho_client.Paho at MQTT 5 (the same waits, transports and TLS options), with properties
on every call. paho 1.6 reads but does not report the reason code of a PUBACK or PUBCOMP, nor does
it resolve topic aliases the server assigns: this client records both (from the packet paho has
just read). Every wait fails the test (AssertionError) after WAIT seconds.
"""

import struct
import threading

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions  # noqa: F401  (for the tests)

from paho_client import WAIT, Paho


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


class PahoV5(Paho):
    """One MQTT 5 paho client with its network loop in a thread and events to wait on."""

    def __init__(self, address, client_id="", on_message=None, **options):
        """address: (host, port); `options`: those of Paho but `protocol` and `clean_session`
        (will: (topic, payload, qos, retain[, Properties])). on_message(this, msg) runs on the
        network thread after the message is queued (msg.topic already resolved from a server topic
        alias)."""
        self.connack_reason = None
        self.connack_properties = None
        self.disconnect_reason = None
        self.disconnect_properties = None
        self.aliases = {}  # server-assigned topic alias -> topic, for this connection
        super().__init__(address, client_id, on_message=on_message, protocol=mqtt.MQTTv5,
                         clean_session=None, **options)

    def _new_client(self, client_id, clean_session, protocol, transport):
        return _RecordingClient(client_id=client_id, protocol=protocol, transport=transport)

    # -- callbacks (network thread) -------------------------------------------------------------

    def _on_connect(self, client, userdata, flags, reason, props):
        self.connack_reason = reason
        self.connack_properties = props
        self.aliases = {}
        super()._on_connect(client, userdata, flags, reason_value(reason))

    def _on_disconnect(self, client, userdata, reason, props=None):
        # paho reports a server DISCONNECT, then (as the socket closes) a lost connection: the
        # first report of a connection is the one kept.
        if not self.disconnected.is_set():
            self.disconnect_reason = reason
            self.disconnect_properties = props
            super()._on_disconnect(client, userdata, reason_value(reason))

    def _on_message(self, client, userdata, msg):
        alias = prop(msg.properties, "TopicAlias")
        if alias is not None:
            if msg.topic:
                self.aliases[alias] = msg.topic
            else:
                msg.topic = self.aliases.get(alias, "").encode()  # paho's setter takes bytes
        super()._on_message(client, userdata, msg)

    # -- actions (test thread) ------------------------------------------------------------------

    def connect(self, clean_start=True, keepalive=60, expect_reason=0, **connect_properties):
        """Connects with CONNECT properties `connect_properties` (paho names: SessionExpiryInterval,
        ReceiveMaximum, TopicAliasMaximum, UserProperty, ...) and waits for the CONNACK; asserts its
        reason code. Returns self; it may be called again after a disconnection."""
        self.client.server_disconnect_reason = None
        return super().connect(expect_reason, keepalive, clean_start=clean_start,
                               properties=properties(PacketTypes.CONNECT, **connect_properties))

    def subscribe(self, topics, **subscribe_properties):
        """topics: [(filter, SubscribeOptions or QoS)]; waits for the SUBACK; returns its reason
        codes."""
        return super().subscribe(topics, properties=properties(PacketTypes.SUBSCRIBE, **subscribe_properties))

    def publish(self, topic, payload, qos=0, retain=False, wait=True, **publish_properties):
        """Publishes with PUBLISH properties `publish_properties`; with `wait`, waits until it is
        sent (QoS 0) or acknowledged (QoS 1 and 2). Returns paho's MQTTMessageInfo."""
        return super().publish(topic, payload, qos, retain, wait,
                               properties=properties(PacketTypes.PUBLISH, **publish_properties))

    def ack_reason(self, info):
        """The reason code of the PUBACK (QoS 1) or PUBCOMP (QoS 2) that completed `info`."""
        c = self.client
        with c.ack_cond:
            if not c.ack_cond.wait_for(lambda: info.mid in c.ack_reasons, WAIT):
                raise AssertionError(f"paho v5: no PUBACK/PUBCOMP for message id {info.mid}")
            return c.ack_reasons[info.mid]

    def wait_disconnected(self, timeout=WAIT):
        """Waits until the connection is closed; returns the reason code of the server's
        DISCONNECT, or None when the connection ended without one."""
        if not self.disconnected.wait(timeout):
            raise AssertionError("paho v5: still connected")
        return self.client.server_disconnect_reason
