#include "cli/commands.hpp"

namespace styr::cli {

ExitStatus run_new(Context& ctx, const Args&)
{
  print_error(ctx, "not available yet");
  return ExitStatus::environment;
}

}  // namespace styr::cli
