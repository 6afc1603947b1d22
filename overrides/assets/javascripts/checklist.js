/*
 * Checklists (overrides/handbook/checklist.html): remembers ticks in this
 * browser, shows "n/N tarkistettu" and offers a reset that can be undone.
 * Ticks are stored per site and checklist as {version, ticked: item ids}, so
 * editing an item's text keeps its tick, a removed item's tick is dropped and
 * a new item starts unticked; a damaged value starts the list empty, with a
 * note. Without JavaScript it is a plain list.
 */
(() => {
  "use strict"

  const VERSION = 1
  const TEXT = {
    damaged: "Aiempia rasteja ei voitu lukea, joten lista alkaa tyhjänä.",
    cleared: "Rastit poistettu."
  }
  const { isList, isMap } = handbookStorage
  /* The current shape, or the first release's plain list of item ids */
  const isTicks = value => isList(value) ||
    isMap(value, () => true) && value.version === VERSION && isList(value.ticked)

  function enhance(checklist) {
    const name = checklist.dataset.checklist
    const boxes = [...checklist.querySelectorAll("input[data-item]")]
    const progress = checklist.querySelector(".handbook-checklist__progress")
    const reset = checklist.querySelector(".handbook-checklist__reset")
    const undo = checklist.querySelector("[data-undo]")
    const undoText = checklist.querySelector("[data-undo-text]")

    const ticked = () => boxes.filter(box => box.checked).map(box => box.dataset.item)
    const show = ticks => {
      for (const box of boxes)
        box.checked = ticks.includes(box.dataset.item)
      progress.querySelector("[data-checked]").textContent = ticked().length
    }
    const store = () => handbookStorage.save(`checklist.${name}`,
      { version: VERSION, ticked: ticked() })

    const stored = handbookStorage.load(`checklist.${name}`, isTicks)
    if (stored.damaged)
      handbookStorage.note(checklist.querySelector("h2"), TEXT.damaged)
    show(stored.value?.ticked || stored.value || [])
    let before = []

    const hideUndo = () => {
      undo.hidden = true
      undoText.textContent = ""
    }
    checklist.addEventListener("change", () => {
      hideUndo()
      store()
      show(ticked())
    })
    reset.addEventListener("click", () => {
      before = ticked()
      show([])
      store()
      undoText.textContent = TEXT.cleared
      undo.hidden = false
      undo.focus()
    })
    undo.addEventListener("click", () => {
      show(before)
      store()
      hideUndo()
      reset.focus()
    })
    progress.hidden = false
    reset.hidden = false
  }

  handbook.add("[data-checklist]", enhance)
})()
