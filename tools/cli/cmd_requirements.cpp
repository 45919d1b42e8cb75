// styr requirements: the requirement catalogue (kravkatalog) as CSV or JSON.
#include "cli/commands.hpp"

#include "styr/requirement_catalogue.hpp"

#include <fmt/format.h>

namespace styr::cli {

ExitStatus run_requirements(Context& ctx, const Args& args)
{
  const std::string format = args.value("format").value_or("csv");
  if (format != "csv" && format != "json") {
    print_error(ctx, fmt::format("unknown format '{}'; use csv or json", format));
    return ExitStatus::usage;
  }
  if (!args.positional().empty()) {
    print_error(ctx, "requirements takes no arguments");
    return ExitStatus::usage;
  }
  auto snap = open_snapshot(ctx, std::nullopt);
  if (!snap) {
    return snap.error();
  }
  print_snapshot_warnings(ctx, *snap);
  const auto entries = requirement_catalogue(*snap, args.has("preview"));
  if (!entries) {
    print_error(ctx, entries.error());
    return ExitStatus::environment;
  }
  for (const std::string& warning : catalogue_warnings(*entries)) {
    print_warning(ctx, warning);
  }
  fmt::print("{}", format == "json" ? catalogue_json(*entries) : catalogue_csv(*entries));
  std::size_t documents = 0;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    documents += i == 0 || (*entries)[i].document != (*entries)[i - 1].document ? 1 : 0;
  }
  fmt::print(stderr, "styr requirements: {} requirement{} from {} riktlinje{}{}\n", entries->size(),
             entries->size() == 1 ? "" : "s", documents, documents == 1 ? "" : "r",
             args.has("preview") ? " (preview: including drafts and unapproved changes)" : "");
  return ExitStatus::success;
}

} // namespace styr::cli
