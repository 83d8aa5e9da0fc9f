#include "replies.hpp"

#include <boost/json.hpp>

#include "utf8_text.hpp"

namespace roost::web {

response error_reply(int status, std::string_view code, std::string_view message) {
  // Messages may quote the request (a path, a parameter): keep the document valid UTF-8.
  boost::json::object err{{"code", code}, {"message", utf8_text(message)}};
  response r;
  r.status = status;
  r.body = boost::json::serialize(boost::json::object{{"error", std::move(err)}});
  return r;
}

response json_reply(std::string body) {
  response r;
  r.body = std::move(body);
  return r;
}

}  // namespace roost::web
