#pragma once
// Port: where the broker's durable state goes: retained messages, and persistent sessions with
// their subscriptions, queued and in-flight QoS 1/2 messages and inbound QoS 2 packet ids.
//
// The engine calls every member with its lock held, in the order it changes its state, so an
// implementation must only queue the work (a write-behind worker commits it on its own thread),
// keep that order, never block, and never call back into the engine from the calling thread.
//
//   client c (persistent) subscribes a/#       -> subscription_set(c, "a/#", {qos 1, options, id})
//   PUBLISH a/1 QoS 1 routed to c              -> message_queued(c, {id 17, a/1, qos 1})
//   the engine sends it with packet id 5       -> message_sent(c, 17, 5)
//   c answers PUBACK 5                         -> message_finished(c, 17)
//   the publisher's PUBACK (durability full)   -> after_commit(send the PUBACK)
//
// Clean sessions, and the per-connection sessions of listeners with shared client ids, are never
// reported: they end with their connection. QoS 0 messages are never reported either.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "roost/broker/message.hpp"
#include "roost/broker/scope.hpp"
#include "roost/broker/subscription_ids.hpp"
#include "roost/broker/subscription_options.hpp"

namespace roost::broker {

// Identifies a persistent session: its scope and client id.
struct session_ref {
  scope_id scope = default_scope;
  const std::string& client_id;
};

// Where a stored session message stands. The numbers are stored: never renumber.
enum class stored_state : std::uint8_t {
  queued = 0,         // waiting to be sent
  sent = 1,           // PUBLISH sent with `packet_id`, awaiting PUBACK (QoS 1) or PUBREC (QoS 2)
  released = 2,       // PUBREL sent for `packet_id`, awaiting PUBCOMP (payload no longer kept)
  inbound_qos2 = 3,   // a QoS 2 PUBLISH from the client with `packet_id`, awaiting its PUBREL
};

// One message of a session as stored and loaded. `id` is the engine's serial for the stored
// message, unique across sessions (a store may use it as its row key); a larger id was stored
// later, so ascending ids are the delivery order. After a restart the engine continues above the
// largest id loaded.
struct stored_message {
  std::uint64_t id = 0;
  stored_state state = stored_state::queued;
  std::uint16_t packet_id = 0;  // 0 while queued
  std::uint8_t qos = 0;         // the QoS it is delivered with
  bool retain = false;          // the RETAIN flag it is delivered with
  // Topic, payload, MQTT 5 properties and expiry; null for `released` and `inbound_qos2`. A store
  // keeps the expiry as a wall-clock time, so that it survives a restart.
  message_ptr msg;
  subscription_ids ids{};       // the MQTT 5 Subscription Identifiers it is delivered with
};

// A persistent session as loaded at start.
struct stored_session {
  scope_id scope = default_scope;
  std::string client_id;
  std::uint8_t protocol_level = 4;                                  // 3: MQTT 3.1, 4: MQTT 3.1.1, 5: MQTT 5
  // Session Expiry Interval in seconds (see session_expiry_set); 0xFFFFFFFF: never expires. A
  // restored session with a finite interval expires that long after the engine starts.
  std::uint32_t expiry_interval = 0xFFFFFFFF;
  std::vector<std::pair<std::string, subscription_options>> subscriptions;  // by filter
  std::vector<stored_message> messages;                                     // ascending id
};

class persistence {
 public:
  virtual ~persistence() = default;

  // ── retained messages ──
  // msg is now the retained message of msg->topic in msg->scope; an empty payload means the
  // topic has no retained message any more. $SYS topics are not reported (they are rebuilt).
  virtual void retained_changed(const message_ptr& msg) = 0;

  // ── persistent sessions ──
  // A persistent session began (no earlier one of that key is stored: session_ended came first).
  virtual void session_started(session_ref s, std::uint8_t protocol_level) = 0;
  // The Session Expiry Interval of a persistent session (MQTT 5), in seconds, to be loaded back
  // as stored_session::expiry_interval: reported after session_started when it is not
  // 0xFFFFFFFF (never expires, the default and what 3.1 / 3.1.1 sessions have), and whenever a
  // reconnect or DISCONNECT changes it. The default implementation ignores it (stores that do
  // not keep it restore sessions as never expiring).
  virtual void session_expiry_set(session_ref s, std::uint32_t interval) {
    (void)s;
    (void)interval;
  }
  // The session is over: forget it with its subscriptions and messages.
  virtual void session_ended(session_ref s) = 0;
  // `filter` is subscribed with `options` (granted QoS, MQTT 5 options and identifier; added or
  // replaced) / no longer subscribed.
  virtual void subscription_set(session_ref s, const std::string& filter, const subscription_options& options) = 0;
  virtual void subscription_removed(session_ref s, const std::string& filter) = 0;
  // A message for the session was stored under m.id, in m.state (queued, or sent when it goes
  // out at once), m.msg is set (with its MQTT 5 properties and expiry), m.ids its identifiers.
  virtual void message_queued(session_ref s, const stored_message& m) = 0;
  // Message `id` was sent with `packet_id` (queued -> sent).
  virtual void message_sent(session_ref s, std::uint64_t id, std::uint16_t packet_id) = 0;
  // Message `id` got PUBREC: PUBREL sent, the payload need not be kept (sent -> released).
  virtual void message_released(session_ref s, std::uint64_t id) = 0;
  // Message `id` is done (PUBACK, PUBCOMP) or dropped: forget it.
  virtual void message_finished(session_ref s, std::uint64_t id) = 0;
  // An inbound QoS 2 packet id was received (stored under `id`, state inbound_qos2) / released.
  virtual void inbound_received(session_ref s, std::uint64_t id, std::uint16_t packet_id) = 0;
  virtual void inbound_released(session_ref s, std::uint64_t id) = 0;

  // ── commits ──
  // How many writes were handed over so far (any writer of the same store, not only the engine's
  // reports): a caller compares two readings to learn whether anything was written in between.
  virtual std::uint64_t writes() const = 0;
  // Calls `done(true)` on another thread once everything handed over before this call is
  // committed (and synced, as the store is configured), or `done(false)` when that failed.
  // Callbacks run in the order of their after_commit calls, without the engine's lock held.
  virtual void after_commit(std::function<void(bool ok)> done) = 0;
};

}  // namespace roost::broker
