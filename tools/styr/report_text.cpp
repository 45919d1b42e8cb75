#include "styr/report_text.hpp"

namespace styr {

namespace {

constexpr std::array<std::string_view, 4> k_states = {"planerad", "pågår", "klar", "stoppad"};

const ReportText k_swedish = {
    .lang = "sv",
    .title = "Ledningsrapport för informationssäkerhet",
    .organisation = "Organisation",
    .report_date = "Rapportdatum",
    .basis = "Underlag",
    .basis_working = "styrdokumenten som de är nu och besluten i deras beslutshistorik (git)",
    .basis_revision = "styrdokumenten och besluten som de var vid {rev} (git)",
    .generated = "Sammanställd av styr {version} ur styrdokumenten och deras beslutshistorik.",
    .summary_heading = "Sammanfattning",

    .summary_documents = "Den {date} har {org} {n} {documents} för informationssäkerhet: {approved}, {changed}, "
                         "{draft} och {retired}.",
    .documents = {"styrdokument", "styrdokument", "styrdokument"},
    .approved = {"inget fastställt", "1 fastställt", "{n} fastställda"},
    .changed = {"inget ändrat efter fastställelse", "1 ändrat efter fastställelse", "{n} ändrade efter fastställelse"},
    .draft = {"inget utkast", "1 utkast", "{n} utkast"},
    .retired = {"inget upphävt", "1 upphävt", "{n} upphävda"},
    .summary_awaiting = {"Inget dokument väntar på beslut.", "1 dokument väntar på beslut.",
                         "{n} dokument väntar på beslut."},
    .summary_overdue = {"Inget dokument har passerat sitt datum för aktualitetsprövning.",
                        "1 dokument har passerat sitt datum för aktualitetsprövning.",
                        "{n} dokument har passerat sitt datum för aktualitetsprövning."},
    .summary_due_soon = {"Inget dokument ska aktualitetsprövas inom de närmaste 90 dagarna.",
                         "1 dokument ska aktualitetsprövas inom de närmaste 90 dagarna.",
                         "{n} dokument ska aktualitetsprövas inom de närmaste 90 dagarna."},
    .summary_coverage = "De fastställda styrdokumenten täcker {msb} av MSB:s åtta rekommendationer och {controls} av "
                        "de 93 säkerhetsåtgärderna i ISO/IEC 27002:2022.",
    .summary_gaps = {"Alla säkerhetsåtgärder täcks av fastställda styrdokument.",
                     "1 säkerhetsåtgärd saknar fastställt styrdokument.",
                     "{n} säkerhetsåtgärder saknar fastställt styrdokument."},
    .summary_actions = "De fastställda handlingsplanerna har {total}, varav {done} och {overdue}.",
    .summary_no_actions = "Det finns ingen fastställd handlingsplan med åtgärder.",
    .actions_total = {"inga åtgärder", "1 åtgärd", "{n} åtgärder"},
    .actions_done = {"ingen är klar", "1 är klar", "{n} är klara"},
    .actions_overdue = {"ingen är försenad", "1 är försenad", "{n} är försenade"},

    .status_heading = "Styrdokument per status",
    .status_figure_title = "Antal styrdokument per status",
    .total = "Totalt",
    .awaiting_heading = "Väntar på beslut",
    .awaiting_intro = "Utkast och ändringar som ännu inte har fastställts av den som beslutar om dokumentet.",
    .awaiting_none = "Inget dokument väntar på beslut.",
    .reviews_heading = "Aktualitetsprövning",
    .overdue_heading = "Försenad aktualitetsprövning",
    .overdue_none = "Inget dokument har passerat sitt datum för aktualitetsprövning.",
    .due_soon_heading = "Aktualitetsprövning inom {days} dagar",
    .due_soon_none = "Inget dokument ska aktualitetsprövas inom perioden.",
    .parent_heading = "Överordnat dokument reviderat efter fastställelse",
    .parent_intro = "Det överordnade dokumentet har fått ett nytt innehåll fastställt efter att dokumentet självt "
                    "fastställdes. Dokumentet kan behöva ses över.",
    .parent_none = "Inget dokument har ett överordnat dokument som reviderats efter dess fastställelse.",
    .msb_heading = "MSB:s åtta rekommendationer",
    .msb_intro = "Vilka fastställda styrdokument som anger att de genomför respektive rekommendation (fältet msb).",
    .not_covered = "Ej täckt",
    .only_pending = "endast i utkast eller ej fastställd ändring: {ids}",
    .iso_heading = "Täckning av ISO/IEC 27002:2022",
    .iso_intro = "{covered} av 93 säkerhetsåtgärder täcks av fastställda styrdokument, {pending} finns bara i utkast "
                 "eller ändringar som inte är fastställda och {uncovered} saknar styrdokument helt.",
    .heatmap_title = "Säkerhetsåtgärderna i ISO/IEC 27002:2022 efter täckning",
    .heatmap_theme = "{theme} {title} ({covered} av {total} täckta)",
    .legend_covered = "Täckt av fastställt styrdokument",
    .legend_pending = "Endast i utkast eller ej fastställd ändring",
    .legend_uncovered = "Ej täckt",
    .cell_covered = "Täcks av:",
    .cell_pending = "Endast i utkast eller ej fastställd ändring:",
    .cell_uncovered = "Inget styrdokument.",
    .themes_caption = "Täckning per tema",
    .gap_heading = "Säkerhetsåtgärder utan fastställt styrdokument (gapanalys)",
    .gap_intro = "Säkerhetsåtgärderna nedan nämns inte i något fastställt styrdokument. Bedöm för var och en om den "
                 "behövs och i så fall vilket styrdokument som ska omfatta den.",
    .gap_none = "Alla säkerhetsåtgärder täcks av fastställda styrdokument.",
    .actions_heading = "Handlingsplanernas åtgärder",
    .actions_intro = "Åtgärderna i de fastställda handlingsplanerna, försenade först och sedan efter tidpunkt.",
    .actions_intro_one =
        "Åtgärderna i den fastställda handlingsplanen {plan}, försenade först och sedan efter tidpunkt.",
    .actions_none = "Det finns ingen fastställd handlingsplan med åtgärder.",
    .overdue_marker = "Försenad",
    .appendix_heading = "Bilaga: säkerhetsåtgärderna i ISO/IEC 27002:2022",
    .secret_document = "Sekretessbelagt dokument",
    .none = "–",

    .col_id = "ID",
    .col_title = "Titel",
    .col_type = "Typ",
    .col_status = "Status",
    .col_count = "Antal",
    .col_review_due = "Prövas senast",
    .col_approved = "Fastställd",
    .col_parent = "Överordnat dokument",
    .col_parent_revised = "Överordnat reviderat",
    .col_number = "Nr",
    .col_recommendation = "Rekommendation",
    .col_documents = "Fastställda styrdokument",
    .col_pending = "Utkast och ej fastställda ändringar",
    .col_theme = "Tema",
    .col_covered = "Täckta",
    .col_pending_only = "Endast utkast",
    .col_uncovered = "Ej täckta",
    .col_control = "Säkerhetsåtgärd",
    .col_control_title = "Benämning",
    .col_action = "Åtgärd",
    .col_action_title = "Beskrivning",
    .col_owner = "Ansvarig",
    .col_due = "Klart senast",
    .col_state = "Läge",
    .col_plan = "Handlingsplan",

    .msb_titles = {"Utse en funktion för informationssäkerhet", "Analysera nuläget: verksamhet, risker och gap",
                   "Informera ledningen om nuläget", "Ta fram en handlingsplan som ledningen beslutar",
                   "Identifiera och klassa informationen", "Ta fram styrdokument och höj medvetenheten",
                   "Ställ informationssäkerhetskrav vid upphandling", "Följ upp och rapportera till ledningen"},
    .states = k_states,
};

const ReportText k_english = {
    .lang = "en",
    .title = "Information security management report",
    .organisation = "Organisation",
    .report_date = "Report date",
    .basis = "Basis",
    .basis_working = "the steering documents as they are now and the decisions in their history (git)",
    .basis_revision = "the steering documents and decisions as they were at {rev} (git)",
    .generated = "Compiled by styr {version} from the steering documents and their decision history.",
    .summary_heading = "Summary",

    .summary_documents = "As of {date}, {org} has {n} information security {documents}: {approved}, {changed}, "
                         "{draft} and {retired}.",
    .documents = {"steering documents", "steering document", "steering documents"},
    .approved = {"none approved", "1 approved", "{n} approved"},
    .changed = {"none changed since approval", "1 changed since approval", "{n} changed since approval"},
    .draft = {"no drafts", "1 draft", "{n} drafts"},
    .retired = {"none retired", "1 retired", "{n} retired"},
    .summary_awaiting = {"No document is awaiting a decision.", "1 document is awaiting a decision.",
                         "{n} documents are awaiting a decision."},
    .summary_overdue = {"No document is past its review date.", "1 document is past its review date.",
                        "{n} documents are past their review date."},
    .summary_due_soon = {"No document is due for review within the next 90 days.",
                         "1 document is due for review within the next 90 days.",
                         "{n} documents are due for review within the next 90 days."},
    .summary_coverage = "The approved documents cover {msb} of MSB's eight recommendations and {controls} of the 93 "
                        "controls of ISO/IEC 27002:2022.",
    .summary_gaps = {"Every control is covered by an approved document.", "1 control has no approved document.",
                     "{n} controls have no approved document."},
    .summary_actions = "The approved action plans have {total}, of which {done} and {overdue}.",
    .summary_no_actions = "There is no approved action plan with actions.",
    .actions_total = {"no actions", "1 action", "{n} actions"},
    .actions_done = {"none is done", "1 is done", "{n} are done"},
    .actions_overdue = {"none is overdue", "1 is overdue", "{n} are overdue"},

    .status_heading = "Steering documents by status",
    .status_figure_title = "Number of steering documents by status",
    .total = "Total",
    .awaiting_heading = "Awaiting decision",
    .awaiting_intro = "Drafts and changes that have not yet been approved by the body that decides on the document.",
    .awaiting_none = "No document is awaiting a decision.",
    .reviews_heading = "Reviews",
    .overdue_heading = "Review overdue",
    .overdue_none = "No document is past its review date.",
    .due_soon_heading = "Review due within {days} days",
    .due_soon_none = "No document is due for review in this period.",
    .parent_heading = "Parent revised after approval",
    .parent_intro = "The parent document had new content approved after the document itself was approved. The "
                    "document may need a review.",
    .parent_none = "No document has a parent that was revised after its approval.",
    .msb_heading = "MSB's eight recommendations",
    .msb_intro = "Which approved steering documents state that they implement each recommendation (the msb field).",
    .not_covered = "Not covered",
    .only_pending = "only in drafts or unapproved changes: {ids}",
    .iso_heading = "Coverage of ISO/IEC 27002:2022",
    .iso_intro = "{covered} of 93 controls are covered by approved documents, {pending} only by drafts or unapproved "
                 "changes, and {uncovered} by no document at all.",
    .heatmap_title = "The controls of ISO/IEC 27002:2022 by coverage",
    .heatmap_theme = "{theme} {title} ({covered} of {total} covered)",
    .legend_covered = "Covered by an approved document",
    .legend_pending = "Only in a draft or an unapproved change",
    .legend_uncovered = "Not covered",
    .cell_covered = "Covered by:",
    .cell_pending = "Only in drafts or unapproved changes:",
    .cell_uncovered = "No document.",
    .themes_caption = "Coverage by theme",
    .gap_heading = "Controls without an approved document (gap analysis)",
    .gap_intro = "No approved steering document mentions the controls below. Decide for each whether it is needed "
                 "and, if so, which document should cover it.",
    .gap_none = "Every control is covered by an approved document.",
    .actions_heading = "Action plan items",
    .actions_intro = "The actions of the approved action plans, overdue ones first, then by deadline.",
    .actions_intro_one = "The actions of the approved action plan {plan}, overdue ones first, then by deadline.",
    .actions_none = "There is no approved action plan with actions.",
    .overdue_marker = "Overdue",
    .appendix_heading = "Appendix: the controls of ISO/IEC 27002:2022",
    .secret_document = "Confidential document",
    .none = "–",

    .col_id = "ID",
    .col_title = "Title",
    .col_type = "Type",
    .col_status = "Status",
    .col_count = "Number",
    .col_review_due = "Review due",
    .col_approved = "Approved",
    .col_parent = "Parent",
    .col_parent_revised = "Parent revised",
    .col_number = "No.",
    .col_recommendation = "Recommendation",
    .col_documents = "Approved documents",
    .col_pending = "Drafts and unapproved changes",
    .col_theme = "Theme",
    .col_covered = "Covered",
    .col_pending_only = "Drafts only",
    .col_uncovered = "Not covered",
    .col_control = "Control",
    .col_control_title = "Name",
    .col_action = "Action",
    .col_action_title = "Description",
    .col_owner = "Owner",
    .col_due = "Deadline",
    .col_state = "State",
    .col_plan = "Action plan",

    .msb_titles = {"Appoint an information security function", "Analyse the current state: business, risks and gaps",
                   "Inform management of the current state", "Draw up an action plan decided by management",
                   "Identify and classify information", "Issue steering documents and raise awareness",
                   "Set security requirements in procurement", "Follow up and report to management"},
    .states = {"planned", "in progress", "done", "stopped"},
};

} // namespace

const ReportText& report_text(std::string_view language)
{
  return language == "en" ? k_english : k_swedish;
}

std::string_view action_state_label(const ReportText& text, std::string_view state)
{
  for (std::size_t i = 0; i < k_states.size(); ++i) {
    if (k_states[i] == state) {
      return text.states[i];
    }
  }
  return state;
}

} // namespace styr
