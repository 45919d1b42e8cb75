#include "styr/rules.hpp"

#include <algorithm>

namespace styr {

namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

// Sorted by id.
constexpr Rule k_rules[] = {
  {"accessibility-review", W, "the site's accessibility statement has not been reviewed for more than a year",
   "Assess the site again and set site.accessibility.updated in styr.toml to the date."},
  {"action-overdue", W, "an action-plan item is past its due date and not done",
   "Finish the action, change its state, or decide a new due date."},
  {"broken-fragment", W, "a link's #fragment names no heading or requirement of the document it points to",
   "Name a heading as it is now, e.g. backup.md#roller-och-ansvar, or a requirement, e.g. backup.md#krav-bkp-01."},
  {"broken-link", E, "a Markdown link points to a file that does not exist or lies outside the repository",
   "Link to the .md file of the other document with a relative path, e.g. ../riktlinjer/backup.md."},
  {"broken-reference", E, "parent, related or replaces names an id that no document has",
   "Use the id of an existing document (see `styr status`)."},
  {"config", E, "styr.toml, approvers.toml or the schema is invalid",
   "Correct the configuration at the reported position."},
  {"decided-by", E, "decided_by is not a body that may decide this type of document",
   "Use one of the bodies the schema allows for the type."},
  {"draft-reference", W, "an approved document refers to a document that has never been approved",
   "Have the referenced document approved, or remove the reference."},
  {"duplicate-action", E, "two items of an action plan have the same id",
   "Give every [[action]] of the plan its own id; the report and the follow-up name items by it."},
  {"duplicate-id", E, "two documents have the same id",
   "Give each document its own id; `styr new` picks the next free one."},
  {"duplicate-requirement", E,
   "a requirement id is used more than once in the repository (ids that differ only in case, spaces or "
   "hyphens count as one: they share an address on the site)",
   "Give every requirement row its own id."},
  {"empty-section", E, "a required section has no text",
   "Write the text of the section, or ask for the schema to make it optional."},
  {"encoding", E, "the file is not valid UTF-8, contains NUL bytes or uses CR-only line endings",
   "Save the file as UTF-8 with LF or CRLF line endings."},
  {"field-type", E, "a front-matter field has the wrong type",
   "Use the type the schema gives for the field (string, integer, array, date …)."},
  {"field-value", E, "a front-matter value is outside its allowed values, pattern or range",
   "Use one of the allowed values."},
  {"file-unreadable", E, "a document cannot be read, is too large or is not a regular file",
   "Make the document a readable regular file within the size limit."},
  {"front-matter-missing", E, "the file does not start with a +++ line",
   "Start the document with +++, the TOML front matter, and +++."},
  {"front-matter-syntax", E, "the front matter is not valid TOML",
   "Correct the TOML at the reported position."},
  {"front-matter-unterminated", E, "the front matter has no closing +++ line",
   "End the front matter with a line that is exactly +++."},
  {"heading-level-skip", W, "a heading skips a level, e.g. from ## to ####",
   "Use the next heading level, so that the outline is accessible."},
  {"id-format", E, "the id does not match the pattern of the document type",
   "Use the id format of the type, e.g. IS-RL-004."},
  {"missing-alt-text", W, "a picture has no description (alt text), or a link no text: a screen reader has nothing to read",
   "Describe the picture between the brackets, ![Kommunens organisation](organisation.png), and say where a link "
   "leads, [Riktlinje för loggning](loggning.md) (WCAG 2.1, 1.1.1 and 2.4.4)."},
  {"missing-field", E, "a required front-matter field is missing",
   "Add the field to the front matter."},
  {"missing-section", E, "a required section (## heading) is missing",
   "Add the section with its heading."},
  {"parent-cycle", E, "the parent chain of a document leads back to itself",
   "Point parent to a document higher in the hierarchy."},
  {"parent-type", E, "the parent is of a type that may not be a parent of this type",
   "Choose a parent of an allowed type."},
  {"rejected-decision", W, "a decision tag does not approve what it lists",
   "See the reason; a new decision by someone with the authority is needed."},
  {"requirement-row", E, "a requirement row lacks an id or text, or its level is not ska or bör",
   "Fill in ID, Krav and Nivå (ska or bör) on every row of a requirement table."},
  {"retired-reference", E, "parent, related, replaces or a link refers to a retired document",
   "Refer to the document that replaces it."},
  {"review-interval", E, "review_interval_months exceeds the maximum of the document type",
   "Use an interval no longer than the type allows."},
  {"roster-unapproved", W, "the approvers, allowed signers or approval settings differ from the roster in force",
   "Have the roster approved by a decision that lists `Fastställer: approvers`."},
  {"section-order", E, "required sections are not in the order the type prescribes",
   "Move the section to its place in the order."},
  {"title-mismatch", E, "the document's H1 differs from its title",
   "Make the H1 and the title field equal."},
  {"unapproved-parent", W, "an approved document has a parent that is not approved",
   "Have the parent approved first."},
  {"unknown-field", E, "the front matter has a field the schema does not define",
   "Remove the field or correct its name."},
  {"unknown-role", E, "owner is not one of the roles in styr.toml",
   "Use a role (not a person) from [organisation] roles."},
  {"unknown-section", E, "a section is not one the document type allows",
   "Use the sections of the type, or put the text under an allowed section as ###."},
  {"unknown-type", E, "type is not one of the schema's document types",
   "Use one of the types listed by `styr check --print-schema`."},
};

}  // namespace

std::span<const Rule> all_rules()
{
  return k_rules;
}

const Rule* find_rule(std::string_view id)
{
  const auto* it = std::lower_bound(std::begin(k_rules), std::end(k_rules), id,
                                    [](const Rule& r, std::string_view v) { return r.id < v; });
  return it != std::end(k_rules) && it->id == id ? it : nullptr;
}

}  // namespace styr
