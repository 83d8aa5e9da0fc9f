#pragma once
// The device cloud as `roost serve` composes it: the data directory's database, the tenants, the
// topic registry (loaded from the database at open, every change written back by the write-behind
// worker, which also keeps the broker's retained messages and persistent sessions), and the
// authenticator and topic profile of the `bemfa` listener, and what the web application works on
// (the same, plus the firmware catalog for OTA). Built after the engine and before the
// server, destroyed before the engine: the destructor drains the worker (everything recorded is
// committed, and every acknowledgement waiting for a commit is handed to the engine) before it
// returns.

#include <filesystem>
#include <functional>
#include <memory>

#include "roost/broker/engine.hpp"
#include "roost/broker/profile.hpp"
#include "roost/platform/line_hub.hpp"
#include "roost/web/application.hpp"
#include "roost/web/services.hpp"
#include "roost/web/settings.hpp"
#include "serve_config.hpp"

namespace roost::app {

class device_cloud {
 public:
  // Opens (or creates) the database in `data_dir`, creating a first tenant when there is none and
  // logging its private key. Returns null after logging why it cannot start.
  static std::unique_ptr<device_cloud> open(const std::filesystem::path& data_dir, std::size_t history_limit,
                                            durability mode);
  ~device_cloud();

  // What the `bemfa` listener gives each connection.
  broker::listener_binding mqtt_binding();
  // The router of the `line` listener's sessions.
  platform::line_hub& line_hub();
  // Unless the mode is `none`: puts the stored retained messages and persistent sessions back into
  // `engine` and sends its later changes to the database, its acknowledgements waiting for the
  // commits in mode `full`. False (logged) when they cannot be read. `engine` must outlive this.
  bool attach(broker::engine& engine);
  // The web application over this device cloud and `engine` (which must outlive it). It keeps
  // references into the device cloud but does not use them when destroyed, so it may outlive it:
  // `roost serve` destroys it last, after every callback the device cloud drains has run. `reload`
  // serves POST /api/v1/admin/reload (web::services::reload); `access_rules` (may be null) the
  // native API's access-rule routes.
  std::unique_ptr<web::application> make_web_application(broker::engine& engine, const web::settings& settings,
                                                         std::function<web::reload_report()> reload = {},
                                                         acl::rule_store* access_rules = nullptr);

 private:
  struct parts;
  device_cloud(std::unique_ptr<parts> p, durability mode);
  std::unique_ptr<parts> _p;
  durability _mode;
};

}  // namespace roost::app
