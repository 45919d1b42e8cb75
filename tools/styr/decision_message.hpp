// The message of a decision tag: a title line, prose, and trailers (PRODUCT.md §5):
//
//   Kommunstyrelsen fastställer riktlinjer för säkerhetskopiering och loggning.
//
//   Beslut: KS 2026-03-15 § 45
//   Diarienummer: KS 2026/123
//   Fastställer: IS-RL-004, IS-RL-007
//
// A signature block (SSH or OpenPGP) that git appends is split off.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace styr {

// More listed ids than this in one decision are refused rather than processed.
inline constexpr std::size_t k_max_listed_ids = 10000;

struct DecisionMessage
{
  std::string title;
  std::string text;         // the prose between the title and the trailers; paragraphs split by "\n\n"
  std::string reference;    // Beslut: (Decision:)
  std::string case_number;  // Diarienummer: (Case:)
  std::vector<std::string> ids;  // Fastställer: (Approves:), in order, without duplicates
  std::string signature;    // the signature block, if any
  std::vector<std::string> problems;
};

DecisionMessage parse_decision_message(std::string_view message);

// Composes a message with the trailers, for `styr approve`.
std::string compose_decision_message(std::string_view title, std::string_view reference,
                                     std::string_view case_number, const std::vector<std::string>& ids);

}  // namespace styr
