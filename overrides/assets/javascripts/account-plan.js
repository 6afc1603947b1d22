/*
 * New-account plan (overrides/handbook/account-plan.html): keeps what is
 * typed in this browser only, composes the plan as text to download or
 * print, and clears it (with an undo). Nothing is sent anywhere.
 * Stored as {version, fields: {field name: text}}; a field that is gone is
 * ignored, a new one starts empty, a damaged value starts the form empty,
 * with a note. For printing, each answer is copied into a paragraph that
 * shows it whole (a text area would cut it off).
 */
(() => {
  "use strict"

  const VERSION = 1
  const TEXT = {
    damaged: "Aiemmin kirjoitettua suunnitelmaa ei voitu lukea, joten lomake alkaa tyhjänä.",
    downloaded: "Suunnitelma ladattu tiedostoon some-tilin-suunnitelma.txt.",
    cleared: "Lomake tyhjennetty.",
    empty: "(ei täytetty)"
  }
  const { isMap } = handbookStorage
  const isText = value => typeof value === "string"
  /* The current shape, or the first release's plain {field: text} */
  const isPlan = value => isMap(value, isText) ||
    isMap(value, () => true) && value.version === VERSION && isMap(value.fields, isText)

  const today = () => handbook.date(new Date())

  /* The plan as plain text: a heading per question, then the answer */
  function compose(plan) {
    const title = plan.dataset.title
    const sections = [...plan.querySelectorAll(".handbook-field")].map(field => {
      const label = field.querySelector("label").textContent.replace(/\s+/g, " ").trim()
      const answer = field.querySelector("input, textarea").value.trim()
      return `${label}\n${"-".repeat(label.length)}\n${answer || TEXT.empty}\n`
    })
    return [`${title}\n${"=".repeat(title.length)}\nLaadittu ${today()}\n`, ...sections].join("\n")
  }

  function download(text) {
    const link = document.createElement("a")
    link.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }))
    link.download = "some-tilin-suunnitelma.txt"
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 1000)
  }

  function enhance(plan) {
    const fields = [...plan.querySelectorAll("input, textarea")]
    const status = plan.querySelector("[data-status]")
    const undo = plan.querySelector("[data-undo]")
    const values = () => Object.fromEntries(fields.map(field => [field.name, field.value]))
    const save = () => handbookStorage.save("account-plan", { version: VERSION, fields: values() })

    /* The printed plan: the date and a whole copy of every answer */
    function copy() {
      plan.querySelector("[data-date]").textContent = `Laadittu ${today()}`
      for (const field of fields)
        field.closest(".handbook-field").querySelector("[data-copy]").textContent =
          field.value.trim() || TEXT.empty
    }
    function fill(texts) {
      for (const field of fields)
        field.value = isText(texts[field.name]) ? texts[field.name] : ""
      copy()
    }
    function say(text, canUndo) {
      status.textContent = text
      undo.hidden = !canUndo
    }

    const stored = handbookStorage.load("account-plan", isPlan)
    if (stored.damaged)
      handbookStorage.note(plan.firstElementChild, TEXT.damaged)
    fill(stored.value?.fields || stored.value || {})
    let before = {}

    plan.addEventListener("input", () => {
      say("", false)
      copy()
      save()
    })
    plan.querySelector("[data-action=download]").addEventListener("click", () => {
      download(compose(plan))
      say(TEXT.downloaded, false)
    })
    plan.querySelector("[data-action=print]").addEventListener("click", () => {
      copy()
      document.body.classList.add("handbook-printing-plan")
      window.print()
      document.body.classList.remove("handbook-printing-plan")
    })
    plan.querySelector("[data-action=clear]").addEventListener("click", () => {
      before = values()
      fill({})
      save()
      say(TEXT.cleared, true)
      undo.focus()
    })
    undo.addEventListener("click", () => {
      fill(before)
      save()
      say("", false)
      fields[0].focus()
    })
    plan.querySelector(".handbook-account-plan__actions").hidden = false
  }

  handbook.add("[data-account-plan]", enhance)
})()
