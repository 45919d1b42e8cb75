#include "cli/commands.hpp"

#include "styr/runtime.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace styr::cli {

namespace {

constexpr OptionSpec k_help = {"help", 'h', "", "show this help"};

constexpr OptionSpec k_check_options[] = {
  {"format", 0, "FORMAT", "output format: text (default), json or sarif"},
  {"list-rules", 0, "", "list the rules with their default severity and exit"},
  {"print-schema", 0, "", "print the schema in effect (TOML) and exit"},
  k_help,
};

constexpr OptionSpec k_status_options[] = {
  {"format", 0, "FORMAT", "output format: table (default) or json"},
  {"rev", 0, "REV", "status as of a commit or tag instead of the working tree"},
  k_help,
};

constexpr OptionSpec k_log_options[] = {
  {"format", 0, "FORMAT", "output format: text (default) or json"},
  k_help,
};

constexpr OptionSpec k_diff_options[] = {
  {"from", 0, "TAG", "the approved version to compare from: a decision tag or a version number (default: the last)"},
  {"to", 0, "TAG", "the version to compare to: a decision tag, a version number or \"working\" (default)"},
  k_help,
};

constexpr OptionSpec k_approve_options[] = {
  {"decision", 0, "TEXT", "the decision reference, e.g. \"KS 2026-03-15 § 45\" (required)"},
  {"case-number", 0, "TEXT", "the diarienummer, e.g. \"KS 2026/123\""},
  {"message", 'm', "TEXT", "the first line of the decision (default: generated from the titles)"},
  {"sign", 's', "", "sign the tag (git tag -s; SSH or OpenPGP as git is configured)"},
  {"dry-run", 'n', "", "print the decision packet without creating the tag"},
  k_help,
};

constexpr OptionSpec k_build_options[] = {
  {"out", 'o', "DIR", "output folder (default: paths.output in styr.toml, _site)"},
  {"preview", 0, "", "build the working tree, marking every unapproved page as a draft"},
  {"audience", 0, "AUDIENCE", "intranet (default) or public (only offentlig documents)"},
  k_help,
};

constexpr OptionSpec k_new_options[] = {
  {"title", 't', "TITLE", "the document's title (required)"},
  {"parent", 0, "ID", "the parent document's id"},
  {"id", 0, "ID", "the id to use instead of the next free one"},
  k_help,
};

constexpr OptionSpec k_init_options[] = {
  {"name", 0, "NAME", "the organisation's name (default: Exempelkommun)"},
  k_help,
};

constexpr OptionSpec k_report_options[] = {
  {"format", 0, "FORMAT", "output format: md (default), html or json"},
  {"as-of", 0, "DATE", "report the decisions made by this date (YYYY-MM-DD), and reviews due by it"},
  {"rev", 0, "REV", "report as of a commit or tag instead of the working tree"},
  k_help,
};

constexpr OptionSpec k_requirements_options[] = {
  {"format", 0, "FORMAT", "output format: csv (default) or json"},
  {"preview", 0, "", "include requirements of documents not yet approved"},
  k_help,
};

constexpr OptionSpec k_help_options[] = {k_help};

constexpr Command k_commands[] = {
  {"check", "validate the documents against the common structure", "check [--format text|json|sarif] [FILE|FOLDER...]",
   "Checks every document (or those in the named files and folders, resolving references\n"
   "against the whole repository): front matter, sections, references, hierarchy and\n"
   "decision authority.\n"
   "Findings go to stdout as path:line:col: severity[rule]: message; a summary to stderr.\n"
   "Exits 1 when there are errors.",
   k_check_options, run_check},
  {"status", "show the approval status of every document", "status [--format table|json] [--rev REV]",
   "Derives each document's status (draft, approved, changed, retired) and its review date\n"
   "from the decision tags.",
   k_status_options, run_status},
  {"log", "show the decision history of a document, or every decision", "log [ID] [--format text|json]",
   "Lists the decisions about one document, newest first: tag, date, who, decision, version. Without an id, "
   "lists every decision of the repository: what it approved, and what did not count and why.",
   k_log_options, run_log},
  {"diff", "show what changed in a document", "diff ID [--from TAG] [--to TAG|working]",
   "Shows the changes between two approved versions of a document, or since its last approval.",
   k_diff_options, run_diff},
  {"approve", "record a decision as an annotated git tag",
   "approve --decision TEXT [--case-number TEXT] [--sign] [--dry-run] [ID...]",
   "Runs check, refuses on errors, shows the decision packet (what changed since each\n"
   "document's last approval) and creates the decision tag. Without ids it lists every\n"
   "changed or draft document the current git user (user.email) may approve.",
   k_approve_options, run_approve},
  {"build", "publish the approved documents as a static intranet site",
   "build [--out DIR] [--preview] [--audience intranet|public]",
   "Builds the intranet site from the approved version of every document. The new site is\n"
   "written beside the old one and swapped in only when complete.",
   k_build_options, run_build},
  {"new", "create a new document from a template", "new TYPE --title TITLE [--parent ID] [--id ID]",
   "Writes a new document with the next free id, every required field and the required\n"
   "headings, and prints its path.",
   k_new_options, run_new},
  {"init", "create a new policy repository", "init DIR [--name NAME]",
   "Creates DIR with styr.toml, approvers.toml, the default templates and assets and one\n"
   "sample policy, and makes it a git repository.",
   k_init_options, run_init},
  {"report", "the management report: status, reviews, coverage, actions",
   "report [--format md|html|json] [--as-of DATE] [--rev REV]",
   "The ledningsrapport: counts by status, documents awaiting decision, overdue reviews,\n"
   "coverage of MSB's eight recommendations and of ISO/IEC 27002:2022, and action plans.",
   k_report_options, run_report},
  {"requirements", "the requirement catalogue for procurement", "requirements [--format csv|json] [--preview]",
   "Every requirement row (ID | Krav | Nivå) of the approved riktlinjer, with its document.",
   k_requirements_options, run_requirements},
  {"help", "show help for styr or one command", "help [COMMAND]", "Shows help.", k_help_options, run_help},
};

constexpr OptionSpec k_global_options[] = {
  {"directory", 'C', "DIR", "run as if styr was started in DIR"},
  {"version", 0, "", "print the version and exit"},
  k_help,
};

std::string command_help(const Command& c)
{
  return fmt::format("usage: styr {}\n\n{}\n\n{}", c.usage, c.description, format_options(c.options));
}

std::string overview()
{
  std::string out = fmt::format(
    "styr {} — policy as code for information-security steering documents\n\n"
    "usage: styr [-C DIR] COMMAND [ARGS]\n\nCommands:\n",
    version());
  for (const Command& c : k_commands) {
    out += fmt::format("  {:<13} {}\n", c.name, c.summary);
  }
  out += '\n';
  out += format_options(k_global_options);
  out += "\nRun 'styr help COMMAND' for the options of a command.\n"
         "Exit codes: 0 success, 1 findings (check errors, a refused approval),\n"
         "2 usage error, 3 environment error (not a repository, bad configuration, I/O).\n";
  return out;
}

ExitStatus unknown_command(std::string_view name)
{
  std::vector<std::string_view> names;
  for (const Command& c : k_commands) {
    names.push_back(c.name);
  }
  fmt::print(stderr, "styr: '{}' is not a styr command.", name);
  if (const auto guess = closest(name, names)) {
    fmt::print(stderr, " Did you mean '{}'?", *guess);
  }
  fmt::print(stderr, "\nRun 'styr help' for the list of commands.\n");
  return ExitStatus::usage;
}

}  // namespace

std::span<const Command> commands()
{
  return k_commands;
}

const Command* find_command(std::string_view name)
{
  for (const Command& c : k_commands) {
    if (c.name == name) {
      return &c;
    }
  }
  return nullptr;
}

ExitStatus run_help(Context& ctx, const Args& args)
{
  if (args.positional().empty()) {
    fmt::print("{}", overview());
    return ExitStatus::success;
  }
  if (args.positional().size() > 1) {
    print_error(ctx, "help takes at most one command name");
    return ExitStatus::usage;
  }
  const Command* c = find_command(args.positional().front());
  if (c == nullptr) {
    return unknown_command(args.positional().front());
  }
  fmt::print("{}", command_help(*c));
  return ExitStatus::success;
}

ExitStatus run(Terminal& terminal, std::span<const std::string> args)
{
  std::filesystem::path directory = ".";
  std::size_t i = 0;
  // Global options come before the command, as with git.
  for (; i < args.size() && args[i].starts_with("-"); ++i) {
    const std::string& arg = args[i];
    if (arg == "--version") {
      fmt::print("styr {}\n", version());
      return ExitStatus::success;
    }
    if (arg == "-h" || arg == "--help") {
      fmt::print("{}", overview());
      return ExitStatus::success;
    }
    if (arg == "-C" || arg == "--directory") {
      if (i + 1 >= args.size()) {
        fmt::print(stderr, "styr: option '{}' needs a directory\n", arg);
        return ExitStatus::usage;
      }
      directory /= args[++i];  // several -C accumulate, like git
      continue;
    }
    if (arg.starts_with("-C") && arg.size() > 2) {
      directory /= arg.substr(2);
      continue;
    }
    if (arg.starts_with("--directory=")) {
      directory /= arg.substr(std::string_view("--directory=").size());
      continue;
    }
    fmt::print(stderr, "styr: unknown option '{}'\nRun 'styr help' for usage.\n", arg);
    return ExitStatus::usage;
  }
  if (i == args.size()) {
    fmt::print(stderr, "{}", overview());
    return ExitStatus::usage;
  }
  const Command* command = find_command(args[i]);
  if (command == nullptr) {
    return unknown_command(args[i]);
  }
  Context ctx{terminal, directory, command->name};
  auto parsed = parse_args(command->options, args.subspan(i + 1));
  if (!parsed) {
    print_error(ctx, parsed.error());
    const auto rest = args.subspan(i + 1);
    if (std::any_of(rest.begin(), rest.end(), [](const std::string& a) {
          return a.starts_with("-C") || a == "--directory" || a.starts_with("--directory=");
        })) {
      fmt::print(stderr, "-C goes before the command, as with git: styr -C DIR {}\n", command->name);
    }
    fmt::print(stderr, "usage: styr {}\nRun 'styr {} --help' for the options.\n", command->usage, command->name);
    return ExitStatus::usage;
  }
  if (parsed->has("help")) {
    fmt::print("{}", command_help(*command));
    return ExitStatus::success;
  }
  return command->run(ctx, *parsed);
}

}  // namespace styr::cli
