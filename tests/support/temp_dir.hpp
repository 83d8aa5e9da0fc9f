#pragma once
// A fresh directory under the system's temporary directory, removed with everything in it when
// the test ends. Unique per instance, so tests may run in parallel.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace roost::test {

class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "roost-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    _path = pattern;
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(_path, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  std::filesystem::path path() const { return _path; }
  std::filesystem::path operator/(std::string_view name) const { return _path / name; }

  // Writes `text` to the file `name` in this directory and returns its path.
  std::filesystem::path write(std::string_view name, std::string_view text) const {
    const auto file = _path / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    return file;
  }

  // The content of the file `name` in this directory.
  std::string read(std::string_view name) const {
    std::ifstream in(_path / name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

 private:
  std::filesystem::path _path;
};

}  // namespace roost::test
