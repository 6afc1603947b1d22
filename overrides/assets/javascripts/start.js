/*
 * One start-up for every feature (the model: GOV.UK Frontend's createAll).
 * A feature file registers what it enhances:
 *
 *   handbook.add("[data-checklist]", enhance)   each matching element
 *   handbook.everyPage(run)                     once per page shown
 *
 * and reads what the build put on the page for the scripts
 * (overrides/main.html: <script type="application/json" id=...>) with
 * handbook.pageData(id, fallback).
 *
 * On each page Material shows (document$: the first load and every instant
 * navigation) each element is enhanced on its own: one whose enhance()
 * throws is put back as it came in the page, from a copy taken before, and
 * marked data-failed, so it reads and works as without JavaScript (the CSS
 * treats it so), while the other elements and features start as usual.
 * Enhanced elements are marked data-enhanced and never enhanced twice.
 * Each element is enhanced in a task of its own, after Material's own
 * start-up: on a phone no task of ours adds to one that is already long
 * (what Total Blocking Time counts), and the page answers input between them.
 *
 * Material's document$ emits each page once, also to a subscriber that
 * comes after DOMContentLoaded (theme.js loads our bundle then): the
 * elements are enhanced in tasks after this one, so every feature file
 * has registered by then, in one bundle or loaded one by one. If this
 * start-up never runs (our bundle or Material's failed to load or to
 * parse), theme.js puts the page in its no-JavaScript form when the page
 * has loaded.
 *
 * This file comes first in mkdocs.yml's extra_javascript.
 */
window.handbook = {
  features: [],
  pageRuns: [],
  started: false,

  add(selector, enhance) {
    this.features.push({ selector, enhance })
  },

  everyPage(run) {
    this.pageRuns.push(run)
  },

  pageData(id, fallback) {
    const data = document.getElementById(id)
    return data ? JSON.parse(data.textContent) : fallback
  },

  start() {
    this.started = true
    setTimeout(() => {
      for (const run of this.pageRuns)
        setTimeout(() => {
          try {
            run()
          } catch (error) {
            console.error(error)
          }
        })
      for (const { selector, enhance } of this.features)
        for (const element of document.querySelectorAll(selector))
          setTimeout(() => this.enhance(element, enhance))
    })
  },

  enhance(element, enhance) {
    if (!element.isConnected || element.matches("[data-enhanced], [data-failed]"))
      return
    const pristine = element.cloneNode(true)
    try {
      enhance(element)
      element.dataset.enhanced = ""
    } catch (error) {
      console.error(error)
      pristine.dataset.failed = ""
      element.replaceWith(pristine)
    }
  }
}

if (window.document$)
  document$.subscribe(() => handbook.start())
