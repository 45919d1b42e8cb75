#include "styr/decision_message.hpp"

#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace styr {

namespace {

constexpr std::string_view k_signature_starts[] = {"-----BEGIN SSH SIGNATURE-----", "-----BEGIN PGP SIGNATURE-----",
                                                   "-----BEGIN SIGNED MESSAGE-----"};

bool key_is(std::string_view key, std::initializer_list<std::string_view> names)
{
  const std::string folded = text::fold_case(key);
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return folded == n; });
}

std::string twice(std::string_view id) { return fmt::format("lists {} more than once", id); }

// The lines of a message after its title, less the trailers: the reasons and conditions of
// a decision ("Policyn gäller från och med dagen efter beslutet."). The last paragraph is
// prose too when none of its lines is a trailer; a Beslut or Diarienummer line is left out
// wherever it is, since it is shown as such. Lines keep their breaks, paragraphs one blank
// line between them.
std::string prose(std::vector<std::string_view>::const_iterator begin,
                  std::vector<std::string_view>::const_iterator trailers,
                  std::vector<std::string_view>::const_iterator end)
{
  const auto trailer_of = [](std::string_view line, std::initializer_list<std::string_view> keys) {
    const std::size_t colon = line.find(':');
    return colon != std::string_view::npos && colon > 0 && key_is(text::trim(line.substr(0, colon)), keys);
  };
  const auto is_trailer = [&](std::string_view line) {
    return trailer_of(line, {"beslut", "decision", "diarienummer", "dnr", "case", "case-number", "fastställer",
                             "approves"});
  };
  if (std::none_of(trailers, end, is_trailer)) {
    trailers = end;
  }
  std::string out;
  bool blank = false;
  for (auto it = begin; it != trailers; ++it) {
    if (it->empty() || trailer_of(*it, {"beslut", "decision", "diarienummer", "dnr", "case", "case-number"})) {
      blank = blank || (it->empty() && !out.empty());
      continue;
    }
    out += out.empty() ? "" : blank ? "\n\n" : "\n";
    out += *it;
    blank = false;
  }
  return out;
}

}  // namespace

DecisionMessage parse_decision_message(std::string_view message)
{
  DecisionMessage result;
  // The signature block starts at the last BEGIN line (git appends it at the end); a BEGIN
  // marker inside a line does not hide one that starts a line before it.
  std::size_t cut = std::string_view::npos;
  for (const std::string_view start : k_signature_starts) {
    for (std::size_t at = message.rfind(start); at != std::string_view::npos;
         at = at == 0 ? std::string_view::npos : message.rfind(start, at - 1)) {
      if (at == 0 || message[at - 1] == '\n') {
        if (cut == std::string_view::npos || at > cut) {
          cut = at;
        }
        break;
      }
    }
  }
  if (cut != std::string_view::npos) {
    result.signature = std::string(message.substr(cut));
    message = message.substr(0, cut);
  }

  std::vector<std::string_view> lines;
  for (std::string_view rest = message; !rest.empty();) {
    const std::size_t end = rest.find('\n');
    lines.push_back(text::trim(rest.substr(0, end)));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  const auto title = std::find_if(lines.begin(), lines.end(), [](std::string_view l) { return !l.empty(); });
  if (title == lines.end()) {
    return result;
  }
  result.title = std::string(*title);
  // What a decision approves is listed in its last paragraph, where git has trailers: a
  // line of the prose that starts like one ("Fastställer: IS-RL-005 som bordlades.") is
  // read by people as prose. Beslut and Diarienummer describe it, and count anywhere.
  auto last = std::find_if(lines.rbegin(), lines.rend(), [](std::string_view l) { return !l.empty(); }).base();
  auto trailers = std::find_if(std::make_reverse_iterator(last), std::make_reverse_iterator(title + 1),
                               [](std::string_view l) { return l.empty(); })
                    .base();

  std::unordered_set<std::string> seen;
  bool prose_trailer = false;
  for (auto it = title + 1; it != last; ++it) {
    const std::string_view line = *it;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      continue;
    }
    const std::string_view key = text::trim(line.substr(0, colon));
    const std::string_view value = text::trim(line.substr(colon + 1));
    if (it < trailers && key_is(key, {"fastställer", "approves"})) {
      if (!prose_trailer) {
        prose_trailer = true;  // said once, however many there are
        result.problems.push_back(fmt::format("has a line \"{}:\" in its text, not among the trailers of its last "
                                              "paragraph; it approves nothing", key));
      }
      continue;
    }
    if (key_is(key, {"beslut", "decision"})) {
      result.reference = std::string(value);
    } else if (key_is(key, {"diarienummer", "dnr", "case", "case-number"})) {
      result.case_number = std::string(value);
    } else if (key_is(key, {"fastställer", "approves"})) {
      std::string_view rest = value;
      while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view id = text::trim(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (id.empty()) {
          continue;
        }
        if (result.ids.size() >= k_max_listed_ids) {
          result.problems.push_back(fmt::format("lists more than {} documents; the rest are ignored", k_max_listed_ids));
          return result;
        }
        if (seen.insert(std::string(id)).second) {
          result.ids.emplace_back(id);
        } else if (std::find(result.problems.begin(), result.problems.end(), twice(id)) == result.problems.end()) {
          result.problems.push_back(twice(id));  // approved once all the same
        }
      }
    }
  }
  result.text = prose(title + 1, trailers, last);
  if (!result.ids.empty() && result.reference.empty()) {
    result.problems.push_back("has no Beslut: line naming the decision (e.g. \"Beslut: KS 2026-03-15 § 45\"), "
                              "so the decision log cannot say which decision it is");
  }
  return result;
}

std::string compose_decision_message(std::string_view title, std::string_view reference,
                                     std::string_view case_number, const std::vector<std::string>& ids)
{
  std::string out = fmt::format("{}\n\nBeslut: {}\n", title, reference);
  if (!case_number.empty()) {
    out += fmt::format("Diarienummer: {}\n", case_number);
  }
  for (const std::string& id : ids) {
    out += fmt::format("Fastställer: {}\n", id);
  }
  return out;
}

}  // namespace styr
