// styr: parse, run, return a named exit status. Everything else lives in the library.
#include "cli/commands.hpp"
#include "cli/terminal.hpp"
#include "styr/runtime.hpp"

#include <fmt/format.h>

#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
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
