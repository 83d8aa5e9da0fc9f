"""Interoperability with the Eclipse Paho Python client (paho-mqtt 1.6) in MQTT 5 mode: CONNECT and
CONNACK properties, PUBLISH properties passed through, request/response, message expiry, topic
aliases both ways, subscription options and identifiers, shared subscriptions, the reason codes of
PUBACK, SUBACK and UNSUBACK, and the server's DISCONNECT on a session takeover (docs/mqtt5.md).

Negative checks ("nothing arrives") use a marker: a message that must arrive after the one that
must not, on the same connection; what came before the marker is checked.
"""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "support"))

from class_server import ClassServerTestCase  # noqa: E402
from paho_v5 import PahoV5, SubscribeOptions, prop  # noqa: E402

MAX_KEEPALIVE = 30
MAX_SESSION_EXPIRY = 3600

SUCCESS = 0x00
NO_MATCHING_SUBSCRIBERS = 0x10
NO_SUBSCRIPTION_EXISTED = 0x11
TOPIC_FILTER_INVALID = 0x8F
SESSION_TAKEN_OVER = 0x8E

SEND_ON_SUBSCRIBE, SEND_IF_NEW, DO_NOT_SEND = range(3)


class PahoV5Tests(ClassServerTestCase):

    @classmethod
    def server_args(cls):
        return ["--max-keepalive", MAX_KEEPALIVE, "--max-session-expiry", MAX_SESSION_EXPIRY]

    def paho(self, client_id="", connect=True, **connect_properties):
        c = PahoV5(self.server.address, client_id)
        self.addCleanup(c.stop)
        if connect:
            c.connect(**connect_properties)
        return c

    def marker(self, sub, topic):
        """Publishes a marker on `topic` (which `sub` subscribes to) from another client and returns
        what `sub` received before it."""
        m = self.paho()
        m.publish(topic, b"marker", qos=1)
        return sub.messages_until(topic)

    # -- CONNECT / CONNACK ----------------------------------------------------------------------

    def test_connect_properties_and_connack_limits_MQTT_3_2_2_21(self):
        c = self.paho("v5-connack", SessionExpiryInterval=7200, ReceiveMaximum=10, TopicAliasMaximum=5,
                      UserProperty=[("device", "thermostat"), ("firmware", "1.2")])
        props = c.connack_properties
        self.assertEqual(prop(props, "ReceiveMaximum"), 1024)
        self.assertEqual(prop(props, "TopicAliasMaximum"), 64)
        self.assertEqual(prop(props, "MaximumPacketSize"), 1024 * 1024)
        self.assertEqual(prop(props, "RetainAvailable", 1), 1)
        self.assertIsNone(prop(props, "MaximumQoS"), "Maximum QoS is sent only when below 2")
        self.assertEqual(prop(props, "WildcardSubscriptionAvailable", 1), 1)
        self.assertEqual(prop(props, "SubscriptionIdentifierAvailable", 1), 1)
        self.assertEqual(prop(props, "SharedSubscriptionAvailable", 1), 1)
        # Keepalive 60 is above --max-keepalive: the server's value is sent [MQTT-3.2.2-21].
        self.assertEqual(prop(props, "ServerKeepAlive"), MAX_KEEPALIVE)
        # Session expiry 7200 is above --max-session-expiry: the cap is sent.
        self.assertEqual(prop(props, "SessionExpiryInterval"), MAX_SESSION_EXPIRY)
        self.assertIsNone(prop(props, "AssignedClientIdentifier"))

    def test_empty_client_id_gets_an_assigned_identifier_MQTT_3_2_2_16(self):
        c = self.paho("")
        assigned = prop(c.connack_properties, "AssignedClientIdentifier")
        self.assertTrue(assigned, "no Assigned Client Identifier for an empty client id")
        other = self.paho("")
        self.assertNotEqual(prop(other.connack_properties, "AssignedClientIdentifier"), assigned)

    # -- PUBLISH properties ---------------------------------------------------------------------

    def test_publish_properties_reach_the_subscriber_unaltered_MQTT_3_3_2_17_to_20(self):
        sub = self.paho("props-sub")
        self.assertEqual(sub.subscribe([("props/t", SubscribeOptions(qos=1))]), [1])
        pub = self.paho("props-pub")
        user = [("b", "2"), ("a", "1"), ("a", "0"), ("ключ", "значение")]
        pub.publish("props/t", "température".encode(), qos=1, UserProperty=user,
                    ContentType="text/plain; charset=utf-8", PayloadFormatIndicator=1)
        m = sub.expect_message()
        self.assertEqual((m.topic, m.payload, m.qos), ("props/t", "température".encode(), 1))
        # [MQTT-3.3.2-17] unaltered, [MQTT-3.3.2-18] in order, duplicates kept.
        self.assertEqual(prop(m.properties, "UserProperty"), user)
        self.assertEqual(prop(m.properties, "ContentType"), "text/plain; charset=utf-8")  # [MQTT-3.3.2-20]
        self.assertEqual(prop(m.properties, "PayloadFormatIndicator"), 1)  # [MQTT-3.3.2-4]
        self.assertIsNone(prop(m.properties, "MessageExpiryInterval"))

    def test_request_response_round_trip_MQTT_3_3_2_15_and_16(self):
        def answer(responder, msg):
            # On the network thread: publish without waiting for the PUBACK.
            responder.publish(prop(msg.properties, "ResponseTopic"), b"reply to " + msg.payload, qos=1, wait=False,
                              CorrelationData=prop(msg.properties, "CorrelationData"))

        responder = PahoV5(self.server.address, "rr-responder", on_message=answer)
        self.addCleanup(responder.stop)
        responder.connect()
        responder.subscribe([("rr/requests", SubscribeOptions(qos=1))])
        requester = self.paho("rr-requester")
        requester.subscribe([("rr/replies/rr-requester", SubscribeOptions(qos=1))])
        for n in range(3):
            correlation = bytes([n, 0, 255]) + b"req"
            requester.publish("rr/requests", f"question {n}".encode(), qos=1,
                              ResponseTopic="rr/replies/rr-requester", CorrelationData=correlation)
            reply = requester.expect_message()
            self.assertEqual(reply.topic, "rr/replies/rr-requester")
            self.assertEqual(reply.payload, f"reply to question {n}".encode())
            self.assertEqual(prop(reply.properties, "CorrelationData"), correlation)

    def test_expired_message_is_not_delivered_to_a_returning_session_MQTT_3_3_2_5_and_6(self):
        sub = self.paho("expiry-sub", SessionExpiryInterval=60)
        sub.subscribe([("expiry/t", SubscribeOptions(qos=1))])
        sub.stop()
        pub = self.paho("expiry-pub")
        pub.publish("expiry/t", b"short-lived", qos=1, MessageExpiryInterval=1)
        pub.publish("expiry/t", b"long-lived", qos=1, MessageExpiryInterval=60)
        pub.publish("expiry/t", b"no expiry", qos=1)
        sent_at = time.monotonic()
        # The message with 1 s to live expires while its subscriber is away (a wait on the clock the
        # message expiry counts, not a synchronisation).
        time.sleep(2.1)
        back = PahoV5(self.server.address, "expiry-sub")
        self.addCleanup(back.stop)
        back.connect(clean_start=False, SessionExpiryInterval=60)
        self.assertTrue(back.session_present)
        got = [back.expect_message(), back.expect_message()]
        waited = time.monotonic() - sent_at
        self.assertEqual([m.payload for m in got], [b"long-lived", b"no expiry"])
        remaining = prop(got[0].properties, "MessageExpiryInterval")
        self.assertIsNotNone(remaining, "the remaining Message Expiry Interval is sent [MQTT-3.3.2-6]")
        self.assertLessEqual(remaining, 60 - int(waited) + 1)
        self.assertLess(remaining, 60)
        self.assertIsNone(prop(got[1].properties, "MessageExpiryInterval"))
        self.assertEqual(self.marker(back, "expiry/t"), [], "the expired message came late")

    def test_topic_alias_from_the_client_MQTT_3_3_2_12(self):
        sub = self.paho("alias-in-sub")
        sub.subscribe([("alias/in/#", SubscribeOptions(qos=1))])
        pub = self.paho("alias-in-pub")
        pub.publish("alias/in/one", b"set", qos=1, TopicAlias=1)
        pub.publish("alias/in/two", b"other", qos=1, TopicAlias=2)
        pub.publish("", b"by alias 1", qos=1, TopicAlias=1)
        pub.publish("", b"by alias 2", qos=0, TopicAlias=2)
        pub.publish("alias/in/three", b"remapped", qos=1, TopicAlias=1)
        pub.publish("", b"by alias 1 again", qos=1, TopicAlias=1)
        got = [sub.expect_message() for _ in range(6)]
        self.assertEqual([(m.topic, m.payload) for m in got],
                         [("alias/in/one", b"set"), ("alias/in/two", b"other"), ("alias/in/one", b"by alias 1"),
                          ("alias/in/two", b"by alias 2"), ("alias/in/three", b"remapped"),
                          ("alias/in/three", b"by alias 1 again")])
        # The subscriber sent no Topic Alias Maximum: the server must not alias [MQTT-3.3.2-11].
        self.assertEqual([prop(m.properties, "TopicAlias") for m in got], [None] * 6)

    def test_server_topic_aliases_to_a_client_that_allows_them_MQTT_3_3_2_11(self):
        sub = self.paho("alias-out-sub", TopicAliasMaximum=2)
        sub.subscribe([("alias/out/#", SubscribeOptions(qos=1))])
        pub = self.paho("alias-out-pub")
        topics = ["alias/out/a", "alias/out/b", "alias/out/c", "alias/out/a", "alias/out/b", "alias/out/c"]
        for i, t in enumerate(topics):
            pub.publish(t, str(i).encode(), qos=1)
        got = [sub.expect_message() for _ in topics]
        self.assertEqual([(m.topic, m.payload) for m in got], [(t, str(i).encode()) for i, t in enumerate(topics)])
        aliases = [prop(m.properties, "TopicAlias") for m in got]
        self.assertTrue(all(a is None or 1 <= a <= 2 for a in aliases),
                        f"an alias outside 1..2 (Topic Alias Maximum 2): {aliases}")

    # -- subscription options -------------------------------------------------------------------

    def test_no_local_MQTT_3_8_3_3(self):
        me = self.paho("nolocal-me")
        me.subscribe([("nolocal/t", SubscribeOptions(qos=1, noLocal=True))])
        other = self.paho("nolocal-other")
        other.subscribe([("nolocal/t", SubscribeOptions(qos=1))])
        me.publish("nolocal/t", b"mine", qos=1)
        self.assertEqual(other.expect_message().payload, b"mine")
        got = self.marker(me, "nolocal/t")
        self.assertEqual([m.payload for m in got], [], "No Local: the client got its own message")

    def test_retain_as_published_MQTT_3_3_1_12_and_13(self):
        keep = self.paho("rap-keep")
        keep.subscribe([("rap/t", SubscribeOptions(qos=1, retainAsPublished=True))])
        clear = self.paho("rap-clear")
        clear.subscribe([("rap/t", SubscribeOptions(qos=1))])
        pub = self.paho("rap-pub")
        pub.publish("rap/t", b"live retained", qos=1, retain=True)
        self.addCleanup(pub.publish, "rap/t", b"", 1, True)
        m = keep.expect_message()
        self.assertEqual((m.payload, m.retain), (b"live retained", True))
        m = clear.expect_message()
        self.assertEqual((m.payload, m.retain), (b"live retained", False))

    def test_retain_handling_0_1_2_MQTT_3_3_1_9_to_11(self):
        pub = self.paho("rh-pub")
        pub.publish("rh/t", b"kept", qos=1, retain=True)
        self.addCleanup(pub.publish, "rh/t", b"", 1, True)
        for handling, first, again in ((SEND_ON_SUBSCRIBE, True, True), (SEND_IF_NEW, True, False),
                                       (DO_NOT_SEND, False, False)):
            with self.subTest(retain_handling=handling):
                sub = self.paho(f"rh-sub-{handling}")
                for expected in (first, again):
                    sub.subscribe([("rh/t", SubscribeOptions(qos=1, retainHandling=handling)),
                                   (f"rh/marker/{handling}", SubscribeOptions(qos=1))])
                    got = self.marker(sub, f"rh/marker/{handling}")
                    self.assertEqual([(m.payload, m.retain) for m in got], [(b"kept", True)] if expected else [])
                sub.stop()

    def test_subscription_identifiers_MQTT_3_3_4_3(self):
        sub = self.paho("sid-sub")
        sub.subscribe([("sid/+", SubscribeOptions(qos=1))], SubscriptionIdentifier=7)
        sub.subscribe([("sid/#", SubscribeOptions(qos=1))], SubscriptionIdentifier=268435455)
        sub.subscribe([("sid/x/none", SubscribeOptions(qos=1)), ("sid-marker", SubscribeOptions(qos=1))])
        pub = self.paho("sid-pub")
        pub.publish("sid/a", b"both", qos=1)
        pub.publish("sid/x/y", b"deep", qos=1)
        pub.publish("sid/x/none", b"unnumbered", qos=1)
        # Overlapping subscriptions: one message with both identifiers, or one copy per
        # subscription, each with its own [MQTT-3.3.4-3] [MQTT-3.3.4-4] [MQTT-3.3.4-5].
        ids = {}
        got = self.marker(sub, "sid-marker")
        for m in got:
            ids.setdefault(m.payload, []).extend(prop(m.properties, "SubscriptionIdentifier", []))
        self.assertEqual(sorted(ids[b"both"]), [7, 268435455])
        self.assertEqual(ids[b"deep"], [268435455])
        self.assertIn(b"unnumbered", [m.payload for m in got])
        self.assertEqual(ids[b"unnumbered"], [268435455], "sid/x/none carries no identifier")

    # -- shared subscriptions -------------------------------------------------------------------

    def test_shared_subscription_splits_messages_between_two_clients_MQTT_4_8_2(self):
        members = [self.paho(f"share-{i}") for i in range(2)]
        for m in members:
            self.assertEqual(m.subscribe([("$share/g/share/t", SubscribeOptions(qos=1))]), [1])
            m.subscribe([("share/marker", SubscribeOptions(qos=1))])
        pub = self.paho("share-pub")
        for i in range(10):
            pub.publish("share/t", f"job {i}".encode(), qos=1)
        pub.publish("share/marker", b"marker", qos=1)
        got = [[m.payload for m in member.messages_until("share/marker")] for member in members]
        self.assertEqual(sorted(got[0] + got[1]), sorted(f"job {i}".encode() for i in range(10)),
                         "each message goes to exactly one member of the group")
        self.assertTrue(got[0] and got[1], f"one member got everything: {got}")

    # -- reason codes ---------------------------------------------------------------------------

    def test_puback_and_pubcomp_reason_codes(self):
        pub = self.paho("rc-pub")
        info = pub.publish("rc/nobody", b"x", qos=1)
        self.assertEqual(pub.ack_reason(info), NO_MATCHING_SUBSCRIBERS)
        info = pub.publish("rc/nobody", b"x", qos=2)
        self.assertEqual(pub.ack_reason(info), SUCCESS, "PUBCOMP carries 0x00 (PUBREC carries 0x10)")
        sub = self.paho("rc-sub")
        sub.subscribe([("rc/someone", SubscribeOptions(qos=1))])
        info = pub.publish("rc/someone", b"x", qos=1)
        self.assertEqual(pub.ack_reason(info), SUCCESS)

    def test_suback_reason_codes_MQTT_3_9_3_1(self):
        c = self.paho("suback")
        codes = c.subscribe([("suback/q0", SubscribeOptions(qos=0)), ("suback/q1", SubscribeOptions(qos=1)),
                             ("suback/q2", SubscribeOptions(qos=2)), ("$share//suback", SubscribeOptions(qos=1)),
                             ("$share/g", SubscribeOptions(qos=1))])
        self.assertEqual(codes, [0, 1, 2, TOPIC_FILTER_INVALID, TOPIC_FILTER_INVALID])

    def test_unsuback_reason_codes(self):
        c = self.paho("unsuback")
        c.subscribe([("unsuback/a", SubscribeOptions(qos=1))])
        self.assertEqual(c.unsubscribe(["unsuback/a", "unsuback/never"]), [SUCCESS, NO_SUBSCRIPTION_EXISTED])
        self.assertEqual(c.unsubscribe("unsuback/a"), [NO_SUBSCRIPTION_EXISTED])

    def test_takeover_sends_disconnect_session_taken_over_MQTT_3_1_4_3(self):
        first = self.paho("takeover")
        second = self.paho("takeover")
        self.assertEqual(first.wait_disconnected(), SESSION_TAKEN_OVER)
        # The new connection works.
        second.subscribe([("takeover/t", SubscribeOptions(qos=1))])
        self.assertEqual(self.marker(second, "takeover/t"), [])


if __name__ == "__main__":
    unittest.main()
