/*
 * Returning readers: rules changed since the reader last saw them. Every
 * page carries each rule's version (#handbook-rules, macros.py
 * rule_versions: a hash that changes with the rule's meaning). The browser
 * keeps, per rule, the version the reader last saw (storage.js,
 * "rules.seen": {key: hash}), for the rules of the pages they opened only.
 *
 * A rule whose version differs from the one the reader saw gets a marker
 * on its page, linking to the change (the change history page); so does a
 * rule new to them: on a page whose rules they had seen, but not among
 * them (it was added since). The front page lists them all under its
 * title, in a section made only when there is something to list (the
 * pages take no HTML of their own). What the reader had seen is read once
 * per page load and kept for the visit (instant navigation keeps it), so
 * the markers and the list stay while the reader moves between pages;
 * each page shown records its rules as seen for the next visit.
 *
 * First visit, storage blocked or a damaged value: nothing was seen, so
 * nothing is marked. Nothing leaves the browser.
 */
(() => {
  "use strict"

  const TEXT = {
    marker: "Muuttunut sen jälkeen, kun viimeksi avasit tämän sivun",
    added: "Uusi kohta sen jälkeen, kun viimeksi avasit tämän sivun",
    /* After a new rule's name in the front page's list */
    addedNote: "uusi kohta",
    listHeading: "Ohjeen kohdat, jotka ovat muuttuneet edellisen käyntisi jälkeen",
    /* The marker's link, and the front page's link to each change */
    showChange: "näytä muutos",
    listChange: "mikä muuttui",
    /* Told to a screen reader after a link's visible text */
    about: heading => `: ${heading}`
  }
  const { isMap } = handbookStorage
  const isText = value => typeof value === "string"

  /* The rules now: [{key, url, heading, hash, change}], url and change
     relative to the site's root */
  function currentRules() {
    const rules = handbook.pageData("handbook-rules", [])
    return Array.isArray(rules) ? rules : []
  }

  /* What the reader had seen when this visit began (null: nothing known) */
  let seenBefore

  const address = url => new URL(url, __md_scope)
  const pageOf = key => key.split("#")[0]
  const isNew = rule => !Object.hasOwn(seenBefore, rule.key)
  const pagePath = url => url.pathname.replace(/index\.html$/, "")

  function link(href, text, heading) {
    const element = Object.assign(document.createElement("a"), { href, textContent: text })
    const hidden = Object.assign(document.createElement("span"),
      { className: "handbook-visually-hidden", textContent: TEXT.about(heading) })
    element.append(hidden)
    return element
  }

  function marker(rule) {
    const element = document.createElement("span")
    element.className = "handbook-changed"
    element.dataset.changedMarker = ""
    const label = document.createElement("strong")
    label.textContent = isNew(rule) ? TEXT.added : TEXT.marker
    element.append(label)
    if (rule.change)
      element.append(" – ", link(address(rule.change).href, TEXT.showChange, rule.heading))
    return element
  }

  function listItem(rule) {
    const item = document.createElement("li")
    item.append(Object.assign(document.createElement("a"),
      { href: address(rule.url).href, textContent: rule.heading || rule.key }))
    const note = isNew(rule) ? `${TEXT.addedNote}, ` : ""
    if (rule.change)
      item.append(` (${note}`, link(address(rule.change).href, TEXT.listChange, rule.heading), ")")
    else if (note)
      item.append(` (${TEXT.addedNote})`)
    return item
  }

  /* After the front page's title (and the organisation's name under it) */
  function showList(article, changed) {
    if (article.querySelector("[data-changed-rules]"))
      return
    const section = document.createElement("section")
    section.className = "handbook-changed-rules"
    section.dataset.changedRules = ""
    section.setAttribute("aria-labelledby", "handbook-changed-rules")
    const heading = Object.assign(document.createElement("h2"),
      { id: "handbook-changed-rules", textContent: TEXT.listHeading })
    const list = document.createElement("ul")
    list.append(...changed.map(listItem))
    section.append(heading, list)
    let before = article.querySelector("h1")
    if (before?.nextElementSibling?.matches(".handbook-organisation"))
      before = before.nextElementSibling
    if (before)
      before.after(section)
    else
      article.prepend(section)
  }

  function run() {
    const rules = currentRules()
    if (seenBefore === undefined) {
      const stored = handbookStorage.load("rules.seen", value => isMap(value, isText))
      seenBefore = stored.value || {}
    }
    const pagesSeen = new Set(Object.keys(seenBefore).map(pageOf))
    const changed = rules.filter(rule => isNew(rule)
      ? pagesSeen.has(pageOf(rule.key))
      : seenBefore[rule.key] !== rule.hash)

    const here = pagePath(new URL(location.href))
    const onThisPage = rules.filter(rule => pagePath(address(rule.url)) === here)
    const article = document.querySelector("article")
    for (const rule of changed.filter(rule => onThisPage.includes(rule))) {
      const element = article?.querySelector(`[id="${CSS.escape(rule.key.split("#")[1])}"]`)
      if (element && !element.querySelector("[data-changed-marker]")) {
        element.dataset.changed = ""
        element.append(" ", marker(rule))
      }
    }

    if (here === pagePath(__md_scope) && changed.length && article)
      showList(article, changed)

    if (onThisPage.length) {
      const seen = handbookStorage.load("rules.seen", value => isMap(value, isText)).value || {}
      for (const rule of onThisPage)
        seen[rule.key] = rule.hash
      handbookStorage.save("rules.seen", seen)
    }
  }

  handbook.everyPage(run)
})()
