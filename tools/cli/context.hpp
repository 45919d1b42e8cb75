// What every command handler gets, and the few things they all do the same way:
// open the repository, report errors, print diagnostics.
#pragma once

#include "cli/exit_status.hpp"
#include "cli/terminal.hpp"
#include "styr/diagnostic.hpp"
#include "styr/snapshot.hpp"
#include "styr/workspace.hpp"

#include <fmt/format.h>
#include <tl/expected.hpp>

#include <filesystem>
#include <string_view>

namespace styr::cli {

struct Context
{
  Terminal& terminal;
  std::filesystem::path directory;  // from -C, else the current directory
  std::string_view command;         // for messages: "styr check: …"
};

// An author's or a tagger's text for human-readable output: control characters escaped
// (text::escape_controls), so that a title or a tag cannot rewrite the terminal.
std::string shown(std::string_view text);

// Prints "styr CMD: error: MESSAGE" to stderr.
void print_error(const Context& ctx, std::string_view message);
void print_warning(const Context& ctx, std::string_view message);

// Opens the repository at ctx.directory; on failure prints why and returns the exit status.
tl::expected<Workspace, ExitStatus> open_repository(const Context& ctx);

// Loads the repository with its decisions (at --rev when given; with `as_of`, as they stood
// on that date: reviews due by it, decisions made after it left out); on failure prints why.
tl::expected<Snapshot, ExitStatus> open_snapshot(const Context& ctx, const std::optional<std::string>& revision,
                                                 Parts parts = Parts::all, std::optional<Date> as_of = std::nullopt);

// Prints the decisions' warnings, and one per document without an id: commands that list
// documents by id leave it out, and the warning says where and why.
void print_snapshot_warnings(const Context& ctx, const Snapshot& snap);

// One line per diagnostic in the compiler format, to `stream`.
void print_diagnostics(const Context& ctx, std::FILE* stream, const Diagnostics& diagnostics);

}  // namespace styr::cli
