// SPDX-License-Identifier: AGPL-3.0-or-later
// receipt.js: a counter printer's receipt (80 mm or 58 mm roll) prints as
// one continuous strip exactly as long as the receipt: the length of the
// named page (style.css, @page receipt-80mm / receipt-58mm) is set to the
// height of the sheet measured here, when the page loads and again just
// before printing. Without JavaScript the stylesheet's long strip is used.
// The complaint kiosk's slip (58 mm) is printed the same way.
"use strict";

(function () {
  var sheet = document.querySelector(".receipt-sheet.thermal");
  if (!sheet) {
    return;
  }
  // A kiosk's "print" button (the complaint kiosk's slip): shown only
  // when JavaScript can print.
  var button = document.querySelector("button.print-now");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
  var css = null;
  for (var i = 0; i < document.styleSheets.length; i++) {
    var s = document.styleSheets[i];
    if (s.href && /\/static\/style\.css$/.test(s.href)) {
      css = s;
    }
  }
  if (!css) {
    return;
  }
  var added = -1;
  function fit() {
    var mm = Math.ceil(sheet.getBoundingClientRect().height * 25.4 / 96) + 4;
    var rule = "@page " + sheet.getAttribute("data-page") + " { size: " +
      sheet.getAttribute("data-width") + " " + mm + "mm; margin: 0; }";
    if (added >= 0) {
      css.deleteRule(added);
    }
    added = css.insertRule(rule, css.cssRules.length);
    sheet.setAttribute("data-length", mm + "mm");
  }
  fit();
  window.addEventListener("beforeprint", fit);
})();
