#pragma once
// Firmware for over-the-air updates: at most one file per topic of a tenant's namespace (a scope
// and a base topic name), with its metadata. A port, implemented over the data directory by
// roost::store::sqlite_firmware_catalog (metadata in SQLite, bytes in files).
//
//   put(s, "ledctrl002", {bytes, "1.2.0", "stable", "app.bin", t}, done)
//     -> done(firmware_info{id "3f0c…", version "1.2.0", size, crc32 "1c291ca3", sha256, …})
//   find(s, "ledctrl002")  -> that info, from memory
//   read("3f0c…", done)    -> done(firmware_file{info, bytes})
//
// Whatever touches the disk (put, remove, remove_scope, read) runs off the caller's thread and
// reports through its callback, called exactly once, from another thread, without a lock of the
// catalog held. find() and by_id() answer from memory at once. Every method is thread-safe.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "roost/base/result.hpp"
#include "roost/broker/scope.hpp"

namespace roost::platform {

struct firmware_info {
  std::string id;                // 32 lowercase hex characters, random: the unguessable part of the URL
  std::string version;           // "1.2.0" (firmware_rules.hpp says what is valid)
  std::string tag;               // free text, may be empty: "stable"
  std::string file_name;         // "app.bin": the last part of the download URL
  std::uint64_t size = 0;        // bytes
  std::string crc32;             // 8 lowercase hex characters (CRC-32 as zlib computes it)
  std::string sha256;            // 64 lowercase hex characters
  std::int64_t uploaded_ms = 0;  // Unix time in milliseconds
};

// What put() stores: the bytes and the metadata given with them (already valid, see
// firmware_rules.hpp); the catalog computes the rest.
struct firmware_upload {
  std::string bytes;
  std::string version;
  std::string tag;
  std::string file_name;
  std::int64_t uploaded_ms = 0;
};

// A stored firmware with its bytes, as read() gives it.
struct firmware_file {
  firmware_info info;
  std::string bytes;
};

enum class firmware_errc {
  not_found,  // no firmware for the topic or id
  invalid,    // an upload or scope the catalog cannot store
  storage,    // the disk or the database failed
};

struct firmware_error {
  firmware_errc code = firmware_errc::storage;
  std::string reason;  // human-readable, lower case, no trailing period
};

template <class T>
using firmware_result = result<T, firmware_error>;

class firmware_catalog {
 public:
  template <class T>
  using callback = std::function<void(firmware_result<T>)>;

  virtual ~firmware_catalog() = default;

  // Stores `upload` as the firmware of `topic` (a base topic name) in `scope`, replacing the one
  // it had (whose id then no longer downloads). `done` gets the stored metadata (with a new id)
  // once the bytes and the metadata are durable, or the error (nothing changed).
  virtual void put(broker::scope_id scope, std::string_view topic, firmware_upload upload,
                   callback<firmware_info> done) = 0;

  // The firmware of `topic` in `scope`, or nullopt.
  virtual std::optional<firmware_info> find(broker::scope_id scope, std::string_view topic) const = 0;

  // The firmware with download id `id`, or nullopt.
  virtual std::optional<firmware_info> by_id(std::string_view id) const = 0;

  // Removes the firmware of `topic` in `scope`; `done` gets true when there was one, false when
  // there was none.
  virtual void remove(broker::scope_id scope, std::string_view topic, callback<bool> done) = 0;

  // Removes every firmware of `scope` (a removed tenant's namespace); `done` (may be empty) gets
  // how many were removed.
  virtual void remove_scope(broker::scope_id scope, callback<std::size_t> done) = 0;

  // The firmware with download id `id` and its bytes; not_found when there is none.
  virtual void read(std::string_view id, callback<firmware_file> done) = 0;
};

}  // namespace roost::platform
