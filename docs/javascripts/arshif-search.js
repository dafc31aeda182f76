/* arshif search: Arabic search over the static index that arshif writes into search/ (search_index.py).
 *
 * The index files are scripts that call __arshifSearch(name, data); they are loaded by inserting <script>
 * tags, which works over http, from file:// and from an unzipped copy (file:// forbids fetch, XHR and
 * Workers). The normalisation mirrors arshif.normalize; its data (fold map, marks, clitic prefixes, variants
 * table) comes from search/manifest.js, so it is written in one place. Nothing is loaded from the network,
 * and article text reaches the page only through textContent.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ normalisation (mirrors normalize.py)

  const WORD = /[\p{L}\p{N}]+/gu; // Python: [^\W_]+
  const REDIRECT = "="; // a term entry "=key=key": a stem the archive prints only after ال (search_terms.py)
  const RAW_WORD = /[\p{L}\p{N}\p{M}]+/gu; // a word of the original text, marks included

  function makeNormalizer(data) {
    const foldMap = new Map(Object.entries(data.fold));
    const marks = new RegExp(data.marks, "gu");
    const prefixes = data.prefixes;
    const minStem = data.minStem;
    const variants = new Map(Object.entries(data.variants));
    const listed = new Set(data.listed || []);
    // resolveKey tries the shortest group first, as normalize.strip_known (SHORTEST_FIRST).
    const shortestFirst = prefixes.slice().sort(function (a, b) { return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0); });

    const foldChars = new RegExp("[" + Array.from(foldMap.keys()).map(function (c) {
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    }).join("") + "]", "gu");
    function fold(text) {
      return String(text).replace(marks, "").replace(foldChars, function (ch) { return foldMap.get(ch); }).toLowerCase();
    }
    function tokens(text) {
      return fold(text).match(WORD) || [];
    }
    function stripClitics(token) {
      if (!token) return token;
      const first = token.charCodeAt(0);
      if (first < 0x600 || first > 0x6ff) return token;
      const length = Array.from(token).length;
      for (const prefix of prefixes) {
        if (token.startsWith(prefix) && length - prefix.length >= minStem) return token.slice(prefix.length);
      }
      return token;
    }
    // Every key a folded token can have (search_index.search_keys): itself and each way of stripping clitic
    // groups, again and again, through the variants. A query key matches a word when it is one of these.
    const memo = new Map();
    function alternatives(token) {
      let out = memo.get(token);
      if (out === undefined) {
        if (memo.size > 100000) memo.clear();
        out = computeAlternatives(token);
        memo.set(token, out);
      }
      return out;
    }
    function computeAlternatives(token) {
      const seen = new Set([token]);
      const todo = [token];
      while (todo.length) {
        const word = todo.pop();
        const first = word.charCodeAt(0);
        if (!word || first < 0x600 || first > 0x6ff) continue;
        const length = Array.from(word).length;
        for (const prefix of prefixes) {
          if (word.startsWith(prefix) && length - prefix.length >= minStem) {
            const rest = word.slice(prefix.length);
            if (!seen.has(rest)) { seen.add(rest); todo.push(rest); }
          }
        }
      }
      const out = new Set();
      for (const w of seen) { const c = variants.get(w); out.add(c === undefined ? w : c); }
      return out;
    }
    function variant(word) {
      const canonical = variants.get(word);
      return canonical === undefined ? word : canonical;
    }
    // The keys a folded query token has in the index (search_terms.resolve_keys): its entry when the archive
    // holds the word; else clitic groups are stripped while what remains is a word of the archive, which the index
    // is asked (entry: async word -> its entry or undefined). The index stripped its words by the same rule.
    // resolve() also gives the clitic group of the form typed (search_terms.resolve): the group the entry it stops
    // at strips, "" for a key itself, null for a redirect; formDigit() makes it the digit the postings carry.
    async function resolveKeys(token, entry) {
      return (await resolve(token, entry)).keys;
    }
    async function resolve(token, entry) {
      for (;;) {
        const value = await entry(token);
        if (typeof value === "number" || Array.isArray(value)) {
          const stripped = typeof value === "number" ? value : value[0];
          return { keys: [variant(token.slice(stripped))], group: token.slice(0, stripped) };
        }
        if (typeof value === "string" && value[0] === REDIRECT) return { keys: value.slice(1).split(REDIRECT), group: null };
        const first = token.charCodeAt(0);
        if (value !== undefined || !token || first < 0x600 || first > 0x6ff) return { keys: [variant(token)], group: "" };
        let next = null;
        for (const prefix of shortestFirst) {
          if (!token.startsWith(prefix)) continue;
          const rest = token.slice(prefix.length);
          if (Array.from(rest).length < minStem) continue;
          if (listed.has(rest) || (await entry(rest)) !== undefined) { next = rest; break; }
        }
        if (next === null) return { keys: [variant(token)], group: "" };
        token = next;
      }
    }
    // search_terms.form_digit: 0 for no group, 1 + its place among the prefixes, `other` for another run, -1 for none.
    function formDigit(group, other) {
      if (group === null || group === undefined) return -1;
      if (!group) return 0;
      const at = prefixes.indexOf(group);
      return at < 0 ? other : at + 1;
    }
    // The clitic group a word may carry, longest first, leaving at least `least` letters: for a partial word.
    function stripOnce(token, least) {
      const length = Array.from(token).length;
      for (const prefix of prefixes) if (token.startsWith(prefix) && length - prefix.length >= least) return token.slice(prefix.length);
      return token;
    }
    function keyOf(token) {
      const key = stripClitics(token);
      const canonical = variants.get(key);
      return canonical === undefined ? key : canonical;
    }
    function keys(text) {
      return tokens(text).map(keyOf);
    }
    function matchKey(token) {
      return keyOf(fold(token));
    }
    return { fold, tokens, stripClitics, keys, matchKey, alternatives, variant, resolveKeys, resolve, formDigit, stripOnce };
  }

  // Quotes (" “ ” « » „) delimit phrases; the words between them must follow each other.
  const QUOTES = /["“”«»„]/;

  // A query: its folded words (each once, in order), its quoted phrases (lists of words), and the word being
  // typed (the last, unless a space or a closing quote follows it, or `typing` is false: a query submitted or
  // opened from a link is complete), which also matches as a prefix.
  function parseQuery(query, norm, typing) {
    const parts = String(query).split(QUOTES);
    const words = [];
    const phrases = [];
    parts.forEach(function (part, i) {
      const toks = norm.tokens(part);
      toks.forEach(function (t) { if (!words.includes(t)) words.push(t); });
      if (i % 2 === 1 && toks.length > 1) phrases.push(toks);
    });
    const tail = parts[parts.length - 1];
    const inQuote = parts.length % 2 === 0;
    const lastWords = norm.tokens(tail);
    const open = typing !== false && !inQuote && lastWords.length && !/[\s\p{P}]$/u.test(tail) ? lastWords[lastWords.length - 1] : null;
    return { words, phrases, open };
  }

  function makeCodec(codec, postings) {
    const table = new Map();
    for (let i = 0; i < codec.letters.length; i++) table.set(codec.letters[i], codec.chars[i]);
    const escape = codec.escape;
    const pattern = new RegExp("\\" + escape + "([\\s\\S])|[A-Za-z]", "g");
    function decodeText(s) {
      return s.replace(pattern, function (m, literal) { return literal !== undefined ? literal : table.get(m); });
    }
    const value = new Int8Array(128).fill(-1);
    const cont = new Uint8Array(128);
    for (let i = 0; i < 32; i++) {
      value[postings.last.charCodeAt(i)] = i;
      value[postings.cont.charCodeAt(i)] = i;
      cont[postings.cont.charCodeAt(i)] = 1;
    }
    function decodePostings(s) {
      const docs = [];
      let acc = 0;
      let prev = -1;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        acc = acc * 32 + value[c];
        if (!cont[c]) { prev += acc + 1; docs.push(prev); acc = 0; }
      }
      return docs;
    }
    // Postings with weights (search_index.encode_weighted): a document number, one digit 0..31, and when the
    // digit has the title flag, the word's position in the title, its form digit there and the title's number of
    // keys (-1 for none).
    function decodeWeighted(s, titleFlag) {
      const docs = [];
      const digits = [];
      const positions = [];
      const forms = [];
      const lengths = [];
      let acc = 0;
      let prev = -1;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        acc = acc * 32 + value[c];
        if (!cont[c]) {
          prev += acc + 1;
          docs.push(prev);
          const digit = value[s.charCodeAt(++i)];
          digits.push(digit);
          if (digit & titleFlag) {
            positions.push(value[s.charCodeAt(++i)]);
            forms.push(value[s.charCodeAt(++i)]);
            lengths.push(value[s.charCodeAt(++i)]);
          } else {
            positions.push(-1);
            forms.push(-1);
            lengths.push(-1);
          }
          acc = 0;
        }
      }
      return { docs, digits, positions, forms, lengths };
    }
    return { decodeText, decodePostings, decodeWeighted };
  }

  // Where the phrase (a list of keys) starts in a list of per-token key sets, or -1.
  function findRun(sets, phrase) {
    outer: for (let i = 0; i + phrase.length <= sets.length; i++) {
      for (let j = 0; j < phrase.length; j++) if (!sets[i + j].has(phrase[j])) continue outer;
      return i;
    }
    return -1;
  }

  function intersect(lists) {
    lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
    let result = lists[0];
    for (let n = 1; n < lists.length && result.length; n++) {
      const other = lists[n];
      const out = [];
      let j = 0;
      for (let i = 0; i < result.length; i++) {
        const d = result[i];
        while (j < other.length && other[j] < d) j++;
        if (j < other.length && other[j] === d) out.push(d);
      }
      result = out;
    }
    return result;
  }

  // ------------------------------------------------------------------ ranking

  const PREFIX_FACTOR = 0.4; // a completion of the word being typed weighs less than the word itself
  const TITLE_ALL = 1; // several words, all in the title
  const TITLE_NEAR = 1; // words typed side by side that stand side by side in the title (in order, one word apart)
  const EXACT_FORM = 0.5; // words typed in the form the title prints them (their clitic group), share of the words
  const TITLE_COVER = 1; // share of the title's keys that are words typed: a headline typed whole beats a longer one

  // BM25 over the weights the index stores (search_terms.py). `terms`: one list of sources per query word, each
  // {docs, digits, positions, forms, lengths, factor, form}: the word's key (factor 1, `form` the digit of the form typed,
  // -1 for none) and, for the word being typed, its completions (form -1). A word with no source (not in the
  // archive) is left out. Articles holding every remaining word come first (`full` of them), then those holding
  // fewer; within each, by score, then newest first. Several words gain when all are in the title and more when
  // they follow each other there, as typed; any word gains when the title prints it as typed (its clitic group),
  // and the more of the title the words typed make up, the more the article gains.
  function rank(terms, n, ranking) {
    const levels = ranking.levels;
    const flag = ranking.titleFlag;
    const other = ranking.formOther;
    const unit = (ranking.k1 + 1) / levels;
    const live = terms.filter(function (t) { return t.length; });
    const wanted = live.length;
    // doc -> {m: words matched, s: score, t: words in the title, p: title position per word, x: words as printed,
    // n: the title's number of keys}
    const acc = new Map();
    live.forEach(function (sources, i) {
      const best = new Map(); // doc -> [score, title position or -1, 1 when the title prints the form typed, title keys]
      for (const src of sources) {
        const df = src.docs.length;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const w = src.factor * idf * unit;
        const form = src.form === undefined || src.form === other ? -1 : src.form;
        for (let j = 0; j < df; j++) {
          const digit = src.digits[j];
          const s = w * (digit & (flag - 1));
          const pos = digit & flag ? src.positions[j] : -1;
          const exact = pos >= 0 && form >= 0 && src.forms[j] === form ? 1 : 0;
          const prev = best.get(src.docs[j]);
          if (prev === undefined) best.set(src.docs[j], [s, pos, exact, pos >= 0 ? src.lengths[j] : 0]);
          else {
            if (s > prev[0]) prev[0] = s;
            if (pos >= 0 && (prev[1] < 0 || pos < prev[1])) { prev[1] = pos; prev[3] = src.lengths[j]; }
            if (exact) prev[2] = 1;
          }
        }
      }
      for (const [d, sp] of best) {
        let a = acc.get(d);
        if (a === undefined) { a = { m: 0, s: 0, t: 0, x: 0, n: 0, p: new Array(wanted).fill(-1) }; acc.set(d, a); }
        a.m += 1; a.s += sp[0]; a.x += sp[2];
        if (sp[3] > a.n) a.n = sp[3];
        if (sp[1] >= 0) { a.t += 1; a.p[i] = sp[1]; }
      }
    });
    const docs = Array.from(acc.keys());
    let full = 0;
    for (const d of docs) {
      const a = acc.get(d);
      if (a.m === wanted) full++;
      let bonus = 0;
      if (wanted > 1) {
        if (a.t === wanted) bonus += TITLE_ALL;
        let near = 0;
        for (let i = 0; i + 1 < wanted; i++) {
          const gap = a.p[i + 1] - a.p[i];
          if (a.p[i] >= 0 && a.p[i + 1] >= 0 && gap >= 1 && gap <= 2) near += gap === 1 ? 1 : 0.5;
        }
        bonus += TITLE_NEAR * near / (wanted - 1);
      }
      bonus += EXACT_FORM * a.x / wanted;
      if (a.n > 0) bonus += TITLE_COVER * Math.min(1, a.t / a.n);
      a.k = a.s * (1 + bonus);
    }
    docs.sort(function (x, y) { const a = acc.get(x), b = acc.get(y); return b.m - a.m || b.k - a.k || x - y; });
    return { docs, full, wanted };
  }

  // Keys of a term shard that start with `prefix` (postings entries only), the longest posting lists first.
  function completions(shard, prefix, except, limit) {
    const out = [];
    for (const k in shard) {
      const v = shard[k];
      if (!except.includes(k) && k.startsWith(prefix) && typeof v !== "number" && !(typeof v === "string" && v[0] === "=")) out.push(k);
    }
    const size = function (k) { const v = shard[k]; return (Array.isArray(v) ? v[1] : v).length; };
    out.sort(function (a, b) { return size(b) - size(a) || (a < b ? -1 : 1); });
    return out.slice(0, limit);
  }

  // ------------------------------------------------------------------ a query over the index

  // The search over an index reached through `load(name)` (a promise of a search/<name>.js file's data): by
  // <script> tags in the page, by reading files in the node tests (tests/js), which so run the very same ranking.
  function makeSearch(load) {
    let engine = null;
    function getEngine() {
      if (!engine) {
        engine = load("manifest").then(function (m) {
          return { m, norm: makeNormalizer(m.normalize), codec: makeCodec(m.codec, m.postings), postings: new Map(), keys: new Map() };
        });
        engine.catch(function () { engine = null; });
      }
      return engine;
    }

    function shardOf(m, key) {
      let lo = 0, hi = m.shards.length - 1, found = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (m.shards[mid] <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return found;
    }

    // The entry of a word or key in its term shard (a posting string, a number of letters to strip, or both).
    async function entryOf(e, word) {
      if (!e.m.shards.length) return undefined;
      const shard = await load("terms/" + shardOf(e.m, word));
      return Object.prototype.hasOwnProperty.call(shard, word) ? shard[word] : undefined;
    }

    async function postingsOf(e, key) {
      if (e.postings.has(key)) return e.postings.get(key);
      const raw = await entryOf(e, key);
      const coded = Array.isArray(raw) ? raw[1] : raw;
      const entry = typeof coded === "string" && coded[0] !== REDIRECT ? e.codec.decodeWeighted(coded, e.m.ranking.titleFlag) : null;
      e.postings.set(key, entry);
      return entry;
    }

    // A query word's keys and the digit of the form typed (resolve()), memoised.
    async function resolved(e, word) {
      let r = e.keys.get(word);
      if (r === undefined) {
        const found = await e.norm.resolve(word, function (w) { return entryOf(e, w); });
        r = { keys: found.keys, form: e.norm.formDigit(found.group, e.m.ranking.formOther) };
        e.keys.set(word, r);
      }
      return r;
    }

    async function keysOf(e, word) {
      return (await resolved(e, word)).keys;
    }

    async function wordSources(e, word) {
      const { keys, form } = await resolved(e, word);
      const lists = await Promise.all(keys.map(function (k) { return postingsOf(e, k); }));
      const sources = [];
      lists.forEach(function (l) {
        if (l) sources.push({ docs: l.docs, digits: l.digits, positions: l.positions, forms: l.forms, lengths: l.lengths, factor: 1, form });
      });
      return { keys, sources };
    }

    const PREFIX_MIN = 2; // letters typed before completions are looked for
    const PREFIX_KEYS = 16; // completions of one word at most

    // Completions of the word being typed: keys that start with it, with its key (الترام: ترام, so ترامب), or, when
    // the archive does not hold it, with it less a clitic group (الترا: ترا). Their shards are mostly loaded already.
    async function prefixSources(e, word, exact) {
      if (Array.from(word).length < PREFIX_MIN) return [];
      const stems = [word];
      exact.forEach(function (k) { if (!stems.includes(k) && Array.from(k).length >= PREFIX_MIN) stems.push(k); });
      const bare = e.norm.stripOnce(word, PREFIX_MIN);
      if (bare !== word && !stems.includes(bare) && !(await entryOf(e, word))) stems.push(bare);
      const found = [];
      // Only the stem's own shard: completions that spill into the next one are not worth its bytes.
      for (const stem of stems) {
        if (!e.m.shards.length) break;
        const shard = await load("terms/" + shardOf(e.m, stem));
        for (const k of completions(shard, stem, exact, PREFIX_KEYS)) if (!found.includes(k)) found.push(k);
      }
      const out = [];
      out.keys = [];
      for (const k of found.slice(0, PREFIX_KEYS)) {
        const list = await postingsOf(e, k);
        if (list) {
          out.push({ docs: list.docs, digits: list.digits, positions: list.positions, forms: list.forms, lengths: list.lengths,
                     factor: PREFIX_FACTOR, form: -1 });
          out.keys.push(k);
        }
      }
      return out;
    }

    async function docMeta(e, doc) {
      const chunk = await load("meta/" + Math.floor(doc / e.m.metaChunk));
      const [id, title, date, outlet] = chunk[doc % e.m.metaChunk];
      return { doc, id, title: e.codec.decodeText(title), date, outlet: e.m.outlets[outlet] || "" };
    }

    async function docText(e, id) {
      const segments = await load("text/" + id);
      return segments.map(e.codec.decodeText);
    }

    // Ranked documents; the keys each word was found under (for marking), and the words that found nothing.
    async function candidates(query, typing) {
      const e = await getEngine();
      const q = parseQuery(query, e.norm, typing);
      q.terms = [];
      q.unknown = [];
      if (!q.words.length) return { e, q, ranked: [], full: 0 };
      const found = await Promise.all(q.words.map(function (w) { return wordSources(e, w); }));
      const terms = [];
      for (let i = 0; i < q.words.length; i++) {
        const word = q.words[i];
        const f = found[i];
        let sources = f.sources;
        if (word === q.open && !q.phrases.some(function (p) { return p.includes(word); })) {
          const completed = await prefixSources(e, word, f.keys);
          sources = sources.concat(completed);
          q.prefix = word;
          q.completions = completed.keys || [];
        }
        f.keys.forEach(function (k) { if (!q.terms.includes(k)) q.terms.push(k); });
        if (!sources.length) q.unknown.push(word);
        terms.push(sources);
      }
      q.phrases = await Promise.all(q.phrases.map(function (p) {
        return Promise.all(p.map(async function (w) { return (await keysOf(e, w))[0]; }));
      }));
      const r = rank(terms, e.m.docs, e.m.ranking);
      return { e, q, ranked: r.full ? r.docs.slice(0, r.full) : r.docs, full: r.full, wanted: r.wanted };
    }

    return { getEngine, entryOf, keysOf, candidates, docMeta, docText };
  }

  const core = { makeNormalizer, parseQuery, makeCodec, intersect, findRun, rank, completions, makeSearch };
  if (typeof module === "object" && module.exports) {
    module.exports = core;
    return;
  }

  // ------------------------------------------------------------------ loading index files by <script>

  function siteBase() {
    const config = document.getElementById("__config");
    if (config) {
      try {
        const base = JSON.parse(config.textContent).base;
        if (typeof base === "string") return base.replace(/\/?$/, "/");
      } catch (e) { /* fall through */ }
    }
    const own = document.querySelector('script[src$="javascripts/arshif-search.js"]');
    return own ? own.getAttribute("src").replace(/javascripts\/arshif-search\.js$/, "") : "./";
  }

  const BASE = siteBase();
  const store = new Map();
  const waiting = new Map();
  const loads = new Map();
  const stats = { loaded: [] };

  window.__arshifSearch = function (name, data) {
    store.set(name, data);
    const w = waiting.get(name);
    if (w) { waiting.delete(name); w.resolve(data); }
  };

  function load(name) {
    if (loads.has(name)) return loads.get(name);
    const promise = new Promise(function (resolve, reject) {
      waiting.set(name, { resolve, reject });
      const script = document.createElement("script");
      script.src = BASE + "search/" + name + ".js";
      script.async = true;
      script.onload = function () {
        script.remove();
        if (!store.has(name)) { waiting.delete(name); loads.delete(name); reject(new Error("no index data in " + script.src)); }
      };
      script.onerror = function () {
        script.remove();
        waiting.delete(name);
        loads.delete(name);
        reject(new Error("cannot load " + script.src));
      };
      document.head.appendChild(script);
    });
    stats.loaded.push(name);
    loads.set(name, promise);
    return promise;
  }

  const searcher = makeSearch(load);
  const getEngine = searcher.getEngine;
  const candidates = searcher.candidates;
  const docMeta = searcher.docMeta;
  const docText = searcher.docText;

  // Per article, the key sets of every token of every field: computed once per article loaded.
  const fieldMemo = new Map();
  function phraseOk(e, q, meta, text) {
    if (!q.phrases.length) return true;
    let fields = fieldMemo.get(meta.id);
    if (!fields) {
      if (fieldMemo.size > 2000) fieldMemo.clear();
      fields = [meta.title, meta.outlet].concat(text).map(function (t) {
        return e.norm.tokens(t).map(function (k) { return e.norm.alternatives(k); });
      });
      fieldMemo.set(meta.id, fields);
    }
    return q.phrases.every(function (p) { return fields.some(function (f) { return findRun(f, p) >= 0; }); });
  }

  // A search session: results are produced page by page. A result needs only its metadata; its text is loaded
  // afterwards for the snippet, except for a quoted phrase, which is checked on each text loaded.
  const PHRASE_BUDGET = 120; // most texts a phrase query loads to check candidates before asking for more

  async function open(query, typing) {
    const started = performance.now();
    const c = await candidates(query, typing);
    const session = { query, e: c.e, q: c.q, ranked: c.ranked, cursor: 0, checked: 0, results: [], started };
    session.exact = !c.q.phrases.length;
    session.total = session.exact ? c.ranked.length : null;
    session.partial = !c.full && c.ranked.length > 0; // no article holds every word: these hold some
    return session;
  }

  // The next `count` results, each {meta, text} (text null until loaded). `onItem` gets each as soon as it and
  // those before it are ready, in rank order, so the first is shown without waiting for the others.
  async function more(session, count, onItem) {
    const { e, q } = session;
    const out = [];
    while (out.length < count && session.cursor < session.ranked.length) {
      if (!session.exact && session.checked >= PHRASE_BUDGET) break;
      const want = session.exact ? count - out.length : Math.max(count - out.length, 8);
      const batch = session.ranked.slice(session.cursor, session.cursor + want);
      const fetchItem = async function (doc) {
        const meta = await docMeta(e, doc);
        const text = session.exact ? null : await docText(e, meta.id);
        return { meta, text };
      };
      const take = function (item) {
        session.cursor += 1;
        session.checked += 1;
        if (phraseOk(e, q, item.meta, item.text)) { out.push(item); if (onItem) onItem(item); }
      };
      // The very first result is fetched and shown alone: nothing else is loaded before it.
      if (session.cursor === 0 && batch.length) { take(await fetchItem(batch[0])); batch.shift(); }
      const pending = batch.map(fetchItem);
      for (const p of pending) {
        const item = await p;
        if (out.length >= count) break;
        take(item);
      }
    }
    if (!session.exact && session.cursor >= session.ranked.length) session.total = session.results.length + out.length;
    session.results = session.results.concat(out);
    return out;
  }

  // ------------------------------------------------------------------ rendering (textContent only)

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function formatDate(m, iso) {
    if (!iso) return "تاريخ غير معروف";
    const [y, mo, d] = iso.split("-").map(Number);
    return d + " " + m.months[mo - 1] + " " + y;
  }

  // Words of `text` as [start, end, key sets of its tokens], in order.
  function rawWords(e, text) {
    const out = [];
    RAW_WORD.lastIndex = 0;
    let m;
    while ((m = RAW_WORD.exec(text))) out.push([m.index, m.index + m[0].length, wordSets(e, m[0])]);
    return out;
  }

  const wordMemo = new Map();
  function wordSets(e, raw) {
    let sets = wordMemo.get(raw);
    if (sets === undefined) {
      if (wordMemo.size > 100000) wordMemo.clear();
      sets = e.norm.tokens(raw).map(function (t) { return e.norm.alternatives(t); });
      wordMemo.set(raw, sets);
    }
    return sets;
  }

  // What marks a word: one of its keys is a query key or a completion of the word being typed.
  function matcher(q) {
    const terms = new Set(q.terms.concat(q.completions || []));
    return function (k) { return terms.has(k); };
  }

  function isHit(word, hit) {
    return word[2].some(function (set) { for (const k of set) if (hit(k)) return true; return false; });
  }

  // Fill `node` with text[start:end], every word whose key is a query term inside <mark>.
  function marked(node, text, words, terms, start, end) {
    let at = start;
    for (const [s, t, keys] of words) {
      if (t <= start || s >= end) continue;
      if (!isHit([s, t, keys], terms)) continue;
      if (s > at) node.appendChild(document.createTextNode(text.slice(at, s)));
      node.appendChild(el("mark", null, text.slice(s, t)));
      at = t;
    }
    if (at < end) node.appendChild(document.createTextNode(text.slice(at, end)));
    return node;
  }

  function phraseStart(words, phrase) {
    const sets = [];
    const owner = [];
    words.forEach(function (w, i) { w[2].forEach(function (set) { sets.push(set); owner.push(i); }); });
    const at = findRun(sets, phrase);
    return at < 0 ? -1 : owner[at];
  }

  const BEFORE = 70;
  const LENGTH = 240;

  function snippet(e, q, text) {
    const terms = matcher(q);
    const node = el("p", "arshif-result__snippet");
    node.setAttribute("dir", "auto");
    for (const segment of text) {
      const words = rawWords(e, segment);
      let anchor = -1;
      for (const p of q.phrases) { anchor = phraseStart(words, p); if (anchor >= 0) break; }
      if (anchor < 0) anchor = words.findIndex(function (w) { return isHit(w, terms); });
      if (anchor < 0) continue;
      let start = Math.max(0, words[anchor][0] - BEFORE);
      if (start > 0) { const w = words.find(function (x) { return x[1] > start; }); start = w ? w[0] : start; }
      let end = Math.min(segment.length, start + LENGTH);
      if (end < segment.length) { const cut = segment.lastIndexOf(" ", end); if (cut > words[anchor][1]) end = cut; }
      if (start > 0) node.appendChild(document.createTextNode("… "));
      marked(node, segment, words, terms, start, end);
      if (end < segment.length) node.appendChild(document.createTextNode(" …"));
      return node;
    }
    const body = text[0] || "";
    node.textContent = body.length > LENGTH ? body.slice(0, LENGTH) + " …" : body;
    return node;
  }

  function resultItem(session, item) {
    const { e, q } = session;
    const li = el("li", "arshif-result");
    const a = el("a", "arshif-result__title");
    a.href = BASE + "articles/" + encodeURIComponent(item.meta.id) + ".html";
    a.setAttribute("dir", "auto");
    marked(a, item.meta.title, rawWords(e, item.meta.title), matcher(q), 0, item.meta.title.length);
    li.appendChild(a);
    const info = el("div", "arshif-result__meta");
    const time = el("time", null, formatDate(e.m, item.meta.date));
    if (item.meta.date) time.setAttribute("datetime", item.meta.date);
    info.appendChild(time);
    info.appendChild(document.createTextNode(" · "));
    info.appendChild(el("span", "arshif-result__outlet", item.meta.outlet || "مصدر غير معروف"));
    li.appendChild(info);
    // The snippet follows the result: the text file is loaded after the title, date and outlet are shown.
    if (item.text) {
      li.appendChild(snippet(e, q, item.text));
      li.ready = Promise.resolve();
    } else {
      const slot = el("p", "arshif-result__snippet arshif-result__snippet--loading", "…");
      li.appendChild(slot);
      li.ready = docText(e, item.meta.id).then(function (text) {
        item.text = text;
        slot.replaceWith(snippet(e, q, text));
      }, function () { slot.textContent = ""; slot.classList.remove("arshif-result__snippet--loading"); });
    }
    return li;
  }

  // What the reader should know besides the count: words that found nothing, results holding only some words.
  function notes(session) {
    const out = [];
    const unknown = session.q.unknown || [];
    if (unknown.length && unknown.length < session.q.words.length) {
      out.push((unknown.length === 1 ? "لم تجد هذه الكلمة شيئًا فبُحث بالباقي: " : "لم تجد هذه الكلمات شيئًا فبُحث بالباقي: ") + unknown.join("، "));
    } else if (unknown.length) {
      out.push("لا شيء في الأرشيف يطابق: " + unknown.join("، "));
    }
    if (session.partial) out.push("لا مقال يحوي كل الكلمات؛ هذه المقالات تحوي بعضها.");
    return out;
  }

  function countText(session) {
    const n = session.total;
    if (n === null) return "نتائج العبارة " + session.results.length + " حتى الآن";
    if (n === 0) return "لا نتائج";
    if (n === 1) return "نتيجة واحدة";
    if (n === 2) return "نتيجتان";
    return n + (n % 100 >= 3 && n % 100 <= 10 ? " نتائج" : " نتيجة");
  }

  // ------------------------------------------------------------------ the results page and the header box

  const PAGE = 20;
  const BOX = 6;
  let pageSeq = 0;

  async function showPage(query, container, typing) {
    const seq = ++pageSeq;
    const t0 = performance.now();
    const loadedBefore = stats.loaded.length;
    container.replaceChildren();
    const status = el("p", "arshif-search-status");
    container.appendChild(status);
    if (!query.trim()) { status.textContent = "اكتب كلمة أو أكثر للبحث."; return null; }
    status.textContent = "جارٍ البحث…";
    const session = await open(query, typing);
    if (seq !== pageSeq) return null;
    for (const text of notes(session)) container.appendChild(el("p", "arshif-search-note", text));
    const list = el("ol", "arshif-results");
    container.appendChild(list);
    const button = el("button", "arshif-results__more", "المزيد من النتائج");
    button.type = "button";
    let firstLoads = null;
    let firstMs = null;
    const ready = [];
    async function fill() {
      button.disabled = true;
      await more(session, PAGE, function (item) {
        if (seq !== pageSeq) return;
        if (firstLoads === null) { firstLoads = stats.loaded.slice(loadedBefore); firstMs = performance.now() - t0; }
        const li = resultItem(session, item);
        list.appendChild(li);
        ready.push(li.ready);
      });
      if (seq !== pageSeq) return;
      status.textContent = countText(session);
      const left = session.cursor < session.ranked.length;
      button.disabled = false;
      if (left) { if (!button.isConnected) container.appendChild(button); } else button.remove();
    }
    button.addEventListener("click", fill);
    await fill();
    await Promise.all(ready);
    if (seq !== pageSeq) return null;
    const report = { query, count: session.total, shown: session.results.length, ms: performance.now() - t0, firstMs,
      loaded: stats.loaded.slice(loadedBefore), firstLoads, unknown: session.q.unknown, partial: session.partial };
    api.last = report;
    return report;
  }

  function searchUrl(query) {
    return BASE + "search/index.html?q=" + encodeURIComponent(query);
  }

  function initPage() {
    const container = document.getElementById("search-results");
    if (!container) return;
    const input = document.getElementById("arshif-search-query");
    const params = new URLSearchParams(window.location.search);
    const query = params.get("q") || "";
    if (input) {
      input.value = query;
      let timer = null;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
          api.pending = showPage(input.value, container, true);
        }, 120);
      });
    }
    api.pending = showPage(query, container, false);
  }

  function initBox() {
    const form = document.querySelector(".arshif-searchbox");
    if (!form) return;
    const input = form.querySelector("input");
    const panel = form.querySelector(".arshif-searchbox__results");
    let seq = 0;
    let timer = null;
    async function update() {
      const mine = ++seq;
      const query = input.value;
      if (!query.trim()) { panel.replaceChildren(); panel.hidden = true; return; }
      const session = await open(query, true);
      if (mine !== seq) return;
      const list = el("ol", "arshif-results");
      const all = el("a", "arshif-searchbox__all", "لا نتائج");
      all.href = searchUrl(query);
      const shown = notes(session).map(function (t) { return el("p", "arshif-search-note", t); });
      panel.replaceChildren(...shown, list, all);
      panel.hidden = false;
      const items = await more(session, BOX, function (item) { if (mine === seq) list.appendChild(resultItem(session, item)); });
      if (mine !== seq) return;
      if (items.length) all.textContent = "كل النتائج (" + countText(session) + ")";
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { api.pending = update(); }, 120);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { panel.hidden = true; input.blur(); }
    });
    input.addEventListener("focus", function () { getEngine(); if (panel.childNodes.length) panel.hidden = false; });
    document.addEventListener("click", function (ev) { if (!form.contains(ev.target)) panel.hidden = true; });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      window.location.href = searchUrl(input.value);
    });
  }

  // For tests and the benchmark: run a query without touching the page.
  // `firstLoaded`: the files loaded before the first result could be shown; `ms`: the whole query, rendering
  // included (from cache on a second run); `firstMs`: until the first result.
  async function run(query, count, typing) {
    const t0 = performance.now();
    const before = stats.loaded.length;
    const session = await open(query, typing);
    const div = document.createElement("div");
    const ready = [];
    let firstMs = null;
    let firstLoaded = [];
    await more(session, count || PAGE, function (item) {
      if (firstMs === null) { firstMs = performance.now() - t0; firstLoaded = stats.loaded.slice(before); }
      const li = resultItem(session, item);
      div.appendChild(li);
      ready.push(li.ready);
    });
    await Promise.all(ready);
    return {
      count: session.total,
      ids: session.results.map(function (i) { return i.meta.id; }),
      terms: session.q.terms,
      unknown: session.q.unknown,
      partial: session.partial,
      ms: performance.now() - t0,
      firstMs,
      firstLoaded,
      loaded: stats.loaded.slice(before),
      docs: session.e.m.docs,
    };
  }

  const api = { core, run, stats, load, engine: getEngine, last: null, pending: null };
  window.arshifSearch = api;

  function init() { initBox(); initPage(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
