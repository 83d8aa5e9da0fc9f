#pragma once
// A prepared SQLite statement (RAII around sqlite3_stmt). Parameters are 1-based, columns 0-based,
// as in SQLite. A bind that fails is remembered and reported by the next step()/run().
//
//   auto st = db.prepare("SELECT name FROM tenants WHERE private_key = ?1");
//   st->bind(1, key);
//   while (auto row = st->step(); row && *row) use(st->column_text(0));
//   auto done = st->each_row([&] { use(st->column_text(0)); });  // the same, errors returned

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "roost/store/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace roost::store {

class statement {
 public:
  statement(sqlite3* db, sqlite3_stmt* stmt);
  statement(statement&&) noexcept = default;
  statement& operator=(statement&&) noexcept = default;

  statement& bind(int index, std::int64_t value);
  // Text and BLOB: an empty view binds '' or an empty BLOB, never NULL (bind_null binds NULL).
  statement& bind(int index, std::string_view text);
  statement& bind_blob(int index, std::string_view bytes);
  statement& bind_null(int index);

  // Advances one row: true when a row is available, false when the statement is done.
  store_result<bool> step();
  // Steps until done, ignoring rows (for INSERT, UPDATE, DELETE).
  status run();
  // Steps until done, calling on_row() for each row (it reads the columns); returns the first
  // error of a step.
  template <class F>
  status each_row(F&& on_row) {
    for (;;) {
      auto row = step();
      if (!row) return fail(row.error());
      if (!*row) return ok();
      on_row();
    }
  }
  // Rewinds for another execution and clears the bindings.
  void reset();

  std::int64_t column_int64(int column) const;
  std::string column_text(int column) const;  // "" for NULL
  bool column_is_null(int column) const;

  // Rows changed by the last run() of this connection.
  std::int64_t changes() const;

 private:
  struct finalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };
  void remember(int rc, int index);

  sqlite3* _db = nullptr;
  std::unique_ptr<sqlite3_stmt, finalizer> _stmt;
  error _bind_error;
};

}  // namespace roost::store
