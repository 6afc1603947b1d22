/*
 * Printing. The whole-guideline page's print button
 * (overrides/handbook/print-facts.html) is hidden without JavaScript and
 * with it opens the print dialog, the only way to print or save a PDF on a
 * phone. Links within the site are marked so that print.css writes out only
 * the addresses of links that leave it (instant navigation makes every
 * href absolute, so the address alone cannot tell).
 */
(() => {
  "use strict"

  function main() {
    for (const link of document.querySelectorAll("a[href]"))
      if (link.host === location.host)
        link.dataset.internal = ""
    for (const holder of document.querySelectorAll("[data-print-page]:not([data-enhanced])")) {
      holder.dataset.enhanced = ""
      holder.querySelector("button").addEventListener("click", () => window.print())
      holder.hidden = false
    }
  }

  document$.subscribe(main)
})()
