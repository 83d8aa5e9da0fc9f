#pragma once
// Notices files changing on disk: a thread looks at each watched file's modification time, size
// and inode every `period` and calls its callback (on that thread) when any of them changed, so an
// edited password or rule file takes effect without a signal. Stopped and joined by the destructor.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace roost::app {

class file_watcher {
 public:
  explicit file_watcher(std::chrono::milliseconds period) : _period(period) {}
  ~file_watcher();
  file_watcher(const file_watcher&) = delete;
  file_watcher& operator=(const file_watcher&) = delete;

  // Calls `changed` whenever `path` changes (appears, disappears, is rewritten). Call before start().
  void watch(std::filesystem::path path, std::function<void()> changed);

  // Starts the thread (nothing to do when no file is watched).
  void start();

 private:
  struct stamp {
    bool exists = false;
    long long mtime_ns = 0;
    long long size = 0;
    unsigned long long inode = 0;
    bool operator==(const stamp&) const = default;
  };
  struct entry {
    std::filesystem::path path;
    std::function<void()> changed;
    stamp last;
  };
  static stamp stamp_of(const std::filesystem::path& path);
  void run();

  const std::chrono::milliseconds _period;
  std::vector<entry> _entries;
  std::mutex _mutex;
  std::condition_variable _wake;
  bool _stopping = false;
  std::thread _thread;
};

}  // namespace roost::app
