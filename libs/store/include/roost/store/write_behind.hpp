#pragma once
// The write-behind worker: the one thread that writes to the database, so event loops never wait
// on the disk. Operations are queued by any thread; the worker takes everything queued (up to
// max_batch), runs it in ONE transaction and commits once (group commit), then calls each
// operation's completion in submission order. With sync_mode::full, COMMIT returns after the
// fsync, so a completion is the moment a PUBACK may go out.
//
//   submit(a) submit(b) submit(c)          worker: BEGIN; a; b; c; COMMIT (one fsync)
//                                                  done(a) done(b) done(c)
//
// Each operation runs inside a savepoint: one that fails is rolled back alone and its completion
// gets the error; the others still commit. When COMMIT itself fails every completion of the batch
// gets that error.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "roost/store/database.hpp"

namespace roost::store {

using write_op = std::function<status(database&)>;
using write_done = std::function<void(const status&)>;

struct write_behind_options {
  std::size_t max_queue = 65'536;  // operations waiting at most; submit() blocks beyond it
  std::size_t max_batch = 4'096;   // operations per transaction at most
};

class write_behind {
 public:
  // Starts the worker on `db`, which from now on belongs to the worker thread until stop().
  explicit write_behind(database& db, const write_behind_options& options = {});
  // stop()
  ~write_behind();
  write_behind(const write_behind&) = delete;
  write_behind& operator=(const write_behind&) = delete;

  // Queues `op`, waiting while the queue is full. `done` runs on the worker thread after the
  // transaction that holds `op` has committed (or failed). Returns false, dropping the operation
  // without calling `done`, once stop() has begun.
  bool submit(write_op op, write_done done = {});
  // Like submit() but returns false at once instead of waiting when the queue is full.
  bool try_submit(write_op op, write_done done = {});

  // Returns when every operation submitted before the call has committed and its completion has
  // returned. Must not be called from a completion (the worker would wait for itself).
  void flush();

  // Drains: everything already queued is written and completed, then the worker ends. Idempotent.
  void stop();

  // Transactions the worker has run so far.
  std::uint64_t batches() const;

 private:
  struct entry {
    write_op op;
    write_done done;
  };
  bool enqueue(write_op op, write_done done, bool wait);
  void run();
  void write_batch(std::deque<entry>& batch);

  database& _db;
  write_behind_options _options;
  mutable std::mutex _mutex;
  std::condition_variable _has_work;
  std::condition_variable _has_room;
  std::condition_variable _progress;
  std::deque<entry> _queue;
  std::uint64_t _submitted = 0;
  std::uint64_t _completed = 0;
  std::uint64_t _batches = 0;
  bool _stopping = false;
  std::thread _worker;  // last: starts after everything above is ready
};

}  // namespace roost::store
