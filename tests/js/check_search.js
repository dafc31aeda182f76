// Checks arshif-search.js against what Python computed: node check_search.js MANIFEST.js CASES.json
// CASES: {vectors: [{input, fold, keys}], alternatives: [[token, [keys]]], postings: [[coded, [docs]]], texts: [[coded, text]],
//         weighted: [[coded, {docs, digits, positions}]], queries: [[query, {words, phrases, open}]],
//         resolve: {entries: {word: entry}, cases: [[token, [keys]]], forms: [[token, group, digit]]}}. Prints a JSON summary; exit 1 on any mismatch.
"use strict";
const fs = require("fs");
const path = require("path");

const core = require(path.resolve(__dirname, "../../docs/javascripts/arshif-search.js"));
let manifest = null;
globalThis.__arshifSearch = function (name, data) { if (name === "manifest") manifest = data; };
require(path.resolve(process.argv[2]));
const cases = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));

const norm = core.makeNormalizer(manifest.normalize);
const codec = core.makeCodec(manifest.codec, manifest.postings);
const failures = [];
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
let checked = 0;

for (const v of cases.vectors || []) {
  checked++;
  const fold = norm.fold(v.input);
  const keys = norm.keys(v.input);
  if (v.fold !== undefined && fold !== v.fold) failures.push({ kind: "fold", input: v.input, want: v.fold, got: fold });
  if (!same(keys, v.keys)) failures.push({ kind: "keys", input: v.input, want: v.keys, got: keys });
}
for (const [token, want] of cases.alternatives || []) {
  checked++;
  const got = Array.from(norm.alternatives(token)).sort();
  if (!same(got, want)) failures.push({ kind: "alternatives", token, want, got });
}
for (const [coded, docs] of cases.postings || []) {
  checked++;
  const got = codec.decodePostings(coded);
  if (!same(got, docs)) failures.push({ kind: "postings", coded, want: docs, got });
}
for (const [coded, text] of cases.texts || []) {
  checked++;
  const got = codec.decodeText(coded);
  if (got !== text) failures.push({ kind: "text", coded, want: text, got });
}
for (const [query, want] of cases.queries || []) {
  checked++;
  const got = core.parseQuery(query, norm);
  if (!same(got, want)) failures.push({ kind: "query", query, want, got });
}
for (const [coded, want] of cases.weighted || []) {
  checked++;
  const got = codec.decodeWeighted(coded, manifest.ranking.titleFlag);
  if (!same(got, want)) failures.push({ kind: "weighted", coded, want, got });
}

(async function () {
  if (cases.resolve) {
    const entries = cases.resolve.entries;
    const entry = async function (w) { return Object.prototype.hasOwnProperty.call(entries, w) ? entries[w] : undefined; };
    for (const [token, want] of cases.resolve.cases) {
      checked++;
      const got = await norm.resolveKeys(token, entry);
      if (!same(got, want)) failures.push({ kind: "resolve", token, want, got });
    }
    for (const [token, want, digit] of cases.resolve.forms || []) {
      checked++;
      const got = (await norm.resolve(token, entry)).group;
      const gotDigit = norm.formDigit(got, manifest.ranking.formOther);
      if (got !== want || gotDigit !== digit) failures.push({ kind: "form", token, want: [want, digit], got: [got, gotDigit] });
    }
  }
  report();
})();

function report() {
console.log(JSON.stringify({ checked, failures: failures.slice(0, 20), failed: failures.length }));
process.exit(failures.length ? 1 : 0);
}
