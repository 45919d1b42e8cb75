// Process-wide set-up of the C libraries: create one Runtime in main() before any thread.
#pragma once

#include "styr/git.hpp"

#include <memory>

namespace styr {

class Runtime
{
public:
  Runtime();

private:
  git::Library m_git;
};

// The version of styr, e.g. "0.1.0".
const char* version();

// The memory this process holds now (resident set), in MiB; 0 where it cannot be read.
long resident_mib();

// Keeps `held` unfreed for the rest of the process. A command about to end need not spend
// its last tenth of a second freeing millions of small blocks one by one. What is kept stays
// reachable, so leak checkers do not count it.
void keep_until_exit(const void* held);

template <typename T>
void keep_until_exit(std::unique_ptr<T> held)
{
  keep_until_exit(static_cast<const void*>(held.release()));
}

}  // namespace styr
