/*
 * "Ei osumia" is not a dead end: when a search finds nothing, the results
 * area offers the decision helper and the whole guideline.
 *
 * Material shows its "none" text (the translation search.result.none, read
 * from its #__config) in .md-search-result__meta; we watch that line and put
 * the offer right below it, and take it away when results come. Links start
 * from the site's base address (window.__md_scope, set by theme.js), so they
 * are right on every page, at / and under a sub-path alike.
 */
(() => {
  "use strict"

  /* What the offer says (Finnish, one place) */
  const INTRO = "Et löytänyt etsimääsi? Kokeile näitä:"
  const LINKS = [
    ["posting_helper", "#posting-helper", "Päätösapu: mikä lista koskee julkaisuasi?"],
    ["whole_guideline", "", "Koko ohje yhdellä sivulla"]
  ]

  /* The page each tool is on, as the build found it (overrides/main.html) */
  function macroPages() {
    return handbook.pageData("handbook-macro-pages", {})
  }

  function noneText() {
    const config = document.getElementById("__config")
    return config ? JSON.parse(config.textContent).translations["search.result.none"] : null
  }

  function offer() {
    const box = document.createElement("div")
    box.className = "handbook-search-none"
    const intro = document.createElement("p")
    intro.textContent = INTRO
    const list = document.createElement("ul")
    const pages = macroPages()
    for (const [macro, anchor, text] of LINKS) {
      if (!(macro in pages)) continue
      const link = document.createElement("a")
      link.href = new URL(pages[macro] + anchor, window.__md_scope || document.baseURI).href
      link.textContent = text
      list.append(document.createElement("li"))
      list.lastChild.append(link)
    }
    box.append(intro, list)
    return box
  }

  function update(meta) {
    const shown = meta.parentElement.querySelector(".handbook-search-none")
    const nothingFound = meta.textContent.trim() === noneText()
    if (nothingFound && !shown)
      meta.after(offer())
    else if (!nothingFound && shown)
      shown.remove()
  }

  /* The search box stays across instant navigation: watched once. (Not
     handbook.add: Material holds this element, so it is never replaced.) */
  handbook.everyPage(() => {
    const meta = document.querySelector(".md-search-result__meta")
    if (!meta || "handbookNone" in meta.dataset)
      return
    meta.dataset.handbookNone = ""
    new MutationObserver(() => update(meta))
      .observe(meta, { childList: true, characterData: true, subtree: true })
  })
})()
