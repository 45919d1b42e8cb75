// styr: parse, run, return a named exit status. Everything else lives in the library.
#include "cli/commands.hpp"
#include "cli/terminal.hpp"
#include "styr/runtime.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

// Where the kernel gives transparent huge pages only to memory that asks for them (the
// "madvise" setting), a large build spent a quarter of its CPU faulting in fresh 4 KiB
// pages of heap. glibc asks for huge pages only when GLIBC_TUNABLES says so, and reads it
// before main(), so styr starts itself once more with it set. If that fails, it goes on.
void ask_for_huge_pages(char** argv)
{
  std::ifstream setting("/sys/kernel/mm/transparent_hugepage/enabled");
  const std::string modes((std::istreambuf_iterator<char>(setting)), std::istreambuf_iterator<char>());
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  const std::string before = tunables != nullptr ? tunables : "";
  if (modes.find("[madvise]") == std::string::npos || before.find("glibc.malloc.hugetlb") != std::string::npos) {
    return;
  }
  std::error_code error;
  const std::string self = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::string after = before.empty() ? "glibc.malloc.hugetlb=1" : before + ":glibc.malloc.hugetlb=1";
  if (!self.empty() && ::setenv("GLIBC_TUNABLES", after.c_str(), 1) == 0) {
    ::execv(self.c_str(), argv);
  }
  if (tunables != nullptr) {
    ::setenv("GLIBC_TUNABLES", before.c_str(), 1);
  } else {
    ::unsetenv("GLIBC_TUNABLES");
  }
}

}  // namespace

int main(int argc, char** argv)
{
  ask_for_huge_pages(argv);
  const styr::Runtime runtime;
  styr::cli::Terminal terminal = styr::cli::Terminal::from_environment();
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return static_cast<int>(styr::cli::run(terminal, args));
  } catch (const std::exception& e) {
    // Library code reports problems as values; this is the last line of defence.
    fmt::print(stderr, "styr: internal error: {}\n", e.what());
    return static_cast<int>(styr::cli::ExitStatus::environment);
  }
}
