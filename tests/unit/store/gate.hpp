#pragma once
// A latch the write-behind worker waits on inside an operation, so that a test can queue work
// behind it and look at the state before anything of it is written. No sleeps.

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "roost/store/write_behind.hpp"

namespace roost::store::test {

class gate {
 public:
  // Blocks the calling thread (the worker) until open().
  void wait() {
    std::unique_lock lock(_mutex);
    _entered = true;
    _changed.notify_all();
    _changed.wait(lock, [&] { return _open; });
  }
  void wait_until_entered() {
    std::unique_lock lock(_mutex);
    _changed.wait(lock, [&] { return _entered; });
  }
  void open() {
    std::lock_guard lock(_mutex);
    _open = true;
    _changed.notify_all();
  }
  // Submits an operation that waits on the gate and returns once the worker is inside it: what is
  // submitted next is queued, unwritten, until open().
  void hold(write_behind& worker) {
    ASSERT_TRUE(worker.submit([this](database&) -> status {
      wait();
      return ok();
    }));
    wait_until_entered();
  }

 private:
  std::mutex _mutex;
  std::condition_variable _changed;
  bool _entered = false;
  bool _open = false;
};

}  // namespace roost::store::test
