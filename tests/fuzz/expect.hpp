// What the fuzz targets promise beyond not crashing: a broken promise aborts, so that
// libFuzzer keeps the input and the replay test fails on it.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace styr::fuzz {

inline void expect(bool holds, const char* promise)
{
  if (!holds) {
    std::fprintf(stderr, "broken promise: %s\n", promise);
    std::abort();
  }
}

}  // namespace styr::fuzz
