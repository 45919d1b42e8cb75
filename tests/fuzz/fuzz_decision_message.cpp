// Fuzz target: the message of a decision tag (title, trailers, signature block). Beyond not
// crashing, the parser must list each id once, never an empty one, and never more than
// k_max_listed_ids; the signature it splits off must be the end of the message.
#include "expect.hpp"
#include "styr/decision_message.hpp"

#include <cstdint>
#include <set>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using styr::fuzz::expect;
  const std::string_view message(reinterpret_cast<const char*>(data), size);
  const styr::DecisionMessage parsed = styr::parse_decision_message(message);

  expect(parsed.ids.size() <= styr::k_max_listed_ids, "at most k_max_listed_ids ids");
  const std::set<std::string> unique(parsed.ids.begin(), parsed.ids.end());
  expect(unique.size() == parsed.ids.size(), "each id once");
  for (const std::string& id : parsed.ids) {
    expect(!id.empty() && id.find_first_of(",\n") == std::string::npos, "ids are non-empty and split at commas");
  }
  expect(message.ends_with(parsed.signature), "the signature is the end of the message");
  // It starts at the last line that starts with a BEGIN marker, found here line by line.
  std::size_t last_begin = message.size();
  for (std::size_t line = 0; line < message.size(); line = message.find('\n', line) + 1) {
    for (const std::string_view marker : {"-----BEGIN SSH SIGNATURE-----", "-----BEGIN PGP SIGNATURE-----",
                                          "-----BEGIN SIGNED MESSAGE-----"}) {
      if (message.substr(line).starts_with(marker)) {
        last_begin = line;
      }
    }
    if (message.find('\n', line) == std::string_view::npos) {
      break;
    }
  }
  expect(parsed.signature.size() == message.size() - last_begin, "the signature starts at the last BEGIN line");
  expect(parsed.title.find('\n') == std::string::npos, "the title is one line");

  // What styr approve writes reads back as the same decision (unless the title itself
  // starts like a signature block, which then takes the whole message).
  if (!parsed.title.empty() && !parsed.reference.empty() && !parsed.title.starts_with("-----BEGIN ")) {
    const styr::DecisionMessage again = styr::parse_decision_message(
      styr::compose_decision_message(parsed.title, parsed.reference, parsed.case_number, parsed.ids));
    expect(again.title == parsed.title, "a composed message keeps its title");
    expect(again.ids == parsed.ids, "a composed message keeps its ids");
  }
  return 0;
}
