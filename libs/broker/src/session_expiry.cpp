// Session Expiry Interval and Will Delay Interval (MQTT 5, sections 3.1.2.11.2 and 3.1.3.2.2).
// An offline session with a finite expiry, or with a will waiting for its delay, is filed in
// engine_state::deadlines under the earlier of the two instants; tick() takes what is due.
//
//   client goes away (no DISCONNECT 0x00)     session expiry N, will delay D
//     t0 + min(D, N)   the will is published (session end publishes a pending will first)
//     t0 + N           the session ends: subscriptions and queued messages are gone
//   client returns before that                 nothing is published; the session resumes

#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {

void engine_state::schedule(session& s) {
  const time_point due = std::min(s.expires_at, s.will_at);
  if (due == s.deadline) return;
  if (s.deadline != time_point::max()) deadlines.erase({s.deadline, &s});
  s.deadline = due;
  if (due != time_point::max()) deadlines.insert({due, &s});
}

void engine_state::publish_pending_will(session& s) {
  if (!s.pending_will) return;
  std::unique_ptr<mqtt::will_message> w = std::move(s.pending_will);
  s.will_at = time_point::max();
  // The Message Expiry Interval starts when the will is published.
  if (may_publish_will(s, w->topic)) publish_will_message(s.scope, *w, clock);
}

void engine_state::resume(session& s) {
  s.pending_will.reset();  // [MQTT-3.1.3-9]
  s.expires_at = s.will_at = time_point::max();
  schedule(s);
}

void engine_state::set_expiry(session& s, std::uint32_t interval) {
  if (interval == s.expiry_interval && s.clean == (interval == 0)) return;
  if (interval == 0) {
    // No longer kept past its connection: the store forgets it now.
    if (persisted(s)) durable->session_ended(ref(s));
    s.clean = true;
  } else if (persisted(s)) {
    durable->session_expiry_set(ref(s), interval);
  }
  s.expiry_interval = interval;
}

void engine_state::expire_sessions(time_point now) {
  while (!deadlines.empty() && deadlines.begin()->first <= now) {
    session& s = *deadlines.begin()->second;
    if (s.will_at <= now) publish_pending_will(s);
    if (s.expires_at <= now) {
      log::write(log::level::info, "client " + s.client_id + ": session expired");
      end_session(s);  // unschedules and may destroy `s`
      continue;
    }
    schedule(s);
  }
}

}  // namespace roost::broker
