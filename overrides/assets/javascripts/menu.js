/*
 * The menu below 1220 px wide by keyboard. There Material puts the
 * navigation in a drawer, opened by a label for a hidden checkbox
 * (#__drawer); a label takes no focus. The header's menu button
 * (partials/header.html, shown instead of the label when scripts run)
 * opens and closes the drawer and tells its state (aria-expanded). While
 * the drawer is open, Tab and Shift+Tab go round the button and the
 * drawer's links (in the page they are far apart: the palette and search
 * come between), and Escape closes it, focus back on the button. The closed
 * drawer's links take no Tab stops (handbook.css). From 1220 px on the
 * button is hidden and none of this applies. Without JavaScript the label
 * works as before, and keyboard focus in the drawer slides it in
 * (handbook.css).
 */
(() => {
  "use strict"

  /* What can take focus in the drawer; those not rendered are left out */
  const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"
  const rendered = element => element.getClientRects().length > 0 &&
    getComputedStyle(element).visibility === "visible"

  function enhance(button) {
    const toggle = document.getElementById("__drawer")
    /* The drawer is a new element on every page instant navigation shows */
    const drawer = () => document.querySelector(".md-sidebar--primary")
    const isOpen = () => toggle.checked && rendered(button)
    const stops = () => [button, ...drawer().querySelectorAll(FOCUSABLE)].filter(rendered)
    const showState = () => button.setAttribute("aria-expanded", String(toggle.checked))

    /* Material's own drawer control (setToggle) clicks the checkbox too,
       so that its listeners see the change */
    button.addEventListener("click", () => toggle.click())
    toggle.addEventListener("change", () => {
      showState()
      /* Closed by the overlay or by Material: focus is not left hidden */
      if (!toggle.checked && drawer()?.contains(document.activeElement))
        button.focus()
    })
    document.addEventListener("keydown", event => {
      if (event.defaultPrevented || !isOpen())
        return
      const focused = document.activeElement
      const inMenu = focused === button || drawer().contains(focused)
      if (event.key === "Escape" && (inMenu || focused === document.body)) {
        event.preventDefault()
        button.focus()
        toggle.click()
      } else if (event.key === "Tab" && inMenu) {
        event.preventDefault()
        const list = stops()
        const step = event.shiftKey ? -1 : 1
        list[(list.indexOf(focused) + step + list.length) % list.length].focus()
      }
    })
    showState()
  }

  /* When the reader comes back to a page (Back, Forward, reload), the
     browser restores a checked drawer or search, which would be open again.
     Material kept that off with autocomplete="off" on its toggles, which is
     not valid on a checkbox (builders/internals.py: valid_toggles). A page
     loaded anew is left alone: the reader may have opened the menu already. */
  addEventListener("pageshow", event => {
    const [navigation] = performance.getEntriesByType("navigation")
    if (!event.persisted && navigation && navigation.type === "navigate")
      return
    for (const toggle of document.querySelectorAll("input[data-md-toggle]"))
      if (toggle.checked)
        toggle.click()
  })

  /* The header is kept across instant navigation: the button is enhanced
     once (start.js marks it data-enhanced) */
  handbook.add("[data-handbook-menu]", enhance)
})()
