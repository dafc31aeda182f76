/* Summary index: filter by outlet, year and event, sort by any column. No network, no library.
 * The table is complete without this script; it only adds the controls (hidden until it runs). */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function options(select, values, allLabel) {
    var all = document.createElement("option");
    all.value = "";
    all.textContent = allLabel;
    select.appendChild(all);
    values.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
  }

  function distinct(rows, key, labelOf) {
    var seen = {};
    var out = [];
    rows.forEach(function (row) {
      var value = row.getAttribute("data-" + key) || "";
      if (value && !seen[value]) {
        seen[value] = true;
        out.push([value, labelOf(row)]);
      }
    });
    out.sort(function (a, b) { return a[1].localeCompare(b[1], "ar"); });
    return out;
  }

  function setup(table) {
    var box = document.querySelector('.arshif-filters[data-for="' + table.id + '"]');
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var filters = [
      ["outlet", "كل المصادر", function (r) { return cellText(r, 2); }],
      ["year", "كل السنوات", function (r) { return r.getAttribute("data-year"); }],
      ["event", "كل الأحداث", function (r) {
        var link = r.querySelector(".arshif-event a");
        return link ? link.textContent.trim() : r.getAttribute("data-event");
      }]
    ];
    var selects = {};
    filters.forEach(function (f) {
      var label = document.createElement("label");
      var select = document.createElement("select");
      select.name = f[0];
      select.className = "arshif-filter-" + f[0];
      options(select, distinct(rows, f[0], f[2]), f[1]);
      select.addEventListener("change", apply);
      label.appendChild(select);
      box.appendChild(label);
      selects[f[0]] = select;
    });
    var count = document.createElement("span");
    count.className = "arshif-filter-count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(count);
    box.hidden = false;

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = filters.every(function (f) {
          var want = selects[f[0]].value;
          return !want || row.getAttribute("data-" + f[0]) === want;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " من " + rows.length;
    }

    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var key = th.getAttribute("data-sort");
      if (!key) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "arshif-sort";
      button.textContent = th.textContent;
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
            return link ? link.textContent.trim() : cellText(r, index);
          };
        rows.sort(function (a, b) {
          var x = value(a), y = value(b);
          var order = key === "date" ? (x < y ? -1 : x > y ? 1 : 0) : x.localeCompare(y, "ar");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    apply();
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
