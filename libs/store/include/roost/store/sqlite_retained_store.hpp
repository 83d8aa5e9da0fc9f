#pragma once
// The broker's retained messages on the `retained` table of a Roost database.
//
// retained_changed() copies the message into an operation for the write-behind worker and returns
// (a queue push), so the engine may call it under its lock:
//
//   payload "21.5" on sensors/t in scope s -> INSERT OR REPLACE (tenant, namespace, topic)
//   empty payload                          -> DELETE that row
//
// A scope is stored as its tenant id and namespace column (scope 0, the plain broker: tenant 0,
// namespace 0; a tenant's MQTT namespace: namespace 1). load() reads on the caller's thread, at
// start, before the worker writes.

#include <cstdint>
#include <functional>
#include <vector>

#include "roost/broker/message.hpp"
#include "roost/broker/persistence.hpp"
#include "roost/store/database.hpp"
#include "roost/store/error.hpp"
#include "roost/store/write_behind.hpp"

namespace roost::store {

class sqlite_retained_store final : public broker::persistence {
 public:
  // `writer` writes every change; both must outlive the store. `on_error` (may be empty) is called
  // on the worker thread for a write that failed.
  sqlite_retained_store(write_behind& writer, std::function<void(const error&)> on_error = {})
      : _writer(writer), _on_error(std::move(on_error)) {}

  void retained_changed(const broker::message_ptr& msg) override;

  // Every stored retained message, through `reader`.
  static store_result<std::vector<broker::message_ptr>> load(database& reader);

 private:
  write_behind& _writer;
  std::function<void(const error&)> _on_error;
};

}  // namespace roost::store
