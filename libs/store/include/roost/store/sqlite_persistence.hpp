#pragma once
// broker::persistence on a Roost database: retained messages on `retained`, persistent sessions
// on `sessions`, `session_subscriptions` and `session_messages`.
//
// Every member copies what it reports (the client id, the filter, the shared message_ptr) into
// one operation for the write-behind worker and submits it, which never blocks: the engine calls
// them under its lock. The worker commits the operations in the order they were reported, many
// per transaction:
//
//   retained_changed(m)              -> INSERT OR REPLACE retained row; DELETE it (empty payload)
//   session_started(s, level)        -> INSERT OR REPLACE sessions row (created_at, last_seen: now,
//                                       expiry_interval 4294967295: never)
//   session_expiry_set(s, seconds)   -> UPDATE sessions row: expiry_interval, last_seen: now
//   session_ended(s)                 -> DELETE sessions row; its subscriptions and messages go with
//                                       it (foreign key cascade)
//   subscription_set / _removed      -> INSERT OR REPLACE / DELETE session_subscriptions row (qos,
//                                       options, subscription_id)
//   message_queued(s, m)             -> INSERT session_messages row m.id (state, packet id, topic,
//                                       payload, qos, retain, MQTT 5 properties, expires_at,
//                                       subscription_ids)
//   message_sent(s, id, packet_id)   -> UPDATE row id: state 1, packet_id
//   message_released(s, id)          -> UPDATE row id: state 2, empty payload, no properties
//   inbound_received(s, id, pid)     -> INSERT row id: state 3, packet_id, qos 2, no topic
//   message_finished / inbound_released(s, id) -> DELETE row id
//
// A message sent before its INSERT has run is inserted in state sent with its packet id (no
// UPDATE is submitted); a message finished before its INSERT has run (the usual case for an
// online subscriber: it is delivered and acknowledged within the batch's time) never touches the
// disk: the INSERT is skipped and no DELETE is submitted. An acknowledgement that waits for the
// commit still waits for the batch that held the skipped INSERT, so the order of commits holds.
//   after_commit(done)               -> an empty operation whose completion calls done(ok)
//
// A scope is stored as a tenant id (and in `retained` a namespace column): scope 0, the plain
// broker, is tenant 0 (namespace 0); a tenant's MQTT namespace, platform::scope_of(tenant,
// cloud_namespace::mqtt), is that tenant (namespace 1). A report about any other scope is not
// written: its operation fails and on_error says so. The statements are prepared once per
// connection (database::cached) on the worker thread.
//
// The load functions read on the caller's thread through the connection they are given, at start,
// before the worker writes; rows of a scope that cannot be mapped back are skipped.
//
// Message expiry is stored as wall-clock time (expires_at, Unix milliseconds): the broker's
// steady expiry is converted with both clocks when reported and back when loaded, so that a
// message's remaining interval keeps running while the server is down (message_columns.hpp).

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "roost/broker/message.hpp"
#include "roost/broker/persistence.hpp"
#include "roost/store/database.hpp"
#include "roost/store/error.hpp"
#include "roost/store/write_behind.hpp"

namespace roost::store {

class sqlite_persistence final : public broker::persistence {
 public:
  // `writer` writes every report and must outlive the store; its database must have been migrated
  // (open_data_dir does it). `on_error` (may be empty) is called on the worker thread for each
  // write that failed.
  explicit sqlite_persistence(write_behind& writer, std::function<void(const error&)> on_error = {});

  void retained_changed(const broker::message_ptr& msg) override;

  void session_started(broker::session_ref s, std::uint8_t protocol_level) override;
  void session_ended(broker::session_ref s) override;
  void session_expiry_set(broker::session_ref s, std::uint32_t interval) override;
  void subscription_set(broker::session_ref s, const std::string& filter,
                        const broker::subscription_options& options) override;
  void subscription_removed(broker::session_ref s, const std::string& filter) override;
  void message_queued(broker::session_ref s, const broker::stored_message& m) override;
  void message_sent(broker::session_ref s, std::uint64_t id, std::uint16_t packet_id) override;
  void message_released(broker::session_ref s, std::uint64_t id) override;
  void message_finished(broker::session_ref s, std::uint64_t id) override;
  void inbound_received(broker::session_ref s, std::uint64_t id, std::uint16_t packet_id) override;
  void inbound_released(broker::session_ref s, std::uint64_t id) override;

  // The writer's submitted(): every operation handed to it, by this store or any other.
  std::uint64_t writes() const override;
  // `done(true)` on the worker thread once the batch holding everything submitted before has
  // committed, `done(false)` when its COMMIT failed (a single write that failed alone is reported
  // to on_error, not here). After the writer has stopped, `done` is never called.
  void after_commit(std::function<void(bool ok)> done) override;

  // Every stored retained message (retain flag set) that has not expired, through `reader`.
  static store_result<std::vector<broker::message_ptr>> load_retained(database& reader);
  // Every stored session with its subscriptions (by filter) and messages (ascending id), through
  // `reader`. Messages in state queued or sent carry their message (made with the row's topic,
  // payload, qos, retain flag, properties and expiry in the session's scope) and identifiers;
  // released and inbound_qos2 ones have none. Subscriptions carry their options and identifier,
  // sessions their Session Expiry Interval.
  static store_result<std::vector<broker::stored_session>> load_sessions(database& reader);

 private:
  // Whether a queued message's INSERT has run, or was called off by message_finished.
  enum class insert_state : std::uint8_t { waiting, written, called_off };
  // A queued message's INSERT not run yet: its state, and the packet id it was sent with since
  // (sent_as: 0 while queued, else 0x10000 | packet id), which the INSERT writes in its place.
  struct pending_insert {
    std::atomic<insert_state> state = insert_state::waiting;
    std::atomic<std::uint32_t> sent_as = 0;
  };
  using insert_flag = std::shared_ptr<pending_insert>;

  void submit(write_op op);
  // The INSERT of message `m` for `s`, unless it is called off before the worker runs it.
  write_op insert_unless_called_off(broker::session_ref s, const broker::stored_message& m);
  // True when message `id`'s INSERT had not run yet and now never will.
  bool call_off_insert(std::uint64_t id);
  // True when message `id`'s INSERT had not run yet and will write it as sent with `packet_id`.
  bool sent_before_insert(std::uint64_t id, std::uint16_t packet_id);

  write_behind& _writer;
  std::function<void(const error&)> _on_error;
  std::mutex _waiting_mutex;
  std::unordered_map<std::uint64_t, insert_flag> _waiting_inserts;  // by message id
};

}  // namespace roost::store
