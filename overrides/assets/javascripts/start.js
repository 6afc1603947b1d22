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
 * Each element is copied in a task of its own and enhanced in the next,
 * after Material's own start-up: on a phone no task of ours adds to one that
 * is already long (what Total Blocking Time counts; copying the quiz and
 * enhancing it each take ~40 ms at a phone's speed), and the page answers
 * input between them.
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

  /* A date and a time as Finnish writes them ("6.12.2026", "09.05"),
     without Intl: its first use on a page loads the locale's data, ~100 ms
     of a phone's time in the task that enhances a form */
  date(when) {
    return `${when.getDate()}.${when.getMonth() + 1}.${when.getFullYear()}`
  },

  time(when) {
    const twoDigits = number => String(number).padStart(2, "0")
    return `${twoDigits(when.getHours())}.${twoDigits(when.getMinutes())}`
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
    const done = () => !element.isConnected || element.matches("[data-enhanced], [data-failed]")
    if (done())
      return
    const pristine = element.cloneNode(true)
    setTimeout(() => {
      if (done())
        return
      try {
        enhance(element)
        element.dataset.enhanced = ""
      } catch (error) {
        console.error(error)
        pristine.dataset.failed = ""
        element.replaceWith(pristine)
      }
    })
  }
}

if (window.document$)
  document$.subscribe(() => handbook.start())
