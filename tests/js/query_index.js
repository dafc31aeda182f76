// Runs queries over an index written by search_index, with the page's own search (arshif-search.js makeSearch):
// node query_index.js DOCS QUERIES.json, DOCS holding search/*.js; QUERIES: [[query, typing]].
// Prints a JSON list, per query: {ids: the ranked article ids, terms, unknown, full}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const core = require(path.resolve(__dirname, "../../docs/javascripts/arshif-search.js"));
const docs = path.resolve(process.argv[2]);
const queries = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));

const cache = new Map();
function load(name) {
  if (!cache.has(name)) {
    let data;
    const context = { __arshifSearch: function (n, d) { if (n === name) data = d; } };
    vm.runInNewContext(fs.readFileSync(path.join(docs, "search", name + ".js"), "utf8"), context);
    cache.set(name, data === undefined ? Promise.reject(new Error("no data in " + name)) : Promise.resolve(data));
  }
  return cache.get(name);
}

(async function () {
  const search = core.makeSearch(load);
  const out = [];
  for (const [query, typing] of queries) {
    const c = await search.candidates(query, typing);
    const ids = [];
    for (const doc of c.ranked) ids.push((await search.docMeta(c.e, doc)).id);
    out.push({ ids, terms: c.q.terms, unknown: c.q.unknown, full: c.full });
  }
  console.log(JSON.stringify(out));
})().catch(function (err) { console.error(err); process.exit(1); });
