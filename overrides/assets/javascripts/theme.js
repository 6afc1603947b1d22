/*
 * Material's inline scripts, moved into a file so that the site runs under
 * Content-Security-Policy "script-src 'self'" with no inline script at all.
 * The theme's partials (overrides/partials/javascripts/) load this file,
 * synchronously, exactly where Material put its inline scripts; each
 * <script> tag says which part runs there:
 *
 *   data-md-part="base"     in <head>: the storage helpers Material's bundle
 *                           and storage.js use; data-md-scope = the site's base URL.
 *                           Also marks <html> with the class handbook-js, so
 *                           that our CSS lays out what our scripts will show
 *                           from the first frame (no layout shift when they run),
 *                           and turns Material's no-js class into js, as its
 *                           bundle does later: its layout with scripts (the
 *                           sidebar's height, the search box) is then in place
 *                           from the first frame too. If, when the page has
 *                           loaded, our start-up (start.js) never ran (a
 *                           script failed to load or to parse), both are
 *                           undone: the page takes its no-JavaScript form
 *                           rather than showing controls nothing runs.
 *                           data-handbook-script: our one script
 *                           (hooks/assets.py), loaded once Material's
 *                           bundle has run (DOMContentLoaded), so that on a
 *                           slow connection it never takes bandwidth that
 *                           Material's bundle needs; the page's load event
 *                           still waits for it. Listened for on window, not
 *                           the document: window's listeners run after the
 *                           document's, so Material's own start-up (its
 *                           listener on the document) runs first, and a
 *                           profiler (Lighthouse's long tasks) credits that
 *                           long task to Material's bundle, not to this file
 *   data-md-part="palette"  after the palette toggle: the reader's saved
 *                           palette, applied before the page is first painted
 *   data-md-part="content"  after the content: opens the tab a link points to
 *                           (and, with data-md-tabs-link, the reader's tabs)
 *
 * Unlike Material's originals, __md_get and __md_set never throw: with
 * storage blocked (a privacy setting) or holding damaged JSON, __md_get
 * gives null and __md_set does nothing, so search and the palette toggle
 * keep working.
 */
(function () {
  const script = document.currentScript
  const part = script.dataset.mdPart

  if (part === "base") {
    const root = document.documentElement
    root.classList.add("handbook-js")
    root.classList.replace("no-js", "js")
    if (script.dataset.handbookScript)
      addEventListener("DOMContentLoaded", () => {
        const handbook = document.createElement("script")
        handbook.src = script.dataset.handbookScript
        document.head.append(handbook)
      }, { once: true })
    addEventListener("load", () => {
      if (!(window.handbook && handbook.started))
        root.classList.remove("handbook-js")
      if (!window.document$)
        root.classList.replace("js", "no-js")
    })
    window.__md_scope = new URL(script.dataset.mdScope || ".", location)
    window.__md_hash = text =>
      [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0)
    window.__md_get = (key, storage, scope) => {
      try {
        storage = storage || localStorage  /* reading localStorage throws if blocked */
        scope = scope || __md_scope
        return JSON.parse(storage.getItem(`${scope.pathname}.${key}`))
      } catch {
        return null
      }
    }
    window.__md_set = (key, value, storage, scope) => {
      try {
        storage = storage || localStorage
        scope = scope || __md_scope
        storage.setItem(`${scope.pathname}.${key}`, JSON.stringify(value))
      } catch {
        /* blocked or full: the choice lasts for this page only */
      }
    }
  }

  if (part === "palette") {
    const palette = __md_get("__palette")
    if (palette && palette.color && typeof palette.color === "object") {
      if (palette.color.media === "(prefers-color-scheme)") {
        /* "follow the system": take the palette the system asks for now */
        const light = matchMedia("(prefers-color-scheme: light)").matches
        const input = document.querySelector(light
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']")
        if (input) {
          for (const key of ["media", "scheme", "primary", "accent"])
            palette.color[key] = input.getAttribute(`data-md-color-${key}`)
        }
      }
      for (const [key, value] of Object.entries(palette.color))
        document.body.setAttribute(`data-md-color-${key}`, value)
    }
  }

  if (part === "content") {
    if ("mdTabsLink" in script.dataset) {
      const tabs = __md_get("__tabs")
      if (Array.isArray(tabs)) {
        sets: for (const set of document.querySelectorAll(".tabbed-set")) {
          const labels = set.querySelector(".tabbed-labels")
          for (const tab of tabs)
            for (const label of labels.getElementsByTagName("label"))
              if (label.innerText.trim() === tab) {
                document.getElementById(label.htmlFor).checked = true
                continue sets
              }
        }
      }
    }
    const target = document.getElementById(location.hash.slice(1))
    if (target && target.name)
      target.checked = target.name.startsWith("__tabbed_")
  }
})()
