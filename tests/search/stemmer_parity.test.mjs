// The JavaScript stemmer and tokenizer in site/search.js must give exactly what the C++ ones
// in tools/styr/stemmer.cpp give, or queries would miss what the index holds.
// STYR_SEARCH_TOOL is the built tests/search/search_tool.cpp.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import test from 'node:test';
import { loadClient } from './client_sandbox.mjs';

const tool = process.env.STYR_SEARCH_TOOL;
const { client } = loadClient(os.tmpdir());  // no index needed: only stem and words are used
const words = fs.readFileSync(new URL('swedish_words.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);

function runTool(mode, lines) {
  const output = execFileSync(tool, [mode], { input: lines.join('\n') + '\n', encoding: 'utf8' });
  return output.split('\n').slice(0, lines.length);
}

test('the word list has at least 200 distinct words', () => {
  assert.ok(new Set(words).size >= 200, `only ${new Set(words).size} words`);
});

test('JavaScript and C++ give the same stem for every word of the list', () => {
  const expected = runTool('stems', words);
  const differences = words.filter((word, i) => client.stem(word) !== expected[i])
    .map((word) => `${word}: js ${client.stem(word)}, c++ ${expected[words.indexOf(word)]}`);
  assert.deepEqual(differences, []);
});

test('JavaScript and C++ cut text into the same words', () => {
  const lines = [
    'IS-RL-004 Riktlinje för säkerhetskopiering',
    'ÅTKOMST, Ändring och Översyn!',
    'Lösenordet – minst 12 tecken; byts "årligen" (se § 4.2).',
    'e-post, IT-chef, 8.13 och ISO/IEC 27002:2022',
    'Café Müller, Łódź, señor, façade, CITROËN',
    'Ελληνικά och Русский text',
    'tab\tseparated\u00a0no-break\u2028line\u2029para\ufeffbom',
    'a b c d å ä ö 1 2',
    'emoji 🔒 låst och 𝐛𝐨𝐥𝐝',
    'E-post, e-tjänst och Ö-vik; A-kassa, x-1, 3-2-1, a- och b-nivå, e--post, -e-post, e-',
    'IS-A-B och é-Åtkomst, ab-c, a-b-c',
  ];
  const expected = runTool('words', lines);
  lines.forEach((line, i) => assert.equal(client.words(line).join(' '), expected[i], line));
});

test('JavaScript and C++ spell ids alike for the index', () => {
  const ids = ['IS-RL-004', 'is-rl-4', 'IS RL 04', 'IS-RL-000', 'IS-A-1', 'KS-2026-0123', 'Å-Ö-007', 'X', '--', '0042',
               'is_rl.10', 'IS–RL–004'];
  const expected = runTool('ids', ids);
  ids.forEach((id, i) => assert.equal(client.id(id), expected[i], id));
  assert.equal(client.id('IS-RL-004'), client.id('is-rl-4'));
});
