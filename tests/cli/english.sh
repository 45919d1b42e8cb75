# The site and the report with language = "en": the interface in English, the municipality's
# own text (the documents, their titles, the decisions) still Swedish and marked as such.

# An English site's repository: a policy and a riktlinje on one topic (the riktlinje on a second
# topic too), an action plan whose action is then done, a riktlinje then repealed and moved
# under a secret one, and secret riktlinjer that decisions approve, one alone (beslut/1) and
# two together (beslut/2).
english_repo() {
  make_repo r && cd r || exit 1
  sed -i 's/^name = "Testkommun"/&\nlanguage = "en"/' styr.toml
  add_field policies/policy.md 'tags = ["säkerhetskopiering"]'
  write_riktlinje policies/rl1.md IS-RL-001 "Riktlinje för säkerhetskopiering"
  add_field policies/rl1.md 'tags = ["säkerhetskopiering", "kontinuitet"]'
  write_riktlinje policies/rl2.md IS-RL-002 "Riktlinje för loggning"
  add_field policies/rl2.md 'tags = ["säkerhetskopiering"]'
  local n
  for n in 3 4 5; do
    write_riktlinje "policies/secret$n.md" "IS-RL-00$n" "Hemlig riktlinje $n"
    sed -i 's/^publicity = .*/publicity = "sekretess"/' "policies/secret$n.md"
  done
  write_plan policies/plan.md pågår
  commit_all "Första" 2026-03-01T10:00:00+01:00
  decide beslut/1 --date 2026-03-02T10:00:00+01:00 IS-POL-001 IS-RL-001 IS-RL-002 IS-RL-003 IS-HP-001
  decide beslut/2 --date 2026-03-03T10:00:00+01:00 IS-RL-004 IS-RL-005
  write_plan policies/plan.md klar
  add_field policies/rl2.md 'retired = true'
  sed -i 's/^parent = .*/parent = "IS-RL-003"/' policies/rl2.md
  commit_all "Uppföljning" 2026-04-01T10:00:00+01:00
  decide beslut/3 --date 2026-04-02T10:00:00+01:00 IS-HP-001 IS-RL-002
}

# expect_in FILE TEXT / expect_not_in FILE TEXT: a page of the built site has (lacks) TEXT.
expect_in() { grep -qF -- "$2" "_site/$1" || fail "$1 lacks: $2"; }
expect_not_in() { ! grep -qF -- "$2" "_site/$1" || fail "$1 should not contain: $2"; }

test_english_report_names_types_in_english() {
  english_repo
  write_riktlinje policies/rl6.md IS-RL-006 "Riktlinje för behörighet"
  commit_all "Utkast" 2026-04-05T10:00:00+01:00
  styr report --as-of 2026-04-10
  expect_rc 0
  expect_out "| IS-RL-006 | Riktlinje för behörighet | Guideline | Draft |"
  expect_no_out "| Riktlinje |"
  styr build
  expect_rc 0
  expect_in rapport.html "<td>Guideline</td>"
  expect_not_in rapport.html "<td>Riktlinje</td>"
}

test_english_diffs_name_fields_and_values_in_english() {
  english_repo
  styr build
  expect_rc 0
  local page swedish
  for page in dokument/IS-HP-001/v2.html dokument/IS-RL-002/v2.html; do
    # The diff alone: the text of the version below it is the document's, in Swedish.
    sed -n '/^<div class="diff">$/,/^<\/div>$/p' "_site/$page" >diff.html
    grep -qF 'diff-field' diff.html || fail "$page: no fields in the diff"
    for swedish in "Åtgärd" "Klart senast" "Läge" "pågår" "Upphävs" "Överordnat dokument" "Publicering" "Ämnen" \
                   "intern<" "publiceras inte" ": ja<"; do
      ! grep -qF -- "$swedish" diff.html || fail "the diff of $page says $swedish"
    done
  done
  expect_in dokument/IS-HP-001/v2.html '<p class="diff-field">Actions</p>'
  expect_in dokument/IS-HP-001/v2.html "Due: 2026-05-31"
  expect_in dokument/IS-HP-001/v2.html 'State: <del><span class="visually-hidden" lang="en">Removed: </span>in progress'
  expect_in dokument/IS-RL-002/v2.html "<ins>Repealed: yes</ins>"
  expect_in dokument/IS-RL-002/v2.html "Parent document: "
  expect_in dokument/IS-RL-002/v2.html "not published</ins>"
  expect_in dokument/IS-RL-002/v2.html "Publication: internal"
  # The document's own table of actions says the same.
  expect_in dokument/IS-HP-001/index.html "<td>done</td>"

  # In Swedish, the labels and values of the schema.
  sed -i '/^language = "en"/d' styr.toml
  commit_all "Svenska" 2026-04-03T10:00:00+01:00
  styr build
  expect_rc 0
  expect_in dokument/IS-HP-001/v2.html 'Läge: <del><span class="visually-hidden">Borttaget: </span>pågår</del>'
  expect_in dokument/IS-HP-001/v2.html "Klart senast: 2026-05-31"
  expect_in dokument/IS-RL-002/v2.html "<ins>Upphävs: ja</ins>"
  expect_in dokument/IS-RL-002/v2.html "Överordnat dokument: "
  expect_not_in dokument/IS-RL-002/v2.html "yes"
  expect_in dokument/IS-HP-001/index.html "<td>klar</td>"
}

test_english_counts_are_singular_for_one() {
  english_repo
  styr build
  expect_rc 0
  expect_in amne/index.html "(1 document)"
  expect_in amne/index.html "(2 documents)"
  expect_not_in amne/index.html "(1 documents)"
  expect_in beslut.html "1 document not published here."
  expect_in beslut.html "2 documents not published here."
  expect_not_in beslut.html "1 documents"
  expect_in krav.html "holds 1 requirement from 1 guideline."
  expect_in krav.html "(1 requirement: 1 shall, 0 should)"

  sed -i '/^language = "en"/d' styr.toml
  commit_all "Svenska" 2026-04-03T10:00:00+01:00
  styr build
  expect_rc 0
  expect_in amne/index.html "(1 dokument)"
  expect_in amne/index.html "(2 dokument)"
  expect_in beslut.html "1 dokument som inte publiceras här."
  expect_in beslut.html "2 dokument som inte publiceras här."
}

test_english_site_marks_the_documents_swedish() {
  english_repo
  styr build
  expect_rc 0
  local doc=dokument/IS-RL-001/index.html
  expect_in "$doc" '<html lang="en">'
  expect_in "$doc" '<h1 lang="sv">Riktlinje för säkerhetskopiering</h1>'
  expect_in "$doc" '<div class="document-body" id="text" lang="sv">'
  grep -A1 -F '<h2 id="toc-heading">Contents</h2>' "_site/$doc" | grep -qF '<ol lang="sv">' ||
    fail "the table of contents is not marked Swedish"
  expect_in "$doc" '<h2 id="metadata-heading">About this document</h2>'
  expect_in "$doc" '<a href="../../dokument/IS-POL-001/index.html" lang="sv">Informationssäkerhetspolicy</a>'
  expect_in "$doc" '<span aria-current="page"><span lang="sv">Riktlinje för säkerhetskopiering</span></span>'
  expect_in dokument/IS-RL-001/v1.html '<div class="document-body" lang="sv">'
  expect_in dokument/IS-RL-001/v1.html '<li><a href="index.html" lang="sv">Riktlinje för säkerhetskopiering</a></li>'
  expect_in dokument/IS-RL-001/v1.html '<li><a href="historik.html">Version history</a></li>'
  expect_in dokument/IS-HP-001/v2.html '<p class="diff-field">Action: <span lang="sv">Sen åtgärd</span></p>'
  expect_in index.html '<a href="dokument/IS-RL-001/index.html" lang="sv">Riktlinje för säkerhetskopiering</a>'
  expect_in beslut.html '<span class="date">2026-04-02</span> <span lang="sv">Beslut om styrdokument.</span></h2>'
  expect_in amne/sakerhetskopiering.html '<h1>Topic: <span lang="sv">säkerhetskopiering</span></h1>'
  expect_in amne/index.html '<a href="kontinuitet.html" lang="sv">kontinuitet</a>'
  expect_in rapport.html '<span lang="sv">Sen åtgärd</span>'
  expect_in krav.html '<td lang="sv">Säkerhetskopior ska tas dagligen.</td>'
  expect_in sok.html '<div id="search-results" data-text-lang="sv"></div>'
  expect_in feed.xml '<title xml:lang="sv">2026-04-02: Beslut om styrdokument.</title>'

  # A Swedish site needs no marks: every page is Swedish as a whole.
  sed -i '/^language = "en"/d' styr.toml
  commit_all "Svenska" 2026-04-03T10:00:00+01:00
  styr build
  expect_rc 0
  local pages marks
  pages=$(find _site -name '*.html' | wc -l)
  marks=$(grep -rhoE '(xml:)?lang="[a-z]+"|data-text-lang' --include='*.html' --include='*.xml' _site | sort | uniq -c)
  [ "$marks" = "$(printf '%7d lang="sv"\n%7d xml:lang="sv"' "$pages" 1)" ] || fail "marks on a Swedish site: $marks"
  expect_in dokument/IS-RL-001/index.html '<h1>Riktlinje för säkerhetskopiering</h1>'
}

test_english_lists_every_document_and_the_types_in_english() {
  english_repo
  printf '\n[site]\nlist_secret_titles = true\n' >>styr.toml
  commit_all "Lista" 2026-04-03T10:00:00+01:00
  styr build
  expect_rc 0
  expect_in dokument/index.html '<title>All documents – Testkommun</title>'
  expect_in dokument/index.html '<h1>All documents</h1>'
  expect_in dokument/index.html '<a href="../dokument/index.html" aria-current="page">Documents</a>'
  expect_in dokument/index.html '<a href="../typ/index.html">Documents by type</a>'
  expect_in dokument/index.html \
    '<a href="../dokument/IS-RL-001/index.html" lang="sv">Riktlinje för säkerhetskopiering</a>'
  expect_in dokument/index.html '<td>Guideline</td>'
  expect_in dokument/index.html '<h2 id="secret-heading">Documents not published</h2>'
  expect_in dokument/index.html '<span lang="sv">Hemlig riktlinje 3</span> <span class="doc-id">IS-RL-003</span>'
  expect_not_in dokument/index.html 'Alla dokument'
  expect_in typ/index.html '<h1>Documents by type</h1>'
  expect_in typ/index.html '<a href="../typ/riktlinje.html">Guidelines</a> <span class="count">(1 document)</span>'
  expect_in typ/index.html 'Action plans</a> <span class="count">(1 document)</span>'
  expect_in typ/riktlinje.html '<li><a href="index.html">Documents by type</a></li>'
  expect_in index.html '<a href="dokument/index.html">All documents</a>'
}
