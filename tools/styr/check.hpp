// `styr check`: the common structure made executable. Every rule in rules.hpp that looks
// at the documents themselves lives here; ledger rules live with the ledger.
#pragma once

#include "styr/config.hpp"
#include "styr/diagnostic.hpp"
#include "styr/document_set.hpp"
#include "styr/schema.hpp"
#include "styr/source.hpp"

#include <chrono>

namespace styr {

struct CheckInput
{
  const DocumentSet& documents;
  const Schema& schema;
  const Config& config;
  const DocumentSource& source;  // to resolve links to files that are not documents
  std::chrono::year_month_day today;
};

// All findings: loading problems and rule violations, with the configured severities,
// sorted by path and position.
Diagnostics check_documents(const CheckInput& input);

std::chrono::year_month_day today();

}  // namespace styr
