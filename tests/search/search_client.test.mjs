// The search as staff use it: an index built by the C++ builder from a few Swedish
// documents, queried through the real client (site/search.js) loaded as a browser loads it
// from file://. STYR_SEARCH_TOOL is the built tests/search/search_tool.cpp.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { loadClient } from './client_sandbox.mjs';

// url, title, id, type label, excerpt, text, and optionally sections (heading|anchor;…),
// requirements (id|anchor;…) and a status
const documents = [
  ['dokument/policy.html', 'Informationssäkerhetspolicy', 'IS-POL-001', 'Policy', '',
   'Policyn anger kommunens mål för informationssäkerhet. Informationen ska skyddas och fysisk säkerhet ' +
   'gäller alla lokaler. Riktlinjerna beskriver kraven. Incidenter ska rapporteras.'],
  ['dokument/sakerhetskopiering.html', 'Riktlinje för säkerhetskopiering', 'IS-RL-004', 'Riktlinje',
   'Säkerhetskopieringen ska göra det möjligt att återställa information efter ett fel.',
   'Säkerhetskopieringen ska göra det möjligt att återställa information efter ett fel. En kopia ska ' +
   'förvaras på en annan plats. Säkerhetskopior testas varje kvartal.'],
  ['dokument/losenord.html', 'Instruktion för lösenord och autentisering', 'IS-INS-003', 'Instruktion', '',
   'Lösenordet ska vara minst fjorton tecken långt. Byt lösenordet genast om det kan ha röjts.'],
  ['dokument/behorighet.html', 'Riktlinje för behörighet och åtkomst', 'IS-RL-012', 'Riktlinje', '',
   'Behörigheter tilldelas efter behov. Inloggning kräver lösenord och en andra faktor.',
   'Syfte|syfte;Krav|krav;Identiteter och konton|identiteter-och-konton;Lösenord och andra faktorer|losenord;' +
   'Byte av lösenord|byte-av-losenord;Administrativ åtkomst|administrativ-atkomst;Lösenordslås|losenordslas;' +
   'Glömt lösenord|glomt-losenord'],
  ['dokument/incidenter.html', 'Riktlinje för incidenthantering', 'IS-RL-008', 'Riktlinje', '',
   'Vid en incident ska medarbetaren larma direkt. Hanteringen av incidenten leds av samordnaren, ' +
   'och incidenter klassas efter allvar.'],
  ['dokument/incidentrapportering.html', 'Rutin för incidentrapportering', 'IS-RUT-003', 'Rutin', '',
   'Rapportera incidenter till informationssäkerhetssamordnaren samma dag.'],
  ['dokument/serverdrift.html', 'Instruktion för serverdrift', 'IS-INS-007', 'Instruktion', '',
   'Loggning av servrar är obligatorisk. Loggning sker centralt. Loggning granskas varje vecka. ' +
   'Loggning ska omfatta inloggningar. Loggning sparas ett år. Loggning får inte stängas av.'],
  ['dokument/loggning.html', 'Riktlinje för loggning och övervakning', 'IS-RL-009', 'Riktlinje', '',
   'Riktlinjen anger vilka händelser i systemen som ska sparas, hur länge de sparas och vem som får ' +
   'läsa dem. Loggning ska ske i alla verksamhetssystem.'],
  ['dokument/handbok.html', 'Handbok för medarbetare', 'IS-HB-002', 'Handbok', '',
   'Läs riktlinjen IS-RL-004 om säkerhetskopiering och rapportera avvikelser.'],
  ['dokument/molntjanster.html', 'Riktlinje för molntjänster', 'IS-RL-040', 'Riktlinje', '',
   'Molntjänster kräver ett avtal och en riskbedömning.', '', '', 'Revideras'],
  ['dokument/aterlasning.html', 'Rutin för återläsningstest', 'IS-RUT-004', 'Rutin', '',
   'Återläsning testas en gång om året.'],
  ['dokument/distansarbete.html', 'Instruktion för distansarbete och mobila enheter', 'IS-INS-002', 'Instruktion',
   '', 'Om en mobil enhet blir stulen ska du genast kontakta servicedesk. Skärmen ska låsas.'],
  ['dokument/skadlig-kod.html', 'Instruktion om skadlig kod', 'IS-INS-006', 'Instruktion', '',
   'Skadlig kod sprids ofta genom bifogade filer. Öppna inte okända bilagor.'],
  ['dokument/passerkoder.html', 'Rutin för passerkoder', 'IS-RUT-010', 'Rutin', '',
   'Koden till entrén byts varje månad och lämnas aldrig ut.'],
  ['dokument/e-post.html', 'Instruktion för e-post', 'IS-INS-008', 'Instruktion', '',
   'Skicka inte känsliga uppgifter med e-post. Vidarebefordra inga e-postmeddelanden till privata konton.'],
  ['dokument/diarieforing.html', 'Instruktion för diarieföring', 'IS-INS-009', 'Instruktion', '',
   'Inkommande post registreras samma dag som den kommer in.'],
  ['dokument/arkivering.html', 'Rutin för arkivering', 'IS-RUT-050', 'Rutin', '',
   'ARK-01 Handlingar arkiveras i e-arkivet. ARK-02 Arkivet gallras enligt planen. ARK-12 Arkivet granskas.', '',
   'ARK-01|krav-ark-01;ARK-02|krav-ark-02;ARK-12|krav-ark-12'],
  ['dokument/jour.html', 'Rutin för jourtelefon', 'IS-RUT-061', 'Rutin', '',
   'Ring jourtelefonen vid larm, som lag och avtal kräver. Larmet loggas. Chefen ska leda mötet varje vecka.'],
  ['dokument/lagring.html', 'Instruktion för lagring av loggar', 'IS-INS-062', 'Instruktion', '',
   'Lagringen av loggar följs upp. Värderingen av beredskapen görs årligen. Ledamöter lämnar synpunkter. ' +
   'Behandlingen av loggarna kräver utbildning.'],
];

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'styr-search-client-'));
const siteDir = path.join(workDir, 'site');
execFileSync(process.env.STYR_SEARCH_TOOL, ['index', siteDir],
             { input: documents.map((fields) => fields.join('\t')).join('\n') + '\n' });
process.on('exit', (code) => {
  if (code === 0 && !process.exitCode) {
    fs.rmSync(workDir, { recursive: true, force: true });
  } else {
    console.error(`Note: test data has been left in ${workDir}`);
  }
});

// Arrays made inside the sandbox have its own Array prototype; compare copies made here.
const ids = (answer) => Array.from(answer.results, (result) => result.id);

// The words an answer's highlighter marks in `text`.
const marked = (answer, text) => Array.from(answer.highlight(text).filter((piece) => piece[1]), (piece) => piece[0]);

async function find(query) {
  const { client } = loadClient(siteDir);
  return ids(await client.search(query, 0, 20));
}

test('inflected forms of a word find the same documents', async () => {
  const riktlinje = await find('riktlinje');
  assert.deepEqual(riktlinje.slice().sort(), ['IS-HB-002', 'IS-POL-001', 'IS-RL-004', 'IS-RL-008', 'IS-RL-009',
                                              'IS-RL-012', 'IS-RL-040']);  // the handbook says "riktlinjen"
  assert.deepEqual((await find('riktlinjer')).sort(), riktlinje.slice().sort());
  assert.deepEqual((await find('Riktlinjerna')).sort(), riktlinje.slice().sort());
  for (const form of ['incident', 'incidenter', 'incidenten']) {
    const found = await find(form);
    assert.ok(found.includes('IS-RL-008') && found.includes('IS-POL-001') && found.includes('IS-RUT-003'),
              `${form}: ${found}`);
  }
});

test('the definite form finds the bare one and back (lösenordet, lösenord)', async () => {
  for (const form of ['lösenord', 'lösenordet', 'LÖSENORDET']) {
    assert.deepEqual((await find(form)).sort(), ['IS-INS-003', 'IS-RL-012'], form);
  }
});

test('a part of a compound finds the compound', async () => {
  assert.deepEqual(await find('kopiering'), ['IS-RL-004', 'IS-HB-002']);
  assert.deepEqual(await find('säkerhetskopiering'), ['IS-RL-004', 'IS-HB-002']);
  // informationssäkerhet, säkerhetskopieringen, informationssäkerhetssamordnaren
  assert.deepEqual((await find('säkerhet')).sort(), ['IS-HB-002', 'IS-POL-001', 'IS-RL-004', 'IS-RUT-003']);
  assert.ok((await find('hantering')).includes('IS-RL-008'));
});

test('a word-forming suffix or two short words are no compound, and a noun in -ing is found by its verb', async () => {
  // "lagringen" is lagr-ingen, not lag-ringen: neither "ringa" (ring) nor "lag" finds it.
  assert.deepEqual(await find('ringa'), ['IS-RUT-061']);
  assert.deepEqual(await find('lag loggar'), ['IS-RUT-061']);  // the last word only is a prefix
  assert.deepEqual(await find('beredskap'), ['IS-INS-062']);
  // The verb finds the noun made from it: lagra, lagringen; värdera, värderingen; behandla,
  // behandlingen; utbilda, utbildning (-ning).
  for (const verb of ['lagra', 'värdera', 'behandla', 'utbildas']) {
    assert.deepEqual(await find(verb), ['IS-INS-062'], verb);
  }
  // Nor are two short words a compound: "ledamöter" is no leda|möter.
  assert.deepEqual(await find('möte'), ['IS-RUT-061']);
  // Nor is such a suffix marked inside a word: only "Ring" itself is for "ringa".
  const { client } = loadClient(siteDir);
  const ringa = await client.search('ringa', 0, 1);
  assert.deepEqual(marked(ringa, 'Ring jouren om lagringen eller hanteringen störs.'), ['Ring']);
});

test('the last word is completed as a prefix', async () => {
  assert.equal((await find('incidentrapp'))[0], 'IS-RUT-003');
  assert.equal((await find('säkerhetsk'))[0], 'IS-RL-004');
  // Only the last word is a prefix: "incidentrapp" before another word matches nothing.
  assert.deepEqual(await find('incidentrapp samordnare'), await find('samordnare'));
});

test('the documents with every word; when none has them all, those with some, and the answer says so', async () => {
  const { client } = loadClient(siteDir);
  const both = await client.search('rapportera incidenter', 0, 10);
  assert.deepEqual(ids(both), ['IS-RUT-003', 'IS-POL-001'], 'not the documents with one of the words');
  assert.equal(both.partial, false);
  const some = await client.search('lösenord molntjänster', 0, 10);
  assert.deepEqual(ids(some).sort(), ['IS-INS-003', 'IS-RL-012', 'IS-RL-040']);
  assert.equal(some.partial, true);
  // A question in the reader's words, with words no document uses.
  assert.equal((await find('jag har tappat min mobil')).at(0), 'IS-INS-002');
  assert.deepEqual((await find('glömt lösenordet')).sort(), ['IS-INS-003', 'IS-RL-012']);
  assert.equal((await find('vad gör jag om datorn är stulen'))[0], 'IS-INS-002');
  // The words of an id match together: not every document that has an "IS" and an "RL".
  assert.deepEqual(await find('lösenord IS-RL-040'), ['IS-RL-040']);
  assert.deepEqual((await find('lösenord IS-RL-999')).sort(), ['IS-INS-003', 'IS-RL-012']);
});

test('an exact id search finds that document first', async () => {
  for (const query of ['IS-RL-004', 'is-rl-004']) {
    const found = await find(query);
    assert.equal(found[0], 'IS-RL-004', query);
    assert.ok(found.includes('IS-HB-002'), 'the handbook that mentions the id is found too');
  }
  assert.equal((await find('IS-RUT-004'))[0], 'IS-RUT-004');
});

test('an id found with or without the leading zeros of its number', async () => {
  for (const query of ['is-rl-4', 'IS-RL-04', 'is rl-004', 'IS RL 4', 'lösenord IS-RL-4']) {
    assert.equal((await find(query))[0], 'IS-RL-004', query);
  }
  assert.equal((await find('IS-RL-40'))[0], 'IS-RL-040');
});

test('a title match ranks above a document that only mentions the word often', async () => {
  assert.deepEqual((await find('loggning')).slice(0, 2), ['IS-RL-009', 'IS-INS-007']);
});

test('nonsense and stop words find nothing and load no result metadata', async () => {
  for (const query of ['xyzzyqwerty', 'och att som', '   ', '-']) {
    const { client, loaded } = loadClient(siteDir);
    const answer = await client.search(query, 0, 10);
    assert.equal(answer.total, 0, query);
    assert.ok(!loaded.some((file) => /\/d\d+\.js$/.test(file.file)), `${query}: ${loaded.map((f) => f.file)}`);
  }
});

test('a query loads the manifest, its shards and the metadata it shows, once', async () => {
  const { client, loaded } = loadClient(siteDir);
  const first = await client.search('riktlinje', 0, 2);
  assert.equal(first.total, 7);
  assert.equal(first.results.length, 2);
  assert.equal(loaded[0].file, path.join('search', 'index.js'));
  assert.ok(loaded.slice(1).every((file) => /^search\/[td]\d+\.js$/.test(file.file)), loaded.map((f) => f.file));
  const count = loaded.length;
  const next = await client.search('riktlinje', 2, 2);
  assert.equal(next.results.length, 2);
  assert.equal(loaded.length, count, 'paging loads nothing new');
});

test('results carry what the page shows, with links inside the site', async () => {
  const { client } = loadClient(siteDir);
  const answer = await client.search('säkerhetskopiering', 0, 1);
  const [result] = answer.results;
  assert.equal(result.title, 'Riktlinje för säkerhetskopiering');
  assert.equal(result.type, 'Riktlinje');
  assert.equal(result.url, 'dokument/sakerhetskopiering.html');
  assert.equal(result.href, new URL('dokument/sakerhetskopiering.html', `file://${siteDir}/`).href);
  assert.match(result.excerpt, /^Säkerhetskopieringen ska/);
});

test('the results are counted by type, and can be narrowed to one type', async () => {
  const { client, loaded } = loadClient(siteDir);
  const all = await client.search('riktlinje', 0, 2);
  assert.equal(all.total, 7);
  // Most documents first; a tie in the order the types first appear in the index.
  assert.deepEqual(JSON.parse(JSON.stringify(all.types)),
                   [{ type: 'Riktlinje', count: 5 }, { type: 'Policy', count: 1 }, { type: 'Handbok', count: 1 }]);
  const count = loaded.length;
  const policies = await client.search('riktlinje', 0, 10, 'Policy');
  assert.equal(policies.total, 1);
  assert.deepEqual(ids(policies), ['IS-POL-001']);
  assert.deepEqual(JSON.parse(JSON.stringify(policies.types)), JSON.parse(JSON.stringify(all.types)),
                   'the counts stay those of every type');
  const guidelines = await client.search('riktlinje', 0, 10, 'Riktlinje');
  assert.equal(guidelines.total, 5);
  assert.ok(guidelines.results.every((r) => r.type === 'Riktlinje'), ids(guidelines));
  assert.ok(loaded.slice(count).every((file) => /\/d\d+\.js$/.test(file.file)),
            `narrowing loads no index again: ${loaded.slice(count).map((f) => f.file)}`);
  assert.equal((await client.search('riktlinje', 0, 10, 'Rutin')).total, 0, 'a type without matches');
});

test('a word typed without å, ä and ö finds the word with them', async () => {
  for (const query of ['losenord', 'LOSENORDET', 'losenordet']) {
    assert.deepEqual((await find(query)).sort(), ['IS-INS-003', 'IS-RL-012'], query);
  }
  assert.deepEqual(await find('sakerhetskopiering'), await find('säkerhetskopiering'));
  assert.deepEqual(await find('aterlasning'), ['IS-RUT-004']);
  assert.deepEqual(await find('molntjanst'), ['IS-RL-040']);
  assert.equal((await find('atkomst'))[0], 'IS-RL-012');  // in the title
  assert.equal((await find('aterl'))[0], 'IS-RUT-004', 'completed as a prefix');
  assert.equal((await find('sakerhet')).length, (await find('säkerhet')).length, 'compound parts too');
});

test('a word no document has is read as the nearest one, and the answer says which words were', async () => {
  const { client } = loadClient(siteDir);
  const swapped = await client.search('lösenrod', 0, 10);  // two letters swapped
  assert.deepEqual(ids(swapped).sort(), ['IS-INS-003', 'IS-RL-012']);
  assert.deepEqual(Array.from(swapped.corrected), ['lösenrod']);
  assert.ok(swapped.highlight('Byt lösenordet genast').some((piece) => piece[1] && piece[0] === 'lösenordet'),
            'the word found is marked');
  assert.deepEqual(await find('incidnet'), await find('incident'));  // the swap changes the stem
  assert.deepEqual(await find('säkerhetskoppiering'), await find('säkerhetskopiering'));  // a letter too many
  assert.deepEqual(await find('informationsäkerhet'), await find('informationssäkerhet'));  // one missing
  assert.deepEqual(await find('molntjänsster'), ['IS-RL-040']);
  // Two mistakes in a long word; in the other word of the query, none.
  assert.deepEqual(await find('säkerhetkopieirng återställa'), ['IS-RL-004']);
  // A word some document has is taken as typed, and a short word is not guessed at.
  const found = await client.search('incident', 0, 10);
  assert.deepEqual(Array.from(found.corrected), []);
  assert.equal((await client.search('lösen', 0, 10)).total, 2, 'a prefix, not a typo');
  assert.equal((await client.search('kopja', 0, 10)).total, 0);
});

test('a query pasted with a soft hyphen or a decomposed letter finds the word', async () => {
  assert.ok((await find('lo\u0308senordet')).includes('IS-INS-003'));
  assert.ok((await find('säkerhets\u00adkopiering')).includes('IS-RL-004'));
});

test('a result links to the sections whose headings hold a word of the query', async () => {
  const { client } = loadClient(siteDir);
  const answer = await client.search('lösenordet', 0, 10);
  const result = answer.results.find((r) => r.id === 'IS-RL-012');
  assert.ok(result, ids(answer));
  const sections = client.sections(result, answer.highlight, 3);
  assert.deepEqual(Array.from(sections, (s) => s.title),
                   ['Lösenord och andra faktorer', 'Byte av lösenord', 'Lösenordslås']);
  assert.equal(sections[0].href, new URL('dokument/behorighet.html#losenord', `file://${siteDir}/`).href);
  const other = answer.results.find((r) => r.id === 'IS-INS-003');
  assert.deepEqual(Array.from(other.sections), [], 'a document without sections has none to link to');
  const none = await client.search('behörighet', 0, 10);
  const same = none.results.find((r) => r.id === 'IS-RL-012');
  assert.deepEqual(Array.from(client.sections(same, none.highlight, 3)), [], 'no heading holds the word');
});

test('the words that matched are marked, compounds and inflections included', async () => {
  const { client } = loadClient(siteDir);
  const kopiering = await client.search('kopiering', 0, 1);
  assert.deepEqual(marked(kopiering, 'Säkerhetskopieringen ska testas, och kopian sparas.'), ['Säkerhetskopieringen']);
  const incidenter = await client.search('rapportera incidenter', 0, 1);
  assert.deepEqual(marked(incidenter, 'Incidenten rapporteras och allvaret bedöms.'), ['Incidenten', 'rapporteras']);
  assert.deepEqual(Array.from(incidenter.highlight('Inga träffar här.'), (piece) => [...piece]),
                   [['Inga träffar här.', false]]);
  const plain = await client.search('losenordet sakerhetskopiering', 0, 1);
  assert.deepEqual(marked(plain, 'Lösenordet och säkerhetskopieringen, inte löst.'),
                   ['Lösenordet', 'säkerhetskopieringen']);
});

// The manifest of an index, as search.js receives it.
function manifestOf(dir) {
  const script = fs.readFileSync(path.join(dir, 'search', 'index.js'), 'utf8');
  return JSON.parse(script.slice(script.indexOf(',') + 1, script.lastIndexOf(')')));
}

test('a word staff use finds the documents that use its synonym', async () => {
  // "backup", "mejl" and "password" are in no document: the built-in Swedish groups lead them to
  // "säkerhetskopiering", "e-post" and "lösenord".
  assert.deepEqual(await find('backup'), await find('säkerhetskopiering'));
  assert.deepEqual((await find('backup')).sort(), ['IS-HB-002', 'IS-RL-004']);
  assert.deepEqual(await find('mejl'), ['IS-INS-008']);
  assert.deepEqual(await find('epost'), ['IS-INS-008']);
  assert.deepEqual((await find('password')).sort(), ['IS-INS-003', 'IS-RL-012']);
  // And back: the documents' own word finds no fewer than before.
  assert.deepEqual((await find('lösenord')).sort(), ['IS-INS-003', 'IS-RL-012']);
});

test('a synonym of several words matches where the document has them all, on either side', async () => {
  // In the document: "virus" finds "skadlig kod", not a text with "koden" alone.
  assert.deepEqual(await find('virus'), ['IS-INS-006']);
  assert.deepEqual(await find('malware'), ['IS-INS-006']);
  assert.ok((await find('kod')).includes('IS-RUT-010'), 'the text with "koden" is found by its own word');
  // In the query: "jobba hemifrån" finds "distansarbete", stop words aside as in every query.
  assert.deepEqual(await find('jobba hemifrån'), ['IS-INS-002']);
  assert.deepEqual(await find('arbeta på distans'), ['IS-INS-002']);
  assert.equal((await find('hemifrån')).length, 0, 'one word of the term alone is no synonym');
  // On both sides: "skadlig programvara" is "skadlig kod".
  assert.deepEqual(await find('skadlig programvara'), ['IS-INS-006']);
});

test('inflected forms of a synonym match, in the query and in the documents', async () => {
  // "backupen" is "backup"; the documents say "Säkerhetskopieringen", "säkerhetskopior".
  assert.deepEqual((await find('backupen')).sort(), ['IS-HB-002', 'IS-RL-004']);
  assert.deepEqual(await find('mejlen'), ['IS-INS-008']);
  assert.deepEqual(await find('MEJLET'), ['IS-INS-008']);
  assert.deepEqual(await find('säkerhetskopiorna'), await find('säkerhetskopia'));
  assert.ok((await find('säkerhetskopia')).includes('IS-RL-004'));
});

test('a synonym counts as its word: documents with every word of the query come first', async () => {
  const { client } = loadClient(siteDir);
  // Only the handbook has "säkerhetskopiering" and "rapportera"; without the synonym no
  // document would have both words, and every document with one of them would be shown.
  const both = await client.search('backup rapportera', 0, 10);
  assert.deepEqual(ids(both), ['IS-HB-002']);
  assert.equal(both.partial, false);
});

test('the word as typed weighs more than its synonyms, and a title more than a tag', async () => {
  // As in the sample municipality: the routine says "säkerhetskopior" in its title and text,
  // a word fewer documents use than "säkerhetskopiering", whose own guideline says it less.
  const rankingDir = path.join(workDir, 'ranking');
  const mentions = (n) => [`dokument/d${n}.html`, `Riktlinje för område ${n}`, `IS-RL-10${n}`, 'Riktlinje', '',
                           'Informationen skyddas. Se kommunens riktlinje för säkerhetskopiering.'];
  const docs = [
    ['dokument/rl.html', 'Riktlinje för säkerhetskopiering', 'IS-RL-004', 'Riktlinje', '',
     'Riktlinjen anger hur ofta information kopieras, hur länge kopiorna sparas och vem som ansvarar. ' +
     'Säkerhetskopiering sker varje natt. Systemägaren beslutar om undantag från säkerhetskopieringen. ' +
     'Kopiorna förvaras på en annan plats än systemen. Säkerhetskopiering av e-post ingår.'],
    ['dokument/rut.html', 'Rutin för återläsningstest av säkerhetskopior', 'IS-RUT-002', 'Rutin', '',
     'Säkerhetskopior testas varje kvartal. En säkerhetskopia läses tillbaka till en testmiljö. ' +
     'Säkerhetskopior som inte går att läsa rapporteras.'],
    mentions(1), mentions(2), mentions(3),
    ['dokument/virus.html', 'Instruktion om virus', 'IS-INS-010', 'Instruktion', '',
     'Ett virus sprids genom bifogade filer. Den som tror att datorn har virus kontaktar servicedesk.'],
    ['dokument/skadlig-kod.html', 'Riktlinje för skydd mot skadlig kod', 'IS-RL-006', 'Riktlinje', '',
     'Skadlig kod stoppas av filtren. Skydd mot skadlig kod uppdateras varje dag.'],
    ['dokument/distans.html', 'Instruktion för distansarbete', 'IS-INS-002', 'Instruktion', '',
     'Den som arbetar hemifrån använder VPN. Distansarbete kräver en låst skärm.'],
    ['dokument/medarbetare.html', 'Riktlinje för medarbetare', 'IS-RL-014', 'Riktlinje', '',
     'Distansarbete följer instruktionen. Vid distansarbete gäller tystnadsplikt. Distansarbete anmäls.',
     '', '', '', 'distansarbete;tystnadsplikt'],
    ['dokument/resor.html', 'Rutin för tjänsteresor', 'IS-RUT-020', 'Rutin', '',
     'Distansarbete under resor följer instruktionen. Vid distansarbete gäller tystnadsplikt. Distansarbete anmäls.'],
  ];
  execFileSync(process.env.STYR_SEARCH_TOOL, ['index', rankingDir],
               { input: docs.map((fields) => fields.join('\t')).join('\n') + '\n' });
  const ranked = async (query) => ids(await loadClient(rankingDir).client.search(query, 0, 10));
  // A tag says what a document is about, its title what it is: the instruction titled with
  // "distansarbete" comes before the guideline tagged with it, which comes before the
  // routine that only mentions it, as often.
  assert.deepEqual(await ranked('distansarbete'), ['IS-INS-002', 'IS-RL-014', 'IS-RUT-020']);
  assert.deepEqual((await ranked('säkerhetskopiering')).slice(0, 2), ['IS-RL-004', 'IS-RUT-002']);
  // The routine's own word still finds the routine first.
  assert.equal((await ranked('säkerhetskopior'))[0], 'IS-RUT-002');
  // A synonym of two words counts as one word, not as two: "virus" finds its own document
  // first, and "skadlig kod" the one that says it.
  assert.deepEqual(await ranked('virus'), ['IS-INS-010', 'IS-RL-006']);
  assert.deepEqual(await ranked('skadlig kod'), ['IS-RL-006', 'IS-INS-010']);
});

test('the words of synonyms are marked, and the sections whose headings hold them', async () => {
  const { client } = loadClient(siteDir);
  const backup = await client.search('backup', 0, 1);
  assert.deepEqual(marked(backup, 'Säkerhetskopieringen ska testas, och kopian sparas.'), ['Säkerhetskopieringen']);
  const virus = await client.search('virus', 0, 1);
  assert.deepEqual(marked(virus, 'Skadlig kod sprids i bilagor.'), ['Skadlig', 'kod']);
  const password = await client.search('password', 0, 10);
  const result = password.results.find((r) => r.id === 'IS-RL-012');
  assert.deepEqual(Array.from(client.sections(result, password.highlight, 2), (s) => s.title),
                   ['Lösenord och andra faktorer', 'Byte av lösenord']);
});

test('a letter joined by a hyphen is one word with it: e-post is not any post', async () => {
  assert.deepEqual(await find('e-post'), ['IS-INS-008']);
  assert.deepEqual(await find('epost'), ['IS-INS-008']);
  assert.deepEqual(await find('E-POST'), ['IS-INS-008']);
  assert.deepEqual(await find('post'), ['IS-INS-009']);
  const { client } = loadClient(siteDir);
  const answer = await client.search('e-post', 0, 10);
  assert.deepEqual(marked(answer, 'Skicka med e-post, inte med post.'), ['e-post']);
});

test('a result says what it is when it is not simply in force', async () => {
  const { client } = loadClient(siteDir);
  const answer = await client.search('molntjänster avtal', 0, 10);
  assert.equal(answer.results[0].id, 'IS-RL-040');
  assert.equal(answer.results[0].status, 'Revideras');
  assert.equal((await client.search('lösenord', 0, 10)).results[0].status, '', 'one in force has none');
});

test('a query that names a requirement id links to its row; a part of the id does not', async () => {
  const { client } = loadClient(siteDir);
  const requirements = (answer) => Array.from(client.requirements(answer.results[0], answer.highlight, answer.ids),
                                              (r) => [r.title, r.href]);
  const named = await client.search('ARK-02', 0, 10);
  assert.equal(named.results[0].id, 'IS-RUT-050');
  assert.deepEqual(requirements(named),
                   [['ARK-02', new URL('dokument/arkivering.html#krav-ark-02', `file://${siteDir}/`).href]]);
  assert.deepEqual(requirements(await client.search('ark-12 granskning', 0, 10)).map((r) => r[0]), ['ARK-12']);
  // An id as typed in a hurry: without the leading zero, or with a space.
  for (const query of ['ARK-2', 'ark 2', 'ark 02 gallras']) {
    assert.deepEqual(requirements(await client.search(query, 0, 10)).map((r) => r[0]), ['ARK-02'], query);
  }
  assert.deepEqual(requirements(await client.search('ark', 0, 10)), []);
  assert.deepEqual(requirements(await client.search('arkivet', 0, 10)), []);
  const other = await client.search('lösenord', 0, 10);
  assert.deepEqual(Array.from(other.results[0].requirements), [], 'a document without requirement rows has none');
});

test('the manifest carries the groups that can help a query, and a search works without them', async () => {
  const groups = manifestOf(siteDir).synonyms;
  const groupOf = (term) => groups.find((group) => group.includes(term));
  assert.ok(groupOf('backup') && groupOf('backup').includes('säkerhetskopiering'), JSON.stringify(groups));
  assert.ok(groupOf('skadlig kod').includes('virus'));
  assert.ok(groupOf('jobba hemifrån').includes('distansarbete'));
  assert.ok(groupOf('epost').includes('mejl'), '"e-post" as the index has it');
  // No document says "nätfiske", "phishing", "brandvägg" or "firewall": those groups cannot help.
  assert.equal(groupOf('phishing'), undefined);
  assert.equal(groupOf('firewall'), undefined);

  // An index without any word of a group has no "synonyms" at all; the search works as before.
  const plainDir = path.join(workDir, 'plain');
  const plain = ['dokument/a.html', 'Loggning', 'IS-RL-001', 'Riktlinje', '', 'Loggar sparas ett år.'];
  execFileSync(process.env.STYR_SEARCH_TOOL, ['index', plainDir], { input: plain.join('\t') });
  assert.equal('synonyms' in manifestOf(plainDir), false);
  const { client } = loadClient(plainDir);
  assert.deepEqual(ids(await client.search('loggar', 0, 10)), ['IS-RL-001']);
  assert.equal((await client.search('backup', 0, 10)).total, 0);
});

test('groups of one\'s own are added to the built-in ones, and joined with those they share a term with', async () => {
  const groupsFile = path.join(workDir, 'groups.toml');
  fs.writeFileSync(groupsFile, 'groups = [["reservkopia", "kopiering i molnet"], ["fikarast", "kafferast"],\n' +
                               '  ["återställningstest", "återläsning"]]\n');
  const ownDir = path.join(workDir, 'own');
  execFileSync(process.env.STYR_SEARCH_TOOL, ['index', ownDir, groupsFile],
               { input: documents.map((fields) => fields.join('\t')).join('\n') + '\n' });
  const groups = manifestOf(ownDir).synonyms;
  assert.equal(groups.find((group) => group.includes('fikarast')), undefined, 'no word of it is in the index');
  const joined = groups.find((group) => group.includes('kopiering molnet'));
  assert.ok(joined && joined.includes('backup') && joined.includes('säkerhetskopiering'), JSON.stringify(groups));
  const { client } = loadClient(ownDir);
  assert.deepEqual(ids(await client.search('återställningstest', 0, 10)), ['IS-RUT-004']);
});

test('a municipality\'s groups in styr.toml reach the search of the site styr builds', async () => {
  const repo = path.join(workDir, 'repo');
  const out = path.join(workDir, 'repo-site');
  execFileSync(process.env.STYR, ['init', repo], { stdio: 'ignore' });
  // The sample policy speaks of "ledningssystem för informationssäkerhet", staff of an ISMS.
  fs.appendFileSync(path.join(repo, 'styr.toml'),
                    '\n[site]\nsynonyms = [["ISMS", "ledningssystem för informationssäkerhet"]]\n');
  execFileSync(process.env.STYR, ['-C', repo, 'build', '--preview', '--out', out], { stdio: 'ignore' });
  const { client } = loadClient(out);
  assert.deepEqual(ids(await client.search('ISMS', 0, 10)), ['IS-POL-001']);
  assert.ok(manifestOf(out).synonyms.some((group) => group.includes('isms')));
});

test('spelling is guessed for a few words of a query, not for a whole pasted text', async () => {
  const { client } = loadClient(siteDir);
  const answer = await client.search('lösenrod incidnet molntjänsster säkerhetskoppiering', 0, 10);
  assert.deepEqual(Array.from(answer.corrected), ['lösenrod', 'incidnet', 'molntjänsster']);
});
