#pragma once
// fake_line_cloud: an in-memory line_cloud for tests and the fuzz target. It keeps tenants,
// subscriptions and latest values in plain containers and delivers to attached sessions the way
// the platform does: "X" to every subscriber of X, "X/set" to all but the publisher, "X/up" to
// nobody; each of them updates the latest value of X.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "roost/platform/line_session.hpp"
#include "roost/platform/topic_rules.hpp"

namespace roost::platform::fakes {

class fake_line_cloud final : public line_cloud {
 public:
  struct published {
    line_session_id session;
    std::string uid;
    std::string topic;
    std::string msg;
  };
  using key = std::pair<std::string, std::string>;  // uid, bare topic

  std::set<std::string, std::less<>> tenants{"U"};
  bool auto_create = true;   // false: only topics in `existing` may be subscribed to
  std::set<key> existing;
  std::map<key, std::string> values;
  std::set<std::tuple<line_session_id, std::string, std::string>> subscriptions;  // session, uid, topic
  std::vector<published> publishes;
  std::vector<line_session_id> closed_sessions;

  // Pushes for `s` go to s.deliver() until it is closed.
  void attach(line_session& s) { _sessions[s.id()] = &s; }

  bool authenticate(std::string_view uid) override { return tenants.contains(uid); }

  bool subscribe(line_session_id session, std::string_view uid, std::string_view topic) override {
    const std::string base(split_suffix(topic).base);
    if (!auto_create && !existing.contains({std::string(uid), base})) return false;
    subscriptions.insert({session, std::string(uid), base});
    return true;
  }

  bool publish(line_session_id session, std::string_view uid, std::string_view topic,
               std::string_view msg) override {
    publishes.push_back({session, std::string(uid), std::string(topic), std::string(msg)});
    const split_topic t = split_suffix(topic);
    const std::string base(t.base);
    if (!auto_create && !existing.contains({std::string(uid), base})) return false;
    values[{std::string(uid), base}] = std::string(msg);
    if (t.suffix == topic_suffix::up) return true;
    for (const auto& [id, sub_uid, sub_topic] : subscriptions) {
      if (sub_uid != uid || sub_topic != base) continue;
      if (t.suffix == topic_suffix::set && id == session) continue;
      if (auto it = _sessions.find(id); it != _sessions.end()) it->second->deliver(uid, base, msg);
    }
    return true;
  }

  std::optional<std::string> latest(std::string_view uid, std::string_view topic) override {
    auto it = values.find({std::string(uid), std::string(topic)});
    if (it == values.end()) return std::nullopt;
    return it->second;
  }

  void closed(line_session_id session) override {
    closed_sessions.push_back(session);
    _sessions.erase(session);
    std::erase_if(subscriptions, [&](const auto& s) { return std::get<0>(s) == session; });
  }

 private:
  std::map<line_session_id, line_session*> _sessions;
};

}  // namespace roost::platform::fakes
