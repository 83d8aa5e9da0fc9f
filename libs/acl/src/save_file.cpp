// Whole-file reads and atomic replacement of the rule file.

#include "save_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace roost::acl::detail {

std::string save_file(const std::filesystem::path& path, std::string_view text) {
  mode_t mode = 0644;
  if (struct stat st {}; ::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
  const std::filesystem::path temporary = path.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return temporary.string() + ": cannot create: " + std::strerror(errno);
  ::fchmod(fd, mode);
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string reason = temporary.string() + ": cannot write: " + std::strerror(errno);
      ::close(fd);
      ::unlink(temporary.c_str());
      return reason;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temporary.c_str());
    return temporary.string() + ": cannot sync: " + std::strerror(errno);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = path.string() + ": cannot replace: " + std::strerror(errno);
    ::unlink(temporary.c_str());
    return reason;
  }
  return {};
}

std::string load_file(const std::filesystem::path& path, std::string& out, bool& missing) {
  out.clear();
  missing = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    missing = errno == ENOENT;
    return std::string("cannot open: ") + std::strerror(errno);
  }
  char buffer[8192];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string reason = std::string("cannot read: ") + std::strerror(errno);
      ::close(fd);
      return reason;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return {};
}

}  // namespace roost::acl::detail
