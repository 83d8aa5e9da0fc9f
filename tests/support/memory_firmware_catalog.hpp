#pragma once
// A firmware catalog in memory, for tests of the web application: callbacks run at once, on the
// caller's thread. `fail_next` makes the next put fail as a full disk would.
//
//   memory_firmware_catalog firmware;
//   web::services svc{..., firmware};

#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "roost/platform/firmware_catalog.hpp"
#include "roost/platform/firmware_rules.hpp"

namespace roost::test {

class memory_firmware_catalog : public platform::firmware_catalog {
 public:
  void put(broker::scope_id scope, std::string_view topic, platform::firmware_upload upload,
           callback<platform::firmware_info> done) override {
    auto info = platform::describe_firmware(upload);
    {
      std::lock_guard guard{_mutex};
      if (fail_next) {
        fail_next = false;
        info = fail(platform::firmware_error{platform::firmware_errc::storage, "disk full"});
      } else if (info) {
        _files[{scope, std::string(topic)}] = platform::firmware_file{*info, std::move(upload.bytes)};
      }
    }
    done(std::move(info));
  }

  std::optional<platform::firmware_info> find(broker::scope_id scope, std::string_view topic) const override {
    std::lock_guard guard{_mutex};
    auto it = _files.find({scope, std::string(topic)});
    if (it == _files.end()) return std::nullopt;
    return it->second.info;
  }

  std::optional<platform::firmware_info> by_id(std::string_view id) const override {
    std::lock_guard guard{_mutex};
    for (const auto& [key, file] : _files) {
      if (file.info.id == id) return file.info;
    }
    return std::nullopt;
  }

  void remove(broker::scope_id scope, std::string_view topic, callback<bool> done) override {
    std::size_t erased = 0;
    {
      std::lock_guard guard{_mutex};
      erased = _files.erase({scope, std::string(topic)});
    }
    done(erased > 0);
  }

  void remove_scope(broker::scope_id scope, callback<std::size_t> done) override {
    std::size_t erased = 0;
    {
      std::lock_guard guard{_mutex};
      erased = std::erase_if(_files, [&](const auto& kv) { return kv.first.first == scope; });
    }
    if (done) done(erased);
  }

  void read(std::string_view id, callback<platform::firmware_file> done) override {
    std::optional<platform::firmware_file> found;
    {
      std::lock_guard guard{_mutex};
      for (const auto& [key, file] : _files) {
        if (file.info.id == id) found = file;
      }
    }
    if (!found) return done(fail(platform::firmware_error{platform::firmware_errc::not_found, "no such firmware"}));
    done(std::move(*found));
  }

  bool fail_next = false;

 private:
  mutable std::mutex _mutex;
  std::map<std::pair<broker::scope_id, std::string>, platform::firmware_file> _files;
};

}  // namespace roost::test
