// SPDX-License-Identifier: AGPL-3.0-or-later
// picker.js: the counter's service picker narrows while the officer types
// (when JavaScript is on; without it the search box is an ordinary form).
// The matches come from the same forgiving search as the catalogue
// (/api/v1/services?q=), best first; only the services this office
// accepts (the ones on the page) are shown.
"use strict";

(function () {
  var input = document.getElementById("picker-q");
  var list = document.getElementById("picker-list");
  if (!input || !list || typeof fetch !== "function") {
    return;
  }
  var items = {};
  var all = list.querySelectorAll("li[data-code]");
  for (var i = 0; i < all.length; i++) {
    items[all[i].getAttribute("data-code")] = all[i];
  }
  var results = document.createElement("ol");
  results.className = "services";
  results.id = "picker-results";
  results.hidden = true;
  list.parentNode.insertBefore(results, list);
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "muted";
  list.parentNode.insertBefore(status, results);
  var timer = null;
  var seq = 0;

  function show(codes) {
    results.textContent = "";
    for (var k = 0; k < codes.length; k++) {
      if (items[codes[k]]) {
        results.appendChild(items[codes[k]].cloneNode(true));
      }
    }
    status.textContent = results.children.length
      ? results.children.length + " ✓"
      : (document.documentElement.lang === "en" ? "No service matches."
        : "Tidak ada layanan yang cocok.");
    results.hidden = false;
    list.hidden = true;
  }

  function run() {
    var q = input.value.trim();
    if (q.length < 2) {
      results.hidden = true;
      list.hidden = false;
      status.textContent = "";
      return;
    }
    var mine = ++seq;
    fetch("/api/v1/services?q=" + encodeURIComponent(q))
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (mine !== seq) {
          return;
        }
        show((j.items || []).map(function (s) { return s.code; }));
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
})();
