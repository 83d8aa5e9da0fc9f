#include "device_cloud.hpp"

#include <chrono>
#include <iostream>
#include <optional>

#include <spdlog/spdlog.h>

#include "line_listener.hpp"
#include "roost/platform/cloud_profile.hpp"
#include "roost/platform/tenant_authenticator.hpp"
#include "roost/platform/tenant_directory.hpp"
#include "roost/platform/tenant_key.hpp"
#include "roost/platform/topic_registry.hpp"
#include "roost/store/open_database.hpp"
#include "roost/store/sqlite_firmware_catalog.hpp"
#include "roost/store/sqlite_tenant_repository.hpp"
#include "roost/store/sqlite_persistence.hpp"
#include "roost/store/sqlite_topic_store.hpp"
#include "roost/store/write_behind.hpp"

namespace roost::app {
namespace {

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A newcomer can connect a device at once: with no tenant yet, one is created and its key shown.
bool ensure_first_tenant(platform::tenant_repository& repo) {
  auto all = repo.list();
  if (!all) {
    spdlog::error("tenants: {}", all.error().reason);
    return false;
  }
  if (!all->empty()) {
    spdlog::info("{} tenant{}", all->size(), all->size() == 1 ? "" : "s");
    return true;
  }
  auto key = platform::generate_private_key();
  if (!key) {
    spdlog::error("tenants: {}", key.error().reason);
    return false;
  }
  platform::tenant t;
  t.private_key = *key;
  t.name = "default";
  t.created_at = wall_ms() / 1000;
  if (auto added = repo.add(t); !added) {
    spdlog::error("tenants: {}", added.error().reason);
    return false;
  }
  spdlog::warn("first start: created tenant 'default' with private key {} (use it as the MQTT client id on the "
               "bemfa listener; `roost tenant list` shows it again)",
               *key);
  std::cout << "private key of tenant 'default': " << *key << std::endl;
  return true;
}

// The topic store's options: the registry's history bound, and failed writes logged.
store::sqlite_topic_store_options topic_store_options(std::size_t history_limit) {
  store::sqlite_topic_store_options o;
  o.history_limit = history_limit;
  o.on_error = [](const store::error& e) { spdlog::error("topics: write failed: {}", e.reason); };
  return o;
}

// Reads the stored topics into the registry; false (logged) when the database cannot be read.
bool load_topics(platform::topic_store& from, platform::topic_registry& into) {
  auto stored = from.load();
  if (!stored) {
    spdlog::error("{}", stored.error().reason);
    return false;
  }
  const std::size_t n = into.restore(std::move(*stored));
  spdlog::info("{} topic{} loaded", n, n == 1 ? "" : "s");
  return true;
}

}  // namespace

// Members in dependency order: destruction runs bottom-up, so the worker (which drains) goes
// after everything that submits to it and before the connection it writes through.
struct device_cloud::parts {
  parts(store::opened_database opened, store::database writer_connection, std::size_t history_limit,
        std::unique_ptr<store::sqlite_firmware_catalog> firmware_catalog)
      : db(std::move(opened.db)),
        writer_db(std::move(writer_connection)),
        topic_store(writer, db, topic_store_options(history_limit)),
        topics(history_limit, &topic_store),
        firmware(std::move(firmware_catalog)) {}

  store::database db;
  store::database writer_db;  // the write-behind worker's own connection
  store::write_behind writer{writer_db};
  store::sqlite_topic_store topic_store;
  store::sqlite_persistence broker_store{
      writer, [](const store::error& e) { spdlog::error("broker state: write failed: {}", e.reason); }};
  store::sqlite_tenant_repository repo{db};
  platform::tenant_directory directory{repo};
  platform::topic_registry topics;
  platform::cloud_profile profile{topics, directory, wall_ms};
  platform::tenant_authenticator mqtt_auth{directory, platform::cloud_namespace::mqtt};
  std::unique_ptr<platform::line_hub> hub = make_line_hub(directory, topics);
  std::unique_ptr<store::sqlite_firmware_catalog> firmware;  // its own connection and thread
};

std::unique_ptr<device_cloud> device_cloud::open(const std::filesystem::path& data_dir, std::size_t history_limit,
                                                 durability mode) {
  auto opened = store::open_data_dir(data_dir);
  if (!opened) {
    spdlog::error("database: {}", opened.error().reason);
    return nullptr;
  }
  for (const auto& notice : opened->notices) spdlog::warn("database: {}", notice);
  // Only `full` syncs every commit; the others let SQLite sync the log at checkpoints.
  store::database_options writer_options;
  writer_options.sync = mode == durability::full ? store::sync_mode::full : store::sync_mode::normal;
  auto writer_db = store::database::open(data_dir / store::database_file_name, writer_options);
  if (!writer_db) {
    spdlog::error("database: {}", writer_db.error().reason);
    return nullptr;
  }
  auto firmware_db = store::database::open(data_dir / store::database_file_name);
  if (!firmware_db) {
    spdlog::error("database: {}", firmware_db.error().reason);
    return nullptr;
  }
  auto firmware = store::sqlite_firmware_catalog::open(std::move(*firmware_db), data_dir / "firmware");
  if (!firmware) {
    spdlog::error("firmware: {}", firmware.error().reason);
    return nullptr;
  }
  auto p = std::make_unique<parts>(std::move(*opened), std::move(*writer_db), history_limit, std::move(*firmware));
  if (!ensure_first_tenant(p->repo)) return nullptr;
  if (!load_topics(p->topic_store, p->topics)) return nullptr;
  return std::unique_ptr<device_cloud>(new device_cloud(std::move(p), mode));
}

device_cloud::device_cloud(std::unique_ptr<parts> p, durability mode) : _p(std::move(p)), _mode(mode) {}
device_cloud::~device_cloud() {
  // The server has stopped: nothing submits any more. Write what is queued before going.
  _p->writer.stop();
  spdlog::debug("topics: {} write batch{} committed", _p->writer.batches(), _p->writer.batches() == 1 ? "" : "es");
}

broker::listener_binding device_cloud::mqtt_binding() { return {&_p->mqtt_auth, &_p->profile}; }

platform::line_hub& device_cloud::line_hub() { return *_p->hub; }

std::unique_ptr<web::application> device_cloud::make_web_application(broker::engine& engine,
                                                                    const web::settings& settings,
                                                                    std::function<web::reload_report()> reload,
                                                                    acl::rule_store* access_rules) {
  web::services svc{engine, _p->profile, _p->topics, *_p->hub, _p->directory, wall_ms, *_p->firmware,
                    std::move(reload), access_rules};
  return std::make_unique<web::application>(std::move(svc), settings);
}

bool device_cloud::attach(broker::engine& engine) {
  if (_mode == durability::none) {
    spdlog::info("durability none: sessions, queued and retained messages are kept in memory only");
    return true;
  }
  auto retained = store::sqlite_persistence::load_retained(_p->db);
  if (!retained) {
    spdlog::error("retained messages: {}", retained.error().reason);
    return false;
  }
  auto sessions = store::sqlite_persistence::load_sessions(_p->db);
  if (!sessions) {
    spdlog::error("sessions: {}", sessions.error().reason);
    return false;
  }
  std::size_t messages = 0;
  for (const auto& s : *sessions) messages += s.messages.size();
  spdlog::info("{} retained message{} loaded", retained->size(), retained->size() == 1 ? "" : "s");
  spdlog::info("{} persistent session{} loaded with {} message{}", sessions->size(),
               sessions->size() == 1 ? "" : "s", messages, messages == 1 ? "" : "s");
  engine.restore_retained(*retained);
  engine.restore_sessions(std::move(*sessions));
  engine.persist_to(&_p->broker_store, _mode == durability::full);
  spdlog::info("durability {}", _mode == durability::full ? "full: acknowledgements wait for the synced commit"
                                                          : "batch: acknowledgements do not wait for the commit");
  return true;
}

}  // namespace roost::app
