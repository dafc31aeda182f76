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
  const RAW_WORD = /[\p{L}\p{N}\p{M}]+/gu; // a word of the original text, marks included

  function makeNormalizer(data) {
    const foldMap = new Map(Object.entries(data.fold));
    const marks = new RegExp(data.marks, "gu");
    const prefixes = data.prefixes;
    const minStem = data.minStem;
    const variants = new Map(Object.entries(data.variants));

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
    return { fold, tokens, stripClitics, keys, matchKey, alternatives };
  }

  // Quotes (" “ ” « » „) delimit phrases; the words between them must follow each other.
  const QUOTES = /["“”«»„]/;

  function parseQuery(query, norm) {
    const parts = String(query).split(QUOTES);
    const terms = [];
    const phrases = [];
    parts.forEach(function (part, i) {
      const keys = norm.keys(part);
      keys.forEach(function (k) { if (!terms.includes(k)) terms.push(k); });
      if (i % 2 === 1 && keys.length > 1) phrases.push(keys);
    });
    return { terms, phrases };
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
    return { decodeText, decodePostings };
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

  const core = { makeNormalizer, parseQuery, makeCodec, intersect, findRun };
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

  async function postingsOf(e, key) {
    if (e.postings.has(key)) return e.postings.get(key);
    if (!e.m.shards.length) return null;
    const shard = await load("terms/" + shardOf(e.m, key));
    const raw = Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : undefined;
    let entry = null;
    if (raw !== undefined) {
      const [all, title] = raw.split("|");
      entry = { all: e.codec.decodePostings(all), title: new Set(title ? e.codec.decodePostings(title) : []) };
    }
    e.postings.set(key, entry);
    return entry;
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

  // ------------------------------------------------------------------ a query

  // Documents holding every word; those with more of the words in their title first, then newest first.
  async function candidates(query) {
    const e = await getEngine();
    const q = parseQuery(query, e.norm);
    if (!q.terms.length) return { e, q, ranked: [] };
    const lists = await Promise.all(q.terms.map(function (k) { return postingsOf(e, k); }));
    if (lists.some(function (l) { return !l; })) return { e, q, ranked: [] };
    const docs = intersect(lists.map(function (l) { return l.all; }));
    const score = new Map();
    for (const d of docs) {
      let s = 0;
      for (const l of lists) if (l.title.has(d)) s++;
      score.set(d, s);
    }
    docs.sort(function (a, b) { return score.get(b) - score.get(a) || a - b; });
    return { e, q, ranked: docs };
  }

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

  // A search session: results are produced page by page; a quoted phrase is checked on each text loaded.
  const PHRASE_BUDGET = 120; // most texts a phrase query loads to check candidates before asking for more

  async function open(query) {
    const started = performance.now();
    const c = await candidates(query);
    const session = { query, e: c.e, q: c.q, ranked: c.ranked, cursor: 0, checked: 0, results: [], started };
    session.exact = !c.q.phrases.length;
    session.total = session.exact ? c.ranked.length : null;
    return session;
  }

  async function more(session, count) {
    const { e, q } = session;
    const out = [];
    while (out.length < count && session.cursor < session.ranked.length) {
      if (!session.exact && session.checked >= PHRASE_BUDGET) break;
      const want = session.exact ? count - out.length : Math.max(count - out.length, 8);
      const batch = session.ranked.slice(session.cursor, session.cursor + want);
      const items = await Promise.all(batch.map(async function (doc) {
        const meta = await docMeta(e, doc);
        const text = await docText(e, meta.id);
        return { meta, text };
      }));
      for (const item of items) {
        if (out.length >= count) break;
        session.cursor += 1;
        session.checked += 1;
        if (phraseOk(e, q, item.meta, item.text)) out.push(item);
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

  function isHit(word, terms) {
    return word[2].some(function (set) { for (const k of set) if (terms.has(k)) return true; return false; });
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
    const terms = new Set(q.terms);
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
    marked(a, item.meta.title, rawWords(e, item.meta.title), new Set(q.terms), 0, item.meta.title.length);
    li.appendChild(a);
    const info = el("div", "arshif-result__meta");
    const time = el("time", null, formatDate(e.m, item.meta.date));
    if (item.meta.date) time.setAttribute("datetime", item.meta.date);
    info.appendChild(time);
    info.appendChild(document.createTextNode(" · "));
    info.appendChild(el("span", "arshif-result__outlet", item.meta.outlet || "مصدر غير معروف"));
    li.appendChild(info);
    li.appendChild(snippet(e, q, item.text));
    return li;
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

  async function showPage(query, container) {
    const seq = ++pageSeq;
    const t0 = performance.now();
    const loadedBefore = stats.loaded.length;
    container.replaceChildren();
    const status = el("p", "arshif-search-status");
    container.appendChild(status);
    if (!query.trim()) { status.textContent = "اكتب كلمة أو أكثر للبحث."; return null; }
    status.textContent = "جارٍ البحث…";
    const session = await open(query);
    if (seq !== pageSeq) return null;
    const list = el("ol", "arshif-results");
    container.appendChild(list);
    const button = el("button", "arshif-results__more", "المزيد من النتائج");
    button.type = "button";
    let firstLoads = null;
    async function fill() {
      button.disabled = true;
      const items = await more(session, PAGE);
      if (seq !== pageSeq) return;
      for (const item of items) list.appendChild(resultItem(session, item));
      if (firstLoads === null) firstLoads = stats.loaded.slice(loadedBefore);
      status.textContent = countText(session);
      const left = session.cursor < session.ranked.length;
      button.disabled = false;
      if (left) { if (!button.isConnected) container.appendChild(button); } else button.remove();
    }
    button.addEventListener("click", fill);
    await fill();
    const report = { query, count: session.total, shown: session.results.length, ms: performance.now() - t0, loaded: stats.loaded.slice(loadedBefore), firstLoads };
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
          api.pending = showPage(input.value, container);
        }, 120);
      });
    }
    api.pending = showPage(query, container);
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
      const session = await open(query);
      const items = await more(session, BOX);
      if (mine !== seq) return;
      const list = el("ol", "arshif-results");
      for (const item of items) list.appendChild(resultItem(session, item));
      const all = el("a", "arshif-searchbox__all", items.length ? "كل النتائج (" + countText(session) + ")" : "لا نتائج");
      all.href = searchUrl(query);
      panel.replaceChildren(list, all);
      panel.hidden = false;
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
  async function run(query, count) {
    const t0 = performance.now();
    const before = stats.loaded.length;
    const session = await open(query);
    const items = await more(session, 1);
    const firstMs = performance.now() - t0;
    const firstLoaded = stats.loaded.slice(before);
    const rest = await more(session, (count || PAGE) - 1);
    const all = items.concat(rest);
    const div = document.createElement("div");
    for (const item of all) div.appendChild(resultItem(session, item));
    return {
      count: session.total,
      ids: all.map(function (i) { return i.meta.id; }),
      terms: session.q.terms,
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
