#include "durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace roost::store::detail {
namespace {

error errno_error(std::string_view what, const std::filesystem::path& path) {
  return error{0, std::string(what) + " " + path.string() + ": " + std::strerror(errno)};
}

// Closes the descriptor when it goes out of scope.
struct descriptor {
  int fd;
  ~descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

status write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(error{});
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return ok();
}

status sync_directory(const std::filesystem::path& dir) {
  descriptor d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (d.fd < 0) return fail(errno_error("open", dir));
  if (::fsync(d.fd) != 0) return fail(errno_error("fsync", dir));
  return ok();
}

}  // namespace

status write_durably(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path partial = path.string() + std::string(partial_suffix);
  status written = [&]() -> status {
    descriptor d{::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
    if (d.fd < 0) return fail(errno_error("create", partial));
    if (!write_all(d.fd, bytes)) return fail(errno_error("write", partial));
    if (::fsync(d.fd) != 0) return fail(errno_error("fsync", partial));
    return ok();
  }();
  if (written && ::rename(partial.c_str(), path.c_str()) != 0) written = fail(errno_error("rename", partial));
  if (!written) {
    ::unlink(partial.c_str());
    return written;
  }
  return sync_directory(path.parent_path());
}

store_result<std::string> read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(errno_error("open", path));
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fail(errno_error("read", path));
  return out;
}

}  // namespace roost::store::detail
