/* Copy link / copy citation buttons of article pages (overrides/article.html writes them).
 *
 * The text to copy is written at build time: the permalink from site_url in the link button's data-copy, and
 * the citation printed on the page (the citation button's data-copy-of names it). With no published site_url there is no permalink: the link button
 * copies the page's own address, and the citation gets it added (data-copy-here: the joining text). Nothing is fetched. The Clipboard API needs a secure context
 * (https, localhost, file:// in Chromium); elsewhere, or if it is refused, a hidden textarea and
 * execCommand("copy") do the job. The last copied text is kept in data-copied, and a polite live region
 * says whether it worked.
 */
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return fallbackCopy(text);
      });
    }
    return fallbackCopy(text);
  }

  function here() {
    return window.location.href.split("#")[0];
  }

  function textOf(button) {
    // The citation button copies the citation printed on the page (data-copy-of: its id) rather than a copy of it.
    var of = button.getAttribute("data-copy-of");
    var source = of ? document.getElementById(of) : null;
    var text = source ? source.textContent : button.getAttribute("data-copy");
    // No published site_url: the citation names no permalink, so the address the reader is at is added.
    var join = button.getAttribute("data-copy-here");
    if (text && join !== null) return text + join + here();
    if (text) return text;
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href : here();
  }

  function say(button, message) {
    var group = button.closest(".arshif-share");
    var status = group && group.querySelector(".arshif-copy-status");
    if (status) status.textContent = message;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-arshif-copy]") : null;
    if (!button) return;
    event.preventDefault();
    var text = textOf(button);
    var what = button.getAttribute("data-arshif-copy") === "citation" ? "الاستشهاد" : "الرابط";
    copyText(text).then(
      function () {
        button.setAttribute("data-copied", text);
        say(button, "نُسخ " + what + ".");
      },
      function () {
        say(button, "تعذّر النسخ: انسخ " + what + " يدويًّا.");
      }
    );
  });
})();
