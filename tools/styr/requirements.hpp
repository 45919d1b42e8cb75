// Requirement rows (ID | Krav | Nivå) in the tables of a document: the material of the
// procurement requirement catalogue (PRODUCT.md §7).
#pragma once

#include "styr/document.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

struct Requirement
{
  std::string id;
  std::string text;
  std::string level;  // "ska" or "bör" when valid
  Position position;  // of the row
};

// Where a requirement table has its columns: a table is one when its header names ID, Krav
// and Nivå (in any case and order, beside other columns, which are not read).
struct RequirementColumns
{
  std::size_t id = 0;
  std::size_t text = 1;
  std::size_t level = 2;
};
std::optional<RequirementColumns> requirement_columns(const Table& table);

// The id of a requirement's row on its document's page, by which the catalogue links to it:
// "krav-bkp-03" for BKP-03. Empty for an id that gives no anchor.
std::string requirement_anchor(std::string_view id);

// What makes two requirement ids one: the address they give, else the id as written. "BKP 03"
// and "bkp-03" are one id, since a link could not tell their rows apart.
std::string requirement_key(std::string_view id);

std::vector<Requirement> extract_requirements(const Document& document);

// The id of every requirement row as written (empty where a row has none), in the order of
// the text: what extract_requirements() gives as ids, without copying the rest.
std::vector<std::string_view> requirement_ids(const Document& document);

}  // namespace styr
