#include "resident_memory.hpp"

#include <malloc.h>
#include <unistd.h>

#include <fstream>

namespace roost::bench {

std::size_t resident_bytes() {
  malloc_trim(0);
  std::ifstream statm{"/proc/self/statm"};
  std::size_t size_pages = 0;
  std::size_t resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return 0;
  return resident_pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace roost::bench
