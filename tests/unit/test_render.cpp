#include "styr/render.hpp"
#include "styr/requirements.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace styr;
using namespace styr::test;

namespace {

}  // namespace

TEST_CASE("html_escape escapes the five characters that matter in text and attributes")
{
  CHECK(html_escape(R"(<a href="x" title='y'>&</a>)") ==
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  CHECK(html_escape("Säkerhet – ok") == "Säkerhet – ok");
}

TEST_CASE("every text is escaped")
{
  const auto r = render_markdown("Text with <b>bold</b> & \"quotes\" and `<code>` and 1 < 2.\n\n"
                                 "```\n<script>alert(1)</script>\n```\n");
  CHECK_FALSE(contains(r.html, "<b>"));
  CHECK(contains(r.html, "&lt;b&gt;bold&lt;/b&gt;"));
  CHECK(contains(r.html, "&amp; &quot;quotes&quot;"));
  CHECK(contains(r.html, "<code>&lt;code&gt;</code>"));
  CHECK(contains(r.html, "1 &lt; 2"));
  CHECK(contains(r.html, "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_FALSE(contains(r.html, "<script"));
}

TEST_CASE("raw HTML is never passed through")
{
  const auto r = render_markdown("<div onclick=\"steal()\">block</div>\n\n"
                                 "<script>alert(1)</script>\n\n"
                                 "inline <img src=x onerror=alert(1)> and <iframe src=//evil>\n\n"
                                 "<!-- the author's note: secret -->\n\n"
                                 "line<br>break\n");
  CHECK_FALSE(contains(r.html, "<div onclick"));
  CHECK_FALSE(contains(r.html, "<script"));
  CHECK_FALSE(contains(r.html, "<img"));
  CHECK_FALSE(contains(r.html, "<iframe"));
  CHECK(contains(r.html, "&lt;div onclick=&quot;steal()&quot;&gt;block&lt;/div&gt;"));
  CHECK(contains(r.html, "&lt;img src=x onerror=alert(1)&gt;"));
  // Comments are authors' notes: left out, not shown.
  CHECK_FALSE(contains(r.html, "secret"));
  CHECK_FALSE(contains(r.html, "<!--"));
  CHECK(contains(r.html, "line<br>"));
}

TEST_CASE("classify_url reads URLs the way a browser does")
{
  CHECK(classify_url("") == UrlKind::empty);
  CHECK(classify_url("#syfte") == UrlKind::fragment);
  CHECK(classify_url("../riktlinjer/backup.md#syfte") == UrlKind::relative);
  CHECK(classify_url("bild.png") == UrlKind::relative);
  CHECK(classify_url("a/b:c.md") == UrlKind::relative);
  CHECK(classify_url("https://www.msb.se/") == UrlKind::web);
  CHECK(classify_url("HTTP://EXAMPLE.SE") == UrlKind::web);
  CHECK(classify_url("//cdn.example.se/x") == UrlKind::web);
  CHECK(classify_url("mailto:it@exempelkommun.se") == UrlKind::mail);
  CHECK(classify_url("tel:+4610123") == UrlKind::phone);
  for (const char* bad : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                          "java\nscript:alert(1)", "\x01javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
                          "vbscript:msgbox", "file:///etc/passwd", "ftp://x", "jar:x"}) {
    CAPTURE(bad);
    CHECK(classify_url(bad) == UrlKind::unsafe);
  }
}

TEST_CASE("unsafe links and pictures are neutralised to their text")
{
  const auto r = render_markdown("[a](javascript:alert(1)) [b](JAVASCRIPT:alert(2)) [c](&#106;avascript:alert(3)) "
                                 "[d](data:text/html,x) [e](vbscript:x) [f](file:///etc/passwd) "
                                 "<javascript:alert(4)> ![pic](javascript:alert(5)) ![img](data:image/png;base64,AAAA)\n");
  CHECK_FALSE(contains(r.html, "href"));
  CHECK_FALSE(contains(r.html, "src="));
  CHECK(contains(r.html, "a b c d e f javascript:alert(4)"));  // an autolink's text is its address
  CHECK(contains(r.html, "pic img"));
  CHECK(r.unsafe_urls.size() == 9);
}

TEST_CASE("safe links survive, with their targets and titles escaped")
{
  const auto r = render_markdown("[MSB](https://www.msb.se/?a=1&b=2 \"Myndighet \\\"för\\\" <säkerhet>\") "
                                 "[mejl](mailto:it@exempelkommun.se) [ring](tel:+4610123) "
                                 "[q](https://example.se/a\"b) www.example.se\n");
  CHECK(contains(r.html, "<a href=\"https://www.msb.se/?a=1&amp;b=2\" title=\"Myndighet &quot;för&quot; &lt;säkerhet&gt;\">MSB</a>"));
  CHECK(contains(r.html, "<a href=\"mailto:it@exempelkommun.se\">mejl</a>"));
  CHECK(contains(r.html, "<a href=\"tel:+4610123\">ring</a>"));
  CHECK(contains(r.html, "href=\"https://example.se/a%22b\""));
  CHECK(contains(r.html, "<a href=\"http://www.example.se\">www.example.se</a>"));
  CHECK(r.unsafe_urls.empty());
}

TEST_CASE("relative links are rewritten by the caller, or shown as text")
{
  RenderOptions options;
  std::vector<std::string> asked;
  options.relative_link = [&](std::string_view destination, bool image) -> std::optional<std::string> {
    asked.emplace_back(destination);
    if (image) {
      return std::nullopt;
    }
    if (destination.starts_with("backup.md")) {
      return std::string("../IS-RL-004/index.html#syfte");
    }
    return std::nullopt;
  };
  const auto r = render_markdown("Se [backup](backup.md#Syfte), [utkast](utkast.md) och [lösen](../../etc/passwd). "
                                 "![Diagram](bild.png)\n",
                                 options);
  CHECK(asked == std::vector<std::string>{"backup.md#Syfte", "utkast.md", "../../etc/passwd", "bild.png"});
  CHECK(contains(r.html, "<a href=\"../IS-RL-004/index.html#syfte\">backup</a>"));
  CHECK(contains(r.html, ", utkast och lösen."));
  CHECK_FALSE(contains(r.html, "passwd"));
  CHECK(contains(r.html, "Diagram"));
  CHECK_FALSE(contains(r.html, "<img"));
}

TEST_CASE("links within the page point at the heading ids")
{
  const auto r = render_markdown("## Roller och ansvar\n\nSe [ansvar](#Roller%20och%20ansvar) och [x](#roller-och-ansvar).\n");
  CHECK(contains(r.html, "<h2 id=\"roller-och-ansvar\">Roller och ansvar</h2>"));
  CHECK(contains(r.html, "<a href=\"#roller-och-ansvar\">ansvar</a>"));
  CHECK(contains(r.html, "<a href=\"#roller-och-ansvar\">x</a>"));
}

TEST_CASE("headings get stable, unique ids, and the title heading is left out")
{
  RenderOptions options;
  options.title = "Riktlinje för säkerhetskopiering";
  options.reserved_ids = {"main", "toc"};
  const auto r = render_markdown("# Riktlinje för säkerhetskopiering\n\n## Syfte\n\ntext\n\n## Syfte\n\n### Main\n\n"
                                 "## Åtkomst & *ansvar*\n\n## !!!\n",
                                 options);
  CHECK_FALSE(contains(r.html, "<h1"));
  REQUIRE(r.headings.size() == 5);
  CHECK(r.headings[0].id == "syfte");
  CHECK(r.headings[1].id == "syfte-1");
  CHECK(r.headings[2].id == "main-1");
  CHECK(r.headings[2].level == 3);
  CHECK(r.headings[3].id == "atkomst-ansvar");
  CHECK(r.headings[3].text == "Åtkomst & ansvar");
  CHECK(contains(r.html, "<h2 id=\"atkomst-ansvar\">Åtkomst &amp; <em>ansvar</em></h2>"));
  CHECK(r.headings[4].id == "avsnitt");
  // The same text gives the same ids.
  CHECK(render_markdown("## Syfte\n\n## Syfte\n", options).headings[1].id == "syfte-1");
}

TEST_CASE("an H1 that is not the title is kept")
{
  RenderOptions options;
  options.title = "Något annat";
  const auto r = render_markdown("# Rubrik\n\ntext\n", options);
  CHECK(contains(r.html, "<h1 id=\"rubrik\">Rubrik</h1>"));
}

TEST_CASE("tables scroll in a labelled region, with column headers and alignment classes")
{
  const auto r = render_markdown("| ID | Krav | Nivå |\n|---|:---:|--:|\n| K1 | <b>Daglig</b> | ska |\n| K2 | Vecka | bör |\n");
  CHECK(contains(r.html, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell 1\">"));
  const auto under = render_markdown("## Krav & nivåer\n\n| A |\n|---|\n| 1 |\n\n| B |\n|---|\n| 2 |\n", {});
  CHECK(contains(under.html, "aria-label=\"Tabell 1: Krav &amp; nivåer\">"));
  CHECK(contains(under.html, "aria-label=\"Tabell 2: Krav &amp; nivåer\">"));
  CHECK(contains(r.html, "<thead>\n<tr><th scope=\"col\">ID</th><th scope=\"col\" class=\"align-center\">Krav</th>"
                         "<th scope=\"col\" class=\"align-right\">Nivå</th></tr>\n</thead>"));
  CHECK(contains(r.html, "<tbody>\n<tr id=\"krav-k1\"><td class=\"requirement-id\"><a href=\"#krav-k1\">K1</a></td>"
                         "<td class=\"align-center\">&lt;b&gt;Daglig&lt;/b&gt;</td>"));
  CHECK(contains(r.html, "<td class=\"align-right\">bör</td></tr>\n</tbody>"));
  CHECK_FALSE(contains(r.html, "style="));
}

TEST_CASE("task lists are disabled checkboxes with labels")
{
  const auto r = render_markdown("- [x] Klart\n- [ ] Inte klart\n- Vanlig\n");
  CHECK(contains(r.html, "<li class=\"task\"><input type=\"checkbox\" disabled checked id=\"uppgift-1\"> "
                         "<label for=\"uppgift-1\">Klart</label></li>"));
  CHECK(contains(r.html, "<input type=\"checkbox\" disabled id=\"uppgift-2\"> <label for=\"uppgift-2\">Inte klart</label>"));
  CHECK(contains(r.html, "<li>Vanlig</li>"));
}

TEST_CASE("code blocks keep a sanitised language class")
{
  const auto r = render_markdown("```js\" onload=\"x\nvar a;\n```\n");
  CHECK(contains(r.html, "<pre><code class=\"language-js\">var a;"));
}

TEST_CASE("code blocks scroll in a labelled region, as tables do")
{
  RenderOptions options;
  options.code_label = "Code <block>";
  const auto r = render_markdown("```\n" + std::string(200, 'x') + "\n```\n\n    indraget\n", options);
  CHECK(contains(r.html, "<div class=\"code-wrap\" role=\"region\" tabindex=\"0\" "
                         "aria-label=\"Code &lt;block&gt; 1\">\n<pre><code>xxx"));
  CHECK(contains(r.html, "</code></pre>\n</div>\n<div class=\"code-wrap\" role=\"region\" tabindex=\"0\" "
                         "aria-label=\"Code &lt;block&gt; 2\">\n<pre><code>indraget\n</code></pre>\n</div>\n"));
}

TEST_CASE("footnotes are numbered notes after the text, each linked to its reference and back")
{
  const auto r = render_markdown("## Syfte\n\nText.[^1] Mer[^lag] text.\n\n[^lag]: Lagen (2025:1506).\n\n"
                                 "## Ansvar\n\nSista avsnittet.\n\n[^1]: Fotnottext.\n");
  CHECK(contains(r.html, "<p>Text.<sup class=\"footnote-ref\"><a href=\"#fotnot-1\" id=\"fotnot-1-ref\" "
                         "aria-label=\"Fotnot 1\">1</a></sup> Mer<sup class=\"footnote-ref\"><a href=\"#fotnot-2\" "
                         "id=\"fotnot-2-ref\" aria-label=\"Fotnot 2\">2</a></sup> text.</p>"));
  // The notes follow the last section in a section of their own, in the order of their
  // first references, wherever they were written.
  const std::string notes = "<section class=\"footnotes\" aria-labelledby=\"fotnoter\">\n"
                            "<h2 id=\"fotnoter\">Fotnoter</h2>\n<ol>\n"
                            "<li id=\"fotnot-1\">\n<p>Fotnottext. <a href=\"#fotnot-1-ref\" class=\"footnote-back\" "
                            "aria-label=\"Tillbaka till texten\">\u21A9\uFE0E</a></p>\n</li>\n"
                            "<li id=\"fotnot-2\">\n<p>Lagen (2025:1506). <a href=\"#fotnot-2-ref\" "
                            "class=\"footnote-back\" aria-label=\"Tillbaka till texten\">\u21A9\uFE0E</a></p>\n</li>\n"
                            "</ol>\n</section>\n";
  CHECK(r.html.ends_with("<p>Sista avsnittet.</p>\n" + notes));
  // The notes' heading is not a section of the document.
  REQUIRE(r.headings.size() == 2);
  CHECK(r.headings[1].id == "ansvar");
}

TEST_CASE("a note with two references links back to each")
{
  const auto r = render_markdown("Första[^n] och andra[^n] hänvisningen.\n\n[^n]: Noten.\n");
  CHECK(contains(r.html, "Första<sup class=\"footnote-ref\"><a href=\"#fotnot-1\" id=\"fotnot-1-ref\" "
                         "aria-label=\"Fotnot 1\">1</a></sup>"));
  CHECK(contains(r.html, "andra<sup class=\"footnote-ref\"><a href=\"#fotnot-1\" id=\"fotnot-1-ref-2\" "
                         "aria-label=\"Fotnot 1\">1</a></sup>"));
  CHECK(contains(r.html, "<p>Noten. <a href=\"#fotnot-1-ref\" class=\"footnote-back\" "
                         "aria-label=\"Tillbaka till hänvisning 1\">\u21A9\uFE0E</a> <a href=\"#fotnot-1-ref-2\" "
                         "class=\"footnote-back\" aria-label=\"Tillbaka till hänvisning 2\">\u21A9\uFE0E<sup>2</sup>"
                         "</a></p>"));
  CHECK_FALSE(contains(r.html, "id=\"fotnot-2"));
}

TEST_CASE("footnote ids are unique within the page, and leave the headings' ids as they are")
{
  RenderOptions options;
  options.reserved_ids = {"main", "fotnot-2"};
  const auto r = render_markdown("## Fotnoter\n\nText[^a] och[^b].\n\n## Fotnot 1\n\n## Fotnot 1 ref\n\n"
                                 "[^a]: A.\n[^b]: B.\n",
                                 options);
  REQUIRE(r.headings.size() == 3);
  CHECK(r.headings[0].id == "fotnoter");
  CHECK(r.headings[1].id == "fotnot-1");
  CHECK(r.headings[2].id == "fotnot-1-ref");
  CHECK(contains(r.html, "<a href=\"#fotnot-1-1\" id=\"fotnot-1-ref-1\" aria-label=\"Fotnot 1\">1</a>"));
  CHECK(contains(r.html, "<a href=\"#fotnot-2-1\" id=\"fotnot-2-ref\" aria-label=\"Fotnot 2\">2</a>"));
  CHECK(contains(r.html, "<section class=\"footnotes\" aria-labelledby=\"fotnoter-1\">\n<h2 id=\"fotnoter-1\">"));
  CHECK(contains(r.html, "<li id=\"fotnot-1-1\">\n<p>A. <a href=\"#fotnot-1-ref-1\" "));
  CHECK(contains(r.html, "<li id=\"fotnot-2-1\">\n<p>B. <a href=\"#fotnot-2-ref\" "));
  // Every id once.
  std::set<std::string> ids;
  for (std::size_t at = r.html.find(" id=\""); at != std::string::npos; at = r.html.find(" id=\"", at + 1)) {
    const std::size_t start = at + 5;
    CHECK(ids.insert(r.html.substr(start, r.html.find('"', start) - start)).second);
  }
  CHECK(ids.size() == 8);
}

TEST_CASE("a reference to no note stays text, and a note without a reference is left out")
{
  const auto r = render_markdown("Se[^saknas] och [^ 1] här.\n\n[^oanvand]: Ingen hänvisar hit.\n");
  CHECK(contains(r.html, "<p>Se[^saknas] och [^ 1] här.</p>"));
  CHECK_FALSE(contains(r.html, "<sup"));
  CHECK_FALSE(contains(r.html, "footnotes"));
  CHECK_FALSE(contains(r.html, "Ingen hänvisar"));
}

TEST_CASE("a note's text is escaped like any other, and its labels come from the options")
{
  RenderOptions options;
  options.footnotes_heading = "Footnotes <&>";
  options.footnote_label = "Footnote \"n\"";
  options.footnote_back = "Back to the text";
  const auto r = render_markdown("Text[^x].\n\n[^x]: Se <script>alert(1)</script> & [länk](javascript:alert(2)) "
                                 "\"citat\".\n",
                                 options);
  CHECK(contains(r.html, "aria-label=\"Footnote &quot;n&quot; 1\">1</a>"));
  CHECK(contains(r.html, "<h2 id=\"fotnoter\">Footnotes &lt;&amp;&gt;</h2>"));
  CHECK(contains(r.html, "<p>Se &lt;script&gt;alert(1)&lt;/script&gt; &amp; länk &quot;citat&quot;. "
                         "<a href=\"#fotnot-1-ref\" class=\"footnote-back\" aria-label=\"Back to the text\">"));
  CHECK_FALSE(contains(r.html, "<script"));
  CHECK(r.unsafe_urls.size() == 1);
}

TEST_CASE("a note that ends in a list has its back link in a paragraph of its own")
{
  const auto r = render_markdown("Text[^x].\n\n[^x]: Gäller för:\n\n    - skolor\n    - förskolor\n");
  CHECK(contains(r.html, "<li>förskolor</li>\n</ul>\n<p><a href=\"#fotnot-1-ref\" class=\"footnote-back\" "
                         "aria-label=\"Tillbaka till texten\">\u21A9\uFE0E</a></p>\n</li>\n</ol>\n</section>\n"));
}

TEST_CASE("a reference inside a link, or in a title heading that is left out, is no link")
{
  RenderOptions options;
  options.title = "Riktlinje";
  const auto r = render_markdown("# Riktlinje[^t]\n\nSe [MSB:s stöd[^m]](https://www.msb.se/).\n\n"
                                 "[^t]: Om titeln.\n[^m]: Om stödet.\n",
                                 options);
  CHECK(contains(r.html, "<a href=\"https://www.msb.se/\">MSB:s stöd<sup class=\"footnote-ref\">2</sup></a>"));
  // Both notes are shown, with nothing to link back to.
  CHECK(contains(r.html, "<li id=\"fotnot-1\">\n<p>Om titeln.</p>\n</li>"));
  CHECK(contains(r.html, "<li id=\"fotnot-2\">\n<p>Om stödet.</p>\n</li>"));
  CHECK_FALSE(contains(r.html, "<a href=\"#fotnot"));
  CHECK_FALSE(contains(r.html, "footnote-back"));
}

TEST_CASE("a note's text is searchable; its number, heading and back links are not")
{
  const auto r =
    render_markdown("## Syfte\n\nKommunen omfattas av lagen.[^1]\n\n[^1]: Cybersäkerhetslagen (2025:1506).\n");
  CHECK(r.text == "Syfte\nKommunen omfattas av lagen.\nCybersäkerhetslagen (2025:1506).\n");
}

TEST_CASE("the plain text is collected for search")
{
  const auto r = render_markdown("## Syfte\n\nSäkerhets**kopior** tas *dagligen*.\n\n- ett\n- två\n");
  CHECK(r.text == "Syfte\nSäkerhetskopior tas dagligen.\nett\ntvå\n");
}

TEST_CASE("deeply nested input renders without recursion")
{
  const std::string deep(20000, '>');
  const auto r = render_markdown(deep + " text\n");
  CHECK(contains(r.html, "text"));
}

TEST_CASE("the text kept for search reads as the page does, and the page keeps its soft hyphens")
{
  const auto r = render_markdown("Ordet kanin\u00adfågel\u00adbur och ko\u0308ttbullar.\n");
  CHECK(contains(r.text, "kaninfågelbur och köttbullar."));
  CHECK(contains(r.html, "kanin\u00adfågel\u00adbur"));
}

TEST_CASE("a link written for a git web interface finds its heading")
{
  const auto r = render_markdown("## 4.2 Lösenord\n\n"
                                 "Se [avsnittet](#42-lösenord) och [IT-chefen](#it-chefsäkerhetschef).\n\n"
                                 "## IT-chef/säkerhetschef\n");
  CHECK(contains(r.html, "<h2 id=\"42-losenord\">"));
  CHECK(contains(r.html, "href=\"#42-losenord\""));
  CHECK(contains(r.html, "<h2 id=\"it-chefsakerhetschef\">"));
  CHECK(contains(r.html, "href=\"#it-chefsakerhetschef\""));
}

TEST_CASE("the rows of a requirement table get ids the catalogue links to, and their ids link there")
{
  const auto r = render_markdown("| ID | Krav | Nivå |\n|---|---|---|\n| BKP-01 | Kopior tas. | ska |\n"
                                 "| BKP 02 | Kopior testas. | bör |\n|  | Utan id. | ska |\n\n"
                                 "| Nivå | Krav | Id |\n|---|---|---|\n| ska | Omvänd ordning. | X-1 |\n\n"
                                 "| Klass | Tid |\n|---|---|\n| 1 | 1 vecka |\n\n"
                                 "## Krav BKP-01\n");
  CHECK(r.html.find("<tbody>\n<tr id=\"krav-bkp-01\"><td class=\"requirement-id\"><a href=\"#krav-bkp-01\">BKP-01</a></td>") != std::string::npos);
  CHECK(r.html.find("<tr id=\"krav-bkp-02\"><td class=\"requirement-id\"><a href=\"#krav-bkp-02\">BKP 02</a></td>") != std::string::npos);
  CHECK(r.html.find("<tr><td class=\"requirement-id\"></td><td>Utan id.</td>") != std::string::npos);      // no id: no anchor
  CHECK(r.html.find("<tr id=\"krav-x-1\"><td>ska</td><td>Omvänd ordning.</td><td class=\"requirement-id\"><a href=\"#krav-x-1\">X-1</a></td>") != std::string::npos);   // the ID column, wherever it is
  CHECK(r.html.find("<tbody>\n<tr><td>1</td>") != std::string::npos);            // not a requirement table
  // A heading with the same words gets another id, so that the row's stays what the catalogue links to.
  CHECK(r.html.find("<h2 id=\"krav-bkp-01-1\">") != std::string::npos);
  // So it does when it comes first.
  const auto first = render_markdown("## Krav BKP-01\n\n| ID | Krav | Nivå |\n|---|---|---|\n| BKP-01 | Kopior tas. | ska |\n");
  CHECK(contains(first.html, "<h2 id=\"krav-bkp-01-1\">"));
  CHECK(contains(first.html, "<tr id=\"krav-bkp-01\">"));
  // An id with markup of its own (a link, emphasis) is left as written: links do not nest.
  CHECK(render_markdown("| ID | Krav | Nivå |\n|---|---|---|\n| [K-1](https://x.se) | T. | ska |\n")
          .html.find("<tr id=\"krav-k-1\"><td class=\"requirement-id\"><a href=\"https://x.se\">K-1</a></td>") !=
        std::string::npos);
  // An aligned id column keeps its alignment.
  CHECK(render_markdown("| ID | Krav | Nivå |\n|:--|---|---|\n| K-1 | T. | ska |\n")
          .html.find("<td class=\"align-left requirement-id\"><a href=\"#krav-k-1\">K-1</a></td>") != std::string::npos);
  CHECK(requirement_anchor("BKP-03") == "krav-bkp-03");
  CHECK(requirement_anchor(" ").empty());
}

TEST_CASE("a link with no text, or a picture elsewhere without a description, shows its address")
{
  const auto r = render_markdown("Se [](https://www.msb.se/a?b=1&c=2), ![ ](https://bild.se/x.png) och [](#syfte); "
                                 "[men **här**](https://www.msb.se/) har text.\n");
  CHECK(r.html == "<p>Se <a href=\"https://www.msb.se/a?b=1&amp;c=2\">https://www.msb.se/a?b=1&amp;c=2</a>, "
                  "<a href=\"https://bild.se/x.png\">https://bild.se/x.png</a> och <a href=\"#syfte\">#syfte</a>; "
                  "<a href=\"https://www.msb.se/\">men <strong>här</strong></a> har text.</p>\n");
}
