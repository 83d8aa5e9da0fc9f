#include "task_thread.hpp"

namespace roost::store::detail {

task_thread::task_thread() : _thread([this] { run(); }) {}

task_thread::~task_thread() { stop(); }

bool task_thread::post(std::function<void()> task) {
  {
    std::lock_guard lock(_mutex);
    if (_stopping) return false;
    _queue.push_back(std::move(task));
  }
  _has_work.notify_one();
  return true;
}

void task_thread::stop() {
  {
    std::lock_guard lock(_mutex);
    _stopping = true;
  }
  _has_work.notify_all();
  if (_thread.joinable()) _thread.join();
}

void task_thread::run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(_mutex);
      _has_work.wait(lock, [&] { return _stopping || !_queue.empty(); });
      if (_queue.empty()) return;  // stopping, and everything has run
      task = std::move(_queue.front());
      _queue.pop_front();
    }
    task();
  }
}

}  // namespace roost::store::detail
