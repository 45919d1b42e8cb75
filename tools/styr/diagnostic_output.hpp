// Diagnostics as machine-readable documents: a JSON array and SARIF 2.1.0.
#pragma once

#include "styr/diagnostic.hpp"

#include <string>

namespace styr {

// [{"path","line","column","severity","rule","message"}, …]
std::string diagnostics_json(const Diagnostics& diagnostics);

// SARIF 2.1.0 with every rule, repository-relative locations and partial fingerprints,
// as GitHub code scanning accepts it.
std::string diagnostics_sarif(const Diagnostics& diagnostics);

}  // namespace styr
