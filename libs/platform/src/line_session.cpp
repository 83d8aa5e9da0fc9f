// line_session: lines in, replies and pushes out; everything stored lives behind line_cloud.

#include "roost/platform/line_session.hpp"

#include <algorithm>

#include "roost/platform/topic_rules.hpp"

namespace roost::platform {

line_session::line_session(line_session_id id, line_cloud& cloud, line_settings settings, time_point now)
    : _id(id), _cloud(cloud), _settings(settings), _splitter(settings.max_line), _last_heard(now) {}

line_session::~line_session() { on_closed(); }

void line_session::on_bytes(std::string_view bytes, time_point now, std::chrono::sys_seconds wall) {
  if (_should_close || _closed) return;
  if (!bytes.empty()) _last_heard = now;
  _splitter.feed(bytes);
  for (;;) {
    const auto next = _splitter.next();
    if (next.what == line_splitter::status::need_more) return;
    if (next.what == line_splitter::status::too_long) {
      _should_close = true;
      return;
    }
    handle(next.line, wall);
  }
}

// A line the parser refuses gets `cmd=<n>&res=0` when its command is known, else no answer.
void line_session::handle(std::string_view line, std::chrono::sys_seconds wall) {
  const auto parsed = parse_line(line);
  if (!parsed) {
    if (parsed.error().cmd) append_result(_out, *parsed.error().cmd, false);
    return;
  }
  handle_command(*parsed, wall);
}

void line_session::handle_command(const line_command& c, std::chrono::sys_seconds wall) {
  if (c.cmd == line_cmd::heartbeat) {
    append_result(_out, c.cmd, true);
    return;
  }
  if (!_cloud.authenticate(c.uid)) {
    append_result(_out, c.cmd, false);
    return;
  }
  switch (c.cmd) {
    case line_cmd::subscribe:
      append_result(_out, c.cmd, subscribe_all(c));
      return;
    case line_cmd::subscribe_fetch:
      if (subscribe_all(c)) {
        send_latest(c);
      } else {
        append_result(_out, c.cmd, false);
      }
      return;
    case line_cmd::fetch:
      send_latest(c);
      return;
    case line_cmd::publish:
      append_result(_out, c.cmd, _cloud.publish(_id, c.uid, c.topics()[0], c.msg));
      return;
    case line_cmd::time:
      append_time(_out, c.time_type, wall, _settings.utc_offset);
      return;
    case line_cmd::heartbeat:
      return;
  }
}

// Every topic is tried; the line succeeds only if the cloud took them all.
bool line_session::subscribe_all(const line_command& c) {
  bool all = true;
  for (std::string_view topic : c.topics()) all = _cloud.subscribe(_id, c.uid, topic) && all;
  return all;
}

// One reply per topic, named as the client named it; no value yet gives an empty msg.
void line_session::send_latest(const line_command& c) {
  for (std::string_view topic : c.topics()) {
    const auto value = _cloud.latest(c.uid, split_suffix(topic).base);
    append_message(_out, c.cmd, c.uid, topic, value ? std::string_view(*value) : std::string_view());
  }
}

void line_session::deliver(std::string_view uid, std::string_view topic, std::string_view msg) {
  if (_closed) return;
  if (_out.size() >= _settings.max_pending) {
    ++_dropped;
    return;
  }
  append_message(_out, line_cmd::publish, uid, topic, msg);
}

void line_session::consume(std::size_t n) { _out.erase(0, std::min(n, _out.size())); }

void line_session::on_closed() {
  if (_closed) return;
  _closed = true;
  _cloud.closed(_id);
}

}  // namespace roost::platform
