#pragma once
// Access control and live credentials as `roost serve` wires them (docs/acl.md,
// docs/authentication.md): the rule store (`--acl FILE`, else `<data>/acl.conf`) and the broker's
// authorizer over it; the optional HTTP authentication hook, chained after the password file, with
// one authenticator per listener so the hook is told where a client came in; and a watcher that
// reloads the password file and the rule file when they change on disk.

#include <memory>
#include <string>
#include <vector>

#include "file_watcher.hpp"
#include "roost/acl/acl_authorizer.hpp"
#include "roost/acl/rule_store.hpp"
#include "roost/auth/chained_authenticator.hpp"
#include "roost/auth/file_authenticator.hpp"
#include "roost/auth/http_authenticator.hpp"
#include "roost/server/config.hpp"
#include "serve_config.hpp"

namespace roost::app {

class access_control {
 public:
  // Reads the rule file and sets up the hook. Null after logging why it cannot start (a syntax
  // error in the rule file, a configured rule file that is missing, a malformed hook URL).
  // `passwords` must outlive it.
  static std::unique_ptr<access_control> open(const serve_config& config, auth::file_authenticator& passwords);

  access_control(const access_control&) = delete;
  access_control& operator=(const access_control&) = delete;

  broker::authorizer& authorizer() { return _authorizer; }
  acl::rule_store& rules() { return *_rules; }

  // Re-reads the rule file; "" or why the rules in force were kept (logged either way).
  std::string reload_rules();

  // With the hook configured: gives every standard MQTT listener, and the /broker WebSocket path,
  // an authenticator of its own (the password file, then the hook told that listener's name).
  // Listeners with their own authenticator (the device cloud's) are left alone.
  void bind_hook(server::server_config& config);

  // Starts watching the password file (reloaded by `reload_passwords`) and the rule file.
  void watch(std::function<void()> reload_passwords);

 private:
  access_control(std::unique_ptr<acl::rule_store> rules, auth::file_authenticator& passwords,
                 std::unique_ptr<auth::http_authenticator> hook);

  std::unique_ptr<acl::rule_store> _rules;
  acl::acl_authorizer _authorizer;
  auth::file_authenticator& _passwords;
  std::unique_ptr<auth::http_authenticator> _hook;
  std::vector<std::unique_ptr<auth::chained_authenticator>> _chains;  // one per listener (stable addresses)
  file_watcher _watcher{std::chrono::seconds(2)};
};

}  // namespace roost::app
