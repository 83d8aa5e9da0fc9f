#include "roost/store/write_behind.hpp"

#include <algorithm>
#include <string>

namespace roost::store {
namespace {

// At least one operation per batch and one waiting for try_submit().
write_behind_options at_least_one(write_behind_options o) {
  o.max_queue = std::max<std::size_t>(o.max_queue, 1);
  o.max_batch = std::max<std::size_t>(o.max_batch, 1);
  return o;
}

}  // namespace

write_behind::write_behind(database& db, const write_behind_options& options)
    : _db(db), _options(at_least_one(options)), _worker([this] { run(); }) {}

write_behind::~write_behind() { stop(); }

bool write_behind::submit(write_op op, write_done done) {
  return enqueue(std::move(op), std::move(done), false);
}

bool write_behind::try_submit(write_op op, write_done done) {
  return enqueue(std::move(op), std::move(done), true);
}

// `bounded`: refuse when max_queue operations already wait (try_submit); submit() never refuses
// for length and never waits.
bool write_behind::enqueue(write_op op, write_done done, bool bounded) {
  {
    std::lock_guard lock(_mutex);
    if (_stopping) return false;
    if (bounded && _queue.size() >= _options.max_queue) return false;
    _queue.push_back(entry{std::move(op), std::move(done)});
    _submitted.fetch_add(1, std::memory_order_relaxed);
  }
  _has_work.notify_one();
  return true;
}

void write_behind::flush() {
  std::unique_lock lock(_mutex);
  const std::uint64_t target = _submitted.load(std::memory_order_relaxed);
  _progress.wait(lock, [&] { return _completed >= target; });
}

void write_behind::stop() {
  {
    std::lock_guard lock(_mutex);
    _stopping = true;
  }
  _has_work.notify_all();
  if (_worker.joinable() && _worker.get_id() != std::this_thread::get_id()) _worker.join();
}

std::uint64_t write_behind::batches() const {
  std::lock_guard lock(_mutex);
  return _batches;
}

std::uint64_t write_behind::submitted() const { return _submitted.load(std::memory_order_relaxed); }

bool write_behind::backlogged() const {
  std::lock_guard lock(_mutex);
  return _queue.size() > _options.max_queue;
}

void write_behind::run() {
  std::deque<entry> batch;
  for (;;) {
    {
      std::unique_lock lock(_mutex);
      _has_work.wait(lock, [&] { return _stopping || !_queue.empty(); });
      if (_queue.empty()) return;  // stopping, and everything is drained
      const std::size_t take = std::min(_options.max_batch, _queue.size());
      for (std::size_t i = 0; i < take; ++i) {
        batch.push_back(std::move(_queue.front()));
        _queue.pop_front();
      }
    }
    write_batch(batch);
    {
      std::lock_guard lock(_mutex);
      _completed += batch.size();
      ++_batches;
    }
    batch.clear();
    _progress.notify_all();
  }
}

// Runs one of the worker's own statements (savepoints), compiled once per connection: parsing
// "SAVEPOINT op" for every operation cost more than most operations themselves.
status write_behind::control(std::string_view sql) {
  auto st = _db.cached(sql);
  if (!st) return fail(st.error());
  return (*st)->run();
}

// One operation inside its own savepoint, so that a failure undoes it alone. An empty operation
// (an after-commit marker) writes nothing and needs no savepoint.
status write_behind::run_op(const write_op& op) {
  if (!op) return ok();
  if (auto s = control("SAVEPOINT op"); !s) return s;
  status result = op(_db);
  if (!result) (void)control("ROLLBACK TO op");
  (void)control("RELEASE op");
  return result;
}

// One transaction for the whole batch; a savepoint per operation so that a failing one is undone
// alone. An error after which SQLite rolled the whole transaction back (a full disk, an I/O error)
// fails the batch: the operations after it are not run (each would commit on its own). Completions
// run after COMMIT has returned, in submission order.
void write_behind::write_batch(std::deque<entry>& batch) {
  std::vector<status> results(batch.size(), ok());
  status begun = _db.exec("BEGIN IMMEDIATE");
  if (begun) {
    for (std::size_t i = 0; i < batch.size() && begun; ++i) {
      results[i] = run_op(batch[i].op);
      if (!results[i] && !_db.in_transaction()) begun = results[i];
    }
  }
  if (begun) {
    if (auto committed = _db.exec("COMMIT"); !committed) {
      (void)_db.exec("ROLLBACK");
      begun = committed;
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].done) continue;
    batch[i].done(begun ? results[i] : begun);
  }
}

}  // namespace roost::store
