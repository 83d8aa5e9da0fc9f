#pragma once
// Private to roost::store: one thread that runs posted tasks one at a time, in the order posted,
// so that slow work (files, fsync) leaves the caller's thread. stop() runs what is queued, then
// ends the thread.
//
//   task_thread worker;
//   worker.post([] { write_and_fsync(); });

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace roost::store::detail {

class task_thread {
 public:
  task_thread();
  // stop()
  ~task_thread();
  task_thread(const task_thread&) = delete;
  task_thread& operator=(const task_thread&) = delete;

  // Queues `task`; false (the task dropped) once stop() has begun.
  bool post(std::function<void()> task);

  // Runs everything queued, then ends the thread. Idempotent; must not be called from a task.
  void stop();

 private:
  void run();

  std::mutex _mutex;
  std::condition_variable _has_work;
  std::deque<std::function<void()>> _queue;
  bool _stopping = false;
  std::thread _thread;  // last: starts after everything above is ready
};

}  // namespace roost::store::detail
