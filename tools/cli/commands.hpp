// The subcommands of styr as a table of data: name, summary, usage, options, handler.
// The same table drives dispatch, `styr help`, `styr CMD --help` and "did you mean".
#pragma once

#include "cli/context.hpp"
#include "cli/exit_status.hpp"
#include "cli/options.hpp"

#include <span>
#include <string_view>

namespace styr::cli {

using Handler = ExitStatus (*)(Context& ctx, const Args& args);

struct Command
{
  std::string_view name;
  std::string_view summary;      // one line, for `styr help`
  std::string_view usage;        // after "usage: styr "
  std::string_view description;  // a paragraph for `styr help CMD`
  std::span<const OptionSpec> options;
  Handler run;
};

std::span<const Command> commands();
const Command* find_command(std::string_view name);

// Runs styr with the arguments of main() (without argv[0]).
ExitStatus run(Terminal& terminal, std::span<const std::string> args);

// The handlers, one per cmd_*.cpp.
ExitStatus run_check(Context& ctx, const Args& args);
ExitStatus run_status(Context& ctx, const Args& args);
ExitStatus run_log(Context& ctx, const Args& args);
ExitStatus run_diff(Context& ctx, const Args& args);
ExitStatus run_approve(Context& ctx, const Args& args);
ExitStatus run_build(Context& ctx, const Args& args);
ExitStatus run_new(Context& ctx, const Args& args);
ExitStatus run_init(Context& ctx, const Args& args);
ExitStatus run_report(Context& ctx, const Args& args);
ExitStatus run_requirements(Context& ctx, const Args& args);
ExitStatus run_help(Context& ctx, const Args& args);

}  // namespace styr::cli
