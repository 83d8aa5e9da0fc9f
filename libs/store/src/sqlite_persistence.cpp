// sqlite_persistence: construction, submission, and the commit queries (writes, after_commit).
// The writes themselves are in persist_retained.cpp, persist_sessions.cpp and
// persist_messages.cpp; the loads in load_retained.cpp and load_sessions.cpp.

#include "roost/store/sqlite_persistence.hpp"

#include <utility>

namespace roost::store {

sqlite_persistence::sqlite_persistence(write_behind& writer, std::function<void(const error&)> on_error)
    : _writer(writer), _on_error(std::move(on_error)) {}

// Never blocks (write_behind::submit does not wait). After the writer has stopped, the operation
// is dropped: the process is ending and nothing is written any more.
void sqlite_persistence::submit(write_op op) {
  write_done done;
  if (_on_error) {
    done = [report = _on_error](const status& s) {
      if (!s) report(s.error());
    };
  }
  (void)_writer.submit(std::move(op), std::move(done));
}

std::uint64_t sqlite_persistence::writes() const { return _writer.submitted(); }

void sqlite_persistence::after_commit(std::function<void(bool ok)> done) {
  (void)_writer.submit({}, [done = std::move(done)](const status& s) { done(static_cast<bool>(s)); });
}

}  // namespace roost::store
