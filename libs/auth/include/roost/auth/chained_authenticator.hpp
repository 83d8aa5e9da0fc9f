#pragma once
// One listener's authenticator when the HTTP hook is configured: the password file decides for
// the users it lists (and runs MQTT 5 enhanced authentication), the hook for every other client,
// anonymous ones included.
//
//   user in the password file   -> the file: allowed, or bad user name or password
//   anyone else                 -> the hook, told the listener's name

#include <string>

#include "roost/auth/file_authenticator.hpp"
#include "roost/auth/http_authenticator.hpp"

namespace roost::auth {

class chained_authenticator final : public broker::authenticator {
 public:
  // `file` and `hook` must outlive it; `listener` is the name the hook is told ("mqtt").
  chained_authenticator(file_authenticator& file, http_authenticator& hook, std::string listener)
      : _file(file), _hook(hook), _listener(std::move(listener)) {}

  broker::auth_decision authenticate(const broker::credentials& c) override {
    if (c.username && _file.knows(*c.username)) return _file.authenticate(c);
    return _hook.authenticate(c, _listener);
  }

  std::unique_ptr<broker::auth_exchange> start_exchange(std::string_view method, std::string_view client_id) override {
    return _file.start_exchange(method, client_id);
  }

 private:
  file_authenticator& _file;
  http_authenticator& _hook;
  const std::string _listener;
};

}  // namespace roost::auth
