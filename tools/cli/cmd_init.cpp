// styr init DIR: a new policy repository that passes styr check.
#include "cli/commands.hpp"

#include "styr/skeleton.hpp"

#include <fmt/format.h>

namespace styr::cli {

ExitStatus run_init(Context& ctx, const Args& args)
{
  if (args.positional().size() != 1) {
    print_error(ctx, "usage: styr init DIR [--name NAME]");
    return ExitStatus::usage;
  }
  const std::filesystem::path dir = ctx.directory / args.positional().front();
  const std::string name = args.value("name").value_or("Exempelkommun");
  if (!organisation_name_valid(name)) {
    print_error(ctx, "--name must be the organisation's name, on one line");
    return ExitStatus::usage;
  }
  if (auto done = init_repository(dir, name); !done) {
    print_error(ctx, done.error());
    return ExitStatus::environment;
  }
  fmt::print("{}\n", dir.lexically_normal().generic_string());
  fmt::print(stderr,
             "styr init: created a policy repository for {}.\n"
             "Next: put the real approvers in approvers.toml, then\n"
             "  cd {} && styr check && git add -A && git commit -m \"Styrdokument\"\n",
             name, dir.lexically_normal().generic_string());
  return ExitStatus::success;
}

}  // namespace styr::cli
