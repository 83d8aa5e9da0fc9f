#pragma once
// A persistence port that keeps what it is told in memory, for engine tests: it models the
// stored sessions (so a test can restart an engine from them, as `roost serve` does from SQLite),
// logs retained changes, counts writes, and holds after_commit callbacks until the test commits.
//
//   memory_persistence store;
//   e->persist_to(&store, true);
//   ... publish QoS 1 ...        // no PUBACK yet
//   store.commit();              // now the PUBACK is pending
//   restart; e->restore_sessions(store.load());

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "roost/broker/persistence.hpp"

namespace roost::test {

class memory_persistence : public broker::persistence {
 public:
  void retained_changed(const broker::message_ptr& m) override {
    ++_writes;
    retained.push_back(std::string(m->topic) + "=" + std::string(m->payload.begin(), m->payload.end()));
  }

  void session_started(broker::session_ref s, std::uint8_t level) override {
    ++_writes;
    auto& stored = sessions[key(s)];
    stored = broker::stored_session{};
    stored.scope = s.scope;
    stored.client_id = s.client_id;
    stored.protocol_level = level;
  }
  void session_ended(broker::session_ref s) override {
    ++_writes;
    sessions.erase(key(s));
  }
  void session_expiry_set(broker::session_ref s, std::uint32_t interval) override {
    ++_writes;
    at(s).expiry_interval = interval;
  }
  void subscription_set(broker::session_ref s, const std::string& filter,
                        const broker::subscription_options& options) override {
    ++_writes;
    auto& subs = at(s).subscriptions;
    std::erase_if(subs, [&](const auto& e) { return e.first == filter; });
    subs.emplace_back(filter, options);
  }
  void subscription_removed(broker::session_ref s, const std::string& filter) override {
    ++_writes;
    std::erase_if(at(s).subscriptions, [&](const auto& e) { return e.first == filter; });
  }
  void message_queued(broker::session_ref s, const broker::stored_message& m) override {
    ++_writes;
    at(s).messages.push_back(m);
  }
  void message_sent(broker::session_ref s, std::uint64_t id, std::uint16_t packet_id) override {
    ++_writes;
    if (auto* m = find(s, id)) {
      m->state = broker::stored_state::sent;
      m->packet_id = packet_id;
    }
  }
  void message_released(broker::session_ref s, std::uint64_t id) override {
    ++_writes;
    if (auto* m = find(s, id)) {
      m->state = broker::stored_state::released;
      m->msg.reset();
    }
  }
  void message_finished(broker::session_ref s, std::uint64_t id) override {
    ++_writes;
    std::erase_if(at(s).messages, [id](const broker::stored_message& m) { return m.id == id; });
  }
  void inbound_received(broker::session_ref s, std::uint64_t id, std::uint16_t packet_id) override {
    ++_writes;
    at(s).messages.push_back({id, broker::stored_state::inbound_qos2, packet_id, 2, false, nullptr});
  }
  void inbound_released(broker::session_ref s, std::uint64_t id) override { message_finished(s, id); }

  std::uint64_t writes() const override { return _writes; }
  void after_commit(std::function<void(bool)> done) override { _waiting.push_back(std::move(done)); }

  // Runs every callback waiting for a commit, as the store's thread would after COMMIT.
  void commit(bool ok = true) {
    auto waiting = std::move(_waiting);
    _waiting.clear();
    for (auto& done : waiting) done(ok);
  }
  std::size_t waiting() const { return _waiting.size(); }

  // What a restart would load.
  std::vector<broker::stored_session> load() const {
    std::vector<broker::stored_session> out;
    for (const auto& [k, s] : sessions) out.push_back(s);
    return out;
  }
  // The stored messages of one session (scope 0 by default).
  const std::vector<broker::stored_message>& messages(const std::string& client_id,
                                                      broker::scope_id scope = broker::default_scope) {
    return sessions.at({scope, client_id}).messages;
  }

  std::vector<std::string> retained;
  std::map<std::pair<broker::scope_id, std::string>, broker::stored_session> sessions;

 private:
  static std::pair<broker::scope_id, std::string> key(broker::session_ref s) { return {s.scope, s.client_id}; }
  broker::stored_session& at(broker::session_ref s) { return sessions.at(key(s)); }
  broker::stored_message* find(broker::session_ref s, std::uint64_t id) {
    for (auto& m : at(s).messages) {
      if (m.id == id) return &m;
    }
    return nullptr;
  }

  std::uint64_t _writes = 0;
  std::vector<std::function<void(bool)>> _waiting;
};

}  // namespace roost::test
