"""A paho-mqtt client for tests (Debian's python3-paho-mqtt, imported by /usr/bin/python3).

    client = Paho(server.endpoint("bemfa"), key).connect()   # waits for an accepting CONNACK
    client.subscribe([("ledstate", 1)])                      # waits for the SUBACK
    client.publish("ledctrl", "on", qos=1)                   # waits until it is acknowledged
    msg = client.expect_message()
    client.stop()

Every wait fails the test (AssertionError) after WAIT seconds.
"""

import queue
import threading

import paho.mqtt.client as mqtt

WAIT = 10.0


class Paho:
    """A paho-mqtt 1.6 client (MQTT 3.1.1) with its loop in a thread and events to wait on."""

    def __init__(self, address, client_id, username=None, password=None, on_message=None):
        self.address = address
        self.client = mqtt.Client(client_id=client_id, clean_session=True,
                                  protocol=mqtt.MQTTv311)
        if username is not None:
            self.client.username_pw_set(username, password)
        self.messages = queue.Queue()
        self.connected = threading.Event()
        self.disconnected = threading.Event()
        self.connack_rc = None
        self.subacks = {}
        self._cond = threading.Condition()
        self._handler = on_message
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe
        self._started = False

    def _on_connect(self, client, userdata, flags, rc):
        self.connack_rc = rc
        self.connected.set()

    def _on_disconnect(self, client, userdata, rc):
        self.disconnected.set()

    def _on_message(self, client, userdata, msg):
        self.messages.put(msg)
        if self._handler is not None:
            self._handler(self, msg)

    def _on_subscribe(self, client, userdata, mid, granted):
        with self._cond:
            self.subacks[mid] = list(granted)
            self._cond.notify_all()

    def connect(self, expect_rc=0):
        host, port = self.address
        # Keep-alive 60 s as the devices seen in the field use; no reconnects behind the test's back.
        self.client.reconnect_delay_set(min_delay=60, max_delay=120)
        self.client.connect(host, port, keepalive=60)
        self.client.loop_start()
        self._started = True
        if not self.connected.wait(WAIT):
            raise AssertionError("paho: no CONNACK")
        if self.connack_rc != expect_rc:
            raise AssertionError(f"paho: CONNACK rc {self.connack_rc}, expected {expect_rc}")
        return self

    def subscribe(self, topics):
        rc, mid = self.client.subscribe(topics)
        if rc != mqtt.MQTT_ERR_SUCCESS:
            raise AssertionError(f"paho subscribe failed: {mqtt.error_string(rc)}")
        with self._cond:
            if not self._cond.wait_for(lambda: mid in self.subacks, WAIT):
                raise AssertionError("paho: no SUBACK")
            return self.subacks[mid]

    def publish(self, topic, payload, qos=0, retain=False):
        info = self.client.publish(topic, payload, qos=qos, retain=retain)
        if info.rc != mqtt.MQTT_ERR_SUCCESS:
            raise AssertionError(f"paho publish failed: {mqtt.error_string(info.rc)}")
        info.wait_for_publish(timeout=WAIT)
        if not info.is_published():
            raise AssertionError(f"paho: publish to {topic} (QoS {qos}) not completed")
        return info

    def expect_message(self, timeout=WAIT):
        try:
            return self.messages.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"paho: no message within {timeout} s") from None

    def stop(self):
        if not self._started:
            return
        try:
            self.client.disconnect()
        finally:
            self.client.loop_stop()
