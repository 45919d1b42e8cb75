#include "styr/stemmer.hpp"

#include "styr/text.hpp"

#include <algorithm>
#include <array>

namespace styr {

namespace {

// The algorithm, in the words of its Snowball source (swedish.sbl):
//   R1 starts after the first non-vowel that follows a vowel, but at least 3 letters in.
//   Step 1 (main_suffix): remove the longest of a list of endings found in R1; "s" only after
//     a valid s-ending, "et"/"ets" only where et_condition allows it.
//   Step 2 (consonant_pair): if the word ends in dd gd nn dt gt kt tt inside R1, drop the last letter.
//   Step 3 (other_suffix): remove lig ig els, turn öst into ös after a valid öst-ending, and
//     fullt into full, again the longest found in R1.
// The word is handled as code points, as Snowball does in UTF-8 mode; the JavaScript copy
// works on code points too, so both count "å" as one letter.

constexpr std::u32string_view k_vowels = U"aeiouy\u00e4\u00e5\u00f6";  // … ä å ö
constexpr std::u32string_view k_s_endings = U"bcdfghjklmnoprtvy";
constexpr std::u32string_view k_ost_endings = U"iklnprtuv";

constexpr std::array<std::u32string_view, 38> k_main_suffixes = {
  U"a",      U"arna",  U"erna",  U"heterna", U"orna",   U"ad",    U"e",      U"ade",
  U"ande",   U"arne",  U"are",   U"aste",    U"en",     U"anden", U"aren",   U"heten",
  U"ern",    U"ar",    U"er",    U"heter",   U"or",     U"as",    U"arnas",  U"ernas",
  U"ornas",  U"es",    U"ades",  U"andes",   U"ens",    U"arens", U"hetens", U"erns",
  U"at",     U"andet", U"het",   U"ast",     U"s",      U"et",
};

// Words where "et" belongs to the stem (frihet, societet, kontinuitet, alfabet, komet, paket …).
constexpr std::array<std::u32string_view, 21> k_et_exceptions = {
  U"h",   U"iet", U"uit", U"fab", U"cit", U"dit", U"alit", U"ilit", U"mit", U"nit", U"pit",
  U"rit", U"sit", U"tit", U"ivit", U"kvit", U"xit", U"kom", U"rak", U"pak", U"stak",
};

constexpr std::array<std::u32string_view, 7> k_consonant_pairs = {
  U"dd", U"gd", U"nn", U"dt", U"gt", U"kt", U"tt",
};

constexpr std::array<std::u32string_view, 5> k_other_suffixes = {
  U"lig", U"ig", U"els", U"\u00f6st", U"fullt",  // … öst …
};

bool is_vowel(char32_t c)
{
  return k_vowels.find(c) != std::u32string_view::npos;
}

std::size_t r1_start(std::u32string_view word)
{
  if (word.size() < 3) {
    return word.size();
  }
  const auto vowel = std::find_if(word.begin(), word.end(), is_vowel);
  const auto non_vowel = std::find_if_not(vowel, word.end(), is_vowel);
  if (non_vowel == word.end()) {
    return word.size();
  }
  return std::max<std::size_t>(3, static_cast<std::size_t>(non_vowel - word.begin()) + 1);
}

// The longest of `suffixes` that ends the word and lies inside R1; empty when none does.
template <std::size_t N>
std::u32string_view longest_suffix_in_r1(std::u32string_view word, std::size_t r1,
                                         const std::array<std::u32string_view, N>& suffixes)
{
  std::u32string_view longest;
  for (const std::u32string_view suffix : suffixes) {
    if (suffix.size() > longest.size() && suffix.size() <= word.size() - r1 && word.ends_with(suffix)) {
      longest = suffix;
    }
  }
  return longest;
}

// Snowball's et_condition, for an "et" starting at `at`: a non-vowel and a vowel before it,
// something before those, and not one of the exceptions.
bool removable_et(std::u32string_view word, std::size_t at)
{
  if (at < 3 || is_vowel(word[at - 1]) || !is_vowel(word[at - 2])) {
    return false;
  }
  const std::u32string_view before = word.substr(0, at);
  return std::none_of(k_et_exceptions.begin(), k_et_exceptions.end(),
                      [&](std::u32string_view exception) { return before.ends_with(exception); });
}

void remove_main_suffix(std::u32string& word, std::size_t r1)
{
  const std::u32string_view suffix = longest_suffix_in_r1(word, r1, k_main_suffixes);
  if (suffix.empty()) {
    return;
  }
  const std::size_t start = word.size() - suffix.size();  // at least 3, as R1 is
  if (suffix == U"s") {
    // The "et" of "-ets" may lie before R1; only the "s" has to be inside it.
    if (std::u32string_view(word).substr(start - 2, 2) == U"et" && removable_et(word, start - 2)) {
      word.resize(start - 2);
    } else if (k_s_endings.find(word[start - 1]) != std::u32string_view::npos) {
      word.resize(start);
    }
  } else if (suffix == U"et") {
    if (removable_et(word, start)) {
      word.resize(start);
    }
  } else {
    word.resize(start);
  }
}

void undouble_consonant_pair(std::u32string& word, std::size_t r1)
{
  const std::u32string_view view = word;
  const bool found = word.size() - r1 >= 2 &&
    std::any_of(k_consonant_pairs.begin(), k_consonant_pairs.end(),
                [&](std::u32string_view pair) { return view.ends_with(pair); });
  if (found) {
    word.pop_back();
  }
}

void remove_other_suffix(std::u32string& word, std::size_t r1)
{
  const std::u32string_view suffix = longest_suffix_in_r1(word, r1, k_other_suffixes);
  if (suffix.empty()) {
    return;
  }
  const std::size_t start = word.size() - suffix.size();
  if (suffix == U"\u00f6st") {
    if (k_ost_endings.find(word[start - 1]) != std::u32string_view::npos) {
      word.pop_back();  // öst -> ös
    }
  } else if (suffix == U"fullt") {
    word.pop_back();  // fullt -> full
  } else {
    word.resize(start);
  }
}

// Letters and digits of any script. Characters outside the Basic Multilingual Plane are left
// out, so that JavaScript (which compares UTF-16 units) sorts terms in the same order as C++.
bool is_word_char(char32_t c)
{
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) {
    return false;  // Latin-1 punctuation and signs: no-break space, § « » ° ± × ÷ …
  }
  if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F)) {
    return false;  // general punctuation (dashes, quotes, bullets), symbols, arrows; CJK punctuation
  }
  if ((c >= 0xD800 && c <= 0xF8FF) || (c >= 0xFE00 && c <= 0xFE0F) || c >= 0xFEFF) {
    return false;  // surrogates, private use, variation selectors, BOM, specials, beyond the BMP
  }
  return true;
}

}  // namespace

std::string stem_swedish(std::string_view lower_case_word)
{
  std::u32string word;
  for (std::size_t i = 0; i < lower_case_word.size();) {
    word += text::decode_utf8(lower_case_word, i);
  }
  const std::size_t r1 = r1_start(word);
  remove_main_suffix(word, r1);
  undouble_consonant_pair(word, r1);
  remove_other_suffix(word, r1);

  std::string out;
  for (const char32_t c : word) {
    text::append_utf8(out, c);
  }
  return out;
}

std::string plain_letters(std::string_view lower_case_word)
{
  std::string out;
  for (std::size_t i = 0; i < lower_case_word.size();) {
    const char32_t c = text::decode_utf8(lower_case_word, i);
    switch (c) {
    case U'\u00e5':  // å
    case U'\u00e4':  // ä
      out += 'a';
      break;
    case U'\u00f6':  // ö
      out += 'o';
      break;
    case U'\u00e9':  // é
      out += 'e';
      break;
    case U'\u00fc':  // ü
      out += 'u';
      break;
    default:
      text::append_utf8(out, c);
    }
  }
  return out;
}

namespace {

// The runs of letters and digits in `folded` that have at least `min_letters` of them.
std::vector<std::string_view> cut_words(std::string_view all, std::size_t min_letters)
{
  std::vector<std::string_view> words;
  std::size_t start = 0;
  std::size_t letters = 0;
  const auto finish_word = [&](std::size_t end) {
    if (letters >= min_letters && letters > 0) {
      words.push_back(all.substr(start, end - start));
    }
    letters = 0;
  };
  for (std::size_t i = 0; i < all.size();) {
    const std::size_t at = i;
    const auto c = static_cast<unsigned char>(all[i]);
    bool word_char = false;
    if (c < 0x80) {  // most of any text, told apart without decoding
      word_char = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      ++i;
    } else {
      word_char = is_word_char(text::decode_utf8(all, i));
    }
    if (word_char) {
      if (letters++ == 0) {
        start = at;
      }
    } else {
      finish_word(at);
    }
  }
  finish_word(all.size());
  return words;
}

bool is_letter(char32_t c)
{
  return is_word_char(c) && !(c >= '0' && c <= '9');
}

// `folded` without the hyphen of a single letter joined to a word ("e-post" -> "epost"):
// alone, the letter would be dropped and the word found by any text that has it ("post").
void join_letter_prefixes(std::string& folded)
{
  if (folded.find('-') == std::string::npos) {
    return;
  }
  std::string out;
  out.reserve(folded.size());
  std::size_t run = 0;            // word characters since the last other one
  bool run_is_letter = false;     // the first of them is a letter
  for (std::size_t i = 0; i < folded.size();) {
    const std::size_t at = i;
    const char32_t c = text::decode_utf8(folded, i);
    if (c == '-' && run == 1 && run_is_letter && i < folded.size()) {
      std::size_t next = i;
      if (is_letter(text::decode_utf8(folded, next))) {
        continue;  // the hyphen is left out; the word goes on
      }
    }
    if (is_word_char(c)) {
      run_is_letter = run == 0 ? is_letter(c) : run_is_letter;
      ++run;
    } else {
      run = 0;
    }
    out.append(folded, at, i - at);
  }
  folded = std::move(out);
}

}  // namespace

std::vector<std::string_view> search_words(std::string_view text, std::string& folded)
{
  folded = text::fold_case(text);
  join_letter_prefixes(folded);
  return cut_words(folded, 2);
}

std::string search_id(std::string_view id)
{
  const std::string folded = text::fold_case(id);
  std::string out;
  for (std::string_view part : cut_words(folded, 1)) {
    if (std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      part.remove_prefix(std::min(part.find_first_not_of('0'), part.size() - 1));
    }
    out += out.empty() ? "" : "-";
    out += part;
  }
  return out;
}

std::vector<std::string> search_words(std::string_view text)
{
  std::string folded;
  const std::vector<std::string_view> views = search_words(text, folded);
  return {views.begin(), views.end()};
}

}  // namespace styr
