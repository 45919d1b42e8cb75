// styr: parse, run, return a named exit status. Everything else lives in the library.
#include "cli/commands.hpp"
#include "cli/terminal.hpp"
#include "styr/runtime.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
  const auto environment = static_cast<int>(styr::cli::ExitStatus::environment);
  try {
    const auto status = static_cast<int>(styr::cli::run(terminal, args));
    // Output that did not all arrive (a full disk, a closed pipe) is no success.
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
      fmt::print(stderr, "styr: cannot write the output: {}\n", std::strerror(errno));
      return environment;
    }
    return status;
  } catch (const std::exception& e) {
    if (std::ferror(stdout) != 0) {  // fmt throws when a write to stdout fails
      fmt::print(stderr, "styr: cannot write the output: {}\n", e.what());
      return environment;
    }
    // Library code reports problems as values; this is the last line of defence.
    fmt::print(stderr, "styr: internal error: {}\n", e.what());
    return environment;
  }
}
