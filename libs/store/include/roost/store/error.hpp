#pragma once
// The one error type of roost::store: SQLite's result code and a sentence that says what failed.
//
//   error{SQLITE_BUSY, "begin: database is locked"}.to_string() -> "begin: database is locked"

#include <string>
#include <variant>

#include "roost/base/result.hpp"

namespace roost::store {

struct error {
  int code = 0;        // the SQLite (extended) result code, 0 when the error is not SQLite's
  std::string reason;  // human-readable, lower case, no trailing period

  std::string to_string() const { return reason; }
};

template <class T>
using store_result = result<T, error>;

// The result of an operation that produces nothing but may fail.
using status = store_result<std::monostate>;

inline status ok() { return std::monostate{}; }

}  // namespace roost::store
