#include "serve.hpp"

#include <filesystem>
#include <memory>
#include <system_error>

#include <spdlog/spdlog.h>

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

void reload_passwords(auth::file_authenticator& authenticator) {
  if (!authenticator.options().password_file) {
    spdlog::info("no password file to reload");
    return;
  }
  if (auto s = authenticator.reload(); !s) {
    spdlog::error("password file reload failed, keeping the users loaded before: {}", s.error().to_string());
    return;
  }
  spdlog::info("password file reloaded: {} user{}", authenticator.user_count(),
               authenticator.user_count() == 1 ? "" : "s");
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

  // The web application goes last: callbacks the device cloud drains when it goes may still
  // reach it.
  std::unique_ptr<web::application> web_app;
  auto cloud = device_cloud::open(config.data_dir, config.history_limit, config.durable);
  if (!cloud) return 1;
  web_app = cloud->make_web_application(engine, config.web);
  server::server_config server_config = config.server;
  for (auto& l : server_config.listeners) {
    if (l.name == "bemfa") l.binding = cloud->mqtt_binding();
  }
  attach_line_hub(server_config, cloud->line_hub());
  attach_web(server_config, *web_app, cloud->mqtt_binding(), config.web);
  if (!cloud->attach(engine)) return 1;

  server::server server{server_config, engine};
  server.on_hangup([&authenticator] { reload_passwords(*authenticator); });
  server.handle_signals();
  if (auto bound = server.start(); !bound) {
    spdlog::error("{}", bound.error());
    return 1;
  }
  server.run();
  return 0;
}

}  // namespace roost::app
