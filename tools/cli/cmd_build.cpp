// styr build: publish the approved documents as a static intranet site. Warnings (links
// that cannot be links on the site) and a summary go to stderr; the progress bar appears
// only on an interactive stderr.
#include "cli/commands.hpp"

#include "styr/site.hpp"

#include <fmt/format.h>

namespace styr::cli {

ExitStatus run_build(Context& ctx, const Args& args)
{
  if (!args.positional().empty()) {
    print_error(ctx, fmt::format("unexpected argument '{}'; the output folder is given with --out",
                                 args.positional().front()));
    return ExitStatus::usage;
  }
  BuildOptions options;
  options.preview = args.has("preview");
  const std::string audience = args.value("audience").value_or("intranet");
  if (audience == "public") {
    options.audience = Audience::public_site;
  } else if (audience != "intranet") {
    print_error(ctx, fmt::format("unknown audience '{}'; use intranet or public", audience));
    return ExitStatus::usage;
  }
  if (const auto out = args.value("out")) {
    if (out->empty()) {
      print_error(ctx, "--out needs a folder");
      return ExitStatus::usage;
    }
    // Relative to where styr was started (-C included), as a user expects of a path argument.
    options.output = std::filesystem::absolute(ctx.directory / *out);
  }
  auto ws = open_repository(ctx);
  if (!ws) {
    return ws.error();
  }
  options.keep_until_exit = true;  // the command ends with the build
  options.on_wait = [] {
    fmt::print(stderr, "styr build: another build is writing the site; waiting for it to finish\n");
  };

  auto result = build_site(*ws, options, [&ctx](std::size_t done, std::size_t total) {
    // Only worth a bar when the build is long.
    if (total >= 200) {
      ctx.terminal.progress("styr build", done, total);
    }
  });
  ctx.terminal.end_progress();
  if (!result) {
    print_error(ctx, result.error().message);
    return ExitStatus::environment;
  }
  for (const BuildWarning& w : result->warnings) {
    const std::string where = w.path.empty() || w.position.line == 0
                                ? w.path
                                : fmt::format("{}:{}:{}", w.path, w.position.line, w.position.column);
    print_warning(ctx, where.empty() ? w.message : fmt::format("{}: {}", where, w.message));
  }
  // Where the site went, as the user would write it: relative when that is short.
  std::error_code ec;
  const auto here = std::filesystem::weakly_canonical(std::filesystem::absolute(ctx.directory), ec);
  std::string where = result->output.lexically_relative(here).generic_string();
  if (where.empty() || where.starts_with("../../../")) {
    where = result->output.generic_string();
  }
  const std::size_t docs = result->documents;
  const std::size_t decisions = result->decisions;
  const std::string summary =
    fmt::format("styr build: {} document{}, {} decision{} → {}/{}{}", docs, docs == 1 ? "" : "s", decisions,
                decisions == 1 ? "" : "s", where, options.preview ? " (preview)" : "",
                options.audience == Audience::public_site ? " (public)" : "");
  fmt::print(stderr, "{}\n",
             ctx.terminal.paint(stderr, result->warnings.empty() ? Style::green : Style::yellow, summary));
  return ExitStatus::success;
}

}  // namespace styr::cli
