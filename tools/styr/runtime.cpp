#include "styr/runtime.hpp"

#include "styr/markdown.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <mutex>
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

void keep_until_exit(const void* held)
{
  static std::mutex mutex;
  static auto* const kept = new std::vector<const void*>();  // never destroyed
  const std::lock_guard lock(mutex);
  kept->push_back(held);
}

}  // namespace styr
