/*
 * Self-check quiz (overrides/handbook/quiz.html): one question at a time,
 * "Tarkista" tells right or wrong in words and an icon, with the explanation
 * and a link to the rule; then a score against the pass mark, the rules to
 * reread, retry of the wrong answers and a printable result. The attempt is
 * kept in localStorage (site-scoped); if storage is blocked it lasts the visit.
 * Without JavaScript all questions show with their answers in <details>.
 */
(() => {
  "use strict"

  /* The attempt, kept by storage.js; with storage blocked, in memory for
     this visit (instant navigation keeps it too) */
  const memory = {}
  const load = name => handbookStorage.load(`quiz.${name}`) || memory[name] || null

  function save(name, state) {
    memory[name] = state
    handbookStorage.save(`quiz.${name}`, state)
  }

  const shuffled = items => items
    .map(item => [Math.random(), item]).sort((a, b) => a[0] - b[0]).map(([, item]) => item)

  function newState(form, questions) {
    const ids = questions.map(question => question.dataset.question)
    const order = form.dataset.shuffleQuestions === "true" ? shuffled(ids) : ids
    const options = {}
    for (const question of questions) {
      const indexes = [...question.querySelectorAll("input")].map((_, index) => index)
      options[question.dataset.question] =
        form.dataset.shuffleOptions === "true" ? shuffled(indexes) : indexes
    }
    return { order, options, answers: {}, results: {}, current: 0, name: "" }
  }

  function enhance(form) {
    const name = form.dataset.quiz
    const questions = [...form.querySelectorAll("[data-question]")]
    const byId = Object.fromEntries(questions.map(q => [q.dataset.question, q]))
    const progressText = form.querySelector("[data-progress-text]")
    const progressBar = form.querySelector("progress")
    const summary = form.querySelector("[data-summary]")
    const nameField = summary.querySelector("[data-name]")
    let state = load(name) || newState(form, questions)

    const inputs = question => [...question.querySelectorAll("input")]
    const correctIndexes = question => inputs(question)
      .filter(input => input.closest("[data-correct]").dataset.correct === "true")
      .map(input => +input.value)

    /* Options in the attempt's order (shuffled or not) */
    function orderOptions() {
      for (const question of questions) {
        const fieldset = question.querySelector("fieldset")
        const options = [...fieldset.querySelectorAll(".handbook-quiz__option")]
          .sort((a, b) => a.querySelector("input").value - b.querySelector("input").value)
        for (const index of state.options[question.dataset.question] || [])
          fieldset.append(options[index])
      }
    }

    function showResult(question) {
      const id = question.dataset.question
      const right = state.results[id]
      const chosen = new Set(state.answers[id])
      for (const input of inputs(question)) {
        const option = input.closest("[data-correct]")
        const isCorrect = option.dataset.correct === "true"
        input.checked = chosen.has(+input.value)
        input.disabled = true
        option.dataset.state = isCorrect ? "correct" : input.checked ? "wrong" : ""
        option.querySelector("[data-mark]").textContent =
          isCorrect ? "✓ oikea vastaus" : input.checked ? "✗ väärä valinta" : ""
        option.querySelector("[data-feedback]")?.toggleAttribute("hidden", !input.checked)
      }
      const verdict = document.createElement("p")
      verdict.className = "handbook-quiz__verdict"
      verdict.dataset.right = right
      verdict.textContent = right ? "✓ Oikein!" : "✗ Väärin."
      question.querySelector("[data-result]").replaceChildren(
        verdict, ...question.querySelector("[data-explanation]").cloneNode(true).children)
      question.querySelector("[data-action=check]").hidden = true
      question.querySelector("[data-action=next]").hidden = false
    }

    function resetQuestion(question) {
      for (const input of inputs(question)) {
        input.checked = input.disabled = false
        const option = input.closest("[data-correct]")
        option.dataset.state = ""
        option.querySelector("[data-mark]").textContent = ""
        option.querySelector("[data-feedback]")?.setAttribute("hidden", "")
      }
      question.querySelector("[data-result]").replaceChildren()
      question.querySelector("[data-action=check]").hidden = false
      question.querySelector("[data-action=next]").hidden = true
    }

    function showSummary() {
      const total = questions.length
      const score = Object.values(state.results).filter(Boolean).length
      const percent = Math.round(100 * score / total)
      const passMark = +form.dataset.passMark
      const passed = percent >= passMark
      summary.querySelector("[data-verdict]").textContent = passed
        ? `✓ Hyväksytty (raja ${passMark} %).`
        : `✗ Ei vielä hyväksytty (raja ${passMark} %).`
      summary.querySelector("[data-verdict]").dataset.right = passed
      summary.querySelector("[data-score]").textContent =
        `Oikeita vastauksia ${score}/${total} (${percent} %).`
      summary.querySelector("[data-date]").textContent =
        `Päivämäärä: ${new Date().toLocaleDateString("fi-FI")}`
      const wrong = questions.filter(q => state.results[q.dataset.question] === false)
      const rules = new Map(wrong.map(q => [q.dataset.rule, q]))
      summary.querySelector("[data-reread-list]").replaceChildren(...[...rules.values()].map(q => {
        const item = document.createElement("li")
        const link = Object.assign(document.createElement("a"),
          { href: q.dataset.rule, textContent: q.dataset.topic })
        const text = q.querySelector("[data-explanation] p:nth-child(2)").textContent
        item.append(link, `: ${text}`)
        return item
      }))
      summary.querySelector("[data-reread]").hidden = wrong.length === 0
      summary.querySelector("[data-action=retry]").hidden = wrong.length === 0
      nameField.value = state.name
    }

    /* Show the current question, or the summary when the round is over */
    function render(focus) {
      const finished = state.current >= state.order.length
      const currentId = state.order[state.current]
      for (const question of questions)
        question.hidden = finished || question.dataset.question !== currentId
      form.toggleAttribute("data-finished", finished)
      summary.hidden = !finished
      form.querySelector(".handbook-quiz__progress").hidden = finished
      if (finished) {
        showSummary()
      } else {
        const position = state.current + 1
        progressText.textContent = `Kysymys ${position}/${state.order.length}`
        progressBar.max = state.order.length
        progressBar.value = position
      }
      if (focus)
        (finished ? summary : byId[currentId]).focus()
    }

    form.addEventListener("click", event => {
      const action = event.target.closest("[data-action]")?.dataset.action
      const question = event.target.closest("[data-question]")
      if (action === "check") {
        const chosen = inputs(question).filter(input => input.checked).map(input => +input.value)
        if (!chosen.length) {
          question.querySelector("[data-result]").textContent = "Valitse ensin vastaus."
          return
        }
        const correct = correctIndexes(question)
        const id = question.dataset.question
        state.answers[id] = chosen
        state.results[id] = chosen.length === correct.length &&
          chosen.every(index => correct.includes(index))
        save(name, state)
        showResult(question)
        question.querySelector("[data-action=next]").focus()
      } else if (action === "next") {
        state.current += 1
        save(name, state)
        render(true)
      } else if (action === "retry" || action === "restart") {
        const again = action === "restart" ? questions.map(q => q.dataset.question)
          : state.order.filter(id => state.results[id] === false)
        if (action === "restart") {
          state = { ...newState(form, questions), name: state.name }
          orderOptions()
        } else
          state.order = state.order.filter(id => again.includes(id))
        for (const id of again) {
          delete state.answers[id]
          delete state.results[id]
          resetQuestion(byId[id])
        }
        state.current = 0
        save(name, state)
        render(true)
      } else if (action === "print") {
        window.print()
      }
    })
    nameField.addEventListener("input", () => {
      state.name = nameField.value
      save(name, state)
    })
    form.addEventListener("submit", event => event.preventDefault())

    /* Progressive enhancement: answers move from <details> to "Tarkista" */
    orderOptions()
    for (const question of questions) {
      question.querySelector("details").hidden = true
      question.querySelector(".handbook-quiz__actions").hidden = false
      for (const feedback of question.querySelectorAll("[data-feedback]"))
        feedback.hidden = true
      if (question.dataset.question in state.results)
        showResult(question)
    }
    render(false)
  }

  function main() {
    for (const form of document.querySelectorAll("[data-quiz]:not([data-enhanced])")) {
      form.dataset.enhanced = ""
      enhance(form)
    }
  }

  document$.subscribe(main)
})()
