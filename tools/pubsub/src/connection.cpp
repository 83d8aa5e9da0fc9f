// One MQTT connection of `roost pub` / `roost sub` over the SDK's POSIX port.

#include "connection.hpp"

#include <cstdio>

namespace roost::tools {

namespace {

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

void print_to_stderr(const std::string& line) {
  std::fprintf(stderr, "%s\n", line.c_str());
  std::fflush(stderr);
}

}  // namespace

std::string connack_text(std::uint8_t code) {
  switch (code) {
    case 0: return "Connection Accepted.";
    case 1: return "Connection Refused: unacceptable protocol version.";
    case 2: return "Connection Refused: identifier rejected.";
    case 3: return "Connection Refused: broker unavailable.";
    case 4: return "Connection Refused: bad user name or password.";
    case 5: return "Connection Refused: not authorised.";
    default: return "Connection Refused: unknown reason.";
  }
}

std::string explain(sdk::client_error e) {
  switch (e) {
    case sdk::client_error::connect_failed:
      return "could not open a TCP connection (refused, unreachable or unknown host)";
    case sdk::client_error::timeout: return "no answer from the broker in time";
    case sdk::client_error::closed: return "the broker closed the connection";
    case sdk::client_error::protocol_error: return "the broker sent something that is not valid MQTT";
    case sdk::client_error::too_large: return "the message is too large";
    case sdk::client_error::queue_full: return "the client's queue is full";
    case sdk::client_error::invalid_argument: return "invalid topic, QoS or client id";
    default: return sdk::to_string(e);
  }
}

connection::connection(const connect_options& o, memory_sizes sizes, sdk::event_handler& handler,
                       std::size_t max_inflight)
    : _host(o.host),
      _client_id(o.client_id.value_or("")),
      _username(o.username),
      _password(bytes_of(o.password.value_or(""))),
      _will_topic(o.will_topic),
      _will_payload(bytes_of(o.will_payload.value_or(""))),
      _config(make_config(o, max_inflight)),
      _port(static_cast<std::uint16_t>(o.port)),
      _report(o.quiet, o.debug),
      _handler(handler),
      _memory(sizes.tx, sizes.rx, sizes.store),
      _trace(o.debug ? std::make_unique<traced_transport>(
                           _tcp, _client_id,
                           o.protocol_level == 3 ? mqtt::protocol_version::v3_1
                                                 : mqtt::protocol_version::v3_1_1,
                           print_to_stderr)
                     : nullptr),
      _client(_config, _memory.view(), *this),
      _driver(_client, _trace ? static_cast<sdk::transport_port&>(*_trace) : _tcp, _clock, _scratch) {}

sdk::client_config connection::make_config(const connect_options& o,
                                            std::size_t max_inflight) const {
  sdk::client_config c;
  c.host = _host.c_str();
  c.port = static_cast<std::uint16_t>(o.port);
  c.client_id = _client_id;
  if (_username) {
    c.username = std::string_view{*_username};
    if (o.password) c.password = std::span<const std::uint8_t>{_password};
  }
  if (_will_topic) {
    c.will = sdk::will_config{*_will_topic, _will_payload, static_cast<std::uint8_t>(o.will_qos),
                              o.will_retain};
  }
  c.protocol_level = o.protocol_level;
  c.keep_alive_s = static_cast<std::uint16_t>(o.keepalive);
  c.clean_session = o.clean_session;
  c.auto_reconnect = true;
  c.max_inflight = max_inflight;
  return c;
}

void connection::on_event(sdk::mqtt_client& client, const sdk::event& e) {
  const bool fatal_before = _failure.has_value();
  if (e.id == sdk::event_id::connected) {
    _was_connected = true;
  } else if (e.error == sdk::client_error::connection_refused) {
    if (!_failure) {
      _report.line("Connection error: " + connack_text(e.connack_code));
      _report.error("The connection was refused.");
      _failure = e.connack_code != 0 ? e.connack_code : 1;
    }
  } else if ((e.id == sdk::event_id::error || e.id == sdk::event_id::disconnected) &&
             e.error != sdk::client_error::none) {
    const std::string why = explain(e.error);
    if (!_was_connected) {
      if (!_failure) {
        _report.error("Unable to connect to " + _host + ":" + std::to_string(_port) + ": " + why);
        _failure = 1;
      }
    } else if (e.id == sdk::event_id::disconnected) {
      _report.debug("Client " + _client_id + " lost the connection (" + why + "), reconnecting");
    } else {
      _report.debug("Client " + _client_id + " error: " + why);
    }
  }
  if (!fatal_before) _handler.on_event(client, e);
}

void connection::start() { _client.start(_clock.now_ms()); }

void connection::step(std::uint32_t max_wait_ms) { _driver.run_once(max_wait_ms); }

bool connection::finish(std::uint32_t timeout_ms) {
  _client.stop(_clock.now_ms());
  return _driver.run_until([this] { return !_driver.is_open(); }, timeout_ms, 50);
}

}  // namespace roost::tools
