#pragma once
// platform::firmware_catalog over the data directory: the metadata in the `firmware` table of a
// Roost database (schema_migrations.cpp), the bytes of each firmware in `<dir>/<id>.bin`.
//
// The metadata is also kept in memory (loaded at open), so find() and by_id() never touch the
// disk. put(), remove(), remove_scope() and read() run one at a time, in order, on the catalog's
// own thread, through its own connection (so neither an event loop nor the write-behind worker
// waits for a firmware file). A put writes `<id>.bin.tmp`, fsyncs it, renames it to `<id>.bin`,
// then commits the row; the replaced firmware's file is removed after the commit. A crash leaves
// at worst a file no row names, which open() removes.
//
//   auto catalog = sqlite_firmware_catalog::open(std::move(db), data_dir / "firmware");
//   (*catalog)->put(scope, "ledctrl002", upload, done);

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "roost/platform/firmware_catalog.hpp"
#include "roost/store/database.hpp"

namespace roost::store {

namespace detail {
class task_thread;
}

class sqlite_firmware_catalog final : public platform::firmware_catalog {
 public:
  // Takes `db` (a connection of its own to a migrated database) and keeps the files in `dir`,
  // creating it when missing. Loads the metadata and removes the files of `dir` that no row names
  // (left by a crash, or by a tenant removed while the server was not running). Fails when the
  // table cannot be read or the directory cannot be created or listed.
  static store_result<std::unique_ptr<sqlite_firmware_catalog>> open(database db, std::filesystem::path dir);

  // Finishes every queued operation (their callbacks run) before it returns.
  ~sqlite_firmware_catalog() override;
  sqlite_firmware_catalog(const sqlite_firmware_catalog&) = delete;
  sqlite_firmware_catalog& operator=(const sqlite_firmware_catalog&) = delete;

  void put(broker::scope_id scope, std::string_view topic, platform::firmware_upload upload,
           callback<platform::firmware_info> done) override;
  std::optional<platform::firmware_info> find(broker::scope_id scope, std::string_view topic) const override;
  std::optional<platform::firmware_info> by_id(std::string_view id) const override;
  void remove(broker::scope_id scope, std::string_view topic, callback<bool> done) override;
  void remove_scope(broker::scope_id scope, callback<std::size_t> done) override;
  void read(std::string_view id, callback<platform::firmware_file> done) override;

  // How many firmware files there are.
  std::size_t size() const;

 private:
  using key = std::pair<broker::scope_id, std::string>;

  sqlite_firmware_catalog(database db, std::filesystem::path dir);
  // Reads the metadata from the table into memory.
  status load();
  // Removes files of the directory that no row names.
  status sweep();

  // The operations as they run on the catalog's thread.
  platform::firmware_result<platform::firmware_info> do_put(const key& k, const platform::firmware_upload& upload);
  platform::firmware_result<bool> do_remove(const key& k);
  platform::firmware_result<std::size_t> do_remove_scope(broker::scope_id scope);
  platform::firmware_result<platform::firmware_file> do_read(const std::string& id);

  // Runs `op` on the catalog's thread and hands its result to `done`.
  template <class T, class Op>
  void post(callback<T> done, Op op);

  std::filesystem::path file_of(std::string_view id) const;
  // Sets or erases the in-memory entry of `k`; returns the replaced entry's id ("" when none).
  std::string remember(const key& k, const platform::firmware_info* info);

  database _db;  // used on the catalog's thread only
  std::filesystem::path _dir;
  mutable std::mutex _mutex;  // guards the two maps
  std::map<key, platform::firmware_info> _by_topic;
  std::unordered_map<std::string, key> _by_id;
  std::unique_ptr<detail::task_thread> _thread;  // last: stops first
};

}  // namespace roost::store
