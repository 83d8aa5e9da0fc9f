#pragma once
// A password file: one user per line in Mosquitto's format; comments and blank lines allowed.
//
//   # greenhouse sensors
//   alice:$7$20000$QQ26WF0bXbw641P7$zyG33dYa...Ge3Q==
//
//   bob:$6$OaJB/3RBOsJfWGzU$HZ49pn1F...s5Ydqw==
//
// Loading is all or nothing: a malformed line or a repeated user fails the whole file with its
// path and line number, so a server never starts with a user silently missing. Editing keeps
// comments, blank lines and the order of users; new users go at the end.
//
// Not thread-safe; share a loaded file as `shared_ptr<const password_file>`.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "roost/auth/error.hpp"
#include "roost/auth/password_hash.hpp"

namespace roost::auth {

// Whether `username` can be stored: not empty, no ':' (the separator), no control characters,
// and not starting with '#' (that line would read as a comment).
status check_username(std::string_view username);

class password_file {
 public:
  // Reads and parses the file at `path`; errors name the path (and the line when it is one).
  static result<password_file, error> load(const std::filesystem::path& path);

  // Parses the text of a password file; `source` is the name errors give it.
  static result<password_file, error> parse(std::string_view text, const std::string& source = {});

  // The hash of `username`, or null when there is no such user. O(log users).
  const password_hash* find(std::string_view username) const;

  // Number of users.
  std::size_t size() const { return _index.size(); }

  // Users in file order.
  std::vector<std::string> usernames() const;

  // Adds `username` at the end, or replaces its hash in place. Fails when check_username does.
  status set(std::string_view username, const password_hash& hash);

  // Removes `username`; false when there was no such user.
  bool remove(std::string_view username);

  // The file's text: one line per line, each ending in '\n'.
  std::string to_text() const;

  // Replaces the file at `path` atomically: writes a temporary file next to it with mode 0600,
  // flushes it to disk and renames it over `path`. A reader (or a crash) sees the old file or the
  // new one, never a mix. Whatever mode the old file had, the new one is 0600. When `path` is a
  // symbolic link, the file it points to is replaced and the link kept.
  status save(const std::filesystem::path& path) const;

 private:
  struct line {
    std::string text;      // as read, or as formatted by set()
    std::string username;  // empty for comments and blank lines
    password_hash hash;
  };
  void rebuild_index();

  std::vector<line> _lines;
  std::map<std::string, std::size_t, std::less<>> _index;  // username -> position in _lines
};

}  // namespace roost::auth
