// Ending connections and sessions. Every close goes through close(): it is the one place that
// turns a codec error into a reason (MQTT 5 will add the reason code here).

#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {

void engine_state::close(connection& c, std::string_view why) {
  if (c.state == conn_state::closing || c.state == conn_state::closed) return;
  c.state = conn_state::closing;
  if (log::enabled(log::level::debug)) {
    log::write(log::level::debug, "client " + (c.client_id.empty() ? std::string("?") : c.client_id) + " (" +
                                      c.remote + "): closing: " + std::string(why));
  }
  c.lnk->close();
}

void engine_state::close(connection& c, mqtt::error e) {
  close(c, "protocol error: " + std::string(mqtt::to_string(e)));
}

void engine_state::detach(connection& c, bool publish_will) {
  if (c.counted) {
    c.counted = false;
    --counters.clients_connected;
  }
  std::shared_ptr<session> s = std::move(c.sess);
  c.sess.reset();
  if (!s || s->conn != &c) return;
  s->conn = nullptr;
  announce_subscriptions(*s, false);

  if (publish_will && c.will) {
    // The will is published like a PUBLISH from the client, retained if asked [MQTT-3.1.2-8]
    // [MQTT-3.1.2-17].
    const auto& w = *c.will;
    if (cfg.max_topic_levels == 0 || mqtt::topic_levels(w.topic) <= cfg.max_topic_levels) {
      publish(make_message(s->scope, w.topic, w.payload, w.qos, w.retain));
    }
  }
  c.will.reset();

  if (s->clean) {
    log::write(log::level::info, "client " + s->client_id + " disconnected");
    end_session(*s);
    return;
  }
  // A persistent session waits for its client. QoS 0 messages are not kept for an offline
  // client unless configured.
  if (!cfg.queue_qos0_offline) {
    erase_if(s->queue, [&](const queued_message& q) {
      if (q.qos != 0) return false;
      s->queue_bytes -= q.msg->topic.size() + q.msg->payload.size();
      return true;
    });
  }
  log::write(log::level::info, "client " + s->client_id + " disconnected; session kept (" +
                                   std::to_string(s->queue.size() + s->inflight.size()) + " messages pending)");
}

void engine_state::end_session(session& s) {
  if (persisted(s)) durable->session_ended(ref(s));
  scope_tables& space = tables(s.scope);
  for (const auto& [filter, qos] : s.subscriptions) space.subscriptions.erase(filter, &s);
  s.subscriptions.clear();
  if (s.conn != nullptr) s.conn->sess.reset();
  s.conn = nullptr;
  // Erased by iterator: the key views strings of `s`, which the erase may destroy.
  if (auto it = sessions.find(s.key()); it != sessions.end()) sessions.erase(it);  // may destroy `s`
}

}  // namespace roost::broker
