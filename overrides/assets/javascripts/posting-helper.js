/*
 * Decision helper (overrides/handbook/posting-helper.html): yes/no
 * questions that show the checklist that applies and the rules to heed.
 * It chooses only between the lists its answers name (data-shows); other
 * lists on the page (setting up an account) stay as they are.
 * Without JavaScript the helper stays hidden and every checklist shows.
 */
(() => {
  "use strict"

  const TEXT = {
    applies: title => `Sinua koskee tarkistuslista: ${title}.`,
    cleared: "Vastaukset tyhjennetty."
  }

  function enhance(form) {
    const choices = new Set([...form.querySelectorAll("[data-shows]")].map(input => input.dataset.shows))
    const checklists = [...document.querySelectorAll("[data-checklist]")]
      .filter(checklist => choices.has(checklist.dataset.checklist))
    const privateQuestions = form.querySelectorAll("[data-when-private]")
    const result = form.querySelector("[data-result]")
    const notice = name => form.querySelector(`[data-notice="${name}"]`)

    function update() {
      const official = form.elements.official.value
      const shows = form.querySelector("input[name=official]:checked")?.dataset.shows
      for (const checklist of checklists)
        checklist.hidden = Boolean(shows) && checklist.dataset.checklist !== shows
      for (const question of privateQuestions)
        question.hidden = official !== "no"
      notice("working-hours").hidden =
        official !== "no" || form.elements["working-hours"].value !== "yes"
      notice("own-work").hidden =
        official !== "no" || form.elements["own-work"].value !== "yes"

      /* The live region around the result is told only what changed: the
         same sentence set again would be read again on every answer */
      const shown = checklists.find(checklist => !checklist.hidden && shows)
      const text = shown ? TEXT.applies(shown.querySelector("h2").textContent) : ""
      if (result.textContent !== text)
        result.textContent = text
      result.hidden = !text
    }

    form.addEventListener("change", update)
    form.addEventListener("reset", () => setTimeout(() => {
      update()
      result.textContent = TEXT.cleared
      result.hidden = false
    }))
    form.hidden = false
    update()
  }

  handbook.add("[data-posting-helper]", enhance)
})()
