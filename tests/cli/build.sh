# styr build (PRODUCT.md §6): exit codes, the output folder, preview, audience, and that
# nothing but _site/ and .styr-cache/ is written to the repository.

# Every file of the repository outside .git, with its checksum.
repo_listing() {
  find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha1sum
}

# A repository whose policy and two riktlinjer are approved.
two_riktlinjer_repo() {
  make_repo r && cd r || exit 1
  write_riktlinje policies/riktlinjer/backup.md
  write_riktlinje policies/riktlinjer/loggning.md IS-RL-002 "Riktlinje för loggning"
  commit_all
  decide beslut/2026-03-15-kf IS-POL-001 IS-RL-001 IS-RL-002
}

# Fails unless _site/ (or the site in SITE, built with BUILD-ARGS) is what a cold build of the
# same state writes (the cache set aside).
expect_same_as_cold_build() { # expect_same_as_cold_build WHAT [SITE BUILD-ARGS...]
  local what=$1 site=${2:-_site}
  shift $(($# < 2 ? $# : 2))
  mv .styr-cache ../cache-aside
  rm -rf ../cold
  styr build --out ../cold "$@"
  expect_rc 0
  rm -rf .styr-cache && mv ../cache-aside .styr-cache
  diff -r "$site" ../cold >/dev/null || fail "$what differs from a cold build: $(diff -rq "$site" ../cold)"
}

test_build_publishes_the_approved_documents() {
  make_repo r && cd r
  decide beslut/2026-03-15-kf IS-POL-001
  styr build
  expect_rc 0
  expect_err "styr build: 1 document, 1 decision → _site/"
  [ -f _site/index.html ] || fail "no start page"
  [ -f _site/dokument/IS-POL-001/index.html ] || fail "no document page"
  grep -qF "Informationssäkerhetspolicy" _site/dokument/IS-POL-001/index.html || fail "the title is missing"
  [ -z "$OUT" ] || fail "build prints nothing on stdout"
}

test_build_without_a_decision_publishes_no_document() {
  make_repo r && cd r
  styr build
  expect_rc 0
  expect_err "styr build: 0 documents, 0 decisions"
  [ ! -e _site/dokument/IS-POL-001 ] || fail "a draft was published"
}

test_build_writes_nothing_but_the_site_and_the_cache() {
  make_repo r && cd r
  decide beslut/2026-03-15-kf IS-POL-001
  local before after
  before=$(repo_listing)
  styr build
  expect_rc 0
  after=$(find . -path ./.git -prune -o -path ./_site -prune -o -path ./.styr-cache -prune -o -type f -print0 \
    | LC_ALL=C sort -z | xargs -0 sha1sum)
  [ "$before" = "$after" ] || fail "files outside _site/ and .styr-cache/ changed"
  [ "$(ls -A | LC_ALL=C sort | tr '\n' ' ')" = ".git .styr-cache _site approvers.toml policies styr.toml " ] \
    || fail "unexpected entries: $(ls -A)"
  # The cache keeps itself out of git.
  [ -z "$(g status --porcelain | grep -v '_site/')" ] || fail "git sees more than _site/: $(g status --porcelain)"
}

test_build_outside_a_repository_is_an_environment_error() {
  styr build
  expect_rc 3
  expect_err "not a styr repository"
}

test_build_of_a_folder_without_git_needs_preview() {
  mkdir r && cd r
  printf '[organisation]\nname = "K"\n' >styr.toml
  write_policy policies/policy.md
  styr build
  expect_rc 3
  expect_err "not in a git repository"
  [ ! -e _site ] || fail "a site was written"
  styr build --preview
  expect_rc 0
  grep -qF "UTKAST – ej fastställd" _site/dokument/IS-POL-001/index.html || fail "the draft is not marked"
}

test_build_usage_errors() {
  make_repo r && cd r
  styr build --audience everyone
  expect_rc 2
  expect_err "unknown audience 'everyone'; use intranet or public"
  styr build somewhere
  expect_rc 2
  expect_err "unexpected argument 'somewhere'"
  styr build --out
  expect_rc 2
}

test_build_refuses_an_output_folder_that_holds_the_sources() {
  make_repo r && cd r
  styr build --out .
  expect_rc 3
  expect_err "that is the repository itself"
  styr build --out ..
  expect_rc 3
  expect_err "it contains the repository"
  styr build --out policies
  expect_rc 3
  expect_err "it is inside the documents folder policies"
  styr build --out policies/site
  expect_rc 3
  expect_err "it is inside the documents folder policies"
  styr build --out .git
  expect_rc 3
  expect_err "it is inside .git"
  styr build --out styr.toml
  expect_rc 3
  expect_err "refusing to write the site to"
  [ ! -e policies/site ] || fail "wrote into the documents folder"
}

test_build_refuses_a_folder_it_did_not_write() {
  make_repo r
  mkdir mine && echo "keep" >mine/notes.txt
  styr -C r build --out ../mine
  expect_rc 3
  expect_err "is not empty and was not written by styr build"
  [ "$(cat mine/notes.txt)" = "keep" ] || fail "the folder was touched"
  [ "$(ls -A mine)" = "notes.txt" ] || fail "something was added"
}

test_build_replaces_its_own_previous_site() {
  make_repo r && cd r
  styr build --out ../site
  expect_rc 0
  expect_err "→ ../site/"
  echo stale >../site/stale.html
  decide beslut/2026-03-15-kf IS-POL-001
  styr build --out ../site
  expect_rc 0
  [ ! -e ../site/stale.html ] || fail "the old site was not replaced whole"
  [ -f ../site/dokument/IS-POL-001/index.html ] || fail "the new site is missing"
  [ "$(ls -A .. | LC_ALL=C sort | tr '\n' ' ')" = "r site " ] || fail "left behind: $(ls -A ..)"
}

test_build_preview_marks_unapproved_pages() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/backup.md
  decide beslut/2026-03-15-kf IS-POL-001
  styr build --preview
  expect_rc 0
  expect_err "(preview)"
  grep -qF "<title>UTKAST – ej fastställd – Riktlinje för säkerhetskopiering" _site/dokument/IS-RL-001/index.html \
    || fail "the draft's title is not marked"
  grep -qF 'class="draft-banner"' _site/dokument/IS-RL-001/index.html || fail "the draft has no banner"
  ! grep -qF 'class="draft-banner"' _site/dokument/IS-POL-001/index.html || fail "the approved page is marked"
  styr build
  expect_rc 0
  [ ! -e _site/dokument/IS-RL-001 ] || fail "the normal build published the draft"
}

test_build_without_any_decision_says_so() {
  make_repo r && cd r
  styr build
  expect_rc 0
  expect_err 'warning: no decisions: no annotated tag matches "beslut/*"'
  expect_err "git fetch --tags"
  styr build --preview
  expect_no_err "no decisions"
  decide beslut/2026-03-15-kf IS-POL-001
  styr build
  expect_no_err "no decisions"
}

test_build_warns_of_a_tag_that_looks_like_a_decision_but_is_none() {
  make_repo r && cd r
  decide beslut/2026-03-15-kf IS-POL-001
  g tag beslut/2026-04-01-ks  # without -a: it decides nothing, and the CI job building on it should say so
  styr build
  expect_rc 0
  expect_err "warning: tag beslut/2026-04-01-ks is a lightweight tag, not a decision"
  expect_err "1 document, 1 decision"
}

test_build_gives_each_decision_its_own_anchor() {
  make_repo r && cd r
  write_riktlinje policies/rl1.md
  commit_all
  # Two tag names with one slug: beslut-kd-nr-60.
  decide beslut/kd/nr-60 --date 2026-03-15T10:00:00+01:00 IS-POL-001
  decide beslut/kd-nr-60 --date 2026-03-16T10:00:00+01:00 IS-RL-001
  styr build
  expect_rc 0
  [ "$(grep -o 'id="beslut-kd-nr-60"' _site/beslut.html | wc -l)" = 1 ] || fail "the first anchor is not unique"
  grep -qF 'id="beslut-kd-nr-60-2"' _site/beslut.html || fail "the second decision has no anchor of its own"
  grep -qF 'href="../../beslut.html#beslut-kd-nr-60-2"' _site/dokument/IS-RL-001/index.html ||
    fail "the document links another decision"
}

test_build_gives_each_tag_a_page() {
  make_repo r && cd r
  write_riktlinje policies/rl1.md
  write_riktlinje policies/rl2.md IS-RL-002 "Riktlinje för behörighet"
  sed -i 's/^publicity = .*/&\ntags = ["C++", "🔒", "index", "Molntjänster"]/' policies/rl1.md
  sed -i 's/^publicity = .*/&\ntags = ["C#", "molntjänster "]/' policies/rl2.md
  commit_all
  decide beslut/2026-03-15-ks IS-POL-001 IS-RL-001 IS-RL-002
  styr build
  expect_rc 0
  # Six names, five tags: case and spaces do not make another one.
  local pages="amne.html c-2.html c.html index-2.html index.html molntjanster.html "
  [ "$(ls _site/amne | LC_ALL=C sort | tr '\n' ' ')" = "$pages" ] || fail "tag pages: $(ls _site/amne)"
  grep -qF "Ämne: 🔒" _site/amne/amne.html || fail "the lock has no page of its own"
  grep -qF 'href="../../amne/c-2.html">C++</a>' _site/dokument/IS-RL-001/index.html || fail "C++ links another page"
  grep -qF 'href="../../amne/index-2.html">index</a>' _site/dokument/IS-RL-001/index.html ||
    fail "the tag index lost its address to a tag"
  grep -qF "IS-RL-002" _site/amne/molntjanster.html && grep -qF "IS-RL-001" _site/amne/molntjanster.html ||
    fail "the two spellings of molntjänster are not one tag"
}

# The ids the list of every document (dokument/index.html) links in its table, in its order.
listed_ids() { # listed_ids [SITE]
  sed -n '/<table/,/<\/table>/p' "${1:-_site}/dokument/index.html" | grep -o 'href="\.\./dokument/[^/"]*/index\.html"' |
    sed 's|^href="\.\./dokument/||; s|/index\.html"$||' | tr '\n' ' '
}

test_build_lists_every_document_a_to_o() {
  make_repo r && cd r
  # Ids in another order than the titles; Å, Ä and Ö after Z as in Swedish, not as bytes (Ä Å Ö).
  write_riktlinje policies/rl1.md IS-RL-001 "Öppna data"
  write_riktlinje policies/rl2.md IS-RL-002 "Ändringshantering"
  write_riktlinje policies/rl3.md IS-RL-003 "Åtkomst till lokaler"
  write_riktlinje policies/rl4.md IS-RL-004 "zonindelning"
  write_riktlinje policies/rl5.md IS-RL-005 "Behörighet"
  write_riktlinje policies/rl6.md IS-RL-006 "Ej beslutad riktlinje"
  commit_all
  decide beslut/1 IS-POL-001 IS-RL-001 IS-RL-002 IS-RL-003 IS-RL-004 IS-RL-005
  styr build
  expect_rc 0
  [ "$(listed_ids)" = "IS-RL-005 IS-POL-001 IS-RL-004 IS-RL-003 IS-RL-002 IS-RL-001 " ] ||
    fail "the documents are not A–Ö: $(listed_ids)"
  local page=_site/dokument/index.html id
  for id in $(listed_ids); do
    [ -f "_site/dokument/$id/index.html" ] || fail "the list links $id, which has no page"
  done
  grep -qF '<h1>Alla dokument</h1>' $page || fail "no heading"
  grep -qF '<title>Alla dokument – Testkommun</title>' $page || fail "no title"
  grep -qF '<span aria-current="page">Alla dokument</span>' $page || fail "no breadcrumb"
  grep -qF '<a href="../dokument/index.html" aria-current="page">Dokument</a>' $page || fail "not current in the menu"
  grep -qF '<a href="dokument/index.html">Dokument</a>' _site/index.html || fail "the start page's menu lacks it"
  grep -A2 -F '>Informationssäkerhetspolicy</a>' $page | grep -qF '<td class="nowrap">IS-POL-001</td>' ||
    fail "the policy's id is not in its row"
  grep -A3 -F '>Behörighet</a>' $page | grep -qF '<td>Riktlinje</td>' || fail "the riktlinje's type is not in its row"
  ! grep -qF 'IS-RL-006' $page || fail "the draft is listed"
  grep -qF 'href="../typ/index.html"' $page && grep -qF 'href="../amne/index.html"' $page ||
    fail "the list does not lead to the other lists"
}

test_build_document_list_has_neither_drafts_nor_sekretess() {
  make_repo r && cd r
  write_riktlinje policies/backup.md
  write_riktlinje policies/hemlig.md IS-RL-009 "Hemlig riktlinje"
  sed -i 's/publicity = "intern"/publicity = "sekretess"/' policies/hemlig.md
  write_riktlinje policies/upphavd.md IS-RL-008 "Upphävd riktlinje"
  commit_all "Första" 2026-03-01T10:00:00+01:00
  decide beslut/1 --date 2026-03-02T10:00:00+01:00 IS-POL-001 IS-RL-001 IS-RL-008 IS-RL-009
  add_field policies/upphavd.md 'retired = true'
  write_riktlinje policies/utkast.md IS-RL-002 "Utkast till riktlinje"
  commit_all "Upphäv" 2026-03-05T10:00:00+01:00
  decide beslut/2 --date 2026-03-06T10:00:00+01:00 IS-RL-008
  styr build
  expect_rc 0
  # Like the lists by type: what is in force, never a draft, a repealed or a secret document.
  [ "$(listed_ids)" = "IS-POL-001 IS-RL-001 " ] || fail "listed: $(listed_ids)"
  local word
  for word in IS-RL-002 "Utkast till riktlinje" IS-RL-009 "Hemlig riktlinje"; do
    ! grep -qF "$word" _site/dokument/index.html || fail "the list names $word"
  done
  # The repealed one under a heading of its own, since its page is kept.
  sed -n '/class="repealed"/,/<\/section>/p' _site/dokument/index.html | grep -qF '>Upphävd riktlinje</a>' ||
    fail "the repealed document is not listed as repealed"
  # Listed by title alone, unlinked, when the configuration says so.
  printf '\n[site]\nlist_secret_titles = true\n' >>styr.toml
  commit_all "Lista" 2026-03-07T10:00:00+01:00
  styr build
  expect_rc 0
  [ "$(listed_ids)" = "IS-POL-001 IS-RL-001 " ] || fail "listed with secret titles: $(listed_ids)"
  sed -n '/class="secret"/,/<\/section>/p' _site/dokument/index.html >secret.html
  grep -qF '<span>Hemlig riktlinje</span> <span class="doc-id">IS-RL-009</span>' secret.html ||
    fail "the secret title is not listed: $(cat secret.html)"
  ! grep -qF 'href' secret.html || fail "a secret document is linked"
  [ ! -e _site/dokument/IS-RL-009 ] || fail "the secret document has a page"
}

test_build_document_list_of_the_public_site_has_only_offentlig() {
  make_repo r && cd r
  write_riktlinje policies/backup.md  # publicity = "intern"
  commit_all
  decide beslut/1 IS-POL-001 IS-RL-001
  printf '\n[site]\nlist_secret_titles = true\n' >>styr.toml
  commit_all "Lista"
  styr build --audience public --out ../public
  expect_rc 0
  [ "$(listed_ids ../public)" = "IS-POL-001 " ] || fail "the public list: $(listed_ids ../public)"
  ! grep -qF "Riktlinje för säkerhetskopiering" ../public/dokument/index.html || fail "the internal title is listed"
  grep -qF '<li><a href="../typ/policy.html">Policyer</a> <span class="count">(1 dokument)</span></li>' \
    ../public/typ/index.html || fail "the public list of types: $(cat ../public/typ/index.html)"
  ! grep -qF 'typ/riktlinje.html' ../public/typ/index.html || fail "the public list of types counts the internal one"
}

test_build_document_list_in_preview_marks_drafts() {
  make_repo r && cd r
  write_riktlinje policies/backup.md
  decide beslut/1 IS-POL-001
  styr build --preview
  expect_rc 0
  [ "$(listed_ids)" = "IS-POL-001 IS-RL-001 " ] || fail "the preview lists: $(listed_ids)"
  grep -F '>Riktlinje för säkerhetskopiering</a>' _site/dokument/index.html |
    grep -qF '<span class="badge badge-draft">UTKAST – ej fastställd</span>' || fail "the draft is not marked"
  ! grep -F '>Informationssäkerhetspolicy</a>' _site/dokument/index.html | grep -qF 'badge-draft' ||
    fail "the approved policy is marked as a draft"
}

test_build_lists_the_types_with_their_counts() {
  two_riktlinjer_repo
  styr build
  expect_rc 0
  local page=_site/typ/index.html
  grep -qF '<h1>Dokument per typ</h1>' $page || fail "no heading"
  grep -qF '<li><a href="../typ/policy.html">Policyer</a> <span class="count">(1 dokument)</span></li>' $page &&
    grep -qF '<li><a href="../typ/riktlinje.html">Riktlinjer</a> <span class="count">(2 dokument)</span></li>' $page ||
    fail "the types and their counts: $(grep -F '<li>' $page)"
  # A list by type leads back to the list of types.
  grep -qF '<li><a href="index.html">Dokument per typ</a></li>' _site/typ/riktlinje.html || fail "no breadcrumb to it"
}

# `styr init` copies the templates into the repository: one from before typ/index.html still
# gives it its types.
test_build_lists_the_types_whatever_the_repositorys_list_template() {
  make_repo r && cd r
  mkdir templates
  printf '<h1>{{heading}}</h1>\n{{#has_rows}}<p>rader</p>{{/has_rows}}{{^has_rows}}<p>inga</p>{{/has_rows}}\n' \
    >templates/list.mustache
  commit_all
  decide beslut/1 IS-POL-001
  styr build
  expect_rc 0
  grep -qF '<li><a href="../typ/policy.html">Policyer</a> <span class="count">(1 dokument)</span></li>' \
    _site/typ/index.html || fail "the list of types: $(sed -n '/<main/,/<\/main>/p' _site/typ/index.html)"
  grep -qF '<p>rader</p>' _site/dokument/index.html || fail "the repository's template does not list the documents"
}

# dokument/index.html and typ/index.html are kept while what they show is the same, and show
# a change as a cold build would.
test_build_folder_pages_are_remade_only_when_what_they_show_changes() {
  two_riktlinjer_repo
  styr build
  expect_rc 0
  local documents types
  [ -f _site/dokument/index.html ] && [ -f _site/typ/index.html ] || fail "no list of documents or of types"
  documents=$(stat -c %i _site/dokument/index.html)
  types=$(stat -c %i _site/typ/index.html)
  # A review without change: the decision log changes, the lists do not.
  decide beslut/2026-04-01-ks --date 2026-04-01T10:00:00+02:00 IS-RL-001
  styr build
  expect_rc 0
  grep -qF "beslut/2026-04-01-ks" _site/beslut.html || fail "the decision log lacks the review"
  [ "$(stat -c %i _site/dokument/index.html)" = "$documents" ] || fail "the unchanged list of documents was rewritten"
  [ "$(stat -c %i _site/typ/index.html)" = "$types" ] || fail "the unchanged list of types was rewritten"
  expect_same_as_cold_build "the rebuild"
  # A new title moves the document in the list; a new document of a new type counts.
  sed -i 's/^title = "Riktlinje för loggning"/title = "Aktivitetsloggning"/' policies/riktlinjer/loggning.md
  write_plan policies/plan.md
  commit_all "Ny titel" 2026-05-01T10:00:00+02:00
  decide beslut/2026-05-02-ks --date 2026-05-02T10:00:00+02:00 IS-RL-002 IS-HP-001
  styr build
  expect_rc 0
  [ "$(listed_ids)" = "IS-RL-002 IS-HP-001 IS-POL-001 IS-RL-001 " ] || fail "after the new title: $(listed_ids)"
  grep -qF 'Handlingsplaner</a> <span class="count">(1 dokument)</span>' _site/typ/index.html ||
    fail "the new type is not counted"
  expect_same_as_cold_build "the rebuild"
}

# A document whose id is "index.html" would take the list's address as its folder, and a type
# named "index" the list of types'.
test_build_an_id_or_type_named_index_leaves_the_folder_pages_alone() {
  make_repo r && cd r
  write_riktlinje policies/konstig.md index.html "Riktlinje med konstigt id"
  write_riktlinje policies/typ.md IS-RL-001 "Riktlinje av typen index"
  sed -i 's/^type = "riktlinje"/type = "index"/' policies/typ.md
  commit_all
  styr build --preview
  expect_rc 0
  expect_err 'the id "index.html" cannot name a web page; not published'
  grep -qF '<h1>Alla dokument</h1>' _site/dokument/index.html || fail "dokument/index.html is not the list"
  grep -qF '<h1>Dokument per typ</h1>' _site/typ/index.html || fail "typ/index.html is not the list of types"
  grep -qF 'href="../typ/index-2.html"' _site/typ/index.html || fail "the type index has no list of its own"
  grep -qF 'IS-RL-001' _site/typ/index-2.html || fail "the list of the type index lacks its document"
  grep -qF 'href="../../typ/index-2.html"' _site/dokument/IS-RL-001/index.html || fail "the document links another list"
}

test_build_a_repealed_document_has_no_version_in_force() {
  make_repo r && cd r
  write_riktlinje policies/rl1.md
  printf '\nOrdet zebrakopiering finns bara här.\n' >>policies/rl1.md
  commit_all "Första" 2026-03-01T10:00:00+01:00
  decide beslut/1 --date 2026-03-02T10:00:00+01:00 IS-POL-001 IS-RL-001
  sed -i 's/^publicity = .*/&\nretired = true/' policies/rl1.md
  commit_all "Upphäv" 2026-03-05T10:00:00+01:00
  decide beslut/2 --date 2026-03-06T10:00:00+01:00 IS-RL-001
  styr build
  expect_rc 0
  local page=_site/dokument/IS-RL-001/index.html
  grep -qF '<span class="status status-retired">Upphävd</span> 2026-03-06</p>' $page ||
    fail "the page does not say when it was repealed"
  grep -qF "<title>Riktlinje för säkerhetskopiering (upphävd) – " $page || fail "the page's title hides the repeal"
  grep -qF "<dt>Upphävd</dt><dd>2026-03-06</dd>" $page || fail "the panel lacks the date of the repeal"
  ! grep -qF "<dt>Fastställd</dt>" $page || fail "the panel calls the repeal an approval"
  grep -qF "<dt>Upphävd</dt><dd>2026-03-06</dd>" _site/dokument/IS-RL-001/v2.html || fail "v2 is not the repeal"
  grep -qF "<dt>Fastställd</dt><dd>2026-03-02</dd>" _site/dokument/IS-RL-001/v1.html || fail "v1 lost its approval"
  grep -qF '<li><a href="../dokument/IS-RL-001/index.html">Riktlinje för säkerhetskopiering</a> <span class="doc-id">IS-RL-001</span>' \
    _site/dokument/index.html || fail "the list of every document does not name the repealed one"
  # Found by its id (someone holds an old reference) and marked, but its text is not searched.
  grep -qF '"IS-RL-001","Riktlinje","' _site/search/d0.js && grep -qF '"Upphävd"]' _site/search/d0.js ||
    fail "the search does not find the repealed document as repealed: $(cat _site/search/d0.js)"
  grep -qF '"is-rl-1"' _site/search/t*.js || fail "its id is not a search term"
  ! grep -qF 'zebrakopier' _site/search/t*.js || fail "the repealed text is searched"
  local history=_site/dokument/IS-RL-001/historik.html
  ! grep -qF 'class="badge"' $history || fail "the history marks a version as in force"
  [ "$(grep -c 'href="v[0-9].html#changes"' $history)" = 1 ] && grep -qF 'href="v2.html#changes"' $history ||
    fail "the history does not link to what changed in version 2, and only there"
  for v in v1 v2; do
    grep -qF "Dokumentet är upphävt, och ingen version av det gäller." _site/dokument/IS-RL-001/$v.html ||
      fail "$v does not say that no version applies"
    ! grep -qF "Gå till den gällande versionen" _site/dokument/IS-RL-001/$v.html || fail "$v points to a version in force"
  done
}

test_build_says_on_the_page_when_a_review_is_overdue() {
  make_repo r && cd r
  write_riktlinje policies/rl1.md
  sed -i 's/^review_interval_months = .*/review_interval_months = 1/' policies/rl1.md
  commit_all "Första" 2026-03-01T10:00:00+01:00
  decide beslut/1 --date 2026-03-02T10:00:00+01:00 IS-POL-001 IS-RL-001
  styr build
  expect_rc 0
  # Reviewed monthly, approved in March 2026: overdue by the time the tests run.
  grep -qF "Aktualitetsprövningen är försenad: dokumentet skulle ha prövats senast 2026-04-02." \
    _site/dokument/IS-RL-001/index.html || fail "no notice of the overdue review"
  ! grep -qF "notice-overdue" _site/dokument/IS-POL-001/index.html || fail "the policy (48 months) is marked overdue"
  grep -qF '<dd>2026-04-02 <span class="badge badge-overdue">Prövningen försenad</span></dd>' \
    _site/dokument/IS-RL-001/index.html || fail "the panel does not mark the past review date"
  # The lists say so too, for whoever scans them.
  local page
  for page in _site/dokument/index.html _site/typ/riktlinje.html; do
    [ "$(grep -c 'badge-overdue' $page)" = 1 ] && grep 'badge-overdue' $page | grep -qF 'IS-RL-001/index.html' ||
      fail "$page does not mark the overdue review, or marks another"
  done
}

test_build_search_page_without_javascript_leads_to_the_lists() {
  make_repo r && cd r
  write_riktlinje policies/rl1.md
  sed -i 's/^publicity = .*/&\ntags = ["loggning"]/' policies/rl1.md
  commit_all
  decide beslut/1 IS-POL-001 IS-RL-001
  styr build
  expect_rc 0
  local nojs
  nojs=$(sed -n '/class="search-nojs/,/<\/div>/p' _site/sok.html)
  for href in dokument/index.html typ/policy.html typ/riktlinje.html amne/index.html krav.html; do
    grep -qF "href=\"$href\"" <<<"$nojs" || fail "the note without JavaScript lacks $href"
  done
}

test_build_refuses_synonyms_that_are_not_groups_of_terms() {
  make_repo r && cd r
  printf '\n[site]\nsynonyms = [["backup"], ["mejl", ""]]\n' >>styr.toml
  local line
  line=$(wc -l <styr.toml)
  styr build
  expect_rc 3
  expect_err "styr.toml:$line:13: error[config]: a group in site.synonyms needs at least two terms that mean the same"
  expect_err "styr.toml:$line:34: error[config]: a group in site.synonyms must not contain an empty string"
  [ ! -e _site ] || fail "a site was written"
}

test_build_remakes_the_search_index_when_the_synonyms_change() {
  make_repo r && cd r
  decide beslut/1 IS-POL-001
  styr build
  expect_rc 0
  ! grep -qF '"isms"' _site/search/index.js || fail "a group before there is one"
  printf '\n[site]\nsynonyms = [["ISMS", "informationssäkerhetspolicy"]]\n' >>styr.toml
  styr build
  expect_rc 0
  grep -qF '["isms","informationssäkerhetspolicy"]' _site/search/index.js ||
    fail "the index was not remade: $(cat _site/search/index.js)"
}

test_build_dates_the_site_by_what_it_publishes_not_by_a_later_draft() {
  make_repo r && cd r
  commit_all "Policy" 2026-03-01T10:00:00+01:00
  decide beslut/1 --date 2026-03-02T10:00:00+01:00 IS-POL-001
  write_riktlinje policies/rl1.md
  commit_all "Utkast" 2026-05-20T10:00:00+02:00
  styr build
  expect_rc 0
  grep -qF "Uppdaterad med beslut och ändringar till och med 2026-03-02." _site/index.html ||
    fail "the start page is dated $(grep -o 'till och med [0-9-]*' _site/index.html)"
  styr build --preview
  grep -qF "till och med 2026-05-20." _site/index.html || fail "the preview is not dated by its last commit"
}

test_build_public_audience_has_only_offentlig() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/backup.md  # publicity = "intern"
  commit_all
  decide beslut/2026-03-15-ks IS-POL-001 IS-RL-001
  styr build
  expect_rc 0
  [ -f _site/dokument/IS-RL-001/index.html ] || fail "the intranet lacks the internal guideline"
  styr build --audience public --out ../public
  expect_rc 0
  expect_err "(public)"
  [ -f ../public/dokument/IS-POL-001/index.html ] || fail "the public site lacks the policy"
  [ ! -e ../public/dokument/IS-RL-001 ] || fail "the public site has an internal document"
  ! grep -rqF "Riktlinje för säkerhetskopiering" ../public || fail "the internal title is on the public site"
  [ ! -e ../public/rapport.html ] || fail "the public site has the management report"
  expect_links_resolve ../public
  expect_links_resolve _site
}

# An operator who restricts the published folder (intern documents, one web server group)
# keeps that restriction across builds, which swap in a new folder.
test_build_keeps_the_output_folders_mode_and_group() {
  make_repo r && cd r
  decide beslut/a IS-POL-001
  styr build
  expect_rc 0
  local group
  group=$(id -Gn | tr ' ' '\n' | tail -1)  # one the user may give
  chgrp "$group" _site && chmod 2750 _site
  local round
  for round in 1 2; do  # a new staging folder, then the recycled spare
    printf '\nStycke %s.\n' "$round" >>policies/policy.md
    commit_all "Runda $round" "2026-04-0${round}T10:00:00+02:00"
    decide "beslut/b$round" --date "2026-04-0${round}T12:00:00+02:00" IS-POL-001
    styr build
    expect_rc 0
    grep -qF "Stycke $round." _site/dokument/IS-POL-001/index.html || fail "round $round was not published"
    [ "$(stat -c %a:%G _site)" = "2750:$group" ] || fail "round $round: the folder is $(stat -c %a:%G _site)"
  done
}

# A decision's title line is free text: it may name what a site withholds.
test_build_names_no_withheld_document_through_a_decision() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/backup.md  # publicity = "intern"
  write_riktlinje policies/riktlinjer/hemlig.md IS-RL-009 "Hemlig riktlinje"
  sed -i 's/publicity = "intern"/publicity = "sekretess"/' policies/riktlinjer/hemlig.md
  commit_all
  decide beslut/a IS-POL-001
  local date=2026-03-20T10:00:00+01:00
  GIT_COMMITTER_NAME="Karin Ek" GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_DATE=$date \
    g tag -a beslut/b -m "Kommunstyrelsen fastställer Riktlinje för säkerhetskopiering.

Riktlinjen gäller från den 1 april.

Beslut: KS 2026-03-20 § 7
Fastställer: IS-RL-001"
  date=2026-03-25T10:00:00+01:00
  GIT_COMMITTER_NAME="Karin Ek" GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_DATE=$date \
    g tag -a beslut/c -m "Kommunstyrelsen fastställer Hemlig riktlinje.

Den hemliga riktlinjen skyddar larmcentralen.

Beslut: KS 2026-03-25 § 8
Fastställer: IS-RL-009"
  styr build --audience public --out ../public
  expect_rc 0
  ! grep -rqF "Riktlinje för säkerhetskopiering" ../public || fail "the internal title is on the public site"
  ! grep -rqF "Hemlig riktlinje" ../public || fail "the secret title is on the public site"
  ! grep -rqF "KS 2026-03-20 § 7" ../public || fail "the public site lists a decision on internal documents only"
  grep -qF "KS 2026-03-15 § 45" ../public/beslut.html || fail "the public site lacks the decision on the policy"
  styr build
  expect_rc 0
  ! grep -rqF "Hemlig riktlinje" _site || fail "the secret title is on the intranet"
  grep -qF "KS 2026-03-25 § 8" _site/beslut.html || fail "the intranet's log lacks the decision on a secret document"
  grep -qF "Kommunstyrelsen fastställer Riktlinje för säkerhetskopiering." _site/beslut.html \
    || fail "the intranet's log does not show the title of a decision on what it publishes"
  # The prose of a decision is its reasons and conditions, free text like its title.
  grep -qF '<div class="decision-text"><p>Riktlinjen gäller från den 1 april.</p></div>' _site/beslut.html ||
    fail "the intranet's log lacks the text of a decision"
  grep -qF "Riktlinjen gäller från den 1 april." _site/feed.xml || fail "the feed lacks the text of a decision"
  ! grep -rqF "larmcentralen" _site ../public || fail "the text of a decision on a secret document is on a site"
  ! grep -rqF "1 april" ../public || fail "the text of a decision on internal documents is on the public site"
}

test_build_never_publishes_sekretess() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/hemlig.md IS-RL-009 "Hemlig riktlinje"
  sed -i 's/publicity = "intern"/publicity = "sekretess"/' policies/riktlinjer/hemlig.md
  commit_all
  decide beslut/2026-03-15-ks IS-POL-001 IS-RL-009
  local mode
  for mode in "" --preview; do
    styr build $mode
    expect_rc 0
    [ ! -e _site/dokument/IS-RL-009 ] || fail "sekretess published ($mode)"
    ! grep -rqF "Hemlig riktlinje" _site || fail "the secret title is on the site ($mode)"
  done
}

test_build_names_a_sekretess_document_only_where_its_title_may_be_listed() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/hemlig.md IS-RL-009 "Hemlig riktlinje"
  sed -i 's/publicity = "intern"/publicity = "sekretess"/' policies/riktlinjer/hemlig.md
  write_riktlinje policies/riktlinjer/backup.md
  commit_all "Första" 2026-03-01T10:00:00+01:00
  decide beslut/1 --date 2026-03-02T10:00:00+01:00 IS-POL-001 IS-RL-001 IS-RL-009
  # Version 2 of IS-RL-001 relates to the secret guideline: its page and its diff would name it.
  sed -i 's/^publicity = .*/&\nrelated = ["IS-RL-009"]/' policies/riktlinjer/backup.md
  commit_all "Relaterad" 2026-03-05T10:00:00+01:00
  decide beslut/2 --date 2026-03-06T10:00:00+01:00 IS-RL-001
  styr build
  expect_rc 0
  [ -f _site/dokument/IS-RL-001/v2.html ] || fail "no second version"
  ! grep -rqF "IS-RL-009" _site || fail "the secret id is on the site: $(grep -rlF IS-RL-009 _site)"
  grep -qF "publiceras inte" _site/dokument/IS-RL-001/v2.html || fail "the diff does not say that a value is withheld"
  # Once the configuration lists secret titles, the references may name it too.
  printf '\n[site]\nlist_secret_titles = true\n' >>styr.toml
  commit_all "Lista" 2026-03-07T10:00:00+01:00
  styr build
  expect_rc 0
  grep -qF "IS-RL-009" _site/dokument/IS-RL-001/index.html || fail "the listed secret id is not named"
  ! grep -rqF "Hemlig riktlinje</a>" _site || fail "the secret document is linked"
}

test_build_warns_about_links_it_cannot_publish() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/backup.md
  printf '\nSe [riktlinjen](riktlinjer/backup.md) och [skript](javascript:alert(1)).\n' >>policies/policy.md
  commit_all
  decide beslut/2026-03-15-kf IS-POL-001
  styr build
  expect_rc 0
  # At the link's place, line and column, as check reports it.
  local line
  line=$(grep -n 'Se \[riktlinjen\]' policies/policy.md | cut -d: -f1)
  expect_err "warning: policies/policy.md:$line:17: link \"riktlinjer/backup.md\" points to IS-RL-001, a draft, which is not published; shown as text"
  expect_err "warning: policies/policy.md:$line:52: link \"javascript:alert(1)\" uses a scheme that is not allowed; shown as text"
  ! grep -qF 'href="javascript' _site/dokument/IS-POL-001/index.html || fail "an unsafe link was published"
  grep -qF "Se riktlinjen och skript." _site/dokument/IS-POL-001/index.html || fail "the link texts are missing"
  # Once the file changes after its approval, the place is in the approved version, and says so.
  sed -i '1,/^+++$/!{0,/^$/s//\nEtt nytt första stycke.\n/}' policies/policy.md
  commit_all "Nytt stycke" 2026-03-16T10:00:00+01:00
  styr build
  expect_rc 0
  expect_err "warning: policies/policy.md:$line:17: link \"riktlinjer/backup.md\" points to IS-RL-001, a draft, which is not published; shown as text (in the approved version)"
}

# A link's #fragment leads to a section of the page as published: a heading that only a
# revision not yet decided has does not count. A fragment that names no heading or requirement
# there leads to the top of the page, with a warning.
test_build_links_to_a_section_only_when_the_published_page_has_it() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/backup.md
  printf '\nSe [syftet](riktlinjer/backup.md#Syfte), [kravet](riktlinjer/backup.md#krav-is-rl-001-k1) och [loggningen](riktlinjer/backup.md#loggning).\n' >>policies/policy.md
  commit_all
  decide beslut/2026-03-15-kf IS-POL-001 IS-RL-001
  sed -i 's/^## Avvikelser och undantag$/### Loggning\nLoggar sparas.\n\n&/' policies/riktlinjer/backup.md
  commit_all "Loggning" 2026-03-16T10:00:00+01:00
  styr check
  expect_no_err "broken-fragment"
  styr build
  expect_rc 0
  local line page=_site/dokument/IS-POL-001/index.html
  line=$(grep -n 'Se \[syftet\]' policies/policy.md | cut -d: -f1)
  expect_err "warning: policies/policy.md:$line:108: link \"riktlinjer/backup.md#loggning\": IS-RL-001 has no heading or requirement \"#loggning\"; linked to the top of its page"
  expect_no_err "#Syfte"
  expect_no_err "#krav-is-rl-001-k1"
  grep -qF 'href="../IS-RL-001/index.html#syfte"' "$page" || fail "the link to a heading lost its section"
  grep -qF 'href="../IS-RL-001/index.html#krav-is-rl-001-k1"' "$page" || fail "the link to a requirement lost its row"
  grep -qF 'href="../IS-RL-001/index.html">loggningen' "$page" || fail "a section the page lacks was linked to"
  # Once the revision is decided, the link leads to the new section.
  decide beslut/2026-03-17-ks --date 2026-03-17T10:00:00+01:00 IS-RL-001
  styr build
  expect_rc 0
  expect_no_err "#loggning"
  grep -qF 'href="../IS-RL-001/index.html#loggning">loggningen' "$page" || fail "the decided section is not linked to"
}

# The law on accessible digital public services asks every site, intranets included, for an
# accessibility statement that every page links to: the site's own, from styr.toml, or one
# published elsewhere.
test_build_links_every_page_to_the_accessibility_statement() {
  make_repo r && cd r
  cat >>styr.toml <<'TOML'
[site.accessibility]
compliance = "partial"
assessed = 2026-10-15
method = "Självskattning med axe-core."
contact = "mailto:tillganglighet@testkommun.se"
shortcomings = ["Bilagor i PDF-format är inte granskade."]
TOML
  commit_all "Tillgänglighetsredogörelse"
  decide beslut/2026-03-15-kf IS-POL-001
  styr build
  expect_rc 0
  local page=_site/tillganglighet.html
  [ -f "$page" ] || fail "the statement is not published"
  grep -qF "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service" "$page" \
    || fail "the statement does not say how compliant the site is"
  grep -qF "<li>Bilagor i PDF-format är inte granskade.</li>" "$page" || fail "a shortcoming is missing"
  grep -qF '<a href="mailto:tillganglighet@testkommun.se">tillganglighet@testkommun.se</a>' "$page" \
    || fail "the contact is not a link"
  grep -qF 'href="https://www.digg.se/tdosanmalan"' "$page" || fail "the statement does not link to Digg"
  grep -qF "Bedömningen gjordes 2026-10-15. Redogörelsen uppdaterades senast 2026-10-15." "$page" \
    || fail "the dates are missing"
  grep -qF '<a href="tillganglighet.html">Tillgänglighetsredogörelse</a>' _site/index.html || fail "the start page does not link to it"
  grep -qF '<a href="../../tillganglighet.html">Tillgänglighetsredogörelse</a>' _site/dokument/IS-POL-001/index.html \
    || fail "a document page does not link to it"
  # A statement published elsewhere: every page links there, and the site has none of its own.
  sed -i '/^\[site.accessibility\]/,$d' styr.toml
  printf '[site.accessibility]\nstatement = "https://intranat.testkommun.se/tillganglighet"\n' >>styr.toml
  styr build
  expect_rc 0
  [ ! -e "$page" ] || fail "the site's own statement is still published"
  grep -qF '<a href="https://intranat.testkommun.se/tillganglighet">Tillgänglighetsredogörelse</a>' \
    _site/dokument/IS-POL-001/index.html || fail "a page kept from the last build links to the old statement"
  # Without one, no page links to a statement.
  sed -i '/^\[site.accessibility\]/,$d' styr.toml
  styr build
  expect_rc 0
  ! grep -rqF "Tillgänglighetsredogörelse" _site || fail "a page links to a statement the site does not have"
}

# A copy of styr's search script from an older styr would not read this one's index: the site
# keeps styr's own scripts, and the build says which copy to delete.
test_build_publishes_its_own_scripts_over_a_repository_copy() {
  make_repo r && cd r
  decide beslut/2026-03-15-kf IS-POL-001
  styr build
  expect_rc 0
  cp _site/assets/search.js ../search.js
  mkdir -p site && cp ../search.js site/search.js
  styr build
  expect_rc 0
  expect_no_err "search.js"
  printf '/* the copy of an older styr */ window.styrSearch = null;\n' >site/search.js
  printf 'window.ours = 1;\n' >site/ours.js
  styr build
  expect_rc 0
  expect_err "warning: site/search.js: differs from styr's own script, which is published instead"
  cmp -s _site/assets/search.js ../search.js || fail "the repository's copy of search.js was published"
  grep -qF 'window.ours' _site/assets/ours.js || fail "a script of the repository's own was not published"
}

test_build_is_deterministic() {
  make_repo r && cd r
  decide beslut/2026-03-15-kf IS-POL-001
  styr build --out ../one
  expect_rc 0
  rm -rf .styr-cache
  styr build --out ../two
  expect_rc 0
  diff -r ../one ../two >/dev/null || fail "two builds of the same state differ"
}

test_build_help() {
  styr build --help
  expect_rc 0
  expect_out "usage: styr build [--out DIR] [--preview] [--audience intranet|public]"
}

test_build_publishes_the_report_and_the_requirement_catalogue() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/backup.md  # publicity = "intern"
  write_riktlinje policies/riktlinjer/hemlig.md IS-RL-009 "Hemlig riktlinje"
  sed -i 's/publicity = "intern"/publicity = "sekretess"/' policies/riktlinjer/hemlig.md
  sed -i 's/IS-RL-009-K1/HEM-1/' policies/riktlinjer/hemlig.md
  write_riktlinje policies/riktlinjer/utkast.md IS-RL-002 "Utkast till riktlinje"
  sed -i 's/IS-RL-002-K1/UTK-1/' policies/riktlinjer/utkast.md
  sed -i 's/^publicity = .*/&\niso27002 = ["5.1"]/' policies/policy.md
  commit_all
  decide beslut/2026-03-15-ks IS-POL-001 IS-RL-001 IS-RL-009
  styr build
  expect_rc 0
  # The report: intranet only, linked from the start page, with its pictures and links to pages.
  [ -f _site/rapport.html ] || fail "no report page"
  grep -qF 'href="rapport.html"' _site/index.html || fail "the start page does not link the report"
  grep -qF '<svg' _site/rapport.html || fail "the report has no picture"
  grep -qF 'href="dokument/IS-POL-001/index.html"' _site/rapport.html || fail "the report does not link the policy"
  grep -qF 'assets/report.css' _site/rapport.html || fail "the report page lacks its stylesheet"
  [ -f _site/assets/report.css ] || fail "report.css is not published"
  ! grep -qF 'href="dokument/IS-RL-002' _site/rapport.html || fail "the report links a draft's page"
  ! grep -qF 'Utkast till riktlinje' _site/rapport.html || fail "the report publishes a draft's title"
  grep -qF 'IS-RL-002</span></th><td>(publiceras inte här)</td>' _site/rapport.html || fail "the draft is not listed by its id"
  # The catalogue: approved rows only, never sekretess, with its CSV and filter script.
  grep -qF 'href="krav.html"' _site/index.html || fail "the start page does not link the catalogue"
  grep -qF 'IS-RL-001-K1' _site/krav.html || fail "the approved requirement is missing"
  grep -qF '<a href="dokument/IS-RL-001/index.html#krav-is-rl-001-k1">IS-RL-001-K1</a>' _site/krav.html ||
    fail "the requirement does not lead to its row in the document"
  grep -qF '<tr id="krav-is-rl-001-k1">' _site/dokument/IS-RL-001/index.html || fail "the requirement's row has no anchor"
  grep -qF '["IS-RL-001-K1","krav-is-rl-001-k1"]' _site/search/d*.js || fail "the search cannot link to the requirement"
  grep -qF 'IS-RL-001-K1' _site/krav.csv || fail "the approved requirement is missing from the CSV"
  [ "$(head -c 3 _site/krav.csv | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "krav.csv lacks the byte-order mark Excel needs"
  ! grep -qF 'UTK-1' _site/krav.html _site/krav.csv || fail "a draft's requirement is listed"
  ! grep -rqF 'HEM-1' _site || fail "a secret requirement is published"
  ! grep -rqF 'Hemlig riktlinje' _site || fail "a secret title is published"
  grep -qF 'assets/requirements.js' _site/krav.html || fail "the catalogue page lacks its script"
  # Preview lists the draft's requirement; the public site has no report and no internal rows.
  styr build --preview --out ../preview
  expect_rc 0
  grep -qF 'UTK-1' ../preview/krav.html || fail "preview lacks the draft's requirement"
  styr build --audience public --out ../public
  expect_rc 0
  [ ! -e ../public/rapport.html ] || fail "the public site has the management report"
  ! grep -qF 'href="rapport.html"' ../public/index.html || fail "the public start page links the report"
  [ -f ../public/krav.html ] || fail "the public site lacks the catalogue"
  ! grep -qF 'IS-RL-001-K1' ../public/krav.html ../public/krav.csv || fail "an internal requirement is public"
}

test_build_after_a_change_equals_a_cold_build() {
  two_riktlinjer_repo
  styr build
  expect_rc 0
  local page
  page=$(stat -c %i _site/dokument/IS-RL-002/index.html)
  # A new version of the policy: its own pages change, a riktlinje's page does not.
  printf '\nEtt nytt stycke i den andra versionen.\n' >>policies/policy.md
  commit_all "Andra versionen" 2026-04-01T10:00:00+02:00
  decide beslut/2026-04-02-kf --date 2026-04-02T10:00:00+02:00 IS-POL-001
  styr build
  expect_rc 0
  grep -qF "Ett nytt stycke i den andra versionen." _site/dokument/IS-POL-001/index.html \
    || fail "the new version is not published"
  [ "$(stat -c %i _site/dokument/IS-RL-002/index.html)" = "$page" ] || fail "an unchanged page was written again"
  expect_same_as_cold_build "the rebuild"
  # A new title: the riktlinjer name their parent, so their pages change too.
  sed -i 's/^title = "Informationssäkerhetspolicy"/title = "Policy för informationssäkerhet"/' policies/policy.md
  commit_all "Ny titel" 2026-05-01T10:00:00+02:00
  decide beslut/2026-05-02-kf --date 2026-05-02T10:00:00+02:00 IS-POL-001
  styr build
  expect_rc 0
  grep -qF "Policy för informationssäkerhet" _site/dokument/IS-RL-002/index.html \
    || fail "a riktlinje's page still shows its parent's old title"
  # The start page's tree (kept rendered in the cache) shows the new title, and the
  # riktlinjer under the policy.
  local tree
  tree=$(sed -n '/class="document-tree"/,/<\/section>/p' _site/index.html)
  grep -qF ">Policy för informationssäkerhet</a>" <<<"$tree" || fail "the tree shows the policy's old title"
  grep -qF 'href="dokument/IS-RL-002/index.html"' <<<"$tree" || fail "the tree lacks the riktlinje under the policy"
  expect_same_as_cold_build "the rebuild"
  # A changed requirement: the catalogue, as a page and as CSV, is made again.
  sed -i 's/Säkerhetskopior ska tas dagligen\./Säkerhetskopior ska tas varje timme./' policies/riktlinjer/loggning.md
  commit_all "Tätare kopior" 2026-06-01T10:00:00+02:00
  decide beslut/2026-06-02-ks --date 2026-06-02T10:00:00+02:00 IS-RL-002
  styr build
  expect_rc 0
  grep -qF "Säkerhetskopior ska tas varje timme." _site/krav.csv || fail "the CSV still shows the old requirement"
  grep -qF "beslut/2026-06-02-ks" _site/feed.xml || fail "the feed lacks the new decision"
  expect_same_as_cold_build "the rebuild"
}

# A decision that changes no text still changes the pages about the whole site (the start
# page, the decision log, the report), whether they are made in a new folder or in the kept one.
test_build_after_a_decision_alone_equals_a_cold_build() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/backup.md
  commit_all
  decide beslut/2026-03-15-kf IS-POL-001 IS-RL-001
  styr build
  expect_rc 0
  local round
  for round in 1 2 3; do
    decide "beslut/2026-04-0$round-ks" --date "2026-04-01T1${round}:00:00+02:00" IS-RL-001
    styr build
    expect_rc 0
    grep -qF "beslut/2026-04-0$round-ks" _site/beslut.html || fail "round $round: the decision log lacks the decision"
    expect_same_as_cold_build "round $round: the rebuild"
  done
}

# A long series of edits, each followed by rebuilds from the last ones' cache (the site, the
# preview and the public site), each compared with a cold build: a page whose key misses
# something it shows would keep the old text.
# The edits are drawn from a fixed seed (STYR_TEST_SEED overrides it); a failure names the
# edits so far.
test_build_after_a_series_of_edits_equals_a_cold_build() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/backup.md
  write_riktlinje policies/riktlinjer/loggning.md IS-RL-002 "Riktlinje för loggning"
  write_riktlinje policies/riktlinjer/moln.md IS-RL-003 "Riktlinje för molntjänster"
  commit_all
  decide beslut/2026-02-01-kf --date 2026-02-01T10:00:00+01:00 IS-POL-001 IS-RL-001 IS-RL-002 IS-RL-003
  styr build
  expect_rc 0
  styr build --preview --out ../preview
  expect_rc 0
  styr build --audience public --out ../public
  expect_rc 0
  RANDOM=${STYR_TEST_SEED:-20261201}
  local step ids=(IS-POL-001 IS-RL-001 IS-RL-002 IS-RL-003) publicity=(intern offentlig sekretess)
  local done_edits="" next=4
  for step in $(seq 1 30); do
    local day commit_date decision_date id other file other_file edit
    day=$(printf '%02d' $(((step - 1) % 28 + 1)))
    commit_date="2026-0$((3 + (step - 1) / 28))-${day}T08:00:00+01:00"
    decision_date="2026-0$((3 + (step - 1) / 28))-${day}T10:00:00+01:00"
    id=${ids[RANDOM % ${#ids[@]}]} other=${ids[RANDOM % ${#ids[@]}]}
    file=$(file_of "$id") other_file=$(file_of "$other")
    edit=$((RANDOM % 16))
    [ -n "$file" ] && [ -n "$other_file" ] || edit=12  # one of them was removed
    case $edit in
      0) sed -i "s/^title = \"\(.*\)\"/title = \"\1 $step\"/; s/^# \(.*\)/# \1 $step/" "$file" ;;
      1) printf '\nSe även [%s](%s#syfte) i steg %d.\n' "$other" \
           "$(realpath --relative-to="$(dirname "$file")" "$other_file")" "$step" >>"$file" ;;
      2) set_field "$file" tags "[\"ämne $((RANDOM % 3))\", \"Ämne $((RANDOM % 3))\"]" ;;
      3) [[ $id == IS-POL-* ]] || set_field "$file" related "[\"$other\"]" ;;
      4) [[ $id == IS-POL-* ]] || set_field "$file" publicity "\"${publicity[RANDOM % 3]}\"" ;;
      5) [[ $id == IS-POL-* ]] || set_field "$file" retired "$([ $((RANDOM % 2)) = 0 ] && echo true || echo false)" ;;
      6) [[ $id == IS-POL-* ]] || sed -i "s/^| ${id}-K1 .*/&\n| ${id}-S$step | Steg $step ska följas. | bör |/" "$file" ;;
      7) sed -i "s/^owner = .*/owner = \"$([ $((RANDOM % 2)) = 0 ] && echo IT-chef || echo kommundirektör)\"/" "$file" ;;
      8) g mv -q "$file" "$(dirname "$file")/flyttad-$step.md" ;;
      9) write_riktlinje "policies/riktlinjer/ny-$step.md" "IS-RL-00$next" "Riktlinje nummer $next"
         id="IS-RL-00$next" && ids+=("$id") && next=$((next + 1)) ;;
      10) sed -i "s/^name = .*/name = \"Testkommun $step\"/" styr.toml ;;
      11) sed -i "s/^Årligen\./Varje kvartal, steg $step./; s/^Varje kvartal, steg [0-9]*\./Varje kvartal, steg $step./" "$file" ;;
      12) ;;  # a decision alone
      13) [[ $id == IS-POL-* ]] || g rm -q "$file" ;;  # an approved document stays published
      14) sed -i "s/^review_interval_months = .*/review_interval_months = $((6 + RANDOM % 30))/" "$file" ;;
      15) sed -i '/^language = /d' styr.toml
          [ $((RANDOM % 2)) = 0 ] && sed -i 's/^name = .*/&\nlanguage = "en"/' styr.toml ;;
    esac
    done_edits+=" $step:$edit:$id"
    commit_all "Steg $step" "$commit_date"
    # Most edits are decided at once, some wait for a later decision (and show in the preview).
    if [ $((RANDOM % 4)) != 0 ]; then
      decide "beslut/steg-$step" --date "$decision_date" "$id" "$other"
    fi
    styr build
    expect_rc 0
    expect_same_as_cold_build "after the edits$done_edits, the rebuild"
    styr build --preview --out ../preview
    expect_rc 0
    expect_same_as_cold_build "after the edits$done_edits, the preview" ../preview --preview
    styr build --audience public --out ../public
    expect_rc 0
    expect_same_as_cold_build "after the edits$done_edits, the public site" ../public --audience public
  done
}

# The previous site is kept in .styr-cache/ and updated in place by the build after next:
# what someone put into it, changed in it, or what the new site no longer has must not survive.
test_build_recycles_the_previous_site_without_leftovers() {
  two_riktlinjer_repo
  styr build
  expect_rc 0
  echo stale >_site/stale.html
  mkdir _site/dokument/IS-XX-001 && echo stale >_site/dokument/IS-XX-001/index.html
  echo stale >_site/dokument/IS-RL-001/extra.html
  printf 'tampered' >>_site/dokument/IS-RL-002/index.html
  printf '\nEtt nytt stycke.\n' >>policies/policy.md
  commit_all "Andra versionen" 2026-04-01T10:00:00+02:00
  decide beslut/2026-04-02-kf --date 2026-04-02T10:00:00+02:00 IS-POL-001
  styr build
  expect_rc 0
  [ -d .styr-cache/site ] && ls .styr-cache/site | grep -q '^spare-' || fail "the previous site was not kept"
  # The build after that updates the first site in place; meanwhile loggning is made secret,
  # which withdraws it at once.
  sed -i 's/^publicity = .*/publicity = "sekretess"/' policies/riktlinjer/loggning.md
  commit_all "Loggning blir sekretess" 2026-05-01T10:00:00+02:00
  styr build
  expect_rc 0
  [ ! -e _site/stale.html ] && [ ! -e _site/dokument/IS-XX-001 ] && [ ! -e _site/dokument/IS-RL-001/extra.html ] \
    || fail "a file the build did not write survived: $(find _site -name '*stale*' -o -name 'extra*' -o -name 'IS-XX*')"
  [ ! -e _site/dokument/IS-RL-002 ] || fail "a withdrawn document's pages survived"
  expect_same_as_cold_build "the recycled site"
}

test_build_404_page_links_start_with_a_root_a_server_can_replace() {
  make_repo r && cd r
  decide beslut/2026-03-15-kf IS-POL-001
  styr build
  expect_rc 0
  # The 404 page is served at any missing address: every link to the site starts with "./"
  # (tools/ci/nginx.conf anchors them at the site's root), while the skip link stays on the page.
  local links
  links=$(grep -o ' \(href\|src\|action\)="[^"]*"' _site/404.html | sed 's/^ [a-z]*="//; s/"$//' | sort -u)
  [ -n "$links" ] || fail "no links found on the 404 page"
  [ "$(grep -v '^\./' <<<"$links")" = "#main" ] || fail "links that do not start with ./: $(grep -v '^\./' <<<"$links")"
  grep -qF '<a class="skip-link" href="#main">' _site/404.html || fail "the 404 page has no skip link to #main"
  grep -qF 'href="./assets/style.css"' _site/404.html || fail "the 404 page does not link its style sheet from ./"
  # Other pages keep their ordinary relative links.
  grep -qF '<link rel="stylesheet" href="assets/style.css">' _site/index.html || fail "the start page's links changed"
}

test_build_every_page_but_the_search_pages_has_a_search_box_in_the_header() {
  make_repo r && cd r
  decide beslut/2026-03-15-kf IS-POL-001
  styr build
  expect_rc 0
  local page
  for page in dokument/IS-POL-001/index.html beslut.html 404.html krav.html rapport.html; do
    grep -qF 'class="header-search" action="' "_site/$page" || fail "$page has no search box in its header"
  done
  grep -qF 'class="header-search" action="../../sok.html"' _site/dokument/IS-POL-001/index.html \
    || fail "the header search does not lead to the search page"
  # The start page and the search page have their own search form, and only one.
  for page in index.html sok.html; do
    ! grep -qF 'header-search' "_site/$page" || fail "$page has two search forms"
    grep -qF 'role="search"' "_site/$page" || fail "$page has no search form"
  done
}

# The start page's template sees the document tree as HTML, whether the tree was rendered now
# or taken from the cache: a template of the repository's own must not read more on a cold
# build than on the next.
test_build_start_template_sees_the_tree_the_same_warm_or_cold() {
  make_repo r && cd r
  decide beslut/2026-03-15-kf IS-POL-001
  styr init ../k >/dev/null
  mkdir -p templates
  sed 's/{{#tree}}/{{#tree}}<li class="probe">[{{title}}]<\/li>/' ../k/templates/start.mustache >templates/start.mustache
  grep -qF 'class="probe"' templates/start.mustache || fail "the template was not changed"
  styr build
  expect_rc 0
  expect_err "unknown name \"title\", which is always empty"
  grep -qF '<li class="probe">[]</li>' _site/index.html || fail "a cold build gave the tree's roots their fields"
  styr build
  expect_rc 0
  expect_same_as_cold_build "the start page with the repository's template"
}

# {{decisions.title}} looks for a field of the list itself, which has none: it is always
# empty, however many decisions there are. The warning says how to write it.
test_build_warns_about_a_dotted_name_through_a_list() {
  styr init k >/dev/null && cd k || exit 1
  printf '<p class="probe">{{decisions.title}}</p>\n' >>templates/decisions.mustache
  local line
  line=$(wc -l <templates/decisions.mustache)
  styr build --preview
  expect_rc 0
  expect_err "warning: templates/decisions.mustache:$line:20: \"decisions.title\" goes through the list \"decisions\", which is always empty; a section over the list shows each item's field: {{#decisions}}{{title}}{{/decisions}}"
  grep -qF '<p class="probe"></p>' _site/beslut.html || fail "the page was not built with the template as written"
}

test_build_warns_about_a_name_a_template_misspells() {
  styr init k >/dev/null && cd k || exit 1
  [ -f templates/start.mustache ] || fail "styr init copied no templates"
  # styr's own templates, as styr init copies them: no name a page does not have.
  styr build --preview
  expect_rc 0
  expect_no_err "warning:"
  sed -i 's/{{generated}}\./{{generatd}}./; s/has_decisions}}/has_decisons}}/g' templates/start.mustache
  styr build --preview
  expect_rc 0
  local at="warning: templates/start.mustache"
  expect_err "$at:4:53: unknown name \"generatd\", which is always empty; did you mean \"generated\"?"
  expect_err "$at:12:4: unknown name \"has_decisons\", so the section never shows; did you mean \"has_decisions\"?"
  # In the order of the file: line 4 before line 12.
  [ "$(grep -o 'start.mustache:[0-9]*' <<<"$ERR" | head -1)" = "start.mustache:4" ] || fail "not in line order: $ERR"
  expect_err "styr build: 1 document, 0 decisions → _site/ (preview)"
  grep -qF 'class="page-start"' _site/index.html || fail "the start page was not built"
}
