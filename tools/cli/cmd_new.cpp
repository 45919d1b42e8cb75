// styr new TYPE --title …: a new document from the templates; prints its path.
#include "cli/commands.hpp"

#include "styr/check.hpp"
#include "styr/skeleton.hpp"

#include <fmt/format.h>

namespace styr::cli {

ExitStatus run_new(Context& ctx, const Args& args)
{
  if (args.positional().size() != 1 || !args.has("title")) {
    print_error(ctx, "usage: styr new TYPE --title TITLE [--parent ID] [--id ID]");
    return ExitStatus::usage;
  }
  auto ws = open_repository(ctx);
  if (!ws) {
    return ws.error();
  }
  auto schema = load_schema(ws->config);
  if (!schema) {
    print_error(ctx, "the schema is invalid");
    print_diagnostics(ctx, stderr, schema.error());
    return ExitStatus::environment;
  }
  const WorkingTreeSource source(ws->root);
  const DocumentSet documents = collect_documents(source, ws->config.documents_dir);
  NewDocumentRequest request{args.positional().front(), args.value("title").value_or(""),
                             args.value("parent").value_or(""), args.value("id").value_or("")};
  auto planned = plan_new_document(*ws, *schema, documents, request, today());
  if (!planned) {
    print_error(ctx, planned.error());
    return ExitStatus::usage;
  }
  for (const std::string& w : planned->warnings) {
    print_warning(ctx, w);
  }
  const std::filesystem::path full = ws->root / planned->path;
  if (auto written = write_new_file(full, planned->content); !written) {
    print_error(ctx, written.error());
    return ExitStatus::environment;
  }
  // The path as the user can open it from where they are.
  std::error_code ec;
  const std::filesystem::path shown = std::filesystem::proximate(full, std::filesystem::current_path(ec), ec);
  fmt::print("{}\n", (ec ? full : shown).generic_string());
  fmt::print(stderr, "styr new: write the text under each heading, then run styr check\n");
  return ExitStatus::success;
}

}  // namespace styr::cli
