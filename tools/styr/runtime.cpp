#include "styr/runtime.hpp"

#include "styr/markdown.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <fstream>
#include <mutex>
#include <string>
#include <vector>

namespace styr {

Runtime::Runtime()
{
  initialize_markdown();
#ifdef __GLIBC__
  // A build allocates and frees in phases, on several threads. By default glibc hands freed
  // memory back to the kernel between them and grows the heap a little at a time, so each
  // phase faulted its pages in again (every zlib stream's window, every large page being
  // rendered): about a tenth of a rebuild of 10,000 documents. Keep what was freed, grow in
  // larger steps, and serve blocks up to 32 MiB from the heap rather than from fresh maps.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

const char* version()
{
  return STYR_VERSION;
}

long resident_mib()
{
  // Anonymous memory only: the cache's packs are mapped files, which cost no fresh pages.
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("RssAnon:")) {
      return std::stol(line.substr(8)) / 1024;
    }
  }
  return 0;
}

void keep_until_exit(const void* held)
{
  static std::mutex mutex;
  static auto* const kept = new std::vector<const void*>();  // never destroyed
  const std::lock_guard lock(mutex);
  kept->push_back(held);
}

}  // namespace styr
