// MQTT 5 enhanced authentication (section 4.12): a CONNECT with an Authentication Method starts
// an exchange that the listener's authenticator runs (auth_exchange), one step per packet, without
// the engine's lock:
//
//   client                          server
//   CONNECT  method, data ─────────▶ step(data): more      ──▶ AUTH 0x18 method, challenge
//   AUTH 0x18 method, data ────────▶ step(data): done, ok  ──▶ CONNACK 0x00 method, final data
//                                                  refused ──▶ CONNACK 0x86 / 0x87, close
//   (connected) AUTH 0x19 method ──▶ the same exchange again; ends with AUTH 0x00, or
//                                     DISCONNECT 0x87 and close [MQTT-4.12.1-2] (0x86 is not a
//                                     DISCONNECT reason code)
//
// Every AUTH and the successful CONNACK carry the CONNECT's method [MQTT-4.12.0-5]; an AUTH with
// another method is a protocol error [MQTT-4.12.1-1].

#include <string>

#include "engine_state.hpp"

namespace roost::broker {
namespace {

using mqtt::reason_code;

// An AUTH packet of `method` with `rc` and `data` (left out when empty).
void append_auth(connection& c, reason_code rc, const std::string& method, const mqtt::bytes& data) {
  mqtt::auth a;
  a.reason = mqtt::to_byte(rc);
  a.props.authentication_method = method;
  if (!data.empty()) a.props.authentication_data = data;
  mqtt::encode(a, c.control);
}

}  // namespace

void engine_state::start_auth(connection& c, mqtt::connect p, std::unique_lock<std::mutex>& guard) {
  authenticator* a = c.auth;
  if (a == nullptr) {
    return refuse(c, reason_code::bad_authentication_method,
                  "authentication method " + c.auth_method + " without an authenticator [MQTT-4.12.0-1]");
  }
  const std::string method = c.auth_method;
  const std::string client_id = p.client_id;
  const mqtt::bytes data = p.props.authentication_data.value_or(mqtt::bytes{});
  guard.unlock();
  std::unique_ptr<auth_exchange> exchange = a->start_exchange(method, client_id);
  auth_step step;
  if (exchange) step = exchange->step(data);
  guard.lock();
  if (c.state != conn_state::awaiting_connect) return;  // closed meanwhile (timeout, shutdown)
  if (!exchange) {
    return refuse(c, reason_code::bad_authentication_method,
                  "unsupported authentication method " + method + " [MQTT-4.12.0-1]");
  }
  if (!step.done) {
    c.exchange = std::move(exchange);
    c.connecting = std::make_unique<mqtt::connect>(std::move(p));
    c.state = conn_state::authenticating;
    append_auth(c, reason_code::continue_authentication, method, step.data);  // [MQTT-4.12.0-2]
    return wake(c);
  }
  if (step.decision.result == auth_result::allowed && !c.certified) c.username = step.username;
  complete_connect(c, std::move(p), step.decision, &step.data);
}

void engine_state::handle_auth(connection& c, const mqtt::frame& f, std::unique_lock<std::mutex>& guard) {
  const bool connecting = c.state == conn_state::authenticating;
  // Before CONNACK a failure is a CONNACK [MQTT-4.12.0-4], after it a DISCONNECT.
  auto fail = [&](reason_code rc, std::string_view why) {
    if (connecting) return refuse(c, rc, why);
    close(c, rc, why);
  };
  if (c.version != mqtt::protocol_version::v5) return close(c, mqtt::error::unexpected_packet);
  auto p = mqtt::decode_auth(f);
  if (!p) return fail(mqtt::reason_for(p.error()), "bad AUTH: " + std::string(mqtt::to_string(p.error())));
  if (c.auth_method.empty()) {
    return fail(reason_code::protocol_error, "AUTH without an authentication method in CONNECT [MQTT-4.12.0-7]");
  }
  const std::string method = p->props.authentication_method.value_or(std::string{});
  if (method != c.auth_method) {
    return fail(reason_code::protocol_error, "AUTH with another authentication method [MQTT-4.12.1-1]");
  }
  const bool re_authenticate = p->reason == mqtt::to_byte(reason_code::re_authenticate);
  const bool continues = p->reason == mqtt::to_byte(reason_code::continue_authentication);
  if (connecting ? !continues : (re_authenticate ? c.exchange != nullptr : (!continues || !c.exchange))) {
    return fail(reason_code::protocol_error, "AUTH reason code out of turn [MQTT-4.12.0-3]");
  }

  authenticator* a = c.auth;
  std::unique_ptr<auth_exchange> exchange = std::move(c.exchange);
  const std::string client_id = connecting ? c.connecting->client_id : c.client_id;
  const mqtt::bytes data = p->props.authentication_data.value_or(mqtt::bytes{});
  const conn_state state = c.state;
  guard.unlock();
  if (!exchange && a != nullptr) exchange = a->start_exchange(method, client_id);
  auth_step step;
  if (exchange) step = exchange->step(data);
  guard.lock();
  if (c.state != state) return;  // closed meanwhile (timeout, takeover, shutdown)
  if (!exchange) return fail(reason_code::bad_authentication_method, "unsupported authentication method " + method);
  if (!step.done) {
    c.exchange = std::move(exchange);
    append_auth(c, reason_code::continue_authentication, method, step.data);
    return wake(c);
  }
  if (connecting) {
    std::unique_ptr<mqtt::connect> pending = std::move(c.connecting);
    if (step.decision.result == auth_result::allowed && !c.certified) c.username = step.username;
    return complete_connect(c, std::move(*pending), step.decision, &step.data);
  }
  // Re-authentication proves the same identity again, or the connection ends.
  const bool same = step.decision.result == auth_result::allowed && c.sess &&
                    step.decision.scope == c.sess->scope && (c.certified || step.username == c.username);
  if (!same) return close(c, reason_code::not_authorized, "re-authentication failed [MQTT-4.12.1-2]");
  append_auth(c, reason_code::success, method, step.data);
  wake(c);
}

}  // namespace roost::broker
