// styr check: validate the documents; findings to stdout, a summary to stderr.
#include "cli/commands.hpp"

#include "styr/check.hpp"
#include "styr/diagnostic_output.hpp"
#include "styr/document_set.hpp"
#include "styr/rules.hpp"
#include "styr/runtime.hpp"
#include "styr/schema.hpp"
#include "styr/site_cache.hpp"
#include "styr/source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <set>

namespace styr::cli {

namespace {

void list_rules()
{
  std::size_t width = 0;
  for (const Rule& r : all_rules()) {
    width = std::max(width, r.id.size());
  }
  for (const Rule& r : all_rules()) {
    fmt::print("{:<{}}  {:<7}  {}\n", r.id, width, to_string(r.severity), r.summary);
  }
}

// The named files as repository-relative paths, a folder's ending in "/" ("" for the root);
// nullopt after reporting a bad name.
std::optional<std::set<std::string>> selected_files(const Context& ctx, const Workspace& ws,
                                                    const std::vector<std::string>& names)
{
  std::set<std::string> result;
  for (const std::string& name : names) {
    const std::filesystem::path full = std::filesystem::absolute(ctx.directory / name).lexically_normal();
    const std::filesystem::path rel = full.lexically_relative(ws.root);
    if (rel.empty() || rel.native().starts_with("..")) {
      print_error(ctx, fmt::format("{} is outside the repository {}", name, ws.root.string()));
      return std::nullopt;
    }
    std::error_code ec;
    const auto type = std::filesystem::symlink_status(full, ec).type();
    if (type == std::filesystem::file_type::not_found) {
      print_error(ctx, fmt::format("{}: no such file", name));  // a misspelt name must not pass
      return std::nullopt;
    }
    std::string path = rel.generic_string();
    while (path.size() > 1 && path.ends_with('/')) {
      path.pop_back();  // "riktlinjer/" names the folder, as "riktlinjer" does
    }
    result.insert(type != std::filesystem::file_type::directory ? path : path == "." ? "" : path + "/");
  }
  return result;
}

}  // namespace

ExitStatus run_check(Context& ctx, const Args& args)
{
  if (args.has("list-rules")) {
    list_rules();
    return ExitStatus::success;
  }
  const std::string format = args.value("format").value_or("text");
  if (format != "text" && format != "json" && format != "sarif") {
    print_error(ctx, fmt::format("unknown format '{}'; use text, json or sarif", format));
    return ExitStatus::usage;
  }
  // In a git repository the decisions are checked too; elsewhere only the documents. A
  // document already loaded (by check or build) comes from .styr-cache/ by its blob.
  std::optional<Snapshot> snap;
  std::unique_ptr<SiteCache> cache;
  if (const auto found = open_workspace(ctx.directory)) {
    cache = std::make_unique<SiteCache>(found->root / k_cache_dir, true);
  }
  if (auto loaded = load_snapshot(ctx.directory, std::nullopt, today(), Parts::all, cache.get())) {
    snap = std::move(*loaded);
  } else if (loaded.error().kind == SnapshotError::Kind::history ||
             loaded.error().kind == SnapshotError::Kind::subfolder) {
    print_warning(ctx, fmt::format("decisions are not checked: {}", loaded.error().message));
  }
  auto ws = snap ? tl::expected<Workspace, ExitStatus>(snap->workspace) : open_repository(ctx);
  if (!ws) {
    return ws.error();
  }
  auto schema = snap ? tl::expected<Schema, Diagnostics>(snap->schema) : load_schema(ws->config);
  if (!schema) {
    print_error(ctx, "the schema is invalid");
    print_diagnostics(ctx, stderr, schema.error());
    return ExitStatus::environment;
  }
  if (args.has("print-schema")) {
    fmt::print("{}", schema_to_toml(*schema));
    return ExitStatus::success;
  }
  const auto files = selected_files(ctx, *ws, args.positional());
  if (!files) {
    return ExitStatus::usage;
  }

  const WorkingTreeSource source(ws->root, cache.get());
  DocumentSet plain_documents;
  Diagnostics findings;
  if (snap) {
    findings = check_snapshot(*snap);
    for (const std::string& warning : snap->ledger.warnings()) {
      print_warning(ctx, warning);
    }
  } else {
    plain_documents = collect_documents(source, ws->config.documents_dir, Parts::all, cache.get());
    findings = check_documents(CheckInput{plain_documents, *schema, ws->config, source, today()});
  }
  const DocumentSet& documents = snap ? snap->documents : plain_documents;

  std::size_t checked = documents.documents().size();
  if (!files->empty()) {
    // A folder names what is under it, and itself: a folder named *.md is reported as such.
    const auto named = [&](const std::string& path, const std::string& f) {
      return f.empty() || f.ends_with('/') ? path.starts_with(f) || path + '/' == f : path == f;
    };
    const auto selected = [&](const std::string& path) {
      return std::any_of(files->begin(), files->end(), [&](const std::string& f) { return named(path, f); });
    };
    std::erase_if(findings, [&](const Diagnostic& d) { return !selected(d.path); });
    checked = static_cast<std::size_t>(std::count_if(documents.documents().begin(), documents.documents().end(),
                                                     [&](const Document& doc) { return selected(doc.path); }));
    for (const std::string& f : *files) {
      const bool any = std::any_of(documents.documents().begin(), documents.documents().end(),
                                   [&](const Document& doc) { return named(doc.path, f); }) ||
                       std::any_of(findings.begin(), findings.end(), [&](const Diagnostic& d) { return named(d.path, f); });
      if (!any) {
        print_warning(ctx, fmt::format("{} {} under {}/; not checked", f.empty() ? "." : f,
                                       f.empty() || f.ends_with('/') ? "has no document" : "is not a document",
                                       ws->config.documents_dir));
      }
    }
  }

  if (format == "json") {
    fmt::print("{}", diagnostics_json(findings));
  } else if (format == "sarif") {
    fmt::print("{}", diagnostics_sarif(findings));
  } else {
    print_diagnostics(ctx, stdout, findings);
  }
  const auto errors = static_cast<std::size_t>(
    std::count_if(findings.begin(), findings.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
  const std::size_t warnings = findings.size() - errors;
  const Style style = errors > 0 ? Style::red : warnings > 0 ? Style::yellow : Style::green;
  fmt::print(stderr, "{}\n",
             ctx.terminal.paint(stderr, style,
                                fmt::format("styr check: {} error{}, {} warning{} in {} document{}", errors,
                                            errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", checked,
                                            checked == 1 ? "" : "s")));
  if (cache) {
    cache->save(SiteCache::Compaction::when_packs_are_many);  // a build keeps more than check reads
  }
  // The command ends here: what it loaded is left to the process's exit, the cache (which
  // the snapshot's source refers to) with it.
  if (snap) {
    keep_until_exit(std::make_unique<Snapshot>(std::move(*snap)));
  }
  keep_until_exit(std::move(cache));
  return errors > 0 ? ExitStatus::findings : ExitStatus::success;
}

}  // namespace styr::cli
