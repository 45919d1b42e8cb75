// The unit-test runner: doctest with a private folder per process (tests/unit/support.hpp),
// removed when every test passed and kept for inspection when one failed.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "styr/runtime.hpp"
#include "support.hpp"

#include <cstdio>
#include <filesystem>

int main(int argc, char** argv)
{
  const styr::Runtime runtime;
  doctest::Context context;
  context.applyCommandLine(argc, argv);
  const int result = context.run();
  if (context.shouldExit()) {
    return result;
  }
  if (result == 0) {
    std::error_code ec;
    std::filesystem::remove_all(styr::test::test_dir(), ec);
  } else {
    std::fprintf(stderr, "Note: test data has been left in %s\n", styr::test::test_dir().c_str());
  }
  return result;
}
