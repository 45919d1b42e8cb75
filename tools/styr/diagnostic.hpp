// A finding about a file: where, how bad, which rule, and what to do about it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace styr {

enum class Severity { error, warning };

std::string_view to_string(Severity severity);

// 1-based line and column (in characters); 0 means "the whole file".
struct Position
{
  int line = 0;
  int column = 0;

  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

struct Diagnostic
{
  std::string path;  // relative to the repository root
  Position position;
  Severity severity = Severity::error;
  std::string rule;  // stable kebab-case id, see rules.hpp
  std::string message;
  std::string hint;  // optional, e.g. `did you mean "Omfattning"?`
};

using Diagnostics = std::vector<Diagnostic>;

// Creates a diagnostic with the rule's default severity.
Diagnostic make_diagnostic(std::string path, Position position, std::string_view rule,
                           std::string message, std::string hint = {});

// Sorts by path, position, rule and message, and removes exact duplicates.
void sort_diagnostics(Diagnostics& diagnostics);

bool has_errors(const Diagnostics& diagnostics);

// The message with its hint, on one line: `… is missing; did you mean "Omfattning"?`.
std::string full_message(const Diagnostic& diagnostic);

// `did you mean "Omfattning"?` for the candidate closest to `word` (case aside), or empty
// when none is close enough to be a slip of the keyboard.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace styr
