/* styr's site search: static and client-side, for Swedish text. Plain ES2017, no
 * dependencies, no build step.
 *
 * The index (written by tools/styr/search_index.cpp, format described there) lies in
 * search/ next to this script, as scripts that call window.styrSearch.add(name, data): a
 * page from file:// may load scripts but not fetch() files. A query loads the small
 * manifest, the shards of its words and of their synonyms (the manifest lists them), and the
 * metadata chunks of the results it shows.
 *
 * The page: every page may have <form role="search" action="…search.html"> with
 * <input name="q">, which works without this script. The search page also has
 *   <div id="search-results"></div>          results are shown here; data-text-lang="sv"
 *                                             marks the documents' words (titles, text)
 *                                             with their language when the page has another
 *   <div class="search-nojs">…</div>          text for browsers without JavaScript, with
 *                                             links to the document lists; hidden here
 * The search page reads the query from its address (?q=), and the one type its results are
 * narrowed to, if any (&typ=, a type's label), and keeps both there.
 * Link this script from a page in the site root, or give the root relative to the script:
 *   <script src="assets/search.js" data-site-root=".."></script>
 * Texts are Swedish, or English when <html lang="en">.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------------
  // Words. A copy of tools/styr/stemmer.cpp and of text::fold_case: queries must be cut and
  // stemmed exactly as the index was (tests/search/stemmer_parity.test.mjs checks it).

  // Lower case for ASCII, Latin-1 and Latin Extended-A, as text::fold_case.
  function foldCodePoint(cp) {
    if (cp >= 0x41 && cp <= 0x5a) {
      return cp + 32;
    }
    if (cp >= 0xc0 && cp <= 0xde && cp !== 0xd7) {
      return cp + 32;
    }
    if (cp >= 0x100 && cp <= 0x17f) {
      const oddBlock = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e);
      if (oddBlock) {
        return cp % 2 === 1 ? cp + 1 : cp;
      }
      if (cp !== 0x130 && cp !== 0x131 && cp !== 0x138 && cp !== 0x149 && cp !== 0x17f) {
        return cp % 2 === 0 ? cp + 1 : cp;
      }
    }
    return cp;
  }

  function isWordChar(cp) {
    if (cp < 0x80) {
      return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39);
    }
    if (cp < 0xc0 || cp === 0xd7 || cp === 0xf7) {
      return false;
    }
    if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f)) {
      return false;
    }
    return !((cp >= 0xd800 && cp <= 0xf8ff) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp >= 0xfeff);
  }

  function isLetter(cp) {
    return isWordChar(cp) && !(cp >= 0x30 && cp <= 0x39);
  }

  // The words of a text, lower-cased, those shorter than `minLetters` (default 2) dropped;
  // calls found(word, start, end) with the word's place in `text` when given. As
  // search_words in tools/styr/stemmer.cpp, a single letter joined by a hyphen to letters
  // is one word with them ("e-post": "epost"); an id's parts (minLetters 1) stay apart.
  function searchWords(text, found, minLetters) {
    const least = minLetters || 2;
    const chars = Array.from(text);
    const words = [];
    let word = '';
    let letters = 0;
    let start = 0;
    let index = 0;
    const finish = function () {
      if (letters >= least) {
        words.push(word);
        if (found) {
          found(word, start, index);
        }
      }
      word = '';
      letters = 0;
    };
    for (let k = 0; k < chars.length; k += 1) {
      const ch = chars[k];
      const cp = foldCodePoint(ch.codePointAt(0));
      if (isWordChar(cp)) {
        if (letters === 0) {
          start = index;
        }
        word += String.fromCodePoint(cp);
        letters += 1;
      } else if (!(ch === '-' && least > 1 && letters === 1 && isLetter(word.codePointAt(0)) &&
                   k + 1 < chars.length && isLetter(foldCodePoint(chars[k + 1].codePointAt(0))))) {
        finish();
      }
      index += ch.length;
    }
    finish();
    return words;
  }

  // The Snowball Swedish stemmer (snowballstem.org, as of Snowball 3.0), on code points.
  const VOWELS = 'aeiouy\u00e4\u00e5\u00f6';
  const S_ENDINGS = 'bcdfghjklmnoprtvy';
  const OST_ENDINGS = 'iklnprtuv';
  const MAIN_SUFFIXES = [
    'a', 'arna', 'erna', 'heterna', 'orna', 'ad', 'e', 'ade', 'ande', 'arne', 'are', 'aste',
    'en', 'anden', 'aren', 'heten', 'ern', 'ar', 'er', 'heter', 'or', 'as', 'arnas', 'ernas',
    'ornas', 'es', 'ades', 'andes', 'ens', 'arens', 'hetens', 'erns', 'at', 'andet', 'het',
    'ast', 's', 'et'];
  const ET_EXCEPTIONS = ['h', 'iet', 'uit', 'fab', 'cit', 'dit', 'alit', 'ilit', 'mit', 'nit',
    'pit', 'rit', 'sit', 'tit', 'ivit', 'kvit', 'xit', 'kom', 'rak', 'pak', 'stak'];
  const CONSONANT_PAIRS = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];
  const OTHER_SUFFIXES = ['lig', 'ig', 'els', '\u00f6st', 'fullt'];

  function isVowel(ch) {
    return VOWELS.indexOf(ch) >= 0;
  }

  // Whether the code points chars[0, end) end with `suffix` (all suffixes are one code unit
  // a letter).
  function endsWith(chars, end, suffix) {
    if (suffix.length > end) {
      return false;
    }
    for (let i = 0; i < suffix.length; i += 1) {
      if (chars[end - suffix.length + i] !== suffix[i]) {
        return false;
      }
    }
    return true;
  }

  function r1Start(chars) {
    if (chars.length < 3) {
      return chars.length;
    }
    let i = 0;
    while (i < chars.length && !isVowel(chars[i])) {
      i += 1;
    }
    while (i < chars.length && isVowel(chars[i])) {
      i += 1;
    }
    return i >= chars.length ? chars.length : Math.max(3, i + 1);
  }

  function longestSuffixInR1(chars, r1, suffixes) {
    let longest = '';
    for (const suffix of suffixes) {
      if (suffix.length > longest.length && suffix.length <= chars.length - r1 &&
          endsWith(chars, chars.length, suffix)) {
        longest = suffix;
      }
    }
    return longest;
  }

  function removableEt(chars, at) {
    if (at < 3 || isVowel(chars[at - 1]) || !isVowel(chars[at - 2])) {
      return false;
    }
    return !ET_EXCEPTIONS.some(function (exception) { return endsWith(chars, at, exception); });
  }

  function stemSwedish(word) {
    const chars = Array.from(word);
    const r1 = r1Start(chars);

    let suffix = longestSuffixInR1(chars, r1, MAIN_SUFFIXES);
    let start = chars.length - suffix.length;
    if (suffix === 's') {
      if (chars[start - 2] === 'e' && chars[start - 1] === 't' && removableEt(chars, start - 2)) {
        chars.length = start - 2;
      } else if (S_ENDINGS.indexOf(chars[start - 1]) >= 0) {
        chars.length = start;
      }
    } else if (suffix === 'et') {
      if (removableEt(chars, start)) {
        chars.length = start;
      }
    } else if (suffix) {
      chars.length = start;
    }

    if (chars.length - r1 >= 2 &&
        CONSONANT_PAIRS.some(function (pair) { return endsWith(chars, chars.length, pair); })) {
      chars.length -= 1;
    }

    suffix = longestSuffixInR1(chars, r1, OTHER_SUFFIXES);
    start = chars.length - suffix.length;
    if (suffix === '\u00f6st') {
      if (OST_ENDINGS.indexOf(chars[start - 1]) >= 0) {
        chars.length -= 1;
      }
    } else if (suffix === 'fullt') {
      chars.length -= 1;
    } else if (suffix) {
      chars.length = start;
    }
    return chars.join('');
  }

  // A word as typed without Swedish letters, as plain_letters in tools/styr/stemmer.cpp: the
  // index holds that spelling too, and the highlighter must know it.
  const PLAIN_LETTERS = { '\u00e5': 'a', '\u00e4': 'a', '\u00f6': 'o', '\u00e9': 'e', '\u00fc': 'u' };

  // A document id as the index keys it, as search_id in tools/styr/stemmer.cpp: its parts,
  // numbers without leading zeros, joined by '-' ("IS-RL-004" and "is-rl-4": "is-rl-4").
  function searchId(text) {
    return searchWords(text, null, 1).map(function (part) {
      return /^[0-9]+$/.test(part) ? part.replace(/^0+(?=.)/, '') : part;
    }).join('-');
  }

  function plainLetters(word) {
    return word.replace(/[\u00e5\u00e4\u00f6\u00e9\u00fc]/g, function (ch) { return PLAIN_LETTERS[ch]; });
  }

  // ---------------------------------------------------------------------------------------
  // The index.

  const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const DIGIT_VALUES = new Int8Array(128);
  for (let i = 0; i < DIGITS.length; i += 1) {
    DIGIT_VALUES[DIGITS.charCodeAt(i)] = i;
  }
  const FORMAT = 7;
  const HEADING_FLAG = 32;       // a posting's weight: the term is in the title or the id
  const TAG_FLAG = 16;           // … else in a tag; below, its BM25 weight in the body
  const PREFIX_FACTOR = 0.5;     // a word completed from a prefix counts half
  const SYNONYM_FACTOR = 0.8;    // a synonym's match counts a little less than the word's own
  const MIN_PREFIX_LENGTH = 3;   // shorter last words are not completed
  const MAX_SPELLING_GUESSES = 3;  // words of one query looked for among similar ones

  const script = document.currentScript;
  const siteRoot = new URL(script && script.getAttribute('data-site-root') || '.',
                           script ? script.src : document.baseURI);
  const requests = new Map();  // name -> {promise, resolve, reject, script}

  function request(name) {
    let entry = requests.get(name);
    if (!entry) {
      entry = {};
      entry.promise = new Promise(function (resolve, reject) {
        entry.resolve = resolve;
        entry.reject = reject;
      });
      requests.set(name, entry);
    }
    return entry;
  }

  // Called by every index file.
  function add(name, data) {
    request(name).resolve(data);
  }

  function load(name) {
    const entry = request(name);
    if (!entry.script) {
      const element = document.createElement('script');
      element.src = new URL('search/' + name + '.js', siteRoot).href;
      element.onload = function () {
        element.parentNode.removeChild(element);
        entry.reject(new Error(element.src + ' did not register its data'));  // no-op when it did
      };
      element.onerror = function () {
        element.parentNode.removeChild(element);
        requests.delete(name);  // a later search tries again
        entry.reject(new Error('cannot load ' + element.src));
      };
      entry.script = element;
      document.head.appendChild(element);
    }
    return entry.promise;
  }

  // Index of the last key <= term (the shard that holds it), -1 when there are no shards.
  function shardOf(keys, term) {
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (keys[middle] <= term) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low - 1;
  }

  function lowerBound(terms, term) {
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (terms[middle] < term) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  function decodePostings(encoded) {
    const documents = [];
    const weights = [];
    let number = 0;
    let i = 0;
    while (i < encoded.length) {
      let delta = 0;
      let shift = 0;
      let digit;
      do {
        digit = DIGIT_VALUES[encoded.charCodeAt(i)];
        i += 1;
        delta += (digit & 31) * Math.pow(2, shift);
        shift += 5;
      } while (digit >= 32);
      number += delta;
      documents.push(number);
      weights.push(DIGIT_VALUES[encoded.charCodeAt(i)]);
      i += 1;
    }
    return { documents: documents, weights: weights };
  }

  // The terms a query word matches exactly: its stem, and the stem without a definite "-et"
  // that Snowball keeps ("lösenordet" -> "lösenord"), as the index does.
  function exactTerms(word, manifest) {
    const stem = stemSwedish(word);
    const terms = [stem];
    if (stem.endsWith('et') && Array.from(stem).length >= manifest.etStemLength) {
      terms.push(stem.slice(0, -2));
    }
    return terms;
  }

  // The manifest's synonym groups, each term as its words: {words, terms} with each word's
  // exact terms, and `keys`, the terms a query word must have one of to be that word (the
  // exact terms of the word as written and as typed without å, ä and ö).
  function synonymGroups(manifest, stopWords) {
    return (manifest.synonyms || []).map(function (group) {
      return group.map(function (term) {
        const words = searchWords(term).filter(function (word) { return !stopWords.has(word); });
        return {
          words: words,
          terms: words.map(function (word) { return exactTerms(word, manifest); }),
          keys: words.map(function (word) {
            return new Set(exactTerms(word, manifest).concat(exactTerms(plainLetters(word), manifest)));
          }),
        };
      }).filter(function (term) { return term.words.length > 0; });
    });
  }

  // Gives each query word the synonyms it also matches: where a word, or a run of consecutive
  // words, is a term of a group, each of those words also matches the group's other terms
  // ("virus" -> "skadlig kod"; "jobba hemifrån" -> "distansarbete"). A synonym is a list of
  // words, each a list of exact terms.
  function addSynonyms(words, manifest, stopWords) {
    const isWord = function (word, keys) {
      return word.terms.some(function (term) { return keys.has(term); });
    };
    for (const group of synonymGroups(manifest, stopWords)) {
      group.forEach(function (term, t) {
        const length = term.words.length;
        for (let start = 0; start + length <= words.length; start += 1) {
          if (!term.keys.every(function (keys, k) { return isWord(words[start + k], keys); })) {
            continue;
          }
          const others = group.filter(function (other, o) { return o !== t; });
          for (const word of words.slice(start, start + length)) {
            for (const other of others) {
              const key = other.terms.join(' ');
              if (!word.synonyms.some(function (known) { return known.join(' ') === key; })) {
                word.synonyms.push(other.terms);
              }
            }
          }
        }
      });
    }
  }

  // What to look for: the query's words (not stop words), each with its exact terms, its
  // synonyms and the part of the query it was written in, the last one also as a prefix; and
  // whole ids ("IS-RL-004" -> "is-rl-4", see searchId).
  function parseQuery(query, manifest) {
    // As the index has the text (text::canonical): composed letters, no soft hyphens.
    query = query.normalize('NFC').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
    const stopWords = new Set(manifest.stopWords);
    const parsed = [];
    const idTerms = [];
    const addId = function (text) {
      const id = searchId(text);
      if (id.indexOf('-') >= 0 && idTerms.indexOf(id) < 0) {
        idTerms.push(id);
      }
    };
    addId(query);  // "IS RL 4"
    query.split(/\s+/).forEach(function (text, part) {
      const partWords = searchWords(text);
      addId(text);
      for (const word of partWords) {
        if (!stopWords.has(word) && !parsed.some(function (p) { return p.word === word; })) {
          // `part`: the words written as one ("IS-RL-004", "USB-minne") are matched together.
          parsed.push({ word: word, terms: exactTerms(word, manifest), synonyms: [], prefix: null, part: part });
        }
      }
    });
    addSynonyms(parsed, manifest, stopWords);
    const last = parsed[parsed.length - 1];
    if (last && Array.from(last.word).length >= MIN_PREFIX_LENGTH) {
      last.prefix = last.word;
    }
    return { words: parsed, idTerms: idTerms };
  }

  // The shards that hold the query's terms, and those to complete its last word from.
  function loadShards(manifest, parsed) {
    const keys = manifest.shards;
    const wanted = new Set();
    for (const word of parsed.words) {
      for (const term of word.terms) {
        wanted.add(shardOf(keys, term));
      }
      for (const synonym of word.synonyms) {
        for (const terms of synonym) {
          terms.forEach(function (term) { wanted.add(shardOf(keys, term)); });
        }
      }
      if (word.prefix) {
        const first = shardOf(keys, word.prefix);
        const last = Math.min(shardOf(keys, word.prefix + '\uffff'), first + manifest.prefixShards - 1);
        for (let shard = first; shard <= last; shard += 1) {
          wanted.add(shard);
        }
      }
    }
    for (const term of parsed.idTerms) {
      wanted.add(shardOf(keys, term));
    }
    wanted.delete(-1);
    return Promise.all(Array.from(wanted, function (n) { return load('t' + n); }));
  }

  // Posting lists of `term` in the loaded shards, or null.
  function findTerm(shards, term) {
    for (const shard of shards) {
      const at = lowerBound(shard.terms, term);
      if (shard.terms[at] === term) {
        return decodePostings(shard.postings[at]);
      }
    }
    return null;
  }

  function termsWithPrefix(shards, prefix) {
    const found = [];
    for (const shard of shards) {
      for (let at = lowerBound(shard.terms, prefix); at < shard.terms.length; at += 1) {
        if (!shard.terms[at].startsWith(prefix)) {
          break;
        }
        found.push(shard.terms[at]);
      }
    }
    return found;
  }

  // Spelling. A word of the query that no document has, such as "lösenrod" or
  // "informationsäkerhet", is read as the index's nearest word when one is near enough: one
  // letter wrong, missing, extra or two letters swapped, two of these in long words. Words
  // are compared stem to stem, and as typed (a swap can change the stem: "incidnet").

  // How many edits a word of `length` letters may be from the one meant.
  function allowedEdits(length) {
    return length >= 10 ? 2 : length >= 6 ? 1 : 0;
  }

  // The edits (optimal string alignment) between code-point arrays a and b, or more than
  // `limit` when that is all it can tell.
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) {
      return limit + 1;
    }
    let before = null;
    let previous = [];
    for (let j = 0; j <= b.length; j += 1) {
      previous.push(j);
    }
    for (let i = 1; i <= a.length; i += 1) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j += 1) {
        let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, before[j - 2] + 1);
        }
        row.push(d);
        best = Math.min(best, d);
      }
      if (best > limit) {
        return limit + 1;
      }
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // Whether any document has the word: one of its terms, or a completion of its prefix.
  function matchesAny(shards, word) {
    return word.terms.some(function (term) { return findTerm(shards, term); }) ||
      Boolean(word.prefix) && termsWithPrefix(shards, word.prefix).length > 0;
  }

  // Gives each word that no document has, and that has no synonyms, the nearest term of the
  // index instead, if one is near enough, looking in its shard and the two beside it. Adds
  // the shards it loads to `shards`; gives the words it corrected, as typed.
  async function correctSpelling(manifest, shards, parsed) {
    const corrected = [];
    let guesses = 0;
    for (const word of parsed.words) {
      const typed = Array.from(word.word);
      const stem = Array.from(word.terms[0]);
      const limit = allowedEdits(stem.length);
      if (!limit || /[0-9]/.test(word.word) || word.synonyms.length || matchesAny(shards, word)) {
        continue;
      }
      if (++guesses > MAX_SPELLING_GUESSES) {
        break;  // a pasted text of unknown words is not worth a pause
      }
      const at = shardOf(manifest.shards, word.terms[0]);
      const near = [];
      for (let n = Math.max(0, at - 1); n <= Math.min(manifest.shards.length - 1, at + 1); n += 1) {
        near.push(load('t' + n));
      }
      let best = null;
      for (const shard of await Promise.all(near)) {
        if (shards.indexOf(shard) < 0) {
          shards.push(shard);
        }
        shard.terms.forEach(function (term, i) {
          const letters = Array.from(term);
          if (letters[0] !== stem[0]) {
            return;
          }
          const edits = Math.min(editDistance(stem, letters, limit), editDistance(typed, letters, limit));
          const documents = shard.postings[i].length;  // longer postings: more documents
          if (edits <= limit && (!best || edits < best.edits ||
                                 (edits === best.edits && (documents > best.documents ||
                                                           (documents === best.documents && term < best.term))))) {
            best = { term: term, edits: edits, documents: documents };
          }
        });
      }
      if (best) {
        word.terms = [best.term];
        word.prefix = null;
        corrected.push(word.word);
      }
    }
    return corrected;
  }

  // Keeps in `total` (document -> score) the documents that `scores` has too, with the two
  // scores added: those that have every word so far.
  function sumWhereBoth(total, scores) {
    total.forEach(function (score, number) {
      const other = scores.get(number);
      if (other === undefined) {
        total.delete(number);
      } else {
        total.set(number, score + other);
      }
    });
  }

  // Sets `scores` (document -> score) to each document's best of what it had and what it
  // gets from `found`.
  function keepBest(scores, found) {
    found.forEach(function (score, number) {
      if (!(scores.get(number) >= score)) {
        scores.set(number, score);
      }
    });
  }

  // Ranks the documents that match every word; when none does, those that match some, more
  // words first (then `partial` is true). A word matches by its own terms or by a synonym's,
  // whichever scores higher. Exact id matches first; among equals BM25, with title and id
  // matches weighing more, and tag matches a little less. Gives {numbers, partial}.
  //
  // A word and its synonyms of one word are weighed by one idf, that of the documents that
  // have any of them, and a synonym's match counts a little less than the word's own: a
  // synonym fewer documents use ("säkerhetskopia") does not put the documents that use it
  // above the one titled with the word the reader typed ("säkerhetskopiering").
  function rank(manifest, shards, parsed) {
    const count = manifest.documents;
    const idf = function (df) { return Math.log(1 + (count - df + 0.5) / (df + 0.5)); };
    // A term's postings, decoded once for the query: a word's terms are read for its idf and
    // its scores, and a synonym's for every word it belongs to.
    const decoded = new Map();
    const postingsOf = function (term) {
      if (!decoded.has(term)) {
        decoded.set(term, findTerm(shards, term));
      }
      return decoded.get(term);
    };
    // Each document's best score for any of `candidates` ([term, factor, idf]), a term's
    // own idf where none is given.
    const termScores = function (candidates) {
      const scores = new Map();
      for (const candidate of candidates) {
        const postings = postingsOf(candidate[0]);
        if (!postings) {
          continue;
        }
        const factor = candidate[1] * (candidate[2] === undefined ? idf(postings.documents.length) : candidate[2]);
        postings.documents.forEach(function (number, i) {
          const weight = postings.weights[i];
          const heading = weight >= HEADING_FLAG ? manifest.headingWeight
                          : weight >= TAG_FLAG ? manifest.tagWeight : 0;
          const score = factor * ((weight % TAG_FLAG) + heading);
          if (!(scores.get(number) >= score)) {
            scores.set(number, score);
          }
        });
      }
      return scores;
    };
    // The idf of `terms` taken as one: of the documents that have any of them; none when no
    // document has one.
    const sharedIdf = function (terms) {
      const having = new Set();
      for (const term of terms) {
        const postings = postingsOf(term);
        if (postings) {
          postings.documents.forEach(function (number) { having.add(number); });
        }
      }
      return having.size > 0 ? idf(having.size) : undefined;
    };
    // A synonym's score, in the documents that have all its words: a synonym of one word is
    // weighed by `shared`; a longer one by its words' own idf, and by their mean, since it
    // stands for the one word of the query ("skadlig kod" for "virus").
    const synonymScores = function (synonym, shared) {
      let total = null;
      for (const terms of synonym) {
        const scores = termScores(terms.map(function (term) {
          return [term, SYNONYM_FACTOR / synonym.length, synonym.length === 1 ? shared : undefined];
        }));
        if (total === null) {
          total = scores;
        } else {
          sumWhereBoth(total, scores);
        }
      }
      return total || new Map();
    };
    const scoresByWord = parsed.words.map(function (word) {
      let own = word.terms;
      word.synonyms.forEach(function (synonym) {
        if (synonym.length === 1) {
          own = own.concat(synonym[0]);
        }
      });
      const shared = sharedIdf(own);
      const candidates = word.terms.map(function (term) { return [term, 1, shared]; });
      if (word.prefix) {
        for (const term of termsWithPrefix(shards, word.prefix)) {
          if (word.terms.indexOf(term) < 0) {
            candidates.push([term, PREFIX_FACTOR]);
          }
        }
      }
      const scores = termScores(candidates);
      word.synonyms.forEach(function (synonym) { keepBest(scores, synonymScores(synonym, shared)); });
      return scores;
    });
    const exactIds = new Set();
    for (const term of parsed.idTerms) {
      const postings = postingsOf(term);
      if (postings) {
        postings.documents.forEach(function (number) { exactIds.add(number); });
      }
    }
    // A question in the reader's words ("tappat mobilen", "glömt lösenordet") often holds a
    // word no document uses: when no document has every word, those with some of them are
    // found, more words first. The words of one part ("IS-RL-004") count as one, and a
    // document matches that part only when it has all of them.
    const byPart = new Map();  // part -> scores of its documents that match all its words
    scoresByWord.forEach(function (scores, w) {
      const part = parsed.words[w].part;
      const matched = byPart.get(part);
      if (!matched) {
        byPart.set(part, new Map(scores));
      } else {
        sumWhereBoth(matched, scores);
      }
    });
    const byNumber = new Map();
    byPart.forEach(function (scores) {
      scores.forEach(function (score, number) {
        const result = byNumber.get(number);
        if (result) {
          result.parts += 1;
          result.score += score;
        } else {
          byNumber.set(number, { number: number, parts: 1, score: score, exactId: exactIds.has(number) });
        }
      });
    });
    // An id written as no document spells it ("IS-RL-04") has words no document has.
    exactIds.forEach(function (number) {
      if (!byNumber.has(number)) {
        byNumber.set(number, { number: number, parts: 0, score: 0, exactId: true });
      }
    });
    let ranked = Array.from(byNumber.values());
    const complete = ranked.filter(function (result) { return result.exactId || result.parts === byPart.size; });
    const partial = complete.length === 0 && ranked.length > 0;
    if (!partial) {
      ranked = complete;
    }
    ranked.sort(function (a, b) {
      return (b.exactId - a.exactId) || (b.parts - a.parts) || (b.score - a.score) || (a.number - b.number);
    });
    return { numbers: ranked.map(function (result) { return result.number; }), partial: partial };
  }

  // A result link: the document's URL from the site root, never a javascript: or other
  // foreign-scheme URL.
  function href(url) {
    const resolved = new URL(url, siteRoot);
    return resolved.protocol === siteRoot.protocol ? resolved.href : '#';
  }

  async function describe(manifest, numbers) {
    const chunkOf = function (number) { return 'd' + Math.floor(number / manifest.chunkSize); };
    const names = Array.from(new Set(numbers.map(chunkOf)));
    const chunks = new Map();
    const loaded = await Promise.all(names.map(load));
    names.forEach(function (name, i) { chunks.set(name, loaded[i]); });
    return numbers.map(function (number) {
      const entry = chunks.get(chunkOf(number))[number % manifest.chunkSize];
      const anchored = function (pairs) {
        return (pairs || []).map(function (pair) {
          return { title: pair[0], href: href(entry[0] + '#' + encodeURIComponent(pair[1])) };
        });
      };
      return { url: entry[0], href: href(entry[0]), title: entry[1], id: entry[2], type: entry[3], excerpt: entry[4],
               sections: anchored(entry[5]), requirements: anchored(entry[6]), status: entry[7] || '' };
    });
  }

  // Returns a function that splits a text into [text, marked] pieces, marking the words the
  // query matched: the same stem, completed from the last word, or holding a query stem
  // inside (compounds: "kopiering" in "Säkerhetskopieringen"); and the words of its synonyms,
  // those of one word also inside compounds ("nätfiske" in "nätfiskeövningar"). `manifest`:
  // the index's, for the stems that are never a compound's part.
  function highlighter(parsed, manifest) {
    const stems = new Set();
    const compoundStems = new Set();
    const add = function (terms, inCompounds) {
      terms.forEach(function (term) {
        stems.add(term);
        if (inCompounds) {
          compoundStems.add(term);
        }
      });
    };
    parsed.words.forEach(function (word) {
      add(word.terms, true);
      word.synonyms.forEach(function (synonym) {
        synonym.forEach(function (terms) { add(terms, synonym.length === 1); });
      });
    });
    // Not a suffix's stem ("ring" in "lagring"): the index does not take such a part for a word.
    const suffixStems = new Set(manifest.suffixStems);
    const inner = Array.from(compoundStems).filter(function (stem) {
      return Array.from(stem).length >= 4 && !suffixStems.has(stem);
    });
    const last = parsed.words[parsed.words.length - 1];
    const prefix = last ? last.prefix : null;
    const matchesSpelling = function (word) {
      return stems.has(stemSwedish(word)) || (prefix !== null && word.startsWith(prefix)) ||
        inner.some(function (stem) { return word.indexOf(stem) >= 0; });
    };
    const matches = function (word) {
      const plain = plainLetters(word);
      return matchesSpelling(word) || (plain !== word && matchesSpelling(plain));
    };
    return function (text) {
      const pieces = [];
      let done = 0;
      searchWords(text, function (word, start, end) {
        if (matches(word)) {
          if (start > done) {
            pieces.push([text.slice(done, start), false]);
          }
          pieces.push([text.slice(start, end), true]);
          done = end;
        }
      });
      if (done < text.length) {
        pieces.push([text.slice(done), false]);
      }
      return pieces;
    };
  }

  let lastQuery = null;  // the ranking of the last query: paging through it loads no shard again

  // The sections of a result whose heading holds a word of the query, at most `limit`.
  function matchingSections(result, highlight, limit) {
    return result.sections.filter(function (section) {
      return highlight(section.title).some(function (piece) { return piece[1]; });
    }).slice(0, limit);
  }

  // The requirements of a result whose id the query names whole: as an id is written in
  // any way ("BKP-3", "bkp 03": one of the query's `ids`), or with every word of it matched
  // ("BKP-03", not every BKP requirement for "bkp").
  function matchingRequirements(result, highlight, ids) {
    return result.requirements.filter(function (requirement) {
      if (ids && ids.indexOf(searchId(requirement.title)) >= 0) {
        return true;
      }
      const pieces = highlight(requirement.title);
      return pieces.some(function (piece) { return piece[1]; }) &&
        pieces.every(function (piece) { return piece[1] || searchWords(piece[0]).length === 0; });
    });
  }

  // A document's type label, from the manifest (an index without types gives '').
  function typeOf(manifest, number) {
    return manifest.typeOf ? manifest.types[DIGIT_VALUES[manifest.typeOf.charCodeAt(number)]] : '';
  }

  // The ranked documents' types as [{type, count}], most documents first.
  function countTypes(manifest, ranked) {
    const counts = new Map();
    ranked.forEach(function (number) {
      const type = typeOf(manifest, number);
      counts.set(type, (counts.get(type) || 0) + 1);
    });
    const types = Array.from(counts, function (entry) { return { type: entry[0], count: entry[1] }; });
    return types.filter(function (t) { return t.type; }).sort(function (a, b) {
      return (b.count - a.count) || manifest.types.indexOf(a.type) - manifest.types.indexOf(b.type);
    });
  }

  // Resolves to {total, results, highlight, ids, types, partial, corrected}: the number of
  // matching documents (of `type` only, when one is given), the metadata of those ranked
  // offset … offset + limit − 1, the highlighter for the query, the ids the query may name,
  // the matching documents of every type counted by type, whether they match only some of
  // the words, since none has them all, and the words of the query that no document has,
  // read as a similar word.
  async function search(query, offset, limit, type) {
    if (!lastQuery || lastQuery.text !== query) {
      const manifest = await load('index');
      if (manifest.format !== FORMAT) {
        throw new Error('search index format ' + manifest.format + ', expected ' + FORMAT);
      }
      const parsed = parseQuery(query, manifest);
      let found = { numbers: [], partial: false };
      let corrected = [];
      if (parsed.words.length || parsed.idTerms.length) {
        const shards = await loadShards(manifest, parsed);
        corrected = await correctSpelling(manifest, shards, parsed);
        found = rank(manifest, shards, parsed);
      }
      lastQuery = { text: query, manifest: manifest, ranked: found.numbers, partial: found.partial,
                    corrected: corrected, highlight: highlighter(parsed, manifest), ids: parsed.idTerms,
                    types: countTypes(manifest, found.numbers), byType: new Map() };
    }
    const current = lastQuery;
    let matching = current.ranked;
    if (type) {
      if (!current.byType.has(type)) {
        current.byType.set(type, current.ranked.filter(function (number) {
          return typeOf(current.manifest, number) === type;
        }));
      }
      matching = current.byType.get(type);
    }
    const page = matching.slice(offset, offset + limit);
    return { total: matching.length, results: await describe(current.manifest, page),
             highlight: current.highlight, ids: current.ids, types: current.types, partial: current.partial,
             corrected: current.corrected };
  }

  window.styrSearch = { add: add, search: search, sections: matchingSections, requirements: matchingRequirements,
                       stem: stemSwedish, words: searchWords, id: searchId };

  // ---------------------------------------------------------------------------------------
  // The search page.

  const PAGE_SIZE = 10;
  const SECTIONS_SHOWN = 3;  // links to matching sections under a result
  const TEXTS = {
    sv: {
      empty: 'Skriv ett eller flera ord i sökrutan.',
      searching: 'Söker …',
      none: function (q) { return 'Inga träffar för ”' + q + '”.'; },
      quoted: function (q) { return '”' + q + '”'; },
      count: function (n, q) {
        return n.toLocaleString('sv-SE') + (n === 1 ? ' träff' : ' träffar') + ' för ”' + q + '”.';
      },
      ofType: function (n, q, type) {
        return n.toLocaleString('sv-SE') + (n === 1 ? ' träff' : ' träffar') + ' för ”' + q + '”, typ: ' + type + '.';
      },
      partial: 'Inget dokument har alla orden. De här har några av dem, flest först.',
      corrected: function (words) {
        const quoted = words.map(function (w) { return '”' + w + '”'; }).join(', ');
        return words.length === 1 ? 'Inget dokument har ordet ' + quoted + ', så träffarna gäller ett liknande ord.'
          : 'Inget dokument har orden ' + quoted + ', så träffarna gäller liknande ord.';
      },
      types: 'Dokumenttyp',
      allTypes: 'Alla',
      more: 'Visa fler träffar',
      sections: 'Avsnitt: ',
      requirements: 'Krav: ',
      lists: 'Pröva ett annat ord, eller leta i listorna:',
      failed: 'Sökningen gick inte att göra: sökindexet kunde inte läsas.',
    },
    en: {
      empty: 'Type one or more words in the search box.',
      searching: 'Searching …',
      none: function (q) { return 'No results for “' + q + '”.'; },
      quoted: function (q) { return '“' + q + '”'; },
      count: function (n, q) {
        return n.toLocaleString('en-GB') + (n === 1 ? ' result' : ' results') + ' for “' + q + '”.';
      },
      ofType: function (n, q, type) {
        return n.toLocaleString('en-GB') + (n === 1 ? ' result' : ' results') + ' for “' + q + '”, type: ' + type + '.';
      },
      partial: 'No document has all the words. These have some of them, most first.',
      corrected: function (words) {
        const quoted = words.map(function (w) { return '“' + w + '”'; }).join(', ');
        return words.length === 1 ? 'No document has the word ' + quoted + ', so the results are for a similar word.'
          : 'No document has the words ' + quoted + ', so the results are for similar words.';
      },
      types: 'Document type',
      allTypes: 'All',
      more: 'Show more results',
      sections: 'Sections: ',
      requirements: 'Requirements: ',
      lists: 'Try another word, or look in the lists:',
      failed: 'The search failed: the search index could not be read.',
    },
  };

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function appendHighlighted(parent, text, highlight) {
    for (const piece of highlight(text)) {
      parent.appendChild(piece[1] ? element('mark', '', piece[0]) : document.createTextNode(piece[0]));
    }
  }

  function resultItem(result, answer, texts, textLang) {
    const highlight = answer.highlight;
    // The documents' words in their own language, the interface's around them.
    const marked = function (node) {
      if (textLang) {
        node.lang = textLang;
      }
      return node;
    };
    const item = element('li', 'search-result');
    const heading = element('h3', 'search-result-title');  // under the list's own h2
    const link = marked(element('a'));
    link.href = result.href;
    appendHighlighted(link, result.title, highlight);
    heading.appendChild(link);
    item.appendChild(heading);
    const meta = element('p', 'search-result-meta');
    meta.appendChild(element('span', 'search-result-id', result.id));
    meta.appendChild(document.createTextNode(' '));
    meta.appendChild(element('span', 'search-result-type', result.type));
    if (result.status) {
      meta.appendChild(document.createTextNode(' '));
      meta.appendChild(element('span', 'search-result-status', result.status));
    }
    item.appendChild(meta);
    if (result.excerpt) {
      const excerpt = marked(element('p', 'search-result-excerpt'));
      appendHighlighted(excerpt, result.excerpt, highlight);
      item.appendChild(excerpt);
    }
    // Links straight to the requirements the query names, then to the matching sections.
    const links = function (label, targets) {
      if (!targets.length) {
        return;
      }
      const line = element('p', 'search-result-sections', label);
      targets.forEach(function (target, i) {
        if (i > 0) {
          line.appendChild(document.createTextNode(' · '));
        }
        const link = marked(element('a'));
        link.href = target.href;
        appendHighlighted(link, target.title, highlight);
        line.appendChild(link);
      });
      item.appendChild(line);
    };
    links(texts.requirements, matchingRequirements(result, highlight, answer.ids));
    links(texts.sections, matchingSections(result, highlight, SECTIONS_SHOWN));
    return item;
  }

  function setUpPage() {
    const container = document.getElementById('search-results');
    if (!container) {
      return;
    }
    const texts = /^en\b/i.test(document.documentElement.lang) ? TEXTS.en : TEXTS.sv;
    for (const note of document.querySelectorAll('.search-nojs')) {
      note.hidden = true;
    }
    const status = element('p', 'search-status');
    status.setAttribute('aria-live', 'polite');
    status.setAttribute('aria-atomic', 'true');
    const list = element('ol', 'search-results-list');
    const more = element('button', 'search-more', texts.more);
    more.type = 'button';
    more.hidden = true;
    // Without a hit, the lists the page offers readers without JavaScript.
    const lists = element('div', 'search-lists');
    lists.hidden = true;
    const offered = document.querySelector('.search-nojs ul');
    if (offered) {
      lists.appendChild(element('p', '', texts.lists));
      lists.appendChild(offered.cloneNode(true));
    }
    // The matching documents by type, to show one type only: radio buttons with counts.
    const typeFilter = element('fieldset', 'search-types');
    typeFilter.hidden = true;
    container.appendChild(status);
    container.appendChild(typeFilter);
    container.appendChild(list);
    container.appendChild(more);
    container.appendChild(lists);

    const pageTitle = document.title;  // "Sök – Kommunen"; a search puts its words first
    let generation = 0;  // only the newest search may show its results
    let query = '';
    let type = new URLSearchParams(location.search).get('typ') || '';  // '': every type
    let shown = 0;
    let typesShownFor = null;  // the query the type filter counts: choosing a type keeps it as it is

    function remember() {
      try {
        history.replaceState(null, '', '?q=' + encodeURIComponent(query) +
                             (type ? '&typ=' + encodeURIComponent(type) : ''));
      } catch (error) {
        // Some browsers refuse it on file://; the results are shown all the same.
      }
    }

    function showTypes(types, total) {
      typeFilter.textContent = '';
      typeFilter.hidden = types.length < 2;
      if (typeFilter.hidden) {
        return;
      }
      typeFilter.appendChild(element('legend', '', texts.types));
      [{ type: '', count: total }].concat(types).forEach(function (t) {
        const label = element('label');
        const radio = element('input');
        radio.type = 'radio';
        radio.name = 'typ';
        radio.value = t.type;
        radio.checked = t.type === type;
        radio.addEventListener('change', function () {
          type = radio.value;
          remember();
          generation += 1;
          list.textContent = '';
          more.hidden = true;
          show(0);
        });
        label.appendChild(radio);
        label.appendChild(document.createTextNode(' ' + (t.type || texts.allTypes) + ' (' + t.count + ')'));
        typeFilter.appendChild(label);
      });
    }

    async function show(offset) {
      const mine = generation;
      try {
        let answer = await search(query, offset, PAGE_SIZE, type);
        if (mine !== generation) {
          return;
        }
        if (type && !answer.types.some(function (t) { return t.type === type; })) {
          type = '';  // a new query without documents of the type shown: show every type
          remember();
          answer = await search(query, offset, PAGE_SIZE, type);
          if (mine !== generation) {
            return;
          }
        }
        if (typesShownFor !== query) {
          const all = answer.types.reduce(function (sum, t) { return sum + t.count; }, 0);
          showTypes(answer.types, all);
          typesShownFor = query;
        }
        const items = answer.results.map(function (result) {
          return resultItem(result, answer, texts, container.dataset.textLang);
        });
        items.forEach(function (item) { list.appendChild(item); });
        shown = offset + items.length;
        more.hidden = shown >= answer.total;
        status.textContent = !answer.total ? texts.none(query)
          : type ? texts.ofType(answer.total, query, type) : texts.count(answer.total, query);
        if (answer.total && answer.corrected.length) {
          status.textContent += ' ' + texts.corrected(answer.corrected);
        }
        if (answer.total && answer.partial) {
          status.textContent += ' ' + texts.partial;
        }
        lists.hidden = answer.total > 0 || !offered;
        if (offset > 0 && items.length) {
          items[0].querySelector('a').focus();  // keyboard users go on where the new results start
        }
      } catch (error) {
        if (mine === generation) {
          status.textContent = texts.failed;
          more.hidden = true;
        }
      }
    }

    function run(text) {
      generation += 1;
      query = text.trim();
      document.title = query ? texts.quoted(query) + ' – ' + pageTitle : pageTitle;
      list.textContent = '';
      more.hidden = true;
      lists.hidden = true;
      typeFilter.hidden = true;
      typesShownFor = null;
      shown = 0;
      if (!query) {
        status.textContent = texts.empty;
        return;
      }
      status.textContent = texts.searching;
      show(0);
    }

    more.addEventListener('click', function () {
      generation += 1;
      show(shown);
    });

    const inputs = [];
    for (const form of document.querySelectorAll('form[role="search"]')) {
      const input = form.querySelector('input[name="q"]');
      if (!input) {
        continue;
      }
      inputs.push(input);
      let timer = 0;
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        clearTimeout(timer);
        run(input.value);
        remember();
      });
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { run(input.value); }, 400);
      });
    }
    const initial = new URLSearchParams(location.search).get('q') || '';
    inputs.forEach(function (input) { input.value = initial; });
    run(initial);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUpPage);
  } else {
    setUpPage();
  }
})();
