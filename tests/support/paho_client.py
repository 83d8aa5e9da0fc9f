"""A paho-mqtt client for tests (Debian's python3-paho-mqtt, imported by /usr/bin/python3), at
MQTT 3.1 or 3.1.1 (`protocol`) over TCP, WebSocket or TLS; paho_v5.PahoV5 is the same at MQTT 5.

    client = Paho(server.endpoint("bemfa"), key).connect()   # waits for an accepting CONNACK
    client.subscribe([("ledstate", 1)])                      # waits for the SUBACK
    client.publish("ledctrl", "on", qos=1)                   # waits until it is acknowledged
    msg = client.expect_message()
    client.stop()

Every wait fails the test (AssertionError) after WAIT seconds.
"""

import queue
import threading
import time
import warnings

import paho.mqtt.client as mqtt

WAIT = 10.0


class Paho:
    """A paho-mqtt 1.6 client with its network loop in a thread (or, with threaded=False, driven by
    connect() and then by the test through `client.loop()`) and events to wait on."""

    def __init__(self, address, client_id="", username=None, password=None, on_message=None,
                 clean_session=True, protocol=mqtt.MQTTv311, will=None, threaded=True,
                 transport="tcp", ws_path="/mqtt", tls_ca=None):
        """address: (host, port). will: (topic, payload, qos, retain). on_message(paho, msg) is
        called on the network thread for every message, after it is queued. transport "websockets"
        connects to `ws_path`; `tls_ca` (the CA's certificate file) turns TLS on."""
        self.address = address
        self.threaded = threaded
        self.client = self._new_client(client_id, clean_session, protocol, transport)
        if transport == "websockets":
            self.client.ws_set_options(path=ws_path)
        if tls_ca is not None:
            warnings.simplefilter("ignore", DeprecationWarning)  # paho 1.6 asks for ssl.PROTOCOL_TLS
            self.client.tls_set(ca_certs=tls_ca)
        if username is not None:
            self.client.username_pw_set(username, password)
        if will is not None:
            self.client.will_set(*will)
        self.messages = queue.Queue()
        self.connected = threading.Event()
        self.disconnected = threading.Event()
        self.connack_rc = None
        self.session_present = None
        self.disconnect_rc = None
        self.subacks = {}
        self.unsubacks = {}
        self._cond = threading.Condition()
        self._handler = on_message
        self._started = False
        c = self.client
        c.on_connect = self._on_connect
        c.on_disconnect = self._on_disconnect
        c.on_message = self._on_message
        c.on_subscribe = self._on_subscribe
        c.on_unsubscribe = self._on_unsubscribe

    def _new_client(self, client_id, clean_session, protocol, transport):
        return mqtt.Client(client_id=client_id, clean_session=clean_session, protocol=protocol,
                           transport=transport)

    # -- callbacks (network thread; the MQTT 5 signatures have the extra arguments) ---------------

    def _on_connect(self, client, userdata, flags, rc):
        self.session_present = flags.get("session present", 0)
        self.connack_rc = rc
        self.connected.set()

    def _on_disconnect(self, client, userdata, rc):
        self.disconnect_rc = rc
        self.disconnected.set()

    def _on_message(self, client, userdata, msg):
        self.messages.put(msg)
        if self._handler is not None:
            self._handler(self, msg)

    def _on_subscribe(self, client, userdata, mid, granted, props=None):
        with self._cond:
            self.subacks[mid] = [getattr(g, "value", g) for g in granted]  # MQTT 5: ReasonCodes
            self._cond.notify_all()

    def _on_unsubscribe(self, client, userdata, mid, props=None, reasons=None):
        if reasons is not None and not isinstance(reasons, list):
            reasons = [reasons]
        with self._cond:
            self.unsubacks[mid] = [r.value for r in reasons or []]
            self._cond.notify_all()

    # -- actions (test thread) ------------------------------------------------------------------

    def connect(self, expect_rc=0, keepalive=60, **connect_args):
        """Connects (`connect_args`: more arguments of paho's connect) and waits for the CONNACK;
        asserts its return code is `expect_rc`. Returns self (`session_present` and `connack_rc`
        hold the CONNACK)."""
        host, port = self.address
        self.connected.clear()
        self.disconnected.clear()
        # Keep-alive 60 s as the devices seen in the field use; no reconnects behind the test's back.
        self.client.reconnect_delay_set(min_delay=60, max_delay=120)
        self.client.connect(host, port, keepalive=keepalive, **connect_args)
        if self.threaded:
            if not self._started:
                self.client.loop_start()
        else:
            deadline = time.monotonic() + WAIT
            while not self.connected.is_set() and time.monotonic() < deadline:
                self.client.loop(timeout=0.1)
        self._started = True
        if not self.connected.wait(WAIT):
            raise AssertionError(f"paho: no CONNACK from {self.address}")
        if self.connack_rc != expect_rc:
            raise AssertionError(f"paho: CONNACK {self.connack_rc}, expected {expect_rc}")
        return self

    def subscribe(self, topics, **subscribe_args):
        """topics: [(filter, qos)] (MQTT 5: or (filter, SubscribeOptions)); waits for the SUBACK and
        returns its return codes (granted QoS, or 0x80 and up for a refusal)."""
        rc, mid = self.client.subscribe(topics, **subscribe_args)
        if rc != mqtt.MQTT_ERR_SUCCESS:
            raise AssertionError(f"paho subscribe failed: {mqtt.error_string(rc)}")
        with self._cond:
            if not self._cond.wait_for(lambda: mid in self.subacks, WAIT):
                raise AssertionError("paho: no SUBACK")
            return self.subacks[mid]

    def unsubscribe(self, topics):
        """topics: a filter or a list of them; waits for the UNSUBACK; returns its reason codes
        (MQTT 5; empty before)."""
        rc, mid = self.client.unsubscribe(topics)
        if rc != mqtt.MQTT_ERR_SUCCESS:
            raise AssertionError(f"paho unsubscribe failed: {mqtt.error_string(rc)}")
        with self._cond:
            if not self._cond.wait_for(lambda: mid in self.unsubacks, WAIT):
                raise AssertionError("paho: no UNSUBACK")
            return self.unsubacks[mid]

    def publish(self, topic, payload, qos=0, retain=False, wait=True, **publish_args):
        """Publishes; with `wait`, waits until it is sent (QoS 0) or acknowledged (QoS 1 and 2).
        Returns paho's MQTTMessageInfo."""
        info = self.client.publish(topic, payload, qos=qos, retain=retain, **publish_args)
        if info.rc != mqtt.MQTT_ERR_SUCCESS:
            raise AssertionError(f"paho publish failed: {mqtt.error_string(info.rc)}")
        if wait:
            info.wait_for_publish(timeout=WAIT)
            if not info.is_published():
                raise AssertionError(f"paho: publish to {topic!r} (QoS {qos}) not completed")
        return info

    def expect_message(self, timeout=WAIT):
        """The next message received; fails after `timeout` seconds."""
        try:
            return self.messages.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"paho: no message within {timeout} s") from None

    def messages_until(self, marker_topic, timeout=WAIT):
        """The messages received before the first one on `marker_topic` (which is consumed)."""
        got = []
        deadline = time.monotonic() + timeout
        while True:
            m = self.expect_message(max(0.01, deadline - time.monotonic()))
            if m.topic == marker_topic:
                return got
            got.append(m)

    def stop(self):
        """Disconnects (if connect() was called) and stops the network thread."""
        if not self._started:
            return
        try:
            self.client.disconnect()
        finally:
            if self.threaded:
                self.client.loop_stop()
            self._started = False
