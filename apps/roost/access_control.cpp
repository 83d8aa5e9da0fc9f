#include "access_control.hpp"

#include <spdlog/spdlog.h>

namespace roost::app {

std::unique_ptr<access_control> access_control::open(const serve_config& config, auth::file_authenticator& passwords) {
  const bool explicit_file = config.acl_file.has_value();
  const std::filesystem::path file = explicit_file ? *config.acl_file : config.data_dir / "acl.conf";
  auto rules = acl::rule_store::open(file, explicit_file);
  if (!rules) {
    spdlog::error("access rules: {}", rules.error().to_string());
    return nullptr;
  }
  const std::size_t n = (*rules)->rule_count();
  if (n > 0 || explicit_file) {
    spdlog::info("access rules {}: {} rule{}", file.string(), n, n == 1 ? "" : "s");
  } else {
    spdlog::info("no access rules ({} does not exist): every client may publish and subscribe everywhere",
                 file.string());
  }

  std::unique_ptr<auth::http_authenticator> hook;
  if (!config.auth_http_url.empty()) {
    auto url = auth::parse_http_url(config.auth_http_url);
    if (!url) {
      spdlog::error("authentication hook: {}", url.error().to_string());
      return nullptr;
    }
    auth::http_hook_options o;
    o.url = std::move(*url);
    o.ttl = config.auth_http_ttl;
    o.negative_ttl = config.auth_http_negative_ttl;
    o.timeout = config.auth_http_timeout;
    hook = std::make_unique<auth::http_authenticator>(std::move(o));
    spdlog::info("authentication hook {} (after the password file's users; answers cached {} s, refusals {} s)",
                 config.auth_http_url,
                 std::chrono::duration_cast<std::chrono::seconds>(config.auth_http_ttl).count(),
                 std::chrono::duration_cast<std::chrono::seconds>(config.auth_http_negative_ttl).count());
  }
  return std::unique_ptr<access_control>(
      new access_control(std::move(*rules), passwords, std::move(hook)));
}

access_control::access_control(std::unique_ptr<acl::rule_store> rules, auth::file_authenticator& passwords,
                               std::unique_ptr<auth::http_authenticator> hook)
    : _rules(std::move(rules)), _authorizer(*_rules), _passwords(passwords), _hook(std::move(hook)) {}

std::string access_control::reload_rules() {
  auto n = _rules->reload();
  if (!n) {
    spdlog::error("access rules reload failed, keeping the rules in force: {}", n.error().to_string());
    return "access rules: " + n.error().to_string();
  }
  spdlog::info("access rules reloaded from {}: {} rule{}", _rules->file().string(), *n, *n == 1 ? "" : "s");
  return {};
}

void access_control::bind_hook(server::server_config& config) {
  if (!_hook) return;
  auto chain = [this](std::string name) {
    _chains.push_back(std::make_unique<auth::chained_authenticator>(_passwords, *_hook, std::move(name)));
    return _chains.back().get();
  };
  for (auto& l : config.listeners) {
    if (l.profile == server::listener_profile::mqtt && l.binding.auth == nullptr) l.binding.auth = chain(l.name);
    for (auto& ws : l.websockets) {
      if (ws.binding.auth == nullptr && ws.binding.topics == nullptr) ws.binding.auth = chain(l.name + ws.path);
    }
  }
}

void access_control::watch(std::function<void()> reload_passwords) {
  if (const auto& password_file = _passwords.options().password_file) {
    _watcher.watch(*password_file, [reload = std::move(reload_passwords)] {
      spdlog::info("password file changed on disk");
      reload();
    });
  }
  _watcher.watch(_rules->file(), [this] {
    spdlog::info("access rule file changed on disk");
    reload_rules();
  });
  _watcher.start();
}

}  // namespace roost::app
