#include "replies.hpp"

#include <boost/json.hpp>

namespace roost::web {

response error_reply(int status, std::string_view code, std::string_view message) {
  boost::json::object err{{"code", code}, {"message", message}};
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
