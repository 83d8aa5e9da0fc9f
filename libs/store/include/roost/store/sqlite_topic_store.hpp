#pragma once
// platform::topic_store on the `topics` and `history` tables of a Roost database.
//
// saved() and removed() copy their arguments into an operation for the write-behind worker and
// return (a queue push, which never waits), so they are safe to call under the registry's mutex.
// The worker runs everything queued in one transaction per batch, so a change is committed as
// soon as the worker has finished the batch before it. Per operation:
//
//   saved(s, r, nullptr)  -> upsert the topics row (display name, type, latest value and time)
//   saved(s, r, &e)       -> the same, then INSERT e into history and DELETE the topic's rows
//                            older than the newest history_limit
//   removed(s, name)      -> DELETE the topics row (its history goes with it: foreign key cascade)
//
// A scope is stored as its tenant id and namespace (1 MQTT, 3 TCP line protocol, see
// schema_migrations.cpp). A topic row references its tenant: a write for a tenant that no longer
// exists fails alone and is reported to on_error; removing a tenant removes its topics.
//
// load() reads on the caller's thread through the connection it is given (at start, before the
// worker writes).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "roost/platform/topic_store.hpp"
#include "roost/store/database.hpp"
#include "roost/store/write_behind.hpp"

namespace roost::store {

struct sqlite_topic_store_options {
  std::size_t history_limit = 1000;  // history rows kept per topic; 0 keeps none
  // Called on the worker thread for each write that failed (after its batch). May be empty.
  std::function<void(const error&)> on_error;
  // Unix seconds for a new row's created_at.
  std::function<std::int64_t()> now_seconds;
};

class sqlite_topic_store final : public platform::topic_store {
 public:
  // `writer` writes every change; `reader` is used by load() only. Both must outlive the store;
  // the database must have been migrated (open_data_dir does it).
  sqlite_topic_store(write_behind& writer, database& reader, sqlite_topic_store_options options = {});

  void saved(broker::scope_id scope, const platform::topic_record& r,
             const platform::history_entry* appended) override;
  void removed(broker::scope_id scope, std::string_view name) override;
  platform::topic_store_result<std::vector<platform::stored_topic>> load() override;

 private:
  void submit(write_op op);

  write_behind& _writer;
  database& _reader;
  sqlite_topic_store_options _options;
};

}  // namespace roost::store
