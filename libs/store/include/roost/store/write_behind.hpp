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
//
// submit() never blocks: callers hold locks (the broker engine's) that a completion may need, so
// waiting for room could deadlock. The queue is unbounded; max_queue is a soft limit that
// try_submit() respects and backlogged() reports, for callers that can shed or slow down work.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string_view>
#include <thread>

#include "roost/store/database.hpp"

namespace roost::store {

using write_op = std::function<status(database&)>;
using write_done = std::function<void(const status&)>;

struct write_behind_options {
  std::size_t max_queue = 65'536;  // soft limit: try_submit() refuses beyond it, submit() does not
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

  // Queues `op` and returns at once, however long the queue is (never waits for the worker).
  // `done` runs on the worker thread after the transaction that holds `op` has committed (or
  // failed), without any lock of this class held. Returns false, dropping the operation without
  // calling `done`, once stop() has begun.
  bool submit(write_op op, write_done done = {});
  // Like submit() but also returns false (dropping the operation) when max_queue operations are
  // already waiting: try_submit() alone never makes the queue longer than max_queue.
  bool try_submit(write_op op, write_done done = {});

  // Returns when every operation submitted before the call has committed and its completion has
  // returned. Must not be called from a completion (the worker would wait for itself).
  void flush();

  // Drains: everything already queued is written and completed, then the worker ends. Idempotent.
  void stop();

  // Transactions the worker has run so far.
  std::uint64_t batches() const;
  // Operations accepted by submit()/try_submit() so far (refused ones are not counted).
  std::uint64_t submitted() const;
  // True while more than max_queue operations wait (submit() went past the soft limit).
  bool backlogged() const;

 private:
  struct entry {
    write_op op;
    write_done done;
  };
  bool enqueue(write_op op, write_done done, bool bounded);
  void run();
  void write_batch(std::deque<entry>& batch);
  // Runs `op` in its own savepoint (none for an empty op): on failure only its changes are undone.
  status run_op(const write_op& op);
  // Runs one savepoint statement, prepared once per connection.
  status control(std::string_view sql);

  database& _db;
  write_behind_options _options;
  mutable std::mutex _mutex;
  std::condition_variable _has_work;
  std::condition_variable _progress;
  std::deque<entry> _queue;
  // Written under _mutex; read without it by submitted(), which the broker calls per packet.
  std::atomic<std::uint64_t> _submitted = 0;
  std::uint64_t _completed = 0;
  std::uint64_t _batches = 0;
  bool _stopping = false;
  std::thread _worker;  // last: starts after everything above is ready
};

}  // namespace roost::store
