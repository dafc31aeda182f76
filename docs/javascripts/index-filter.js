/* Home page: filter the whole archive by outlet, year and event, sort by any column. No network, no library.
 * The page holds only the newest articles; the filters' data lives in small script files beside it
 * (index-data/filters.js, index-data/rows-N.js, newest first), loaded with <script> tags when a filter is
 * first used, as the search loads its shards: it works from file:// too. The table is complete without this
 * script; it only adds the controls (hidden until it runs). */
(function () {
  "use strict";

  var LIMIT = 100; // rows shown at a time
  var store = (window.arshifIndex = window.arshifIndex || {});
  var loads = {};

  function load(base, name) {
    if (store[name]) return Promise.resolve(store[name]);
    if (loads[name]) return loads[name];
    loads[name] = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = base + name + ".js";
      script.async = true;
      script.onload = function () {
        script.remove();
        if (store[name]) resolve(store[name]);
        else { delete loads[name]; reject(new Error("no data in " + script.src)); }
      };
      script.onerror = function () { script.remove(); delete loads[name]; reject(new Error("cannot load " + script.src)); };
      document.head.appendChild(script);
    });
    return loads[name];
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function option(select, value, label) {
    select.appendChild(el("option", { value: value }, label));
  }

  function setup(table) {
    var box = document.querySelector('.arshif-filters[data-for="' + table.id + '"]');
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var base = box.getAttribute("data-src") || "index-data/";
    var body = table.tBodies[0];
    var original = Array.prototype.slice.call(body.rows);
    var names = { outlet: "المصدر", year: "السنة", event: "الحدث" };
    var all = { outlet: "كل المصادر", year: "كل السنوات", event: "كل الأحداث" };
    var selects = {};
    ["outlet", "year", "event"].forEach(function (key) {
      // Each menu is named by its visible <label> text (screen readers announce it).
      var label = el("label");
      label.appendChild(el("span", { "class": "arshif-filter-name" }, names[key]));
      var select = el("select", { name: key, "class": "arshif-filter-" + key });
      option(select, "", all[key]);
      select.addEventListener("change", apply);
      label.appendChild(select);
      box.appendChild(label);
      selects[key] = select;
    });
    var count = el("span", { "class": "arshif-filter-count", "aria-live": "polite" });
    box.appendChild(count);
    var more = el("button", { type: "button", "class": "arshif-filter-more", hidden: "" }, "المزيد");
    box.appendChild(more);
    box.hidden = false;
    var filters = null;
    var outletNames = {};
    var eventNames = {};
    var run = 0; // a newer choice cancels an older one's loading
    var pending = null; // {shards, next, found}

    load(base, "filters").then(function (data) {
      filters = data;
      data.outlets.forEach(function (o) { outletNames[o[0]] = o[1]; option(selects.outlet, o[0], o[1]); });
      data.years.forEach(function (y) { option(selects.year, y[0], y[0]); });
      data.events.forEach(function (e) { eventNames[e[0]] = e[1]; option(selects.event, e[0], e[1] + " (" + e[2] + ")"); });
      box.setAttribute("data-loaded", "1");
    }, function () { count.textContent = "تعذر تحميل بيانات التصفية"; });

    function shardsFor(want) {
      var lists = [];
      if (want.outlet) lists.push(pick(filters.outlets, want.outlet, 2));
      if (want.year) lists.push(pick(filters.years, want.year, 1));
      if (want.event) lists.push(pick(filters.events, want.event, 3));
      var out = lists.shift() || [];
      lists.forEach(function (l) { out = out.filter(function (n) { return l.indexOf(n) >= 0; }); });
      return out;
    }

    function pick(list, value, at) {
      for (var i = 0; i < list.length; i++) if (list[i][0] === value) return list[i][at];
      return [];
    }

    function rowFor(r) {
      // r: [id, iso date, printed date, title, outlet slug, event id]
      var tr = el("tr", { "data-date": r[1], "data-year": r[1].slice(0, 4), "data-outlet": r[4], "data-event": r[5] });
      var date = el("td", { "class": "arshif-date" });
      if (r[1]) date.appendChild(el("time", { datetime: r[1] }, r[2])); else date.textContent = "تاريخ غير معروف";
      var title = el("td");
      title.appendChild(el("a", { href: "articles/" + r[0] + ".html" }, r[3]));
      if (r[5]) {
        var ev = el("div", { "class": "arshif-event" }, "الحدث: ");
        ev.appendChild(el("a", { href: "events/" + r[5] + ".html" }, eventNames[r[5]] || r[5]));
        title.appendChild(ev);
      }
      var outlet = el("td", { "class": "arshif-outlet" });
      if (r[4]) outlet.appendChild(el("a", { href: "outlets/" + r[4] + ".html" }, outletNames[r[4]] || r[4]));
      else outlet.textContent = "مصدر غير معروف";
      tr.appendChild(date); tr.appendChild(title); tr.appendChild(outlet);
      return tr;
    }

    function matches(r, want) {
      return (!want.outlet || r[4] === want.outlet) && (!want.year || r[1].slice(0, 4) === want.year) &&
        (!want.event || r[5] === want.event);
    }

    function apply() {
      var want = { outlet: selects.outlet.value, year: selects.year.value, event: selects.event.value };
      run += 1;
      if (!want.outlet && !want.year && !want.event) {
        pending = null;
        body.textContent = "";
        original.forEach(function (row) { body.appendChild(row); });
        count.textContent = "أحدث " + original.length + " مقالة";
        more.hidden = true;
        return;
      }
      if (!filters) return;
      pending = { want: want, shards: shardsFor(want), next: 0, shown: 0 };
      body.textContent = "";
      fill(run);
    }

    function fill(mine) {
      var p = pending;
      if (!p || mine !== run) return;
      if (p.shown >= LIMIT * (p.page || 1) || p.next >= p.shards.length) {
        count.textContent = p.shown + " مقالة" + (p.next < p.shards.length ? " (والمزيد)" : "");
        more.hidden = p.next >= p.shards.length;
        return;
      }
      count.textContent = "جار التحميل…";
      load(base, "rows-" + p.shards[p.next]).then(function (rows) {
        if (mine !== run) return;
        p.next += 1;
        rows.forEach(function (r) {
          if (matches(r, p.want)) { body.appendChild(rowFor(r)); p.shown += 1; }
        });
        fill(mine);
      }, function () { count.textContent = "تعذر تحميل بيانات التصفية"; });
    }

    more.addEventListener("click", function () {
      if (!pending) return;
      pending.page = (pending.page || 1) + 1;
      fill(run);
    });

    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var key = th.getAttribute("data-sort");
      if (!key) return;
      var button = el("button", { type: "button", "class": "arshif-sort" }, th.textContent);
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", key === "date" ? "descending" : "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var value = key === "date"
          ? function (r) { return r.getAttribute("data-date") || (ascending ? "9999" : "0000"); }
          : function (r) {
            var link = r.cells[index] && r.cells[index].querySelector("a");
            return link ? link.textContent.trim() : (r.cells[index] ? r.cells[index].textContent.trim() : "");
          };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a), y = value(b);
          var order = key === "date" ? (x < y ? -1 : x > y ? 1 : 0) : x.localeCompare(y, "ar");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    count.textContent = "أحدث " + original.length + " مقالة";
  }

  function init() {
    var tables = document.querySelectorAll("table[data-filterable]");
    Array.prototype.forEach.call(tables, setup);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
