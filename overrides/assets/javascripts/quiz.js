/*
 * Self-check quiz (overrides/handbook/quiz.html): one question at a time,
 * right or wrong in words with the explanation and rule; then the first-try
 * score, rules to reread, retry of the wrong ones and a printable record.
 * The attempt is kept by storage.js. Without JS all questions and answers show.
 *
 * The attempt follows the content between builds. An option is known by a
 * hash of its text, not its position, so reordered options keep their
 * answers. A question is known by its id and a hash of its prompt, options
 * and which are right: if any changed (or the id is gone), its answer is
 * dropped and it is asked again. New questions join the round.
 *
 * With `draw` in quiz.yml (data-draw), an attempt asks that many questions,
 * drawn from every part of the guideline (the page of each question's rule)
 * in proportion to the questions on it; the attempt keeps its questions.
 * The reader may instead take every question (state.all), from the start
 * (before answering any) or after a round.
 *
 * A finished attempt records the version of each rule it asked about
 * (finished.rules: {rule key: hash}, from #handbook-rules, macros.py). When
 * the guideline changes one of them, the result offers a re-check: a round
 * of just the questions on the changed rules, whose answers then count.
 */
(() => {
  "use strict"

  const VERSION = 1
  const TEXT = {
    damaged: "Aiempaa vastauskertaa ei voitu lukea, joten kysely alkaa alusta.",
    choose: "Valitse ensin vastaus.",
    right: "✓ Oikein!",
    wrong: "✗ Väärin.",
    /* Told to a screen reader as the reader moves on */
    question: (position, count) => `Kysymys ${position}/${count}`,
    restart: "Uusi kierros alkoi.",
    retry: "Vastaat uudelleen vääriin.",
    all: "Vastaat kaikkiin kysymyksiin.",
    recheck: "Vastaat muuttuneita kohtia koskeviin kysymyksiin."
  }
  const { isList, isMap } = handbookStorage
  const isFlag = value => typeof value === "boolean"
  const isText = value => typeof value === "string"
  const isState = s => isMap(s, () => true) && s.version === VERSION &&
    isList(s.order) && isList(s.round) && isMap(s.questions, isText) &&
    isMap(s.options, isList) && isMap(s.answers, isList) && isMap(s.first, isFlag) &&
    isMap(s.results, isFlag) && (s.shown === null || isText(s.shown)) &&
    isFlag(s.retried) && (s.all === undefined || isFlag(s.all)) &&
    /* finished.rules came later: an attempt finished before has none */
    (s.finished === null || isMap({ ...s.finished, rules: "" }, isText) &&
      Date.parse(s.finished.at) > 0 && isMap(s.finished.rules ?? {}, isText)) && isText(s.name)

  const hash = text => {
    let h = 7
    for (const c of text)
      h = Math.imul(h, 31) + c.codePointAt(0) | 0
    return (h >>> 0).toString(36)
  }
  const shuffled = items => items
    .map(item => [Math.random(), item]).sort((a, b) => a[0] - b[0]).map(([, item]) => item)
  const has = (map, id) => Object.hasOwn(map, id)

  function enhance(form) {
    const name = form.dataset.quiz
    const questions = [...form.querySelectorAll("[data-question]")]
    const bank = questions.map(question => question.dataset.question)
    const byId = Object.fromEntries(questions.map(q => [q.dataset.question, q]))
    const progressText = form.querySelector("[data-progress-text]")
    const progressBar = form.querySelector("progress")
    const status = form.querySelector("[data-status]")
    const summary = form.querySelector("[data-summary]")
    const nameField = summary.querySelector("[data-name]")
    const shuffle = what => form.dataset[`shuffle${what}`] === "true"
    const inputs = question => [...question.querySelectorAll("input")]
    const isCorrect = input => input.closest("[data-correct]").dataset.correct === "true"
    /* Each rule's version now: {key: hash} (macros.py rule_versions) */
    const versions = Object.fromEntries(
      handbook.pageData("handbook-rules", []).map(rule => [rule.key, rule.hash]))
    const ruleOf = id => byId[id].dataset.ruleKey

    /* `size` questions of `pool`, every part represented (when size allows)
       and the rest shared in proportion; in the page's order */
    const size = Math.min(+form.dataset.draw || bank.length, bank.length)
    function draw(pool, size) {
      if (size >= pool.length)
        return pool
      const parts = {}
      for (const id of shuffled(pool))
        (parts[byId[id].dataset.part] ??= []).push(id)
      const groups = Object.values(parts)
      const share = groups.map(group => size * group.length / pool.length)
      const quota = share.map(Math.floor)
      const turn = groups.map((_, i) => i).sort((a, b) =>
        (quota[a] > 0) - (quota[b] > 0) || (share[b] % 1) - (share[a] % 1))
      for (let left = size - quota.reduce((a, b) => a + b, 0); left > 0;)
        for (const i of turn)
          if (left > 0 && quota[i] < groups[i].length) {
            quota[i]++
            left--
          }
      const picked = new Set(groups.flatMap((group, i) => group.slice(0, quota[i])))
      return pool.filter(id => picked.has(id))
    }

    /* A question is made ready when first needed, so a long bank costs
       nothing at load: option keys (hash of the text) as input values, the
       signature, feedback hidden until answered */
    const keys = {}
    const signatures = {}
    function prepare(id) {
      if (has(keys, id))
        return
      const question = byId[id]
      for (const input of inputs(question))
        input.value = hash(input.labels[0].textContent.trim())
      keys[id] = inputs(question).map(input => input.value)
      signatures[id] = hash(question.querySelector("legend").textContent.trim() +
        inputs(question).map(input => input.value + isCorrect(input)).sort().join())
      resetQuestion(question)
    }
    const signature = id => (prepare(id), signatures[id])
    const optionKeys = id => (prepare(id), keys[id])

    const newState = (all = false) => {
      const drawn = draw(bank, all ? bank.length : size)
      const order = shuffle("Questions") ? shuffled(drawn) : drawn
      return { version: VERSION, order, round: order, questions: {}, options: {}, answers: {},
        first: {}, results: {}, shown: order[0], retried: false, finished: null, name: "", all }
    }
    const stored = handbookStorage.load(`quiz.${name}`, isState)
    if (stored.damaged)
      handbookStorage.note(form.querySelector("h2"), TEXT.damaged)
    let state = stored.value || newState()
    const save = () => handbookStorage.save(`quiz.${name}`, state)
    const answered = id => has(state.results, id)

    /* The next question to ask in this round after `from`, or null */
    const next = from => {
      const start = state.round.indexOf(from) + 1
      return [...state.round.slice(start), ...state.round.slice(0, start)]
        .find(id => !answered(id)) ?? null
    }

    /* Fit the attempt to the questions on the page now */
    function reconcile() {
      const seen = { ...state.questions, ...state.answers, ...state.first, ...state.results }
      for (const id in seen)
        if (!has(byId, id) || state.questions[id] !== signature(id))
          for (const map of [state.questions, state.answers, state.first, state.results])
            delete map[id]
      const kept = [...new Set(state.order)].filter(id => has(byId, id))
      const wanted = state.all ? bank.length : size
      const added = draw(bank.filter(id => !kept.includes(id)), Math.max(wanted - kept.length, 0))
      state.order = shuffle("Questions") ? [...kept, ...added]
        : bank.filter(id => kept.includes(id) || added.includes(id))
      state.round = state.order.filter(id => state.round.includes(id) || !answered(id))
      /* Unshuffled options need no record */
      state.options = !shuffle("Options") ? {} : Object.fromEntries(bank.map(id => {
        const old = state.options[id] || [], now = optionKeys(id)
        return [id, old.length === now.length && now.every(key => old.includes(key)) ? old : shuffled(now)]
      }))
      if (!state.round.includes(state.shown))
        state.shown = next(null)
      if (state.shown !== null)
        state.finished = null
    }

    /* Shuffled options in the attempt's order */
    function orderOptions() {
      for (const [id, order] of Object.entries(state.options)) {
        const fieldset = byId[id].querySelector("fieldset")
        for (const key of order)
          fieldset.append(fieldset.querySelector(`input[value="${key}"]`).parentElement)
      }
    }

    /* "Valitse ensin vastaus." as an announced error tied to the fieldset */
    function showError(question, on) {
      const error = question.querySelector("[data-error]")
      const fieldset = question.querySelector("fieldset")
      error.textContent = on ? TEXT.choose : ""
      fieldset.setAttribute("aria-invalid", on)
      fieldset.setAttribute("aria-describedby", error.id)
    }

    function showResult(question) {
      const id = question.dataset.question
      const chosen = new Set(state.answers[id])
      for (const input of inputs(question)) {
        const option = input.closest("[data-correct]")
        input.checked = chosen.has(input.value)
        input.disabled = true
        option.dataset.state = isCorrect(input) ? "correct" : input.checked ? "wrong" : ""
        option.querySelector("[data-mark]").textContent =
          isCorrect(input) ? "✓ oikea vastaus" : input.checked ? "✗ väärä valinta" : ""
        option.querySelector("[data-feedback]")?.toggleAttribute("hidden", !input.checked)
      }
      const panel = document.createElement("div")
      panel.className = "handbook-quiz__panel"
      panel.dataset.right = state.results[id]
      const verdict = document.createElement("p")
      verdict.className = "handbook-quiz__verdict"
      verdict.textContent = state.results[id] ? TEXT.right : TEXT.wrong
      panel.append(verdict, ...question.querySelector("[data-explanation]").cloneNode(true).children)
      question.querySelector("[data-result]").replaceChildren(panel)
      showButtons(question, true)
    }

    /* After "Tarkista": the question, the reader's choice and the verdict
       in view (a question too long for the screen keeps the choice and
       verdict), and the focused "Seuraava kysymys" too, below the
       explanation on a phone, as far as that keeps them. One scroll to one
       place, worked out from where everything is now. */
    function showInView(question) {
      const button = question.querySelector("[data-action=next]")
      button.focus({ preventScroll: true })
      const top = element => element.getBoundingClientRect().top + window.scrollY
      const bottom = element => element.getBoundingClientRect().bottom + window.scrollY
      const header = document.querySelector(".md-header")?.offsetHeight || 0
      const screen = window.innerHeight
      const verdict = question.querySelector(".handbook-quiz__verdict")
      const choice = inputs(question).find(input => input.checked).labels[0]
      const room = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0
      let y = top(question) - room - parseFloat(getComputedStyle(question).scrollMarginTop)
      if (bottom(verdict) > y + screen)
        y = bottom(verdict) - screen
      if (bottom(button) + 8 > y + screen) {
        const kept = [question.querySelector("legend"), choice]
          .map(top).find(start => start - y >= header)
        if (kept !== undefined)
          y = Math.min(bottom(button) + 8 - screen, kept - header)
      }
      window.scrollTo({ top: Math.floor(y), behavior: "instant" })
    }

    /* "Tarkista" before the answer, "Seuraava kysymys" after it */
    function showButtons(question, answered) {
      question.querySelector("[data-action=check]").hidden = answered
      question.querySelector("[data-action=next]").hidden = !answered
    }

    function resetQuestion(question) {
      for (const input of inputs(question)) {
        input.checked = input.disabled = false
        const option = input.closest("[data-correct]")
        option.dataset.state = ""
        option.querySelector("[data-mark]").textContent = ""
        option.querySelector("[data-feedback]")?.setAttribute("hidden", "")
      }
      showError(question, false)
      question.querySelector("[data-result]").replaceChildren()
      showButtons(question, false)
    }

    function showSummary() {
      const ids = state.order
      const total = ids.length
      const count = results => ids.filter(id => results[id] === true).length
      const percent = score => Math.round(100 * score / total)
      const first = count(state.first)
      const passMark = +form.dataset.passMark
      const passed = percent(first) >= passMark
      const finished = new Date(state.finished.at)
      const wrong = ids.map(id => byId[id]).filter(q => state.first[q.dataset.question] === false)
      const say = (what, text) => { summary.querySelector(`[data-${what}]`).textContent = text }
      say("verdict", passed ? `✓ Hyväksytty (raja ${passMark} %).`
        : `✗ Ei vielä hyväksytty (raja ${passMark} %).`)
      summary.querySelector("[data-verdict]").dataset.right = passed
      say("score", `Oikeita vastauksia ${first}/${total} (${percent(first)} %).`)
      say("retried", "Tulos on ensimmäiseltä yritykseltä." + (state.retried
        ? ` Väärin menneisiin vastattiin uudelleen, ja lopuksi oikeita oli ${count(state.results)}/${total}.`
        : wrong.length ? " Vääriin vastauksiin ei vastattu uudelleen." : ""))
      say("date", `Suoritettu ${handbook.date(finished)} klo ${handbook.time(finished)}.` +
        (state.finished.version ? ` Ohjeen versio ${state.finished.version}.` : ""))
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
      /* Which questions this attempt drew (when it did not ask them all) */
      summary.querySelector("[data-asked]").hidden = ids.length === bank.length
      summary.querySelector("[data-asked-list]").replaceChildren(...ids.map(id => {
        const item = document.createElement("li")
        item.textContent = `${byId[id].querySelector("[data-prompt]").textContent.trim()} ` +
          (state.first[id] ? TEXT.right : TEXT.wrong)
        return item
      }))
      const changed = recheckable().length
      summary.querySelector("[data-recheck]").hidden = !changed
      summary.querySelector("[data-recheck-count]").textContent = changed
      summary.querySelector("[data-action=retry]").hidden =
        !ids.some(id => state.results[id] === false)
      nameField.value = state.name
      showName()
    }

    /* The attempt's questions on rules changed since it was finished (none
       when it recorded no versions, or a rule is gone from the page's list) */
    const recheckable = () => state.order.filter(id => {
      const was = state.finished?.rules?.[ruleOf(id)], now = versions[ruleOf(id)]
      return was && now && was !== now
    })

    const showName = () => {
      summary.querySelector("[data-name-print]").textContent = `Nimi: ${state.name.trim() || "_".repeat(30)}`
    }

    /* "Vastaa kaikkiin" after a drawn round, and at the start only before
       the first answer */
    function offerEvery() {
      for (const button of form.querySelectorAll("[data-action=all]"))
        button.hidden = state.all || "atStart" in button.dataset &&
          (state.shown === null || Object.keys(state.results).length > 0)
    }

    /* Show the current question, or the summary when the round is over;
       focus (after the reader acted) moves there and says where they are,
       after `news` ("Uusi kierros alkoi.") if there is any */
    function render(focus, news = "") {
      const finished = state.shown === null
      if (finished && !state.finished) {
        const version = document.querySelector("[data-guideline-version]")?.dataset.guidelineVersion
        const rules = Object.fromEntries(state.order.map(id => [ruleOf(id), versions[ruleOf(id)]])
          .filter(([, hash]) => hash))
        state.finished = { at: new Date().toISOString(), version: version || "", rules }
        save()
      }
      /* quiz.css shows only the question marked data-current */
      form.querySelector("[data-current]")?.removeAttribute("data-current")
      if (!finished) {
        prepare(state.shown)
        if (answered(state.shown))
          showResult(byId[state.shown])
        byId[state.shown].setAttribute("data-current", "")
      }
      form.toggleAttribute("data-finished", finished)
      offerEvery()
      summary.hidden = !finished
      form.querySelector(".handbook-quiz__progress").hidden = finished
      if (finished) {
        showSummary()
      } else {
        const position = state.round.filter(answered).length + !answered(state.shown)
        progressText.textContent = TEXT.question(position, state.round.length)
        progressBar.max = state.round.length
        progressBar.value = position
        if (focus)
          status.textContent = `${news} ${TEXT.question(position, state.round.length)}`.trim()
      }
      /* The summary is read with its verdict and score (aria-describedby) */
      if (focus)
        (finished ? summary : byId[state.shown]).focus()
    }

    form.addEventListener("click", event => {
      const action = event.target.closest("[data-action]")?.dataset.action
      const question = event.target.closest("[data-question]")
      if (action === "check") {
        const id = question.dataset.question
        const chosen = inputs(question).filter(input => input.checked).map(input => input.value)
        if (!chosen.length) {
          showError(question, true)
          /* The message must not push the focused button off screen */
          event.target.scrollIntoView({ block: "nearest" })
          return
        }
        const correct = inputs(question).filter(isCorrect).map(input => input.value)
        state.answers[id] = chosen
        state.results[id] = chosen.length === correct.length &&
          chosen.every(key => correct.includes(key))
        state.questions[id] = signature(id)
        if (!has(state.first, id))
          state.first[id] = state.results[id]
        save()
        showResult(question)
        offerEvery()
        showInView(question)
      } else if (action === "next") {
        state.shown = next(state.shown)
        save()
        render(true)
      } else if (["retry", "recheck", "restart", "all"].includes(action)) {
        const again = action === "retry" ? state.order.filter(id => state.results[id] === false)
          : action === "recheck" ? recheckable() : bank
        if (action === "recheck") {
          /* The old answers were to the old text: the new ones count */
          state.round = again
          state.finished = null
          for (const id of again)
            delete state.first[id]
        } else if (action !== "retry") {
          state = { ...newState(action === "all" || state.all), name: state.name }
          reconcile()
          orderOptions()
        } else {
          state.round = state.order.filter(id => again.includes(id))
          state.retried = true
          state.finished = null
        }
        for (const id of again) {
          delete state.answers[id]
          delete state.results[id]
          resetQuestion(byId[id])
        }
        state.shown = next(null)
        save()
        render(true, TEXT[action])
      } else if (action === "print") {
        window.print()
      }
    })
    form.addEventListener("change", event => {
      const question = event.target.closest("[data-question]")
      if (question)
        showError(question, false)
    })
    nameField.addEventListener("input", () => {
      state.name = nameField.value
      showName()
      save()
    })
    form.addEventListener("submit", event => event.preventDefault())

    foldAnswers(form)
    reconcile()
    orderOptions()
    save()
    render(false)
  }

  /* Each no-JS answer <details> becomes its hidden explanation */
  function foldAnswers(form) {
    for (const details of form.querySelectorAll("details.handbook-quiz__answer")) {
      const explanation = details.querySelector("[data-explanation]")
      explanation.hidden = true
      details.replaceWith(explanation)
    }
  }

  handbook.add("[data-quiz]", enhance)
})()
