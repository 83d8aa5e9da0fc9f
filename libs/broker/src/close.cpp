// Ending connections and sessions. Every close goes through close(): it is the one place that
// turns a codec error into a reason, and that tells an MQTT 5 client why with DISCONNECT.

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

void engine_state::close(connection& c, mqtt::reason_code rc, std::string_view why, std::string_view reference) {
  // Only after CONNACK: before it, a refusal is a CONNACK (see refuse()).
  if (c.state == conn_state::connected && c.version == mqtt::protocol_version::v5) {
    mqtt::disconnect d{mqtt::to_byte(rc), {}};
    if (!reference.empty()) d.props.server_reference = std::string(reference);
    mqtt::encode(d, c.control, mqtt::protocol_version::v5);
    wake(c);
  }
  close(c, why);
}

void engine_state::close(connection& c, mqtt::error e) {
  close(c, mqtt::reason_for(e), "protocol error: " + std::string(mqtt::to_string(e)));
}

void engine_state::detach(connection& c, bool publish_will, time_point now) {
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
    // A Will Delay Interval holds the will back while the session lives on: it goes out when the
    // delay ends or the session does, whichever is first, and not at all if the client returns
    // in time [MQTT-3.1.3-9].
    // Whether it may be published is judged now, while the session and its client are known.
    const std::uint32_t delay = c.will->props.will_delay_interval.value_or(0);
    if (!may_publish_will(*s, c.will->topic)) {
      c.will.reset();
    } else if (delay > 0 && !s->clean) {
      s->pending_will = std::move(c.will);
      s->will_at = now + seconds(delay);
    } else {
      publish_will_message(s->scope, *c.will, now);
    }
  }
  c.will.reset();

  if (s->clean) {
    log::write(log::level::info, "client " + s->client_id + " disconnected");
    end_session(*s);
    return;
  }
  // A persistent session waits for its client; what it queued from shared subscriptions goes to
  // online members. QoS 0 messages are not kept for an offline client unless configured.
  hand_over_shared(*s);
  if (!cfg.queue_qos0_offline) {
    erase_if(s->queue, [&](const queued_message& q) {
      if (q.qos != 0) return false;
      s->queue_bytes -= q.msg->topic.size() + q.msg->payload.size();
      return true;
    });
  }
  if (s->expiry_interval != never_expires) s->expires_at = now + seconds(s->expiry_interval);
  schedule(*s);
  log::write(log::level::info, "client " + s->client_id + " disconnected; session kept (" +
                                   std::to_string(s->queue.size() + s->inflight.size()) + " messages pending)");
}

void engine_state::end_session(session& s) {
  // A will still waiting for its delay goes out now, once the session is gone [MQTT-3.1.3-9].
  std::unique_ptr<mqtt::will_message> will = std::move(s.pending_will);
  const scope_id scope = s.scope;
  s.expires_at = s.will_at = time_point::max();
  schedule(s);
  if (persisted(s)) durable->session_ended(ref(s));
  // A shared subscription's undelivered messages go to another member of its group.
  for (const auto& [filter, options] : s.subscriptions) remove_subscription(s, filter, true);
  s.subscriptions.clear();
  if (s.conn != nullptr) s.conn->sess.reset();
  s.conn = nullptr;
  // Erased by iterator: the key views strings of `s`, which the erase may destroy.
  if (auto it = sessions.find(s.key()); it != sessions.end()) sessions.erase(it);  // may destroy `s`
  if (will) publish_will_message(scope, *will, clock);
}

}  // namespace roost::broker
