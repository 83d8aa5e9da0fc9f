// Reading, editing and atomically saving password files. See password_file.hpp for the format.

#include "roost/auth/password_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <cstring>
#include <utility>

namespace roost::auth {
namespace {

std::string errno_text(int code) { return std::strerror(code); }

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t") == std::string_view::npos;
}

std::string_view trim_right(std::string_view text) {
  const auto last = text.find_last_not_of(" \t");
  return last == std::string_view::npos ? std::string_view{} : text.substr(0, last + 1);
}

// Reads the whole file; errors carry the path and the reason from the system.
result<std::string, error> read_all(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(error{path.string(), 0, "cannot open: " + errno_text(errno)});
  std::string text;
  char buffer[8192];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int code = errno;
      ::close(fd);
      return fail(error{path.string(), 0, "cannot read: " + errno_text(code)});
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

status check_username(std::string_view username) {
  if (username.empty()) return fail(error{{}, 0, "the username is empty"});
  if (username.find(':') != std::string_view::npos) {
    return fail(error{{}, 0, "the username must not contain ':'"});
  }
  if (username.front() == '#') return fail(error{{}, 0, "the username must not start with '#'"});
  for (char c : username) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return fail(error{{}, 0, "the username must not contain control characters"});
    }
  }
  return succeeded();
}

result<password_file, error> password_file::load(const std::filesystem::path& path) {
  auto text = read_all(path);
  if (!text) return fail(text.error());
  return parse(*text, path.string());
}

result<password_file, error> password_file::parse(std::string_view text,
                                                  const std::string& source) {
  password_file file;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const auto newline = text.find('\n');
    std::string_view raw = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);  // written on Windows

    line entry{std::string(raw), {}, {}};
    if (is_blank(raw) || raw.front() == '#') {
      file._lines.push_back(std::move(entry));
      continue;
    }
    const auto at = [&](std::string reason) { return error{source, number, std::move(reason)}; };
    const auto colon = raw.find(':');
    if (colon == std::string_view::npos) return fail(at("expected username:hash"));
    const std::string_view username = raw.substr(0, colon);
    if (auto ok = check_username(username); !ok) return fail(at(ok.error().reason));
    auto hash = parse_password_hash(trim_right(raw.substr(colon + 1)));
    if (!hash) return fail(at("user '" + std::string(username) + "': " + hash.error().reason));
    if (const auto seen = file._index.find(username); seen != file._index.end()) {
      // Ambiguous: which of the two passwords did the administrator mean?
      return fail(at("user '" + std::string(username) + "' is already defined on line " +
                     std::to_string(seen->second + 1)));
    }
    entry.username = std::string(username);
    entry.hash = std::move(*hash);
    file._index.emplace(entry.username, file._lines.size());
    file._lines.push_back(std::move(entry));
  }
  return file;
}

const password_hash* password_file::find(std::string_view username) const {
  const auto it = _index.find(username);
  return it == _index.end() ? nullptr : &_lines[it->second].hash;
}

std::vector<std::string> password_file::usernames() const {
  std::vector<std::string> names;
  names.reserve(_index.size());
  for (const auto& l : _lines) {
    if (!l.username.empty()) names.push_back(l.username);
  }
  return names;
}

status password_file::set(std::string_view username, const password_hash& hash) {
  if (auto ok = check_username(username); !ok) return ok;
  line updated{std::string(username) + ":" + format_password_hash(hash), std::string(username),
               hash};
  if (const auto it = _index.find(username); it != _index.end()) {
    _lines[it->second] = std::move(updated);
  } else {
    _index.emplace(updated.username, _lines.size());
    _lines.push_back(std::move(updated));
  }
  return succeeded();
}

bool password_file::remove(std::string_view username) {
  const auto it = _index.find(username);
  if (it == _index.end()) return false;
  _lines.erase(_lines.begin() + static_cast<std::ptrdiff_t>(it->second));
  rebuild_index();
  return true;
}

void password_file::rebuild_index() {
  _index.clear();
  for (std::size_t i = 0; i < _lines.size(); ++i) {
    if (!_lines[i].username.empty()) _index.emplace(_lines[i].username, i);
  }
}

std::string password_file::to_text() const {
  std::string text;
  for (const auto& l : _lines) {
    text += l.text;
    text += '\n';
  }
  return text;
}

status password_file::save(const std::filesystem::path& link_or_file) const {
  const auto fail_with = [&](const std::string& what, int code) {
    return fail(error{link_or_file.string(), 0, what + ": " + errno_text(code)});
  };
  std::error_code ec;
  std::filesystem::path path = link_or_file;
  if (std::filesystem::is_symlink(link_or_file, ec)) {
    path = std::filesystem::weakly_canonical(link_or_file, ec);
    if (ec) return fail_with("cannot follow the symbolic link", ec.value());
  }
  // The temporary file must be in the same directory: rename() is only atomic within a file system.
  std::string temp = path.string() + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());  // creates it with mode 0600
  if (fd < 0) return fail_with("cannot create a temporary file next to it", errno);

  const std::string text = to_text();
  int code = 0;
  if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0 || !write_all(fd, text) || ::fsync(fd) != 0) {
    code = errno;
  }
  if (::close(fd) != 0 && code == 0) code = errno;
  if (code == 0 && ::rename(temp.c_str(), path.c_str()) != 0) code = errno;
  if (code != 0) {
    ::unlink(temp.c_str());
    return fail_with("cannot write", code);
  }

  // Make the rename itself durable; a failure here leaves a correct file, so it is not reported.
  const auto directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return succeeded();
}

}  // namespace roost::auth
