#pragma once
// The device cloud as `roost serve` composes it: the data directory's database, the tenants, the
// topic registry (loaded from the database at open, every change written back by the write-behind
// worker, which also keeps the broker's retained messages), and the authenticator and topic
// profile of the `bemfa` listener. Built before the engine and the server, destroyed after them;
// the destructor drains the worker, so everything recorded is committed before it returns.

#include <filesystem>
#include <memory>

#include "roost/broker/engine.hpp"
#include "roost/broker/profile.hpp"
#include "roost/platform/line_hub.hpp"

namespace roost::app {

class device_cloud {
 public:
  // Opens (or creates) the database in `data_dir`, creating a first tenant when there is none and
  // logging its private key. Returns null after logging why it cannot start.
  static std::unique_ptr<device_cloud> open(const std::filesystem::path& data_dir, std::size_t history_limit);
  ~device_cloud();

  // What the `bemfa` listener gives each connection.
  broker::listener_binding mqtt_binding();
  // The router of the `line` listener's sessions.
  platform::line_hub& line_hub();
  // Puts the stored retained messages back into `engine` and sends its later changes to the
  // database. False (logged) when they cannot be read.
  bool attach(broker::engine& engine);

 private:
  struct parts;
  explicit device_cloud(std::unique_ptr<parts> p);
  std::unique_ptr<parts> _p;
};

}  // namespace roost::app
