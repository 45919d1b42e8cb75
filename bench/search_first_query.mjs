// What the first query on a site transfers: runs the real client (site/search.js) in a
// fresh sandbox per query, shows the first page of results, and adds up the files it loaded.
// Run by bench/search_index_size.cpp:
//   node bench/search_first_query.mjs SITE_DIR QUERY…
// Exits with 1 when a query transfers 300 KB or more.
import fs from 'node:fs';
import { clientPath, loadClient } from '../tests/search/client_sandbox.mjs';

const BUDGET = 300 * 1024;
const PAGE_SIZE = 10;
const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(6) + ' KB';

const [siteDir, ...queries] = process.argv.slice(2);
let worst = 0;
console.log(`first query (manifest + shards + metadata of the first ${PAGE_SIZE} results):`);
for (const query of queries) {
  const { client, loaded } = loadClient(siteDir);
  const answer = await client.search(query, 0, PAGE_SIZE);
  const sum = (kind) => loaded.filter((l) => kind.test(l.file)).reduce((total, l) => total + l.bytes, 0);
  const manifest = sum(/index\.js$/);
  const shards = sum(/\/t\d+\.js$/);
  const chunks = sum(/\/d\d+\.js$/);
  const total = manifest + shards + chunks;
  worst = Math.max(worst, total);
  console.log(`  ${JSON.stringify(query).padEnd(40)} ${String(answer.total).padStart(5)} results  ` +
              `${loaded.length} files ${kb(total)}  (manifest${kb(manifest)}, shards${kb(shards)}, metadata${kb(chunks)})`);
}
console.log(`search.js itself: ${kb(fs.statSync(clientPath).size)} (loaded with every page, cached)`);
console.log(`largest first query: ${kb(worst)} — ${worst < BUDGET ? 'under' : 'OVER'} the budget of ${kb(BUDGET)}`);
process.exit(worst < BUDGET ? 0 : 1);
