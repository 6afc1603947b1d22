/*
 * Checklists (overrides/handbook/checklist.html): remembers ticks in this
 * browser, shows "n/N tarkistettu" and offers a reset. Ticks are stored per
 * site and checklist, by item id, so editing an item's text keeps its tick.
 * Without JavaScript the checklist is a plain list of checkboxes.
 */
(() => {
  "use strict"

  /* Ticked item ids, kept by storage.js; blocked or garbled: none */
  function loadTicks(name) {
    const stored = handbookStorage.load(`checklist.${name}`)
    return new Set(Array.isArray(stored) ? stored : [])
  }

  const saveTicks = (name, ticks) => handbookStorage.save(`checklist.${name}`, [...ticks])

  function enhance(checklist) {
    const name = checklist.dataset.checklist
    const boxes = [...checklist.querySelectorAll("input[data-item]")]
    const progress = checklist.querySelector(".handbook-checklist__progress")
    const reset = checklist.querySelector(".handbook-checklist__reset")

    const showProgress = () => {
      progress.querySelector("[data-checked]").textContent =
        boxes.filter(box => box.checked).length
    }
    const store = () => saveTicks(name, new Set(
      boxes.filter(box => box.checked).map(box => box.dataset.item)))

    const ticks = loadTicks(name)
    for (const box of boxes) {
      box.checked = ticks.has(box.dataset.item)
      box.addEventListener("change", () => { store(); showProgress() })
    }
    reset.addEventListener("click", () => {
      for (const box of boxes)
        box.checked = false
      store()
      showProgress()
      boxes[0].focus()
    })
    showProgress()
    progress.hidden = false
    reset.hidden = false
  }

  function main() {
    for (const checklist of document.querySelectorAll("[data-checklist]:not([data-enhanced])")) {
      checklist.dataset.enhanced = ""
      enhance(checklist)
    }
  }

  document$.subscribe(main)
})()
