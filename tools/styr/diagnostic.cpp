#include "styr/diagnostic.hpp"

#include "styr/rules.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace styr {

std::string_view to_string(Severity severity)
{
  return severity == Severity::error ? "error" : "warning";
}

Diagnostic make_diagnostic(std::string path, Position position, std::string_view rule,
                           std::string message, std::string hint)
{
  const Rule* known = find_rule(rule);
  return Diagnostic{std::move(path), position, known ? known->severity : Severity::error,
                    std::string(rule), std::move(message), std::move(hint)};
}

void sort_diagnostics(Diagnostics& diagnostics)
{
  const auto key = [](const Diagnostic& d) {
    return std::tie(d.path, d.position, d.rule, d.message, d.hint);
  };
  std::sort(diagnostics.begin(), diagnostics.end(),
            [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [&](const Diagnostic& a, const Diagnostic& b) {
                                  return key(a) == key(b) && a.severity == b.severity;
                                }),
                    diagnostics.end());
}

bool has_errors(const Diagnostics& diagnostics)
{
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string full_message(const Diagnostic& diagnostic)
{
  return diagnostic.hint.empty() ? diagnostic.message : diagnostic.message + "; " + diagnostic.hint;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
  const std::string folded = text::fold_case(word);
  const std::string* best = nullptr;
  std::size_t best_distance = 0;
  for (const std::string& c : candidates) {
    const std::size_t d = text::edit_distance(folded, text::fold_case(c));
    if (best == nullptr || d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  if (best != nullptr && best_distance <= std::max<std::size_t>(2, text::length(*best) / 4)) {
    return fmt::format("did you mean \"{}\"?", *best);
  }
  return {};
}

}  // namespace styr
