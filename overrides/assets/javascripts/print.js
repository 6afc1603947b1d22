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

  handbook.everyPage(() => {
    for (const link of document.querySelectorAll("a[href]"))
      if (link.host === location.host)
        link.dataset.internal = ""
  })

  handbook.add("[data-print-page]", holder => {
    holder.querySelector("button").addEventListener("click", () => window.print())
    holder.hidden = false
  })
})()
