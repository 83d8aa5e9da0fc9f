#include "file_watcher.hpp"

#include <sys/stat.h>

namespace roost::app {

file_watcher::~file_watcher() {
  {
    std::lock_guard guard{_mutex};
    _stopping = true;
  }
  _wake.notify_all();
  if (_thread.joinable()) _thread.join();
}

void file_watcher::watch(std::filesystem::path path, std::function<void()> changed) {
  stamp now = stamp_of(path);
  _entries.push_back({std::move(path), std::move(changed), now});
}

void file_watcher::start() {
  if (!_entries.empty()) _thread = std::thread([this] { run(); });
}

file_watcher::stamp file_watcher::stamp_of(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {true, static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec,
          static_cast<long long>(st.st_size), static_cast<unsigned long long>(st.st_ino)};
}

void file_watcher::run() {
  std::unique_lock guard{_mutex};
  while (!_wake.wait_for(guard, _period, [this] { return _stopping; })) {
    for (auto& e : _entries) {
      const stamp now = stamp_of(e.path);
      if (now == e.last) continue;
      e.last = now;
      guard.unlock();
      e.changed();
      guard.lock();
    }
  }
}

}  // namespace roost::app
