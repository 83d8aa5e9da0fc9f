// The SCRAM-SHA-256 exchange behind the broker's auth_exchange port.

#include "roost/auth/scram_exchange.hpp"

#include <string_view>

namespace roost::auth {
namespace {

class scram_exchange final : public broker::auth_exchange {
 public:
  scram_exchange(scram_server::find_verifier find, broker::scope_id scope) : _server(std::move(find)), _scope(scope) {}

  broker::auth_step step(mqtt::byte_view client_data) override {
    const std::string_view text{reinterpret_cast<const char*>(client_data.data()), client_data.size()};
    const scram_server::reply r = _server.step(text);
    broker::auth_step out;
    out.data.assign(r.message.begin(), r.message.end());
    switch (r.result) {
      case scram_server::reply::outcome::challenge:
        out.done = false;
        break;
      case scram_server::reply::outcome::success:
        out.done = true;
        out.decision = broker::auth_decision{broker::auth_result::allowed, _scope};
        out.username = r.username;
        break;
      case scram_server::reply::outcome::failure:
        out.done = true;
        out.decision = broker::auth_decision{broker::auth_result::bad_credentials, _scope};
        break;
    }
    return out;
  }

 private:
  scram_server _server;
  broker::scope_id _scope;
};

}  // namespace

std::unique_ptr<broker::auth_exchange> make_scram_exchange(scram_server::find_verifier find, broker::scope_id scope) {
  return std::make_unique<scram_exchange>(std::move(find), scope);
}

}  // namespace roost::auth
