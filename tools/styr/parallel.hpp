// Spreading independent items over the machine's cores.
#pragma once

#include <cstddef>
#include <functional>

namespace styr {

// Runs work(i) for i in [0, n) on every core, items taken in increasing order; the calling
// thread takes part and calls `on_main` after each item it finishes (for progress, which must
// not come from helpers). `make_worker` is called once per thread, for state a thread keeps
// to itself.
void parallel_workers(std::size_t n, const std::function<std::function<void(std::size_t)>()>& make_worker,
                      const std::function<void()>& on_main = {});

void parallel_for(std::size_t n, const std::function<void(std::size_t)>& work);

}  // namespace styr
