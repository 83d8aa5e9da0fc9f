#pragma once
// Private to the broker: the state behind roost::broker::engine and the verbs that act on it.
// Every function here runs with engine_state::lock held, except where a comment says otherwise.
//
// Ownership: sessions are owned by `sessions` (by client id) while they live; a connection points
// at its session and a session at its live connection (or null while its client is offline).
// Connections are owned by the transport (shared_ptr) and registered in `live` from open() to
// closed().

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <boost/container/devector.hpp>

#include "roost/broker/authenticator.hpp"
#include "roost/broker/engine.hpp"
#include "roost/broker/message.hpp"
#include "roost/broker/retained_store.hpp"
#include "roost/broker/settings.hpp"
#include "roost/broker/subscription_options.hpp"
#include "roost/broker/subscription_ids.hpp"
#include "roost/broker/subscription_trie.hpp"
#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/encode.hpp"
#include "roost/mqtt/error.hpp"
#include "roost/mqtt/frame_decoder.hpp"
#include "roost/mqtt/packets.hpp"
#include "roost/mqtt/reason_code.hpp"
#include "roost/mqtt/topic.hpp"
#include "inbound_qos2.hpp"
#include "shared_group.hpp"
#include "topic_aliases.hpp"

namespace roost::broker {

// A first-in first-out sequence that allocates nothing while empty (std::deque allocates a map
// and a 512-byte block even then, which every idle session would pay three times), and that gives
// its storage back when pop_front() empties it after a burst, so a connection that goes idle
// again does not keep the capacity of its longest queue. Element references do not survive an
// insertion.
template <class T>
class fifo : public boost::container::devector<T> {
  using base = boost::container::devector<T>;

 public:
  // Capacity an emptied fifo keeps, so a busy connection does not allocate after every drain.
  static constexpr std::size_t kept_capacity = 64;

  using base::base;
  using base::erase;

  // Removes the first element; an emptied fifo restarts (see restart()).
  void pop_front() {
    base::pop_front();
    if (this->empty()) restart();
  }

  // Removes the element at `at`; returns the iterator after it. An emptied fifo restarts.
  typename base::iterator erase(typename base::const_iterator at) {
    auto next = base::erase(at);
    if (!this->empty()) return next;
    restart();
    return this->end();
  }

 private:
  // pop_front only moves the start forward, so a queue going 0 -> 1 -> 0 (a live subscriber's)
  // would reallocate on every push_back: an emptied fifo starts again at the front of its buffer,
  // and gives the buffer back when it holds room for more than kept_capacity elements.
  void restart() {
    if (this->capacity() > kept_capacity) {
      base{}.swap(*this);
    } else {
      this->clear();
    }
  }
};

// Removes the elements of `f` for which `pred` is true, keeping the order of the others.
template <class T, class Pred>
void erase_if(fifo<T>& f, Pred pred) {
  f.erase(std::remove_if(f.begin(), f.end(), pred), f.end());
}

// A message waiting in a session's queue, with the QoS and RETAIN flag it will be sent with.
struct queued_message {
  message_ptr msg;
  std::uint8_t qos = 0;
  bool retain = false;
  std::uint64_t stored = 0;  // its id in the persistence port; 0: not stored
  subscription_ids ids{};    // MQTT 5 Subscription Identifiers it is delivered with
  // The shared_group::id of the shared subscription it came through (another member may take it
  // over, shared_delivery.cpp); 0: a plain subscription's.
  std::uint32_t shared_group_id = 0;
};

// The retained messages matching one new subscription, sent from `next` on.
struct retained_batch {
  std::string filter;
  std::uint8_t granted_qos = 0;
  std::uint32_t identifier = 0;  // the subscription's MQTT 5 Subscription Identifier (0: none)
  std::vector<message_ptr> messages;
  std::size_t next = 0;
};

// An outgoing QoS 1/2 message sent and not yet fully acknowledged.
struct inflight_message {
  enum class stage : std::uint8_t { awaiting_puback, awaiting_pubrec, awaiting_pubcomp };
  std::uint16_t packet_id = 0;
  queued_message entry;
  stage at = stage::awaiting_puback;
  bool resend = false;  // set on reconnect: send again (PUBLISH with DUP=1, or PUBREL)
};

// Sessions are identified by client id within a scope. The id is a view: in `sessions` it views
// the session's own strings (see session::key()), which live as long as the entry does.
struct session_key {
  scope_id scope = default_scope;
  std::string_view client_id;
  bool operator==(const session_key&) const = default;
};

struct session_key_hash {
  std::size_t operator()(const session_key& k) const {
    return std::hash<std::string_view>{}(k.client_id) ^ (std::hash<scope_id>{}(k.scope) * 0x9E3779B97F4A7C15ULL);
  }
};

// The topic space of one scope.
struct scope_tables {
  subscription_trie subscriptions;
  retained_store retained;
  shared_groups groups;  // the shared subscriptions' groups ("$share/g/f")
};

class session {
 public:
  // `unique_id` is how `sessions` finds it when that differs from the client id (shared client
  // ids); empty otherwise.
  session(scope_id in, std::string id, bool clean_session, std::string unique_id = {})
      : scope(in), client_id(std::move(id)), key_id(std::move(unique_id)), clean(clean_session) {}

  // How `sessions` finds it; views this session's strings.
  session_key key() const { return {scope, key_id.empty() ? std::string_view{client_id} : key_id}; }

  // Members are ordered to keep padding small: an idle client's session is mostly this object.
  scope_id scope;
  std::string client_id;
  connection* conn = nullptr;  // the live connection, or null while the client is offline
  // Who its client was at its latest CONNECT, for access rules judged while it is offline too
  // (authorize.cpp); `identified` is false for a restored session whose client has not returned.
  std::string username;  // empty: none
  bool superuser = false;
  bool identified = false;

  // Filter as subscribed ("$share/g/f" included) -> granted QoS and options.
  std::map<std::string, subscription_options, std::less<>> subscriptions;

  // Messages from established subscriptions, bounded by max_queued_messages/bytes.
  fifo<queued_message> queue;
  std::size_t queue_bytes = 0;
  // Retained messages owed to new subscriptions, one batch per SUBSCRIBEd filter: streamed under
  // the in-flight window like the queue, but not counted against its bounds (a wildcard may match
  // 100,000 of them). UNSUBSCRIBE or a repeated SUBSCRIBE of the filter drops what is left.
  fifo<retained_batch> retained_backlog;

  fifo<inflight_message> inflight;  // in the order first sent
  // Inbound QoS 2 packet ids awaiting PUBREL, each with its id in the persistence port (0: not
  // stored).
  inbound_qos2 qos2_in;
  std::uint16_t next_packet_id = 1;
  // How many ids from next_packet_id on are known not to be in flight (see allocate_packet_id).
  std::uint16_t ids_free_ahead = 0;

  std::string key_id;          // see key(); unique per connection for shared ids, else empty
  profile* topics = nullptr;   // the topic profile of the listener its client came through

  // Session expiry (session_expiry.cpp): seconds the session outlives its connection; 0: ends with
  // it (a clean session), never_expires: kept until the client ends it (3.1 / 3.1.1 persistent).
  std::uint32_t expiry_interval = 0;
  // While offline: when the session ends (max: never) and when its delayed will is due (max:
  // none), and the key under which engine_state::deadlines holds it (max: not held).
  time_point expires_at = time_point::max();
  time_point will_at = time_point::max();
  time_point deadline = time_point::max();
  std::unique_ptr<mqtt::will_message> pending_will;  // a will waiting for its Will Delay Interval

  // Scratch for merging overlapping subscriptions during one route() (see deliver.cpp).
  std::uint64_t route_generation = 0;
  std::uint32_t route_slot = 0;  // its entry in engine_state::scratch_targets

  bool clean;
  bool overflow_logged = false;  // the queue overflowed and that was logged
};

// `authenticating`: an MQTT 5 CONNECT with an Authentication Method is in an AUTH exchange, not
// yet answered by CONNACK.
enum class conn_state : std::uint8_t { awaiting_connect, authenticating, connected, closing, closed };

// Session Expiry Interval that means "never" [MQTT-3.1.2-23 note].
inline constexpr std::uint32_t never_expires = 0xFFFFFFFF;



class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(link& l, std::string peer, std::size_t max_packet_size, time_point now)
      : lnk(&l), remote(std::move(peer)), decoder(max_packet_size), opened(now), last_packet(now) {}

  link* lnk;
  std::string remote;
  authenticator* auth = nullptr;  // the listener's, or the engine's
  profile* topics = nullptr;      // the listener's topic profile; null: standard MQTT
  mqtt::frame_decoder decoder;  // used by receive() for this connection only, outside the lock

  // The small members together, to keep padding small.
  conn_state state = conn_state::awaiting_connect;
  mqtt::protocol_version version = mqtt::protocol_version::v3_1_1;
  std::uint16_t keep_alive = 0;
  bool counted = false;  // included in stats.clients_connected
  bool wake_pending = false;
  // Acknowledgements waiting for a commit (durability full); later ones wait behind them, so
  // acknowledgements keep the order of the packets they answer.
  std::uint32_t acks_waiting = 0;
  // QoS 1 PUBLISHes whose PUBACK waits for a commit: with the QoS 2 ids awaiting PUBREL, what
  // counts against the Receive Maximum the server advertised [MQTT-3.3.4-7].
  std::uint32_t pubacks_waiting = 0;
  // MQTT 5 topic aliases in both directions; null until the first one (most connections have none).
  std::unique_ptr<topic_aliases> aliases;

  // From an MQTT 5 CONNECT (defaults for 3.1 / 3.1.1): what the client accepts.
  std::uint16_t client_receive_maximum = 65535;
  std::uint32_t client_max_packet_size = 0;  // 0: no limit
  std::uint16_t client_topic_alias_maximum = 0;
  bool request_problem_information = true;
  std::uint32_t session_expiry = 0;  // the Session Expiry Interval in force (MQTT 5)

  std::string client_id;
  std::string username;  // the CONNECT user name, or the TLS client certificate's CN; empty: none
  bool certified = false;  // `username` is a verified TLS client certificate's CN, set at open
  bool superuser = false;  // the authenticator exempted it from access rules
  std::shared_ptr<session> sess;
  std::unique_ptr<mqtt::will_message> will;  // on the heap: most connections have none
  // Enhanced authentication (MQTT 5): the method in use (empty: none), the exchange running, and
  // the CONNECT waiting for it to finish. Touched only by the thread receiving for this connection.
  std::string auth_method;
  std::unique_ptr<auth_exchange> exchange;
  std::unique_ptr<mqtt::connect> connecting;
  time_point opened;
  time_point last_packet;

  mqtt::bytes control;  // encoded acknowledgements and responses, sent before messages
};

class engine_state {
 public:
  engine_state(settings s, authenticator* a, time_point now)
      : cfg(std::move(s)), auth(a), started(now) {}

  settings cfg;
  authenticator* auth;
  persistence* durable = nullptr;
  // Acknowledgements of packets that changed durable state wait for the commit (durability full).
  bool ack_after_commit = false;
  std::uint64_t next_stored_id = 1;  // ids handed to the persistence port for session messages
  // durable->writes() when the current frame's handling began (read only with ack_after_commit).
  std::uint64_t writes_at_frame = 0;
  time_point started;
  time_point last_sys{};
  // The `now` of the event being handled (receive, closed, tick), for work deep in a call that
  // has no time parameter (a pending will published as its session ends); message expiry is
  // judged against it.
  time_point clock{};

  mutable std::mutex lock;
  std::unordered_map<session_key, std::shared_ptr<session>, session_key_hash> sessions;
  std::unordered_set<connection*> live;
  // Scopes are created on first use and kept (an empty trie and store cost a few bytes).
  std::unordered_map<scope_id, scope_tables> scopes;
  stats counters;
  // Bytes written to sockets, counted without the lock (engine::wrote runs after every write, on
  // every shard); counters.bytes_sent stays 0, readers add this.
  std::atomic<std::uint64_t> bytes_written{0};
  std::uint64_t route_generation = 0;
  std::uint64_t assigned_ids = 0;
  std::uint64_t shared_sessions = 0;  // serial that keeps shared client ids' session keys apart

  // Reused scratch space of route() (no allocation per publish once warmed up).
  std::vector<subscription_trie::match_entry> scratch_matches;
  // One delivery per target session of a route(): the highest QoS of its matching subscriptions,
  // whether any of them keeps RETAIN (Retain As Published), and their Subscription Identifiers.
  struct route_target {
    session* target;
    std::uint8_t qos;
    bool retain;
    subscription_ids ids;
  };
  std::vector<route_target> scratch_targets;
  std::vector<shared_group*> scratch_groups;  // the shared groups a route() matched, once each
  // Reused scratch space for the forwarded properties of an MQTT 5 PUBLISH being handled.
  mqtt::bytes scratch_properties;

  // ── receiving (one file per packet) ──
  void handle_frame(connection& c, const mqtt::frame& f);
  // Decodes and checks a CONNECT (protocol, client id, MQTT 5 properties); nullopt when it was
  // refused or closed.
  std::optional<mqtt::connect> check_connect(connection& c, const mqtt::frame& f, time_point now);
  // Applies the authenticator's verdict and connects: takeover, session, CONNACK (with
  // `auth_data` as Authentication Data after an enhanced authentication).
  void complete_connect(connection& c, mqtt::connect p, const auth_decision& verdict,
                        const mqtt::bytes* auth_data = nullptr);
  // CONNACK refusing with `rc` (MQTT 5; 3.1 / 3.1.1 get the matching return code), then close.
  void refuse(connection& c, mqtt::reason_code rc, std::string_view why, mqtt::properties props = {});
  // Enhanced authentication (enhanced_auth.cpp). Both release `guard` (this engine's lock) while
  // the authenticator works and take it again. start_auth: a checked CONNECT with an
  // Authentication Method; handle_auth: an AUTH packet (continuing a CONNECT's exchange, or
  // re-authentication once connected).
  void start_auth(connection& c, mqtt::connect p, std::unique_lock<std::mutex>& guard);
  void handle_auth(connection& c, const mqtt::frame& f, std::unique_lock<std::mutex>& guard);
  // Handles a v5 DISCONNECT from the client (handle_disconnect.cpp).
  void handle_disconnect(connection& c, const mqtt::frame& f);
  void handle_publish(connection& c, const mqtt::frame& f);
  void handle_puback(connection& c, const mqtt::frame& f);
  void handle_pubrec(connection& c, const mqtt::frame& f);
  void handle_pubrel(connection& c, const mqtt::frame& f);
  void handle_pubcomp(connection& c, const mqtt::frame& f);
  void handle_subscribe(connection& c, const mqtt::frame& f);
  void handle_unsubscribe(connection& c, const mqtt::frame& f);

  scope_tables& tables(scope_id scope) { return scopes[scope]; }

  // ── routing and queueing (deliver.cpp) ──
  // Publishes `msg` to every matching subscription of its scope: once per session at the highest
  // granted QoS of its matching filters, capped by the message's QoS.
  // Skips `skip`'s subscriptions, and those of `origin` (the publishing session) that asked for
  // No Local [MQTT-3.8.3-3]. Returns how many sessions the message was delivered to.
  std::size_t route(const message_ptr& msg, const session* skip = nullptr, const session* origin = nullptr);
  // Queues one message for `s`, or drops and counts it when the queue is full.
  // An expired message is dropped [MQTT-3.3.2-5].
  void enqueue(session& s, const message_ptr& msg, std::uint8_t qos, bool retain, subscription_ids ids = {});
  // Makes `msg` the retained message of its topic (in its scope) when it carries RETAIN, then
  // routes it, skipping `skip`'s subscriptions when given.
  // Returns how many sessions it was delivered to.
  std::size_t publish(const message_ptr& msg, const session* skip = nullptr, const session* origin = nullptr);

  // ── durable state (persist.cpp) ──
  // Whether `s` is written to the persistence port: a persistent session, when there is one.
  bool persisted(const session& s) const { return durable != nullptr && !s.clean; }
  static session_ref ref(const session& s) { return {s.scope, s.client_id}; }
  // Stores `q` for `s` in `state` (when `s` is persisted and q is QoS 1/2) and remembers its id.
  void store_message(session& s, queued_message& q, stored_state state, std::uint16_t packet_id);
  // Tells the port that stored message `q` of `s` is done (no-op when it was not stored).
  void finish_message(session& s, const queued_message& q);
  // Sends `packet` (an acknowledgement or response) to `c`: at once, or, when the handling of the
  // current frame wrote durable state and acknowledgements wait for commits, once it is committed.
  template <class Packet>
  void acknowledge(connection& c, const Packet& packet) {
    if (!must_wait_for_commit(c)) {
      mqtt::encode(packet, c.control, c.version);
      wake(c);
      return;
    }
    mqtt::bytes bytes;
    mqtt::encode(packet, bytes, c.version);
    acknowledge_after_commit(c, std::move(bytes));
  }
  bool must_wait_for_commit(const connection& c) const;
  void acknowledge_after_commit(connection& c, mqtt::bytes bytes);
  // The commit that `bytes` waited for is over (`ok`: it succeeded). Runs on the store's thread
  // WITHOUT the lock held: takes it.
  void committed(const std::weak_ptr<connection>& c, const mqtt::bytes& bytes, bool ok);

  // ── output (pull.cpp) ──
  // Asks c's transport to pull (once until it does): call after appending to c.control or
  // queueing a message for c.
  void wake(connection& c);

  // ── access control (authorize.cpp) ──
  authorizer* authz = nullptr;
  // Whether `c` may publish to `topic` (a PUBLISH or its will); a refusal is counted and logged.
  bool may_publish(const connection& c, std::string_view topic);
  // Whether `c` may subscribe to `filter` ($share/group/ is judged by its filter); a refusal is
  // counted and logged.
  bool may_subscribe(const connection& c, std::string_view filter);
  // Whether deliveries in `scope` need may_deliver (false: every delivery is allowed).
  bool screens_deliveries(scope_id scope) const { return authz != nullptr && authz->screens_deliveries(scope); }
  // Whether a message on `topic` may reach `s` through a subscription it holds.
  bool may_deliver(const session& s, std::string_view topic) const;
  // Whether the will of `s`'s client may be published to `topic` (judged as the client was at its
  // latest CONNECT, also after its connection is gone); a refusal is counted and logged.
  bool may_publish_will(const session& s, std::string_view topic);
  // Records who `c` is (from `verdict` and the CONNECT) on it and its session `s`, for the rules.
  static void identify(connection& c, session& s, const auth_decision& verdict);

  // ── closing (close.cpp) ──
  // Asks the transport to close `c` after its pending control bytes; logs `why` at debug.
  void close(connection& c, std::string_view why);
  // As close(c, why), after queueing DISCONNECT with `rc` when `c` is an MQTT 5 connection past
  // CONNACK (3.1 / 3.1.1 have no server DISCONNECT). `reference` (optional) is sent as Server
  // Reference (with 0x9C / 0x9D).
  void close(connection& c, mqtt::reason_code rc, std::string_view why, std::string_view reference = {});
  // A decoding error: for MQTT 5 the DISCONNECT carries mqtt::reason_for(e).
  void close(connection& c, mqtt::error e);
  // Detaches `c` from its session: owes the will when `publish_will` (at once, or after its Will
  // Delay Interval when the session outlives the connection), ends a session whose expiry is 0
  // or keeps it for the client's return (session_expiry.cpp schedules its end).
  void detach(connection& c, bool publish_will, time_point now);
  // Removes every subscription of `s` and forgets it; publishes a will still pending.
  void end_session(session& s);

  // ── sessions (session.cpp) ──
  std::uint16_t allocate_packet_id(session& s);
  // Forgets the retained messages still owed for `filter`.
  static void drop_retained_backlog(session& s, std::string_view filter);
  // Tells the session's profile that each of its subscriptions gained (online) or lost a live
  // connection: subscriber counts follow connections, not sessions.
  static void announce_subscriptions(session& s, bool online);

  // ── subscriptions and shared groups (subscriptions.cpp, shared_subscriptions.cpp) ──
  // Enters the (valid, not malformed-shared) `filter` of `s` with `options` in the trie of its
  // scope, joining the group for a "$share/..." filter. The caller keeps s.subscriptions.
  // Returns true when the subscription is new.
  bool add_subscription(session& s, std::string_view filter, const subscription_options& options);
  // Takes `filter` of `s` out of the trie, leaving its group for a "$share/..." filter. When the
  // session is ending (`session_ends`), what it holds from that group and has not delivered goes
  // to another member (see shared_subscriptions.cpp). The caller keeps s.subscriptions.
  void remove_subscription(session& s, std::string_view filter, bool session_ends);
  // route(): delivers `msg` to one member of each group in scratch_groups, never to `skip`;
  // `origin` is the publishing session (its client id keys hash_client_id). Returns how many
  // members it was delivered to.
  std::size_t route_shared(const message_ptr& msg, const session* skip, const session* origin);
  // `s` went offline keeping its session: its queued, not yet sent shared-subscription messages
  // move to online members of their groups (a member keeps its in-flight ones, to resume them).
  void hand_over_shared(session& s);
  // Moves what `from` holds from group `g` and has not delivered to other members of `g`: its
  // queued messages and, when its session ends (`session_ends`), its QoS 1 messages awaiting
  // PUBACK. Without `session_ends` only to online members, and what no one takes stays.
  void pass_on_shared(session& from, shared_group& g, bool session_ends);

  // ── session expiry and delayed wills (session_expiry.cpp) ──
  // Offline sessions by their next deadline (session::deadline): expiry or a delayed will.
  std::set<std::pair<time_point, session*>> deadlines;
  // (Re)files `s` under min(expires_at, will_at), or removes it when both are max.
  void schedule(session& s);
  // Publishes `s`'s pending will now (no-op without one).
  void publish_pending_will(session& s);
  // Publishes a will in `scope` like a PUBLISH from its client, with its MQTT 5 properties
  // (publish_will.cpp). `now` starts its Message Expiry Interval.
  void publish_will_message(scope_id scope, const mqtt::will_message& w, time_point now);
  // Sets the Session Expiry Interval of `s` (and whether it ends with its connection), telling
  // the persistence port: a session that stops being persistent is forgotten there.
  void set_expiry(session& s, std::uint32_t interval);
  // The client is back: cancels the expiry and any delayed will [MQTT-3.1.3-9].
  void resume(session& s);
  // Ends the sessions and publishes the wills whose deadline is at or before `now`.
  void expire_sessions(time_point now);

  // ── periodic (tick.cpp, sys_topics.cpp) ──
  void check_timeouts(time_point now);
  void publish_sys(time_point now);
  std::size_t subscription_count() const;  // over every scope
  std::size_t retained_count() const;
};

}  // namespace roost::broker
