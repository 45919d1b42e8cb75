#include "styr/check.hpp"

#include "styr/iso27002.hpp"
#include "styr/ledger.hpp"
#include "styr/page_anchors.hpp"
#include "styr/parallel.hpp"
#include "styr/requirements.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

namespace styr {

namespace {

// "a riktlinje", "an instruktion": the indefinite article for a type name in a message.
std::string a_type(std::string_view name)
{
  const bool vowel = !name.empty() && std::string_view("aeiouAEIOU").find(name.front()) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", name);
}

// Values longer than this are not matched against patterns (std::regex recurses).
constexpr std::size_t k_max_pattern_input = 1000;

std::string quoted_list(const std::vector<std::string>& values)
{
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += i == 0 ? "" : i + 1 == values.size() ? " or " : ", ";
    out += fmt::format("\"{}\"", values[i]);
  }
  return out;
}

bool has_scheme(std::string_view url)
{
  const auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return false;
  }
  return std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  });
}

bool safe_scheme(std::string_view url)
{
  const std::string lower = text::fold_case(url.substr(0, url.find(':')));
  return lower == "http" || lower == "https" || lower == "mailto" || lower == "tel";
}

// A reference from one document to another by id, found while checking fields.
struct Reference
{
  std::string field;  // "parent", "related" …
  std::string id;
  Position position;
};

// Checks one document's own content: everything that needs no other document.
class DocumentChecker
{
public:
  DocumentChecker(const CheckInput& input, const Document& doc, Diagnostics& out)
      : m_in(input), m_doc(doc), m_out(out)
  {
  }

  std::vector<Reference> run()
  {
    if (!m_doc.front_matter) {
      check_body(nullptr);
      return {};
    }
    const toml::table& fm = *m_doc.front_matter;
    const DocumentType* type = check_type(fm);
    check_fields(fm, type);
    if (type != nullptr) {
      check_type_rules(fm, *type);
    }
    check_body(type);
    return std::move(m_references);
  }

private:
  void report(Position pos, std::string_view rule, std::string message, std::string hint = {})
  {
    m_out.push_back(make_diagnostic(m_doc.path, pos, rule, std::move(message), std::move(hint)));
  }

  // Where a missing field would go: the closing +++ line.
  Position end_of_front_matter() const { return Position{std::max(1, m_doc.body_line - 1), 1}; }

  const DocumentType* check_type(const toml::table& fm)
  {
    const toml::node* node = fm.get("type");
    if (node == nullptr || !node->is_string()) {
      return nullptr;  // reported as a missing field or a wrong type
    }
    const std::string& name = node->as_string()->get();
    const DocumentType* type = m_in.schema.find_type(name);
    if (type == nullptr) {
      std::vector<std::string> names;
      for (const std::string_view n : m_in.schema.type_names()) {
        names.emplace_back(n);
      }
      report(position_of(node->source()), "unknown-type",
             fmt::format("type \"{}\" is not a document type; the types are {}", name, quoted_list(names)),
             did_you_mean(name, names));
    }
    return type;
  }

  void check_fields(const toml::table& fm, const DocumentType* type)
  {
    std::vector<std::string> known;
    for (const FieldSpec& f : m_in.schema.fields) {
      known.push_back(f.name);
    }
    if (type != nullptr) {
      for (const FieldSpec& f : type->fields) {
        known.push_back(f.name);
      }
    }
    for (const auto& [key, value] : fm) {
      const FieldSpec* spec = m_in.schema.find_field(type, key.str());
      if (spec == nullptr) {
        report(position_of(key.source()), "unknown-field", fmt::format("unknown field \"{}\"", key.str()),
               did_you_mean(key.str(), known));
        continue;
      }
      if (key.str() == "decided_by" && type != nullptr && !type->decision) {
        report(position_of(key.source()), "decided-by",
               fmt::format("{} is published without a decision; remove decided_by", a_type(type->name)));
        continue;
      }
      check_value(*spec, value, std::string(key.str()));
    }
    const auto require = [&](const FieldSpec& f) {
      bool required = f.required;
      if (f.name == "decided_by" && type != nullptr && !type->decision) {
        required = false;
      }
      if (f.name == "parent" && type != nullptr && !type->parents.empty()) {
        required = true;
      }
      if (required && !fm.contains(f.name)) {
        std::string message = fmt::format("required field \"{}\" is missing", f.name);
        if (f.name == "parent" && type != nullptr) {
          message += fmt::format(" ({} has a parent of type {})", a_type(type->name), quoted_list(type->parents));
        }
        report(end_of_front_matter(), "missing-field", std::move(message));
      }
    };
    for (const FieldSpec& f : m_in.schema.fields) {
      if (type == nullptr || std::none_of(type->fields.begin(), type->fields.end(),
                                          [&](const FieldSpec& t) { return t.name == f.name; })) {
        require(f);
      }
    }
    if (type != nullptr) {
      for (const FieldSpec& f : type->fields) {
        require(f);
      }
    }
  }

  void check_value(const FieldSpec& spec, const toml::node& value, const std::string& name)
  {
    const Position pos = position_of(value.source());
    switch (spec.kind) {
      case FieldKind::array: {
        const toml::array* array = value.as_array();
        if (array == nullptr) {
          report(pos, "field-type", fmt::format("{} must be an array, e.g. {} = [\"…\"]", name, name));
          return;
        }
        if (array->size() < spec.min_items) {
          report(pos, "field-value", fmt::format("{} must have at least {} item{}", name, spec.min_items,
                                                 spec.min_items == 1 ? "" : "s"));
        }
        for (std::size_t i = 0; i < array->size(); ++i) {
          check_scalar(spec, spec.items, *array->get(i), fmt::format("{}[{}]", name, i));
        }
        return;
      }
      case FieldKind::tables: {
        const toml::array* array = value.as_array();
        if (array == nullptr || !array->is_array_of_tables()) {
          report(pos, "field-type", fmt::format("{} must be a list of tables, written [[{}]]", name, name));
          return;
        }
        if (array->size() < spec.min_items) {
          report(pos, "field-value", fmt::format("{} must have at least {} item{}", name, spec.min_items,
                                                 spec.min_items == 1 ? "" : "s"));
        }
        for (std::size_t i = 0; i < array->size(); ++i) {
          check_table(spec, *array->get(i)->as_table(), fmt::format("{}[{}]", name, i));
        }
        return;
      }
      default:
        check_scalar(spec, spec.kind, value, name);
    }
  }

  void check_table(const FieldSpec& spec, const toml::table& table, const std::string& name)
  {
    std::vector<std::string> known;
    for (const FieldSpec& f : spec.fields) {
      known.push_back(f.name);
    }
    for (const auto& [key, value] : table) {
      // Captured by name: clang before 16 cannot capture a structured binding.
      const auto it = std::find_if(spec.fields.begin(), spec.fields.end(),
                                   [&key = key](const FieldSpec& f) { return f.name == key.str(); });
      if (it == spec.fields.end()) {
        report(position_of(key.source()), "unknown-field",
               fmt::format("unknown field \"{}\" in {}", key.str(), name), did_you_mean(key.str(), known));
        continue;
      }
      check_value(*it, value, fmt::format("{}.{}", name, key.str()));
    }
    for (const FieldSpec& f : spec.fields) {
      if (f.required && !table.contains(f.name)) {
        report(position_of(table.source()), "missing-field",
               fmt::format("required field \"{}\" is missing in {}", f.name, name));
      }
    }
  }

  void check_scalar(const FieldSpec& spec, FieldKind kind, const toml::node& value, const std::string& name)
  {
    const Position pos = position_of(value.source());
    switch (kind) {
      case FieldKind::integer: {
        const auto* i = value.as_integer();
        if (i == nullptr) {
          report(pos, "field-type", fmt::format("{} must be an integer", name));
          return;
        }
        if ((spec.min && i->get() < *spec.min) || (spec.max && i->get() > *spec.max)) {
          report(pos, "field-value", spec.min && spec.max
                   ? fmt::format("{} must be between {} and {}", name, *spec.min, *spec.max)
                   : spec.min ? fmt::format("{} must be at least {}", name, *spec.min)
                              : fmt::format("{} must be at most {}", name, *spec.max));
        }
        return;
      }
      case FieldKind::boolean:
        if (!value.is_boolean()) {
          report(pos, "field-type", fmt::format("{} must be true or false", name));
        }
        return;
      case FieldKind::date:
        if (!value.is_date()) {
          report(pos, "field-type", fmt::format("{} must be a date written without quotes, e.g. 2027-03-31", name));
        }
        return;
      case FieldKind::array:
      case FieldKind::tables:
        report(pos, "field-type", fmt::format("{} cannot be nested", name));
        return;
      default:
        break;
    }
    const auto* s = value.as_string();
    if (s == nullptr) {
      report(pos, "field-type", fmt::format("{} must be a string", name));
      return;
    }
    const std::string& v = s->get();
    if (!spec.allowed.empty() && std::find(spec.allowed.begin(), spec.allowed.end(), v) == spec.allowed.end()) {
      report(pos, "field-value", fmt::format("{} is \"{}\"; it must be {}", name, v, quoted_list(spec.allowed)),
             did_you_mean(v, spec.allowed));
      return;
    }
    if (spec.pattern_regex &&
        (v.size() > k_max_pattern_input || !std::regex_match(v, *spec.pattern_regex))) {
      report(pos, "field-value", fmt::format("{} \"{}\" does not match the pattern {}", name, v, spec.pattern));
      return;
    }
    if (kind == FieldKind::string && text::trim(v).empty() && spec.required) {
      report(pos, "field-value", fmt::format("{} must not be empty", name));
    }
    switch (kind) {
      case FieldKind::role:
        if (std::find(m_in.config.roles.begin(), m_in.config.roles.end(), v) == m_in.config.roles.end()) {
          report(pos, "unknown-role",
                 fmt::format("{} \"{}\" is not a role in styr.toml ([organisation] roles); owners are roles, "
                             "not persons", name, v),
                 did_you_mean(v, m_in.config.roles));
        }
        break;
      case FieldKind::iso27002:
        if (find_iso27002_control(v) == nullptr) {
          std::string hint;
          if (std::count(v.begin(), v.end(), '.') >= 2) {
            hint = "ISO/IEC 27002:2013 numbering? Use the 2022 control id, e.g. \"8.13\"";
          }
          report(pos, "field-value",
                 fmt::format("{} \"{}\" is not an ISO/IEC 27002:2022 control (5.1–5.37, 6.1–6.8, 7.1–7.14, 8.1–8.34)",
                             name, v), std::move(hint));
        }
        break;
      case FieldKind::id:
        m_references.push_back(Reference{name.substr(0, name.find('[')), v, pos});
        break;
      default:
        break;
    }
  }

  void check_type_rules(const toml::table& fm, const DocumentType& type)
  {
    if (const auto* id = fm.get_as<std::string>("id"); id != nullptr && type.id_regex) {
      const std::string& v = id->get();
      if (v.size() > k_max_pattern_input || !std::regex_match(v, *type.id_regex)) {
        report(position_of(id->source()), "id-format",
               fmt::format("id \"{}\" does not match the {} id pattern {}", v, type.name, type.id_pattern));
      }
    }
    if (const auto* body = fm.get_as<std::string>("decided_by"); body != nullptr && type.decision) {
      const std::string& v = body->get();
      if (std::find(type.decided_by.begin(), type.decided_by.end(), v) == type.decided_by.end()) {
        report(position_of(body->source()), "decided-by",
               fmt::format("{} cannot be decided by \"{}\"; it is decided by {}", a_type(type.name), v,
                           quoted_list(type.decided_by)),
               did_you_mean(v, type.decided_by));
      }
    }
    if (const auto* months = fm.get_as<int64_t>("review_interval_months");
        months != nullptr && type.max_review_months > 0 && months->get() > type.max_review_months) {
      report(position_of(months->source()), "review-interval",
             fmt::format("review_interval_months is {}; {} is reviewed at least every {} months", months->get(),
                         a_type(type.name), type.max_review_months));
    }
    if (fm.contains("parent") && type.parents.empty()) {
      report(position_of(fm.get("parent")->source()), "parent-type",
             fmt::format("{} is at the top of the hierarchy and has no parent", a_type(type.name)));
    }
  }

  void check_body(const DocumentType* type)
  {
    check_headings();
    // A body that could not be parsed has no outline to check (the reason is reported).
    const bool unreadable = std::any_of(m_doc.problems.begin(), m_doc.problems.end(),
                                        [](const Diagnostic& d) { return d.rule == "file-unreadable"; });
    if (type != nullptr && !unreadable) {
      check_sections(*type);
    }
    check_requirement_rows();
  }

  void check_headings()
  {
    int previous = 1;  // the title stands for the H1
    const Heading* h1 = nullptr;
    for (const Heading& h : m_doc.headings) {
      if (h.level > previous + 1) {
        report(h.position, "heading-level-skip",
               fmt::format("heading level {} follows level {}; use level {}", h.level, previous, previous + 1));
      }
      previous = h.level;
      if (h.level == 1 && h1 == nullptr) {
        h1 = &h;
      }
    }
    const std::string_view title = m_doc.title();
    if (h1 != nullptr && !title.empty() &&
        text::trim(text::canonical(h1->text)) != text::trim(text::canonical(title))) {
      report(h1->position, "title-mismatch",
             fmt::format("the heading \"{}\" differs from the title \"{}\"", h1->text, title));
    }
  }

  // The fewest sections that are out of order: those outside the longest run of required
  // sections already in order (the earliest such run, so that of two swapped sections the
  // later one is reported), each with a neighbour it belongs next to.
  void report_section_order(const DocumentType& type, const std::vector<const Heading*>& sections,
                            const std::vector<int>& which)
  {
    std::vector<std::size_t> placed;  // indices of required sections, in document order
    for (std::size_t i = 0; i < sections.size(); ++i) {
      if (which[i] >= 0) {
        placed.push_back(i);
      }
    }
    const std::size_t n = placed.size();
    std::vector<std::size_t> run(n, 1);  // the longest ordered run starting at each
    for (std::size_t a = n; a-- > 0;) {
      for (std::size_t b = a + 1; b < n; ++b) {
        if (which[placed[b]] > which[placed[a]]) {
          run[a] = std::max(run[a], run[b] + 1);
        }
      }
    }
    std::vector<bool> in_order(sections.size(), false);
    std::size_t want = n == 0 ? 0 : *std::max_element(run.begin(), run.end());
    int last = -1;
    for (std::size_t a = 0; a < n && want > 0; ++a) {
      if (run[a] == want && which[placed[a]] > last) {
        in_order[placed[a]] = true;
        last = which[placed[a]];
        --want;
      }
    }
    const auto name = [&](std::size_t i) { return type.required_sections[static_cast<std::size_t>(which[i])]; };
    for (const std::size_t i : placed) {
      if (in_order[i]) {
        continue;
      }
      // The first ordered section that should follow it, if it comes earlier in the text;
      // else the last ordered section that should precede it.
      const Heading* before = nullptr;
      const Heading* after = nullptr;
      for (const std::size_t j : placed) {
        if (in_order[j] && which[j] > which[i] && j < i && before == nullptr) {
          before = sections[j];
        }
        if (in_order[j] && which[j] < which[i] && j > i) {
          after = sections[j];
        }
      }
      if (before != nullptr) {
        report(sections[i]->position, "section-order",
               fmt::format("section \"{}\" must come before \"{}\"", name(i), before->text));
      } else if (after != nullptr) {
        report(sections[i]->position, "section-order",
               fmt::format("section \"{}\" must come after \"{}\"", name(i), after->text));
      }
    }
  }

  void check_sections(const DocumentType& type)
  {
    const std::vector<std::string>& required = type.required_keys;
    const std::vector<std::string>& optional = type.optional_keys;
    std::vector<const Heading*> sections;
    for (const Heading& h : m_doc.headings) {
      if (h.level == 2) {
        sections.push_back(&h);
      }
    }
    // Which required section each heading is (or -1), in document order.
    std::vector<std::string> names;
    for (const Heading* h : sections) {
      names.push_back(normalize_section(h->text));
    }
    std::vector<int> which(sections.size(), -1);
    std::vector<const Heading*> found(required.size(), nullptr);
    for (std::size_t i = 0; i < sections.size(); ++i) {
      const std::string& name = names[i];
      const auto it = std::find(required.begin(), required.end(), name);
      if (it != required.end() && found[static_cast<std::size_t>(it - required.begin())] == nullptr) {
        which[i] = static_cast<int>(it - required.begin());
        found[static_cast<std::size_t>(which[i])] = sections[i];
      }
    }
    // Headings that are neither required nor optional; a close one may be a misspelt section.
    std::vector<bool> unknown(sections.size(), false);
    for (std::size_t i = 0; i < sections.size(); ++i) {
      const std::string& name = names[i];
      unknown[i] = which[i] < 0 && std::find(optional.begin(), optional.end(), name) == optional.end() &&
                   std::find(required.begin(), required.end(), name) == required.end();
    }
    std::vector<bool> explained(sections.size(), false);
    for (std::size_t r = 0; r < required.size(); ++r) {
      if (found[r] != nullptr) {
        if (!found[r]->has_content) {
          report(found[r]->position, "empty-section",
                 fmt::format("required section \"{}\" has no text", type.required_sections[r]));
        }
        continue;
      }
      if (!report_misspelt_section(type.required_sections[r], sections, unknown, explained)) {
        report(missing_section_position(found, r), "missing-section",
               fmt::format("required section \"{}\" is missing", type.required_sections[r]));
      }
    }
    report_section_order(type, sections, which);
    if (!type.other_sections) {
      std::vector<std::string> allowed = type.required_sections;
      allowed.insert(allowed.end(), type.optional_sections.begin(), type.optional_sections.end());
      for (std::size_t i = 0; i < sections.size(); ++i) {
        if (unknown[i] && !explained[i]) {
          report(sections[i]->position, "unknown-section",
                 fmt::format("\"{}\" is not a section of {}; the sections are {}", sections[i]->text, a_type(type.name),
                             quoted_list(allowed)),
                 did_you_mean(sections[i]->text, allowed));
        }
      }
    }
  }

  // A misspelt heading explains a missing section best: report it there, with a hint.
  bool report_misspelt_section(const std::string& name, const std::vector<const Heading*>& sections,
                               const std::vector<bool>& unknown, std::vector<bool>& explained)
  {
    for (std::size_t i = 0; i < sections.size(); ++i) {
      if (unknown[i] && !explained[i] && !did_you_mean(sections[i]->text, {name}).empty()) {
        explained[i] = true;
        report(sections[i]->position, "missing-section", fmt::format("required section \"{}\" is missing", name),
               fmt::format("did you mean \"{}\" instead of \"{}\"?", name, sections[i]->text));
        return true;
      }
    }
    return false;
  }

  // Where a missing required section belongs: before the next required one that exists.
  Position missing_section_position(const std::vector<const Heading*>& found, std::size_t r) const
  {
    for (std::size_t k = r + 1; k < found.size(); ++k) {
      if (found[k] != nullptr) {
        return found[k]->position;
      }
    }
    const text::LineIndex lines(m_doc.text);
    return Position{std::max(lines.line_count(), 1), 1};
  }

  void check_requirement_rows()
  {
    for (const Requirement& r : extract_requirements(m_doc)) {
      if (r.id.empty() || r.text.empty()) {
        report(r.position, "requirement-row", "a requirement row needs an ID and a Krav text");
      }
      if (r.level != "ska" && r.level != "bör") {
        report(r.position, "requirement-row",
               fmt::format("requirement {} has level \"{}\"; the level is \"ska\" or \"bör\"", r.id, r.level));
      }
    }
  }

  const CheckInput& m_in;
  const Document& m_doc;
  Diagnostics& m_out;
  std::vector<Reference> m_references;
};

// A requirement id as a document uses it.
struct RequirementUse
{
  std::string id;
  Position position;
};

std::vector<RequirementUse> requirement_uses(const Document& doc)
{
  std::vector<RequirementUse> uses;
  for (Requirement& r : extract_requirements(doc)) {
    if (!r.id.empty()) {
      uses.push_back(RequirementUse{std::move(r.id), r.position});
    }
  }
  return uses;
}

// The rules that look beyond one document (ids, references, hierarchy, links, requirement
// ids): what it refers and links to, which every core checks for its own documents, and
// what only the whole set shows.
class RepositoryChecker
{
public:
  explicit RepositoryChecker(const CheckInput& input) : m_in(input) {}

  // Thread-safe.
  void check_document(const Document& doc, const std::vector<Reference>& references, Diagnostics& out) const
  {
    check_references(doc, references, out);
    check_links(doc, out);
  }

  // `requirements`: each document's, in the order of the documents.
  void check_set(const std::vector<std::vector<RequirementUse>>& requirements, Diagnostics& out) const
  {
    check_duplicate_ids(out);
    check_parent_cycles(out);
    check_requirement_ids(requirements, out);
    check_actions(out);
  }

private:
  static void report(Diagnostics& out, const Document& doc, Position pos, std::string_view rule, std::string message,
                     std::string hint = {})
  {
    out.push_back(make_diagnostic(doc.path, pos, rule, std::move(message), std::move(hint)));
  }

  // Every id, for suggestions: made when a reference is first found broken.
  const std::vector<std::string>& all_ids() const
  {
    std::call_once(m_ids_made, [&] {
      for (const Document& d : m_in.documents.documents()) {
        if (!d.id().empty()) {
          m_ids.emplace_back(d.id());
        }
      }
    });
    return m_ids;
  }

  // Every document that shares an id is reported, naming another that has it, so that a
  // check of one file (pre-commit) finds the clash whichever of the two sorts first.
  void check_duplicate_ids(Diagnostics& out) const
  {
    std::unordered_map<std::string_view, std::vector<const Document*>> by_id;
    for (const Document& d : m_in.documents.documents()) {
      if (!d.id().empty()) {
        by_id[d.id()].push_back(&d);
      }
    }
    for (const Document& d : m_in.documents.documents()) {
      if (d.id().empty()) {
        continue;
      }
      const std::vector<const Document*>& sharing = by_id[d.id()];
      if (sharing.size() > 1) {
        const Document* other = sharing.front() != &d ? sharing.front() : sharing[1];
        report(out, d, d.value_position("id"), "duplicate-id",
               fmt::format("id \"{}\" is already used by {}", d.id(), other->path));
      }
    }
  }

  void check_references(const Document& doc, const std::vector<Reference>& refs, Diagnostics& out) const
  {
    const DocumentType* type = m_in.schema.find_type(doc.type());
    for (const Reference& ref : refs) {
      const Document* target = m_in.documents.find_id(ref.id);
      if (target == nullptr) {
        report(out, doc, ref.position, "broken-reference",
               fmt::format("{} \"{}\" is not the id of any document", ref.field, ref.id),
               did_you_mean(ref.id, all_ids()));
        continue;
      }
      if (target == &doc && ref.field == "parent") {
        report(out, doc, ref.position, "parent-cycle", "a document cannot be its own parent");
        continue;
      }
      if (target->retired() && ref.field != "replaces") {
        report(out, doc, ref.position, "retired-reference",
               fmt::format("{} \"{}\" is retired (upphävd); refer to the document that replaces it", ref.field, ref.id));
      }
      if (ref.field == "parent" && type != nullptr && !type->parents.empty()) {
        const std::string parent_type(target->type());
        if (std::find(type->parents.begin(), type->parents.end(), parent_type) == type->parents.end()) {
          report(out, doc, ref.position, "parent-type",
                 fmt::format("the parent {} is {}; {} has a parent of type {}", ref.id,
                             parent_type.empty() ? "a document without a type" : a_type(parent_type), a_type(type->name),
                             quoted_list(type->parents)));
        }
      }
    }
  }

  void check_links(const Document& doc, Diagnostics& out) const
  {
    for (const Link& link : doc.links) {
      std::string_view target = link.destination;
      if (!link.has_text) {
        report(out, doc, link.position, "missing-alt-text",
               link.image ? fmt::format("picture \"{}\" has no description for those who cannot see it", target)
                          : fmt::format("link \"{}\" has no text to say where it leads", target));
      }
      if (target.starts_with('#')) {
        check_fragment(doc, link, doc, target.substr(1), out);
        continue;
      }
      if (target.empty()) {
        continue;
      }
      if (has_scheme(target)) {
        if (!safe_scheme(target)) {
          report(out, doc, link.position, "broken-link",
                 fmt::format("link \"{}\" uses a scheme that is not allowed (use http, https or mailto)", target));
        }
        continue;
      }
      if (target.starts_with("//")) {
        continue;  // protocol-relative web address
      }
      const std::size_t hash = target.find('#');
      const std::string_view fragment = hash == std::string_view::npos ? std::string_view() : target.substr(hash + 1);
      target = target.substr(0, target.find_first_of("#?"));
      const auto resolved = resolve_link(doc.path, target);
      if (!resolved) {
        report(out, doc, link.position, "broken-link",
               fmt::format("link \"{}\" points outside the repository", target));
        continue;
      }
      if (const Document* linked = m_in.documents.find_path(*resolved)) {
        if (linked->retired()) {
          report(out, doc, link.position, "retired-reference",
                 fmt::format("link \"{}\" points to {}, which is retired (upphävd)", target, linked->id()));
        } else {
          check_fragment(doc, link, *linked, fragment, out);
        }
        continue;
      }
      if (!m_in.source.exists(*resolved)) {
        report(out, doc, link.position, "broken-link", fmt::format("link \"{}\" points to {}, which does not exist",
                                                              target, *resolved));
      } else if (m_in.source.is_link(*resolved)) {
        report(out, doc, link.position, "broken-link",
               fmt::format("link \"{}\" points to {}, a symbolic link, which the site does not follow: the site shows "
                           "it as text; link to the file itself",
                           target, *resolved));
      } else if (const auto refused = attachment_refusal(*resolved, m_in.config.documents_dir)) {
        report(out, doc, link.position, "broken-link",
               fmt::format("link \"{}\" points to {}, {}: the site shows it as text", target, *resolved, *refused));
      }
    }
  }

  // A link's #fragment names a heading or a requirement row of the linked document's page.
  static void check_fragment(const Document& doc, const Link& link, const Document& linked, std::string_view fragment,
                             Diagnostics& out)
  {
    const std::string anchor = text::anchor(fragment);
    if (anchor.empty() || lands_on_page(linked, anchor)) {
      return;
    }
    const std::string_view where = &linked == &doc ? "this document" : linked.id().empty() ? linked.path : linked.id();
    report(out, doc, link.position, "broken-fragment",
           fmt::format("link \"{}\": {} has no heading or requirement \"#{}\"", link.destination, where, anchor),
           nearest_anchor_hint(linked, anchor));
  }

  void check_parent_cycles(Diagnostics& out) const
  {
    // Walks up from each document; a chain that returns to a document on the path is a cycle.
    for (const Document& start : m_in.documents.documents()) {
      std::vector<const Document*> path{&start};
      const Document* current = &start;
      while (true) {
        const std::string_view parent = current->string_field("parent");
        const Document* next = parent.empty() ? nullptr : m_in.documents.find_id(parent);
        if (next == nullptr || next == current) {
          break;
        }
        if (next == &start) {
          std::string chain;
          for (const Document* d : path) {
            chain += fmt::format("{} → ", d->id());
          }
          report(out, start, start.value_position("parent"), "parent-cycle",
                 fmt::format("the parent chain returns to this document: {}{}", chain, start.id()));
          break;
        }
        if (std::find(path.begin(), path.end(), next) != path.end() || path.size() > m_in.documents.documents().size()) {
          break;  // a cycle that does not include `start`: reported from its own members
        }
        path.push_back(next);
        current = next;
      }
    }
  }

  // As with document ids, every use of a requirement id after the first in its document
  // is reported, and the first too when another document has it. Ids that give the same
  // address on the site ("BKP 03", "bkp-03": krav-bkp-03) are the same id.
  void check_requirement_ids(const std::vector<std::vector<RequirementUse>>& requirements, Diagnostics& out) const
  {
    struct Use
    {
      const Document* doc;
      std::string_view id;
      Position position;
    };
    std::unordered_map<std::string, std::vector<Use>> uses;
    const auto& docs = m_in.documents.documents();
    for (std::size_t i = 0; i < docs.size(); ++i) {
      for (const RequirementUse& r : requirements[i]) {
        uses[requirement_key(r.id)].push_back(Use{&docs[i], r.id, r.position});
      }
    }
    for (const auto& [key, all] : uses) {
      for (std::size_t i = 0; i < all.size(); ++i) {
        // The earliest other use: an earlier one, else the first in another document.
        const Use* other = i > 0 ? &all.front() : nullptr;
        for (std::size_t j = 1; other == nullptr && j < all.size(); ++j) {
          if (all[j].doc != all[i].doc) {
            other = &all[j];
          }
        }
        if (other != nullptr) {
          report(out, *all[i].doc, all[i].position, "duplicate-requirement",
                 fmt::format("requirement id \"{}\" is already used in {}:{}{}", all[i].id, other->doc->path,
                             other->position.line,
                             other->id == all[i].id ? std::string()
                                                    : fmt::format(" (as \"{}\", the same address on the site)", other->id)));
        }
      }
    }
  }

  void check_actions(Diagnostics& out) const
  {
    for (const Document& d : m_in.documents.documents()) {
      if (!d.front_matter) {
        continue;
      }
      const toml::array* actions = d.front_matter->get_as<toml::array>("action");
      if (actions == nullptr || !actions->is_array_of_tables()) {
        continue;
      }
      std::set<std::string_view> ids;
      for (const toml::node& node : *actions) {
        const toml::table& action = *node.as_table();
        if (const auto* id = action.get_as<std::string>("id"); id != nullptr && !ids.insert(id->get()).second) {
          report(out, d, position_of(id->source()), "duplicate-action",
                 fmt::format("the action id {} is used twice in this plan", id->get()));
        }
        const auto* due = action.get_as<toml::date>("due");
        const auto* state = action.get_as<std::string>("state");
        if (due == nullptr || state == nullptr || state->get() == "klar" || state->get() == "stoppad") {
          continue;
        }
        const toml::date& date = due->get();
        const std::chrono::year_month_day due_day{std::chrono::year(date.year), std::chrono::month(date.month),
                                                  std::chrono::day(date.day)};
        if (due_day < m_in.today) {
          const auto* id = action.get_as<std::string>("id");
          report(out, d, position_of(due->source()), "action-overdue",
                 fmt::format("action {} was due {:04}-{:02}-{:02} and is \"{}\"", id ? id->get() : "?", date.year,
                             date.month, date.day, state->get()));
        }
      }
    }
  }

  const CheckInput& m_in;
  mutable std::once_flag m_ids_made;
  mutable std::vector<std::string> m_ids;
};

}  // namespace

std::chrono::year_month_day today()
{
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

namespace {

// The accessibility statement the site publishes is reviewed, and dated anew, at least once
// a year (Commission Implementing Decision (EU) 2018/1523, recital 3).
void check_accessibility_statement(const CheckInput& input, Diagnostics& out)
{
  const auto& statement = input.config.accessibility;
  if (!statement || !statement->own()) {
    return;
  }
  const std::string& last = statement->reviewed();
  const std::optional<Date> reviewed = parse_iso_date(last);
  if (!reviewed) {
    return;
  }
  const Date due = add_months(*reviewed, 12);  // a year after 29 February is the next February's last day
  if (due < input.today) {
    out.push_back(make_diagnostic(
      std::string(k_config_file), statement->reviewed_at, "accessibility-review",
      fmt::format("the accessibility statement was last reviewed on {}, more than a year ago: assess the site "
                  "again, and give the date as site.accessibility.updated",
                  last)));
  }
}

}  // namespace

Diagnostics check_documents(const CheckInput& input)
{
  Diagnostics out = input.documents.problems();
  const auto& docs = input.documents.documents();
  const RepositoryChecker repository(input);
  std::vector<Diagnostics> found(docs.size());  // each document's, checked on every core
  std::vector<std::vector<RequirementUse>> requirements(docs.size());
  parallel_for(docs.size(), [&](std::size_t i) {
    found[i] = docs[i].problems;
    repository.check_document(docs[i], DocumentChecker(input, docs[i], found[i]).run(), found[i]);
    requirements[i] = requirement_uses(docs[i]);
  });
  for (Diagnostics& d : found) {
    std::move(d.begin(), d.end(), std::back_inserter(out));
  }
  repository.check_set(requirements, out);
  if (docs.empty() && !input.source.exists(input.config.documents_dir)) {
    // A misspelt folder would otherwise check nothing, and pass.
    out.push_back(make_diagnostic(std::string(k_config_file), input.config.documents_dir_at, "config",
                                  fmt::format("the documents folder \"{}\" does not exist (paths.documents)",
                                              input.config.documents_dir)));
  }
  check_accessibility_statement(input, out);
  input.config.apply_rule_levels(out);
  sort_diagnostics(out);
  return out;
}

}  // namespace styr
