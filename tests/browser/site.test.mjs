// The intranet site as its readers meet it: the sample municipality with its decision history
// (tools/demo-history.sh), built by `styr build`, served by nginx with the deployment's own
// server block (tools/ci/nginx.conf) and read by headless Chromium. The same sample with an
// English interface (language = "en") is served beside it.
//
//   STYR               the styr binary under test (required)
//   STYR_SOURCE_DIR    the project's source folder (default: two levels up)
//   STYR_ARTIFACT_DIR  where screenshots go (default: tests/browser/artifacts)
//   STYR_CHROMIUM      the browser (default: /usr/bin/chromium, Debian's `chromium`)
//
// Run: node --test tests/browser/site.test.mjs   (ctest -R browser does this)
// The temporary folder (repository, site, nginx logs) is kept and named when a test fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(process.env.STYR_SOURCE_DIR ?? path.join(here, '..', '..'));
const artifacts = path.resolve(process.env.STYR_ARTIFACT_DIR ?? path.join(here, 'artifacts'));
const chromiumPath = process.env.STYR_CHROMIUM ?? '/usr/bin/chromium';
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The sample's documents that the assertions name (see tools/demo-history.sh).
const changedDocument = 'IS-RUT-002';      // approved, then revised: the site shows the approved text
const twoVersionDocument = 'IS-RL-008';    // version 2 with a diff against version 1
const passwordInstruction = 'IS-INS-001';  // Instruktion för lösenord och autentisering
const footnoteDocument = 'IS-RL-008';      // footnotes, one of them referenced twice (once in a table)
const codeDocument = 'IS-INS-004';         // a code block with a line of over 200 characters

let tmp;            // everything this run writes, outside the project
let site;           // the built site
let baseUrl;        // http://127.0.0.1:PORT/
let nginx;          // the nginx child process
let siteEn;         // the same sample with language = "en", served by nginxEn at baseUrlEn
let baseUrlEn;
let nginxEn;
let browser;
let chromium;
let AxeBuilder;
let failed = false;

// ---------------------------------------------------------------------------------------
// Set-up: prerequisites, the demonstration repository, the site, nginx, the browser.

function findProgram(name) {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/local/sbin']);
  for (const dir of dirs) {
    const candidate = path.join(dir || '.', name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // try the next folder
    }
  }
  return null;
}

async function loadModules() {
  try {
    ({ chromium } = await import('playwright-core'));
    ({ AxeBuilder } = await import('@axe-core/playwright'));
  } catch (error) {
    throw new Error(`the browser tests need their npm packages: run \`npm ci\` in ${here} ` +
                    `(tools/test.sh does) — ${error.message}`);
  }
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Fills in a template's @NAME@ placeholders; every placeholder must be given.
function fill(template, values) {
  const text = template.replace(/@([A-Z]+)@/g, (whole, name) => {
    assert.ok(name in values, `no value for ${whole}`);
    return values[name];
  });
  return text;
}

// Serves `root` with a server of its own in tmp/NAME; returns the process and its address.
async function startNginx(nginxPath, root, name) {
  const prefix = path.join(tmp, name);
  await fsp.mkdir(prefix, { recursive: true });
  const server = await fsp.readFile(path.join(source, 'tools', 'ci', 'nginx.conf'), 'utf8');
  const main = await fsp.readFile(path.join(here, 'nginx-test.conf'), 'utf8');
  // The port is free when asked for, but another process may take it before nginx does.
  for (let attempt = 1; ; ++attempt) {
    const port = await freePort();
    await fsp.writeFile(path.join(prefix, 'site.conf'),
                        fill(server, { LISTEN: `127.0.0.1:${port}`, ROOT: root, PATH: '/' }));
    await fsp.writeFile(path.join(prefix, 'nginx.conf'), fill(main, { PREFIX: prefix }));
    const child = spawn(nginxPath, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', 'stderr'],
                        { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 15000;
    let up = false;
    while (!up && Date.now() < deadline) {
      const gone = await Promise.race([exited.then(() => true), delay(100).then(() => false)]);
      if (gone) {
        break;
      }
      up = await fetch(url).then((r) => r.ok, () => false);
    }
    if (up) {
      return { child, url };
    }
    child.kill('SIGTERM');
    await exited;
    if (attempt >= 3 || !/Address already in use/.test(stderr)) {
      throw new Error(`nginx did not serve the site on port ${port}:\n${stderr}`);
    }
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

before(async () => {
  try {
    await setUp();
  } catch (error) {
    failed = true;
    throw error;
  }
});

async function setUp() {
  assert.ok(process.env.STYR, 'STYR must name the styr binary under test');
  const styr = path.resolve(process.env.STYR);
  assert.ok(fs.existsSync(styr), `no styr binary at ${styr}`);
  assert.ok(fs.existsSync(chromiumPath),
            `no browser at ${chromiumPath}: install Debian's chromium (tools/install-deps.sh --test)`);
  const nginxPath = findProgram('nginx');
  assert.ok(nginxPath, 'no nginx: install nginx-light (tools/install-deps.sh --test)');
  await loadModules();

  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'styr-browser-'));
  const repo = path.join(tmp, 'repo');
  site = path.join(tmp, 'site');
  // Generous: under AddressSanitizer the build is several times slower.
  await run('bash', [path.join(source, 'tools', 'demo-history.sh'), repo], { timeout: 300000 });
  await run(styr, ['-C', repo, 'build', '--out', site], { timeout: 600000 });
  // The interface in English around the same Swedish documents.
  siteEn = path.join(tmp, 'site-en');
  const config = path.join(repo, 'styr.toml');
  await fsp.writeFile(config, (await fsp.readFile(config, 'utf8')).replace(/^language = "sv"$/m, 'language = "en"'));
  await run('git', ['-C', repo, '-c', 'user.name=styr', '-c', 'user.email=styr@example.invalid', '-c',
                    'commit.gpgsign=false', 'commit', '-qam', 'The interface in English']);
  await run(styr, ['-C', repo, 'build', '--out', siteEn], { timeout: 600000 });

  ({ child: nginx, url: baseUrl } = await startNginx(nginxPath, site, 'nginx'));
  ({ child: nginxEn, url: baseUrlEn } = await startNginx(nginxPath, siteEn, 'nginx-en'));
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // --no-sandbox: the suite may run as root in a container, where Chromium's sandbox cannot.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

after(async () => {
  await browser?.close();
  for (const server of [nginx, nginxEn]) {
    if (server) {
      const exited = new Promise((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  }
  if (tmp) {
    if (failed) {
      console.log(`Note: test data has been left in ${tmp}`);
    } else {
      await fsp.rm(tmp, { recursive: true, force: true });
    }
  }
});

// A test whose failure keeps the temporary folder.
function check(name, options, body) {
  test(name, options, async (t) => {
    try {
      await body(t);
    } catch (error) {
      failed = true;
      throw error;
    }
  });
}

// ---------------------------------------------------------------------------------------
// The site's pages, found from its files.

function pageKind(rel) {
  const rules = [
    [/^index\.html$/, 'start'],
    [/^beslut\.html$/, 'decisions'],
    [/^sok\.html$/, 'search'],
    [/^404\.html$/, 'not-found'],
    [/^rapport\.html$/, 'report'],
    [/^krav\.html$/, 'requirements'],
    [/^tillganglighet\.html$/, 'accessibility'],
    [/^amne\/index\.html$/, 'tag-index'],
    [/^amne\/[^/]+\.html$/, 'tag'],
    [/^typ\/index\.html$/, 'type-index'],
    [/^typ\/[^/]+\.html$/, 'type'],
    [/^dokument\/index\.html$/, 'document-index'],
    [/^dokument\/[^/]+\/index\.html$/, 'document'],
    [/^dokument\/[^/]+\/historik\.html$/, 'history'],
    [/^dokument\/[^/]+\/v\d+\.html$/, 'version'],
  ];
  for (const [pattern, kind] of rules) {
    if (pattern.test(rel)) {
      return kind;
    }
  }
  return `other:${rel}`;
}

async function siteFiles(root = site) {
  const files = [];
  async function walk(dir) {
    for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else {
        files.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  }
  await walk(root);
  return files.sort();
}

// One page of each kind: the one that shows the most (the largest file), except where a
// particular document exercises more of the templates.
async function representatives(root = site) {
  const byKind = new Map();
  for (const rel of (await siteFiles(root)).filter((f) => f.endsWith('.html'))) {
    const kind = pageKind(rel);
    const size = (await fsp.stat(path.join(root, rel))).size;
    if (!byKind.has(kind) || size > byKind.get(kind).size) {
      byKind.set(kind, { rel, size });
    }
  }
  const chosen = new Map([...byKind].map(([kind, { rel }]) => [kind, rel]));
  chosen.set('changed-document', `dokument/${changedDocument}/index.html`);
  chosen.set('version', `dokument/${twoVersionDocument}/v2.html`);
  // The 404 page as nginx serves it for a missing address below the root.
  chosen.set('not-found', 'dokument/IS-XX-999/finns-inte.html');
  return chosen;
}

// Records what a reader's browser would complain about on `page` into `state.problems`; the
// page at `state.url` may answer with `state.status`. The caller may point `state` at the
// next page before navigating.
function watch(page, state) {
  page.on('console', (message) => {
    // The browser reports the status of a page that is meant to be a 404.
    const own404 = state.status === 404 && message.location().url === state.url;
    if (message.type() === 'error' && !own404) {
      state.problems.push(`console error: ${message.text()} (${message.location().url || state.url})`);
    }
  });
  page.on('pageerror', (error) => state.problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // ERR_ABORTED: the browser gave up the request itself, e.g. the icon when the test moves
    // on to the next page; an answer of 404 still shows as a response below.
    const error = request.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') {
      state.problems.push(`request failed: ${request.url()} (${error})`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url() !== state.url) {
      state.problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
}

// Visits the pages at `rels` one after the other in one browser tab; calls inspect(page)
// on each and returns the problems found, one text per page that had any.
async function visitAll(rels, inspect = async () => '') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const state = { problems: [], url: '', status: 200 };
  watch(page, state);
  const report = [];
  for (const rel of rels) {
    state.problems = [];
    state.url = new URL(rel, baseUrl).href;
    const response = await page.goto(state.url, { waitUntil: 'load' });
    if (response.status() !== 200) {
      state.problems.push(`HTTP ${response.status()}`);
    }
    const found = await inspect(page);
    if (found || state.problems.length) {
      report.push(`${rel}:${found ? `\n${found}` : ''}${state.problems.map((p) => `\n  ${p}`).join('')}`);
    }
  }
  await context.close();
  return report;
}

// Opens a page in a fresh browser context, watched.
async function open(rel, { status = 200, viewport, base = baseUrl } = {}) {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  const url = new URL(rel, base).href;
  const problems = [];
  watch(page, { problems, url, status });
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.equal(response.status(), status, `${rel}: HTTP status`);
  return { page, context, problems, url };
}

function describeViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`);
    return `  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element(s)) ${v.helpUrl}\n${nodes.join('\n')}`;
  }).join('\n');
}

async function axe(page) {
  const result = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  return result.violations;
}

// ---------------------------------------------------------------------------------------
// The tests.

check('the site has every core page type', {}, async () => {
  const kinds = new Set((await siteFiles()).filter((f) => f.endsWith('.html')).map(pageKind));
  for (const kind of ['start', 'decisions', 'search', 'not-found', 'tag-index', 'tag', 'type-index', 'type',
                      'document-index', 'document', 'history', 'version', 'accessibility']) {
    assert.ok(kinds.has(kind), `no ${kind} page in the built site (kinds found: ${[...kinds].join(', ')})`);
  }
  for (const rel of [`dokument/${changedDocument}/index.html`, `dokument/${twoVersionDocument}/v2.html`,
                     `dokument/${passwordInstruction}/index.html`, 'feed.xml']) {
    assert.ok(fs.existsSync(path.join(site, rel)), `the site lacks ${rel}`);
  }
});

check('the accessibility check can fail: axe-core finds the faults of a bad page', {}, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent('<!DOCTYPE html><html><head><title>Fel</title></head><body><main>' +
                        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="#x"></a></main></body></html>');
  const found = (await axe(page)).map((v) => v.id).sort();
  await context.close();
  assert.deepEqual(found, ['html-has-lang', 'image-alt', 'link-name']);
});

check('every page type passes axe-core (WCAG 2.1 A and AA) without console errors', { timeout: 600000 }, async (t) => {
  const report = [];
  for (const [kind, rel] of await representatives()) {
    const { page, context, problems } = await open(rel, { status: kind === 'not-found' ? 404 : 200 });
    const violations = await axe(page);
    // On a phone the header and tables reflow (WCAG 1.4.10): the start and document pages
    // are checked there too.
    let narrow = [];
    if (kind === 'start' || kind === 'document') {
      await page.setViewportSize({ width: 360, height: 740 });
      narrow = await axe(page);
    }
    await context.close();
    t.diagnostic(`${kind}: ${rel}: ${violations.length + narrow.length} violation(s)`);
    if (violations.length || narrow.length || problems.length) {
      report.push(`${kind} (${rel}):\n${describeViolations(violations)}` +
                  (narrow.length ? `\n  at 360 px:\n${describeViolations(narrow)}` : '') +
                  problems.map((p) => `\n  ${p}`).join(''));
    }
  }
  assert.equal(report.length, 0, `\n${report.join('\n')}`);
});

check('at 320 px wide (400 % zoom) no page type scrolls sideways (WCAG 1.4.10)', { timeout: 300000 }, async (t) => {
  const report = [];
  for (const [kind, rel] of await representatives()) {
    const { page, context } = await open(rel, { status: kind === 'not-found' ? 404 : 200,
                                                viewport: { width: 320, height: 640 } });
    // Data tables and code blocks may scroll inside their own frame; nothing else may stick out.
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 &&
                     !e.closest('.table-wrap, .code-wrap, .report-table-wrap, .visually-hidden'))
      .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`));
    await context.close();
    t.diagnostic(`${kind}: ${rel}: ${wide.length} element(s) too wide`);
    if (wide.length) {
      report.push(`${kind} (${rel}): ${wide.join(', ')}`);
    }
  }
  assert.equal(report.length, 0, `\n${report.join('\n')}`);
});

check('the text of every document passes axe-core', { timeout: 600000 }, async (t) => {
  // The templates are covered above; what differs between documents is their Markdown
  // (tables, lists, headings, links), so each document page is checked.
  const documents = (await siteFiles()).filter((f) => /^dokument\/[^/]+\/index\.html$/.test(f));
  assert.ok(documents.length >= 20, `only ${documents.length} document pages`);
  const report = await visitAll(documents, async (page) => describeViolations(await axe(page)));
  t.diagnostic(`${documents.length} document pages`);
  assert.equal(report.length, 0, `\n${report.join('\n')}`);
});

check('the English site passes axe-core and marks the documents\' Swedish text', { timeout: 600000 }, async (t) => {
  const report = [];
  for (const [kind, rel] of await representatives(siteEn)) {
    const { page, context, problems } = await open(rel, { status: kind === 'not-found' ? 404 : 200, base: baseUrlEn });
    const violations = await axe(page);
    const lang = await page.evaluate(() => document.documentElement.lang);
    // A document's text and its title are read as Swedish, in the English interface.
    const unmarked = await page.evaluate(() => {
      const body = document.querySelector('.document-body');
      const title = document.querySelector('main h1');
      if (body === null) {
        return [];
      }
      return [body.closest('[lang]').lang === 'sv' ? '' : 'the text',
              title.closest('[lang]').lang === 'sv' || title.querySelector('[lang="sv"]') ? '' : 'the title']
        .filter(Boolean);
    });
    await context.close();
    t.diagnostic(`${kind}: ${rel}: ${violations.length} violation(s)`);
    if (violations.length || problems.length || lang !== 'en' || unmarked.length) {
      report.push(`${kind} (${rel}): lang="${lang}"${unmarked.length ? `, not marked Swedish: ${unmarked}` : ''}\n` +
                  describeViolations(violations) + problems.map((p) => `\n  ${p}`).join(''));
    }
  }
  assert.equal(report.length, 0, `\n${report.join('\n')}`);

  // The search page's results, which its script makes, are marked too; its own words are English.
  const search = await open('sok.html?q=lösenord', { base: baseUrlEn });
  await expectResult(search.page, passwordInstruction, 'lösenord');
  const result = search.page.locator(`#search-results a[href$="dokument/${passwordInstruction}/index.html"]`).first();
  assert.equal(await result.getAttribute('lang'), 'sv');
  assert.match(await search.page.locator('.search-status').innerText(), / results? for /);
  assert.deepEqual(await axe(search.page), []);
  assert.deepEqual(search.problems, []);
  await search.context.close();
});

check('a wide code block passes axe-core on a phone, and scrolls by keyboard', { timeout: 300000 }, async (t) => {
  const rel = `dokument/${codeDocument}/index.html`;
  const report = [];
  for (const width of [320, 390, 1280]) {
    const { page, context, problems } = await open(rel, { viewport: { width, height: 800 } });
    const violations = await axe(page);
    await context.close();
    t.diagnostic(`${rel} at ${width} px: ${violations.length} violation(s)`);
    if (violations.length || problems.length) {
      report.push(`${rel} at ${width} px:\n${describeViolations(violations)}` +
                  problems.map((p) => `\n  ${p}`).join(''));
    }
  }
  assert.equal(report.length, 0, `\n${report.join('\n')}`);

  // What was checked holds what it is meant to: a code line wider than the screen.
  const { page, context, problems } = await open(rel, { viewport: { width: 320, height: 640 } });
  const region = page.locator('.document-body .code-wrap').first();
  const { scrollWidth, clientWidth } = await region.evaluate((e) => ({ scrollWidth: e.scrollWidth,
                                                                        clientWidth: e.clientWidth }));
  assert.ok(scrollWidth > clientWidth + 100, `the code block does not overflow (${scrollWidth} / ${clientWidth} px)`);
  assert.equal(await region.getAttribute('role'), 'region');
  assert.match(await region.getAttribute('aria-label') ?? '', /^Kodblock \d+$/);
  // Reached by Tab like any control, and scrolled with the arrow keys.
  let focused = false;
  for (let i = 0; i < 200 && !focused; ++i) {
    await page.keyboard.press('Tab');
    focused = await region.evaluate((e) => e === document.activeElement);
  }
  assert.ok(focused, 'Tab never reaches the code block');
  for (let i = 0; i < 5; ++i) {
    await page.keyboard.press('ArrowRight');
  }
  await page.waitForFunction((e) => e.scrollLeft > 0, await region.elementHandle(), { timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});

check('pages with footnotes pass axe-core on a phone and on a desktop', { timeout: 300000 }, async (t) => {
  const report = [];
  for (const rel of [`dokument/${footnoteDocument}/index.html`, `dokument/${footnoteDocument}/v2.html`]) {
    for (const width of [320, 390, 1280]) {
      const { page, context, problems } = await open(rel, { viewport: { width, height: 800 } });
      const notes = await page.locator('section.footnotes ol > li').count();
      const violations = await axe(page);
      await context.close();
      t.diagnostic(`${rel} at ${width} px: ${notes} notes, ${violations.length} violation(s)`);
      assert.ok(notes >= 2, `${rel} has no footnotes to check`);
      if (violations.length || problems.length) {
        report.push(`${rel} at ${width} px:\n${describeViolations(violations)}` +
                    problems.map((p) => `\n  ${p}`).join(''));
      }
    }
  }
  assert.equal(report.length, 0, `\n${report.join('\n')}`);
});

check('a footnote reference leads to its note, and the note back to the reference', { timeout: 120000 }, async () => {
  const { page, context, problems } = await open(`dokument/${footnoteDocument}/index.html`,
                                                 { viewport: { width: 390, height: 700 } });
  const inView = (locator) => locator.evaluate((e) => {
    const box = e.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  });
  const notesHeading = page.getByRole('heading', { name: 'Fotnoter' });
  assert.equal(await notesHeading.count(), 1, 'the notes have no heading');
  assert.equal(await page.getByRole('region', { name: 'Fotnoter' }).count(), 1, 'the notes are no labelled region');

  // The first reference, named for its note, leads to the note after the text.
  const reference = page.getByRole('link', { name: 'Fotnot 1', exact: true }).first();
  const href = await reference.getAttribute('href');
  assert.match(href, /^#fotnot-1$/);
  await reference.scrollIntoViewIfNeeded();
  const note = page.locator(href);
  assert.ok(!(await inView(note)), 'the note is on screen before the reference is followed');
  await Promise.all([page.waitForURL(/#fotnot-1$/), reference.click()]);
  await page.waitForFunction(() => document.querySelector('#fotnot-1')?.matches(':target'));
  assert.ok(await inView(note), 'following the reference does not show the note');
  assert.match(await note.innerText(), /NIS 2-direktivet/);
  assert.ok(await note.evaluate((li) => li.closest('section.footnotes') !== null &&
                                       li.closest('.document-body') !== null),
            'the note is not in the notes section after the text');

  // The note's back link, by keyboard, returns to the reference.
  const back = note.getByRole('link', { name: 'Tillbaka till texten' });
  await back.focus();
  await Promise.all([page.waitForURL(/#fotnot-1-ref$/), page.keyboard.press('Enter')]);
  assert.ok(await inView(reference), 'the back link does not return to the reference');

  // A note with two references links back to each.
  const twice = page.locator('section.footnotes li').filter({ hasText: 'dataskyddsförordningen' });
  assert.equal(await twice.getByRole('link', { name: /^Tillbaka till hänvisning [12]$/ }).count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

check('every page loads without console errors, failed requests or blocked content', { timeout: 600000 }, async (t) => {
  const pages = (await siteFiles()).filter((f) => f.endsWith('.html') && f !== '404.html');
  const report = await visitAll(pages);
  t.diagnostic(`${pages.length} pages`);
  assert.equal(report.length, 0, `\n${report.join('\n')}`);
});

async function expectResult(page, id, query) {
  const link = page.locator(`#search-results a[href$="dokument/${id}/index.html"]`).first();
  try {
    await link.waitFor({ state: 'visible', timeout: 15000 });
  } catch {
    const shown = await page.locator('#search-results').innerText().catch(() => '(no results area)');
    assert.fail(`searching for "${query}" did not list ${id}; the results said:\n${shown}`);
  }
}

check('a Swedish inflected form finds the document, from the start page and on the search page', { timeout: 120000 }, async () => {
  // "lösenorden" is not in the instruction's text ("lösenord", "lösenordet" are): the stemmer
  // must bring them together.
  const source = await fsp.readFile(path.join(site, 'dokument', passwordInstruction, 'index.html'), 'utf8');
  assert.ok(!/lösenorden\b/i.test(source), 'the query must not occur literally in the document');

  const start = await open('index.html');
  await start.page.getByRole('searchbox').first().fill('lösenorden');
  await Promise.all([start.page.waitForURL(/sok\.html\?q=/), start.page.getByRole('searchbox').first().press('Enter')]);
  await expectResult(start.page, passwordInstruction, 'lösenorden');
  assert.deepEqual(start.problems, []);
  await start.context.close();

  const search = await open('sok.html');
  await search.page.getByRole('searchbox').first().pressSequentially('säkerhetskopiorna', { delay: 20 });
  await expectResult(search.page, 'IS-RL-004', 'säkerhetskopiorna');
  // A result is a link that leads to the document.
  await Promise.all([search.page.waitForURL(/dokument\/IS-RL-004\/index\.html/),
                     search.page.locator('#search-results a[href$="dokument/IS-RL-004/index.html"]').first().click()]);
  assert.match(await search.page.locator('h1').first().innerText(), /säkerhetskopiering/i);
  assert.deepEqual(search.problems, []);
  await search.context.close();

  // A result links straight to the sections whose headings hold the query's word.
  const sections = await open('sok.html?q=autentisering');
  await expectResult(sections.page, 'IS-RL-005', 'autentisering');
  const section = sections.page.locator(
    '#search-results .search-result-sections a[href$="dokument/IS-RL-005/index.html#autentisering"]');
  await section.waitFor({ timeout: 15000 });
  await Promise.all([sections.page.waitForURL(/dokument\/IS-RL-005\/index\.html#autentisering$/), section.click()]);
  assert.equal(await sections.page.locator('#autentisering').innerText(), 'Autentisering');
  assert.deepEqual(sections.problems, []);
  await sections.context.close();

  // A query that names a requirement links straight to its row, which shows as the target.
  const requirement = await open('sok.html?q=BKP-03');
  await expectResult(requirement.page, 'IS-RL-004', 'BKP-03');
  const row = requirement.page.locator(
    '#search-results .search-result-sections a[href$="dokument/IS-RL-004/index.html#krav-bkp-03"]');
  await row.waitFor({ timeout: 15000 });
  await Promise.all([requirement.page.waitForURL(/#krav-bkp-03$/), row.click()]);
  assert.match(await requirement.page.locator('tr:target').innerText(), /^BKP-03/);
  assert.deepEqual(requirement.problems, []);
  await requirement.context.close();

  // A question with a word no document uses: the documents with some of its words, and the
  // status says that none has them all.
  const some = await open(`sok.html?q=${encodeURIComponent('tappat mobilen')}`);
  await expectResult(some.page, 'IS-INS-002', 'tappat mobilen');
  assert.match(await some.page.locator('.search-status').innerText(), /Inget dokument har alla orden/);
  assert.deepEqual(some.problems, []);
  await some.context.close();

  // A misspelt word is read as the nearest one the documents have, and the status says so.
  const typo = await open(`sok.html?q=${encodeURIComponent('lösenrod')}`);
  await expectResult(typo.page, 'IS-INS-001', 'lösenrod');
  assert.match(await typo.page.locator('.search-status').innerText(),
               /Inget dokument har ordet ”lösenrod”, så träffarna gäller ett liknande ord/);
  assert.ok(await typo.page.locator('#search-results mark', { hasText: /^lösenord$/i }).count() > 0,
            'the word found is not marked');
  assert.deepEqual(typo.problems, []);
  await typo.context.close();

  // An everyday word no document uses finds the documents' own word, marked in the result.
  const synonym = await open('sok.html?q=backup');
  await expectResult(synonym.page, 'IS-RL-004', 'backup');
  const marked = await synonym.page.locator('#search-results .search-result mark').allInnerTexts();
  assert.ok(marked.some((word) => /^säkerhetskopi/i.test(word)), `marked: ${marked}`);
  assert.deepEqual(synonym.problems, []);
  await synonym.context.close();

  // Without a hit, the page offers the lists to look in instead.
  const none = await open('sok.html?q=xyzzyplugh');
  await none.page.locator('.search-status', { hasText: 'Inga träffar' }).waitFor();
  assert.match(await none.page.title(), /^”xyzzyplugh” – Sök/, 'the title does not name the search');
  const lists = none.page.locator('#search-results .search-lists');
  await lists.waitFor();
  assert.ok(await lists.locator('a[href$="typ/riktlinje.html"]').count() > 0, 'no link to the guidelines');
  assert.deepEqual(none.problems, []);
  await none.context.close();
});

check('search results can be narrowed to one document type, and the choice is kept in the address', { timeout: 120000 }, async () => {
  const { page, context, problems } = await open('sok.html?q=informationssäkerhet');
  const filter = page.locator('#search-results fieldset.search-types');
  await filter.waitFor({ timeout: 15000 });
  assert.equal(await filter.locator('legend').innerText(), 'Dokumenttyp');
  const all = filter.getByRole('radio', { name: /^Alla \(\d+\)$/ });
  assert.ok(await all.isChecked(), 'every type is not shown at first');
  const total = Number((await all.evaluate((radio) => radio.parentElement.textContent)).match(/\((\d+)\)/)[1]);
  const routine = filter.getByRole('radio', { name: /^Rutin \(\d+\)$/ });
  const routines = Number((await routine.evaluate((radio) => radio.parentElement.textContent)).match(/\((\d+)\)/)[1]);
  assert.ok(routines > 0 && routines < total, `rutiner ${routines} of ${total}`);

  // By keyboard: the radio buttons are one group, chosen with the arrow keys.
  await all.focus();
  let guard = 0;
  while (!(await routine.isChecked()) && guard++ < 10) {
    await page.keyboard.press('ArrowRight');
  }
  assert.ok(await routine.isChecked(), 'the arrow keys do not reach Rutin');
  await page.locator('.search-status', { hasText: 'typ: Rutin' }).waitFor();
  await page.waitForURL(/[?&]typ=Rutin$/);
  const types = async () => page.locator('#search-results .search-result-type').allInnerTexts();
  await page.waitForFunction(() => document.querySelectorAll('#search-results .search-result').length > 0);
  assert.ok((await types()).every((type) => type === 'Rutin'), `not only rutiner: ${await types()}`);
  assert.equal((await types()).length, Math.min(routines, 10));
  assert.deepEqual(await axe(page), []);

  // The address brings the same results back.
  await page.reload({ waitUntil: 'load' });
  await page.locator('.search-status', { hasText: 'typ: Rutin' }).waitFor();
  assert.ok(await routine.isChecked(), 'the type chosen is not kept in the address');
  assert.ok((await types()).every((type) => type === 'Rutin'), `not only rutiner after reload: ${await types()}`);
  assert.deepEqual(problems, []);
  await context.close();
});

// The links of one file: href and src attributes in HTML, url() in CSS.
function linksOf(body, contentType) {
  const links = [];
  const decode = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  if (contentType.startsWith('text/html')) {
    for (const m of body.matchAll(/\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      links.push(decode(m[1] ?? m[2]));
    }
  } else if (contentType.startsWith('text/css')) {
    for (const m of body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
      links.push(m[1]);
    }
  }
  return links;
}

const expectedTypes = [
  [/\.html$/, 'text/html; charset=utf-8'],
  [/\.css$/, 'text/css; charset=utf-8'],
  [/\.js$/, 'application/javascript; charset=utf-8'],
  [/\.svg$/, 'image/svg+xml; charset=utf-8'],
  [/^feed\.xml$/, 'application/atom+xml; charset=utf-8'],
  [/\.csv$/, 'text/csv; charset=utf-8'],
];

check('every link from the start page resolves inside the site, served with the right type', { timeout: 300000 }, async (t) => {
  // Links are resolved against a base one folder deep, so that one climbing above the site's
  // root shows (at the server's root, the browser would quietly clamp it).
  const virtualRoot = 'http://site.invalid/root/';
  const toServer = (virtual) => new URL(virtual.slice(virtualRoot.length), baseUrl).href;
  const queue = ['index.html'];
  const seen = new Map([['index.html', []]]);  // path below the root -> pages linking to it
  const bodies = new Map();
  const fragments = [];  // [from, target path, fragment]
  const problems = [];
  const external = new Set();
  while (queue.length) {
    const rel = queue.shift();
    const response = await fetch(toServer(virtualRoot + rel), { redirect: 'manual' });
    const from = seen.get(rel).slice(0, 3).join(', ');
    if (response.status !== 200) {
      problems.push(`${rel}: HTTP ${response.status} (linked from ${from})`);
      continue;
    }
    const type = response.headers.get('content-type') ?? '';
    for (const [pattern, expected] of expectedTypes) {
      if (pattern.test(rel) && type !== expected) {
        problems.push(`${rel}: Content-Type ${type}, expected ${expected}`);
      }
    }
    if (response.headers.get('x-content-type-options') !== 'nosniff') {
      problems.push(`${rel}: no X-Content-Type-Options: nosniff`);
    }
    const body = await response.text();
    bodies.set(rel, body);
    for (const link of linksOf(body, type)) {
      if (link.startsWith('data:')) {
        continue;
      }
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link)?.[1]?.toLowerCase();
      if (scheme) {
        if (!['http', 'https', 'mailto'].includes(scheme)) {
          problems.push(`${rel}: unsafe link ${link}`);
        } else {
          external.add(link);
        }
        continue;
      }
      if (link.startsWith('/')) {
        problems.push(`${rel}: ${link} is not relative (the site must work under any sub-path and from file://)`);
        continue;
      }
      const target = new URL(link, virtualRoot + rel);
      if (!target.href.startsWith(virtualRoot)) {
        problems.push(`${rel}: ${link} leaves the site`);
        continue;
      }
      const targetRel = decodeURIComponent(target.pathname.slice(new URL(virtualRoot).pathname.length)) || 'index.html';
      if (target.hash.length > 1 && targetRel.endsWith('.html')) {
        fragments.push([rel, targetRel, decodeURIComponent(target.hash.slice(1))]);
      }
      if (!seen.has(targetRel)) {
        seen.set(targetRel, []);
        queue.push(targetRel);
      }
      seen.get(targetRel).push(rel);
    }
  }
  for (const [from, targetRel, fragment] of fragments) {
    const body = bodies.get(targetRel);
    if (body !== undefined && !body.includes(`id="${fragment}"`) && !body.includes(`name="${fragment}"`)) {
      problems.push(`${from}: #${fragment} is not an anchor in ${targetRel}`);
    }
  }
  // Every folder of pages answers at its own address, as the root does: a reader who trims
  // an address to dokument/ gets the list of documents, not nginx's 403.
  const folders = new Set();
  for (const rel of (await siteFiles()).filter((f) => f.endsWith('.html'))) {
    for (let end = rel.indexOf('/'); end !== -1; end = rel.indexOf('/', end + 1)) {
      folders.add(rel.slice(0, end + 1));
    }
  }
  for (const folder of folders) {
    const response = await fetch(toServer(virtualRoot + folder), { redirect: 'manual' });
    if (response.status !== 200) {
      problems.push(`${folder}: HTTP ${response.status}`);
    }
  }
  // Every page of the site can be reached from the start page (the 404 page by a wrong address).
  const unreached = (await siteFiles()).filter((f) => f.endsWith('.html') && f !== '404.html' && !seen.has(f));
  for (const rel of unreached) {
    problems.push(`${rel} is not reachable by links from the start page`);
  }
  t.diagnostic(`${seen.size} addresses checked, ${fragments.length} fragment links, ${external.size} external links (not fetched)`);
  assert.ok(seen.size >= 50, `only ${seen.size} addresses reached from the start page`);
  assert.deepEqual(problems, []);
});

check('nginx answers a missing address with the styled 404 page', {}, async () => {
  const { page, context, problems } = await open('dokument/IS-XX-999/finns-inte.html', { status: 404 });
  // The page's style sheet applies (its relative links must still work this deep).
  const sheets = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => {
    try {
      return { href: link.href, rules: link.sheet ? link.sheet.cssRules.length : 0 };
    } catch {
      return { href: link.href, rules: 0 };
    }
  }));
  assert.ok(sheets.length > 0 && sheets.every((s) => s.rules > 0),
            `the 404 page's style sheets did not load: ${JSON.stringify(sheets)}`);
  const home = page.locator('main a').first();
  await Promise.all([page.waitForURL(new URL('index.html', baseUrl).href), home.click()]);
  assert.deepEqual(problems, []);
  await context.close();
});

check('on the 404 page, at a missing address below the root, the skip link stays on the page', {}, async () => {
  // Its other links are anchored at the site's root; a <base href> would take this one along.
  const { page, context, problems, url } = await open('dokument/IS-XX-999/finns-inte.html', { status: 404 });
  await page.keyboard.press('Tab');
  assert.equal(await page.locator(':focus').getAttribute('href'), '#main', 'the first Tab stop is not the skip link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  assert.equal(page.url(), `${url}#main`);
  assert.deepEqual(problems, []);
  await context.close();
});

check('keyboard: the first Tab shows the skip link, which moves focus to the main content', {}, async () => {
  const { page, context, problems } = await open(`dokument/${twoVersionDocument}/index.html`);
  await page.keyboard.press('Tab');
  const skip = page.locator(':focus');
  assert.equal(await skip.getAttribute('href'), '#main', 'the first Tab stop is not the skip link');
  const box = await skip.boundingBox();
  assert.ok(box && box.width > 10 && box.height > 10 && box.y >= 0 && box.x >= 0,
            `the focused skip link is not visible on screen: ${JSON.stringify(box)}`);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  assert.deepEqual(problems, []);
  await context.close();
});

check('a printed document or version says that a printout is not kept up to date; the screen does not', {}, async () => {
  for (const rel of [`dokument/${twoVersionDocument}/index.html`, `dokument/${twoVersionDocument}/v1.html`]) {
    const { page, context, problems } = await open(rel);
    const note = page.locator('.print-note');
    assert.equal(await note.count(), 1, `${rel}: no print note`);
    assert.equal(await note.isVisible(), false, `${rel}: the print note shows on screen`);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await note.isVisible(), true, `${rel}: the print note does not print`);
    assert.match(await note.innerText(), /kontrollera på intranätet/);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

check('screenshots of the start page and a document page', { timeout: 120000 }, async (t) => {
  await fsp.mkdir(artifacts, { recursive: true });
  for (const [name, rel] of [['start', 'index.html'], ['document', `dokument/${twoVersionDocument}/index.html`]]) {
    const { page, context, problems } = await open(rel, { viewport: { width: 1280, height: 900 } });
    const file = path.join(artifacts, `site-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await context.close();
    const { size } = await fsp.stat(file);
    assert.ok(size > 10000, `${file} is only ${size} bytes`);
    assert.deepEqual(problems, []);
    t.diagnostic(`screenshot: ${file}`);
  }
});
