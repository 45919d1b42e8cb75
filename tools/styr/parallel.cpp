#include "styr/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace styr {

void parallel_workers(std::size_t n, const std::function<std::function<void(std::size_t)>()>& make_worker,
                      const std::function<void()>& on_main)
{
  std::atomic<std::size_t> next{0};
  const auto loop = [&](bool main) {
    const std::function<void(std::size_t)> work = make_worker();
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      work(i);
      if (main && on_main) {
        on_main();
      }
    }
  };
  // A helper thread costs about as much as a few small items.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const auto helpers = static_cast<unsigned>(std::min<std::size_t>(cores, n / 4 + 1) - 1);
  std::vector<std::jthread> threads;
  for (unsigned t = 0; t < helpers; ++t) {
    threads.emplace_back([&] { loop(false); });
  }
  loop(true);
}

void parallel_for(std::size_t n, const std::function<void(std::size_t)>& work)
{
  parallel_workers(n, [&] { return work; });
}

}  // namespace styr
