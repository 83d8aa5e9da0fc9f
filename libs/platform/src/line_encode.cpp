// append_result, append_message: the replies and pushes of the TCP line protocol.

#include <string>

#include "roost/platform/line_codec.hpp"

namespace roost::platform {

namespace {

void append_cmd(std::string& out, line_cmd cmd) {
  out += "cmd=";
  out += std::to_string(static_cast<int>(cmd));
}

}  // namespace

void append_result(std::string& out, line_cmd cmd, bool ok) {
  append_cmd(out, cmd);
  out += ok ? "&res=1\r\n" : "&res=0\r\n";
}

void append_message(std::string& out, line_cmd cmd, std::string_view uid, std::string_view topic,
                    std::string_view msg) {
  append_cmd(out, cmd);
  out += "&uid=";
  out += uid;
  out += "&topic=";
  out += topic;
  out += "&msg=";
  const std::size_t start = out.size();
  out += msg;
  for (std::size_t i = start; i < out.size(); ++i) {
    if (out[i] == '\r' || out[i] == '\n') out[i] = ' ';
  }
  out += "\r\n";
}

}  // namespace roost::platform
