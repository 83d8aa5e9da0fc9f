#include "roost/server/server.hpp"

#include "server_impl.hpp"

namespace roost::server {

server::server(server_config config, broker::engine& engine)
    : _impl(std::make_unique<server_impl>(std::move(config), engine)) {}

server::~server() = default;

void server::on_hangup(std::function<void()> callback) {
  _impl->on_hangup(std::move(callback));
}

void server::handle_signals() {
  _impl->handle_signals();
}

result<std::vector<bound_listener>, std::string> server::start() {
  return _impl->start();
}

shutdown_summary server::run() {
  return _impl->run();
}

certificate_reload server::reload_certificates() {
  return _impl->reload_certificates();
}

void server::stop() {
  _impl->stop();
}

}  // namespace roost::server
