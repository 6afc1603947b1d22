/*
 * New-account plan (overrides/handbook/account-plan.html): keeps what is
 * typed in this browser only, composes the plan as text to download or
 * print, and clears it. Nothing is sent anywhere.
 */
(() => {
  "use strict"

  /* What was typed, kept by storage.js; blocked: the text lasts this visit */
  const load = () => handbookStorage.load("account-plan") || {}
  const save = values => handbookStorage.save("account-plan", values)

  /* The plan as plain text: a heading per question, then the answer */
  function compose(plan) {
    const title = plan.dataset.title
    const date = new Date().toLocaleDateString("fi-FI")
    const sections = [...plan.querySelectorAll(".handbook-field")].map(field => {
      const label = field.querySelector("label").textContent
      const answer = field.querySelector("input, textarea").value.trim()
      return `${label}\n${"-".repeat(label.length)}\n${answer || "(ei täytetty)"}\n`
    })
    return [`${title}\n${"=".repeat(title.length)}\nLaadittu ${date}\n`, ...sections].join("\n")
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
    const status = plan.querySelector(".handbook-account-plan__status")
    const values = load()
    for (const field of fields)
      field.value = values[field.name] || ""

    plan.addEventListener("input", () =>
      save(Object.fromEntries(fields.map(field => [field.name, field.value]))))

    plan.querySelector("[data-action=download]").addEventListener("click", () => {
      download(compose(plan))
      status.textContent = "Suunnitelma ladattu tiedostoon some-tilin-suunnitelma.txt."
    })
    plan.querySelector("[data-action=print]").addEventListener("click", () => {
      document.body.classList.add("handbook-printing-plan")
      window.print()
      document.body.classList.remove("handbook-printing-plan")
    })
    plan.querySelector("[data-action=clear]").addEventListener("click", () => {
      for (const field of fields)
        field.value = ""
      save({})
      status.textContent = "Lomake tyhjennetty."
      fields[0].focus()
    })
    plan.querySelector(".handbook-account-plan__actions").hidden = false
  }

  function main() {
    for (const plan of document.querySelectorAll("[data-account-plan]:not([data-enhanced])")) {
      plan.dataset.enhanced = ""
      enhance(plan)
    }
  }

  document$.subscribe(main)
})()
