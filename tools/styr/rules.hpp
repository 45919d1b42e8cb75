// The catalogue of check rules: stable ids, default severities and one-line descriptions.
// `styr check --list-rules`, SARIF output and the severity settings in styr.toml use it.
#pragma once

#include "styr/diagnostic.hpp"

#include <span>
#include <string_view>

namespace styr {

struct Rule
{
  std::string_view id;
  Severity severity;
  std::string_view summary;  // what the rule finds, one line
  std::string_view help;     // how to fix it
};

std::span<const Rule> all_rules();

const Rule* find_rule(std::string_view id);

}  // namespace styr
