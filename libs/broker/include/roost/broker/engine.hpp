#pragma once
// The broker core, Sans-I/O: transport adapters hand it bytes and `now`, it hands back bytes to
// write through `pull` and asks for wake-ups and closes through the `link` each connection gives.
//
//   adapter                                engine
//   ───────                                ──────
//   accept ─────────── open(link, now) ───▶ connection state
//   read bytes ───── receive(c, bytes, now) ▶ frames, packets, routing
//                      ◀── link.wake() ──── output became pending (any thread)
//   write ◀───────── pull(c, out, budget) ── encoded packets + shared payloads (gather write)
//                      ◀── link.close() ─── protocol violation, takeover, keepalive, shutdown
//   socket gone ──── closed(c, now) ──────▶ will, session kept or discarded
//   every second ─── tick(now) ───────────▶ keepalive / connect timeouts, $SYS
//
// Thread safety: every member function may be called from any thread; calls for one connection
// must not overlap (a connection lives on one I/O thread). The engine calls link methods while it
// holds its lock, so they must only record or post work, never call back into the engine.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include "roost/base/clock.hpp"
#include "roost/broker/authenticator.hpp"
#include "roost/broker/authorizer.hpp"
#include "roost/broker/message.hpp"
#include "roost/broker/persistence.hpp"
#include "roost/broker/profile.hpp"
#include "roost/broker/settings.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::broker {

// What the transport offers the engine for one connection.
class link {
 public:
  virtual ~link() = default;
  // Output is pending: call engine::pull for this connection soon.
  virtual void wake() = 0;
  // The engine is done with the connection: pull until it reports `close`, write that, then close
  // the socket and call engine::closed.
  virtual void close() = 0;
};

// One batch of output for a gather write: headers live in `headers`, payloads stay in the shared
// messages (kept alive by `holds` until the write completes).
struct outbound {
  struct piece {
    const std::uint8_t* data;  // null: the bytes are headers[offset, offset+size)
    std::size_t offset;
    std::size_t size;
  };
  mqtt::bytes headers;
  std::vector<piece> pieces;
  std::vector<message_ptr> holds;
  std::size_t total = 0;

  void clear() {
    headers.clear();
    pieces.clear();
    holds.clear();
    total = 0;
  }
  bool empty() const { return total == 0; }
  // Pointer to the bytes of piece p (valid until the next change of `headers`).
  const std::uint8_t* data(const piece& p) const { return p.data ? p.data : headers.data() + p.offset; }
};

enum class pull_status {
  idle,   // nothing more now; the engine will call link.wake() when there is
  more,   // the budget was reached: pull again after writing
  close,  // write `out`, then close the socket
};

// Counters for $SYS and the operator; a consistent snapshot.
struct stats {
  std::size_t clients_connected = 0;
  std::size_t clients_total = 0;  // sessions, connected or not
  std::size_t subscriptions = 0;
  std::size_t retained = 0;
  std::uint64_t messages_received = 0;
  std::uint64_t messages_sent = 0;
  std::uint64_t bytes_received = 0;
  std::uint64_t bytes_sent = 0;
  std::uint64_t messages_dropped = 0;
  // Refused by the access rules (the authorizer port): PUBLISHes and wills, SUBSCRIBE filters.
  std::uint64_t acl_denied_publish = 0;
  std::uint64_t acl_denied_subscribe = 0;
};

class connection;  // engine-side state of one network connection
class engine_state;

class engine {
 public:
  // `auth` may be null (everyone allowed); it must outlive the engine.
  engine(settings s, authenticator* auth, time_point now);
  ~engine();
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  // A transport accepted a connection. `l` must outlive the returned state's use by the engine,
  // i.e. until closed() returns. `remote` is for logs ("127.0.0.1:51234"). `binding` (which must
  // outlive the connection) gives the listener's authenticator and topic profile. A non-empty
  // `certified_user` (a verified TLS client certificate's CN) is the connection's user name: the
  // CONNECT's user name and password are then ignored and the authenticator told (credentials::certified).
  std::shared_ptr<connection> open(link& l, std::string remote, time_point now,
                                   listener_binding binding = {}, std::string certified_user = {});

  // Bytes read from the socket.
  void receive(connection& c, mqtt::byte_view data, time_point now);

  // Appends pending output for `c` to `out`, at least one packet if any is pending and about
  // `budget` bytes at most. Packets are not split across calls.
  pull_status pull(connection& c, outbound& out, std::size_t budget);

  // The transport reports that `c`'s bytes in `out` were written (counts bytes sent).
  void wrote(connection& c, std::size_t bytes);

  // The socket is gone. Publishes the will unless the client sent DISCONNECT [MQTT-3.1.2-8];
  // ends a clean session or keeps a persistent one.
  void closed(connection& c, time_point now);

  // Periodic work: keepalive [MQTT-3.1.2-24] and connect timeouts, $SYS topics.
  void tick(time_point now);

  // A message that comes from the server itself (the HTTP API, the console), not from a client.
  // `topics` (may be null: standard MQTT) plans and observes it exactly as for a client's PUBLISH
  // on a listener with that profile (`/set` reaches every subscriber, since there is no sender;
  // `/up` reaches nobody), then it is retained and routed. Returns false, routing nothing, when
  // the plan refuses it or the topic is invalid for publishing (wildcards, `$SYS`, empty).
  // `done` (optional) is called once what the message stored is durable: at once, without the
  // lock, when nothing waits for a commit; otherwise from the persistence port's thread after the
  // commit (with its success). Never called when false is returned.
  bool inject(scope_id scope, std::string_view topic, mqtt::byte_view payload, std::uint8_t qos, bool retain,
              profile* topics, std::function<void(bool ok)> done = {});

  // Asks every live connection to close (server shutdown); returns how many were asked.
  std::size_t close_all();

  // Asks every live connection of `scope` to close (MQTT 5: DISCONNECT 0x98 administrative
  // action), e.g. when its tenant is removed; returns how many were asked.
  std::size_t close_scope(scope_id scope, std::string_view why);

  // Who may publish and subscribe where (null: everyone everywhere, the default). Asked under the
  // engine's lock for every PUBLISH, will and SUBSCRIBE filter and, when it screens deliveries,
  // every delivery. Call before the first connection; `a` must outlive the engine.
  void authorize_with(authorizer* a);

  stats snapshot() const;
  const settings& config() const;

  // Durable state. Call these before the first connection is opened: `restore_retained` and
  // `restore_sessions` put back what was loaded from storage (without reporting it again; a
  // restored session waits for its client like any persistent session, its in-flight messages
  // re-sent with DUP when it returns), `persist_to` names where later changes go (null: nowhere).
  // With `ack_after_commit`, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK and UNSUBACK of a packet whose
  // handling stored something are sent only once the port reports the commit. `p` must outlive
  // the engine, and its after_commit callbacks must all have run before the engine is destroyed.
  void restore_retained(const std::vector<message_ptr>& messages);
  void restore_sessions(std::vector<stored_session> sessions);
  void persist_to(persistence* p, bool ack_after_commit = false);

 private:
  std::unique_ptr<engine_state> _s;
};

}  // namespace roost::broker
