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
#include "roost/broker/subscription_trie.hpp"
#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/encode.hpp"
#include "roost/mqtt/error.hpp"
#include "roost/mqtt/frame_decoder.hpp"
#include "roost/mqtt/packets.hpp"
#include "roost/mqtt/topic.hpp"
#include "inbound_qos2.hpp"

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
};

// The retained messages matching one new subscription, sent from `next` on.
struct retained_batch {
  std::string filter;
  std::uint8_t granted_qos = 0;
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

  std::map<std::string, std::uint8_t, std::less<>> subscriptions;  // filter -> granted QoS

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

  // Scratch for merging overlapping subscriptions during one route() (see deliver.cpp).
  std::uint64_t route_generation = 0;
  std::uint8_t route_qos = 0;

  bool clean;
  bool overflow_logged = false;  // the queue overflowed and that was logged
};

enum class conn_state : std::uint8_t { awaiting_connect, connected, closing, closed };

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

  std::string client_id;
  std::shared_ptr<session> sess;
  std::unique_ptr<mqtt::will_message> will;  // on the heap: most connections have none
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
  std::vector<session*> scratch_targets;

  // ── receiving (one file per packet) ──
  void handle_frame(connection& c, const mqtt::frame& f);
  // Decodes and checks a CONNECT (protocol, client id); nullopt when it was refused or closed.
  std::optional<mqtt::connect> check_connect(connection& c, const mqtt::frame& f, time_point now);
  // Applies the authenticator's verdict and connects: takeover, session, CONNACK.
  void complete_connect(connection& c, mqtt::connect p, const auth_decision& verdict);
  // CONNACK with a refusal code, then close.
  void refuse(connection& c, mqtt::connack_code code, std::string_view why);
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
  void route(const message_ptr& msg, const session* skip = nullptr);
  // Queues one message for `s`, or drops and counts it when the queue is full.
  void enqueue(session& s, const message_ptr& msg, std::uint8_t qos, bool retain);
  // Makes `msg` the retained message of its topic (in its scope) when it carries RETAIN, then
  // routes it, skipping `skip`'s subscriptions when given.
  void publish(const message_ptr& msg, const session* skip = nullptr);

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
      mqtt::encode(packet, c.control);
      wake(c);
      return;
    }
    mqtt::bytes bytes;
    mqtt::encode(packet, bytes);
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

  // ── closing (close.cpp) ──
  // Asks the transport to close `c` after its pending control bytes; logs `why` at debug.
  void close(connection& c, std::string_view why);
  void close(connection& c, mqtt::error e);
  // Detaches `c` from its session: publishes the will when `publish_will`, ends a clean session
  // or keeps a persistent one for the client's return.
  void detach(connection& c, bool publish_will);
  // Removes every subscription of `s` and forgets it.
  void end_session(session& s);

  // ── sessions (session.cpp) ──
  std::uint16_t allocate_packet_id(session& s);
  // Forgets the retained messages still owed for `filter`.
  static void drop_retained_backlog(session& s, std::string_view filter);
  // Tells the session's profile that each of its subscriptions gained (online) or lost a live
  // connection: subscriber counts follow connections, not sessions.
  static void announce_subscriptions(session& s, bool online);

  // ── periodic (tick.cpp, sys_topics.cpp) ──
  void check_timeouts(time_point now);
  void publish_sys(time_point now);
  std::size_t subscription_count() const;  // over every scope
  std::size_t retained_count() const;
};

}  // namespace roost::broker
