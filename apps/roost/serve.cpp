#include "serve.hpp"

#include <atomic>
#include <filesystem>
#include <memory>
#include <system_error>

#include <spdlog/spdlog.h>

#include "access_control.hpp"
#include "device_cloud.hpp"
#include "http_listener.hpp"
#include "line_listener.hpp"
#include "logging.hpp"
#include "raise_fd_limit.hpp"
#include "roost/auth/file_authenticator.hpp"
#include "roost/broker/engine.hpp"
#include "roost/server/server.hpp"

namespace roost::app {

namespace {

bool prepare_data_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    spdlog::error("data directory {}: {}", dir.string(), ec.message());
    return false;
  }
  const auto absolute = std::filesystem::absolute(dir, ec);
  spdlog::info("data directory: {}", (ec ? dir : absolute.lexically_normal()).string());
  return true;
}

std::unique_ptr<auth::file_authenticator> open_authenticator(const serve_config& config) {
  auto opened = auth::file_authenticator::open({config.allow_anonymous, config.password_file});
  if (!opened) {
    spdlog::error("password file: {}", opened.error().to_string());
    return nullptr;
  }
  auto authenticator = std::move(*opened);
  if (config.password_file) {
    spdlog::info("password file {}: {} user{}", config.password_file->string(), authenticator->user_count(),
                 authenticator->user_count() == 1 ? "" : "s");
  }
  spdlog::info("anonymous clients {}", config.allow_anonymous ? "allowed" : "refused");
  return authenticator;
}

// Re-reads the password file, if there is one; the error when it cannot (the users loaded before
// stay), else empty.
std::string reload_passwords(auth::file_authenticator& authenticator) {
  if (!authenticator.options().password_file) {
    spdlog::info("no password file to reload");
    return {};
  }
  if (auto s = authenticator.reload(); !s) {
    spdlog::error("password file reload failed, keeping the users loaded before: {}", s.error().to_string());
    return "password file: " + s.error().to_string();
  }
  spdlog::info("password file reloaded: {} user{}", authenticator.user_count(),
               authenticator.user_count() == 1 ? "" : "s");
  return {};
}

// Re-reads the certificates of the TLS listeners (SIGHUP, the admin API's reload).
server::certificate_reload reload_certificates(server::server& server) {
  auto report = server.reload_certificates();
  for (const auto& e : report.errors) spdlog::error("certificate reload failed, keeping the one in use: {}", e);
  if (report.reloaded > 0) {
    spdlog::info("certificates reloaded on {} TLS listener{}", report.reloaded, report.reloaded == 1 ? "" : "s");
  }
  return report;
}

}  // namespace

int run_serve(const serve_config& config) {
  setup_logging(config.level);
  spdlog::info("roost {} starting", ROOST_VERSION);
  raise_fd_limit(config.broker.max_connections);
  if (!prepare_data_dir(config.data_dir)) return 1;

  auto authenticator = open_authenticator(config);
  if (!authenticator) return 1;

  // The engine outlives the device cloud, whose destructor hands it the last commit callbacks.
  broker::settings settings = config.broker;
  settings.version = "roost " ROOST_VERSION;
  broker::engine engine{settings, authenticator.get(), clock_type::now()};
  auto access = access_control::open(config, *authenticator);
  if (!access) return 1;
  engine.authorize_with(&access->authorizer());

  // The web application goes last: callbacks the device cloud drains when it goes may still
  // reach it.
  std::unique_ptr<web::application> web_app;
  auto cloud = device_cloud::open(config.data_dir, config.history_limit, config.durable);
  if (!cloud) return 1;
  // The server exists only further down; the reload endpoint reaches it once it does.
  std::atomic<server::server*> running{nullptr};
  auto reload = [&authenticator, &running, &access]() -> web::reload_report {
    web::reload_report report;
    if (auto error = reload_passwords(*authenticator); error.empty()) {
      if (authenticator->options().password_file) report.reloaded.emplace_back("passwords");
    } else {
      report.errors.push_back(std::move(error));
    }
    if (auto error = access->reload_rules(); error.empty()) {
      report.reloaded.emplace_back("access rules");
    } else {
      report.errors.push_back(std::move(error));
    }
    if (server::server* s = running.load()) {
      auto certificates = reload_certificates(*s);
      if (certificates.reloaded > 0) report.reloaded.emplace_back("certificates");
      for (auto& e : certificates.errors) report.errors.push_back(std::move(e));
    }
    return report;
  };
  web_app = cloud->make_web_application(engine, config.web, reload, &access->rules());
  server::server_config server_config = resolve_tls(config);
  for (auto& l : server_config.listeners) {
    if (l.name == "bemfa" || l.name == "bemfa_tls") l.binding = cloud->mqtt_binding();
  }
  attach_line_hub(server_config, cloud->line_hub());
  attach_web(server_config, *web_app, cloud->mqtt_binding(), config.web);
  access->bind_hook(server_config);
  if (!cloud->attach(engine)) return 1;

  server::server server{server_config, engine};
  server.on_hangup(reload);
  server.handle_signals();
  if (auto bound = server.start(); !bound) {
    spdlog::error("{}", bound.error());
    return 1;
  }
  running.store(&server);
  access->watch([&authenticator] { reload_passwords(*authenticator); });
  server.run();
  running.store(nullptr);
  return 0;
}

}  // namespace roost::app
