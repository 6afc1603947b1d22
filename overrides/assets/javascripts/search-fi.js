/*
 * Finnish search.
 *
 * Material's search worker appends "*" to every typed word and prefix-matches
 * it, which skips Lunr's stemmer: "salassapitovelvollisuuden*" never matched
 * "salassapitovelvollisuus". So the index keeps whole words (no stemmer in
 * mkdocs.yml) and this file turns each typed word into a short Finnish stem
 * ("salassapitovelvollisuu") before the query reaches the worker; the prefix
 * match then finds every inflected form on the pages.
 *
 * It rewrites the messages the theme posts to its search worker. Loaded after
 * Material's bundle, which has created the worker by then: the index reaches
 * the worker later (it is fetched), and every query after that. Runs once
 * per page load; instant navigation keeps it.
 */
(() => {
  "use strict"

  /* Material's message types (SearchMessageType): the index on its way to
     the worker, and a search query (the same number in Zensical) */
  const SEARCH_SETUP = 0
  const SEARCH_QUERY = 2

  /* A stem is never cut shorter than this, so it stays specific */
  const MIN_STEM = 4

  /* Clitics and possessive suffixes: työssäsi, päivityksissäsi, -kin, -kaan */
  const SUFFIXES = ["kaan", "kään", "kin", "han", "hän", "nsa", "nsä",
    "mme", "nne", "ni", "si"]

  /* Case endings, plural forms first (the longest ending that fits wins) */
  const CASE_ENDINGS = [
    "isiin", "itten", "ineen", "issa", "issä", "ista", "istä", "illa", "illä",
    "ilta", "iltä", "ille", "iksi", "ihin", "iden", "seen", "iin", "ssa", "ssä",
    "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "tta", "ttä",
    "ien", "ina", "inä", "ita", "itä", "nen", "na", "nä", "ta", "tä", "ja",
    "jä", "n", "t", "a", "ä"
  ].sort((a, b) => b.length - a.length)

  const VOWEL = /[aeiouyäöå]$/

  /* Remove the first ending in `endings` that leaves a long enough stem */
  function removeEnding(word, endings) {
    for (const ending of endings)
      if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM)
        return word.slice(0, -ending.length)
    return word
  }

  /* Cut a word back to the part its inflected forms share */
  function stem(word) {
    let w = word.toLowerCase()
    if (w.length <= MIN_STEM)
      return w
    w = removeEnding(w, SUFFIXES)
    w = removeEnding(w, CASE_ENDINGS)

    /* Stem vowels: virkaprofiile-issa, naantali-ssa, osoittee-lla */
    while (VOWEL.test(w) && w.length > MIN_STEM)
      w = w.slice(0, -1)

    /* Consonant gradation and stem changes, each to the shared prefix:
       viestinn/viestint, kaupung/kaupunk, osoitt/osoit, työaj/työaik,
       velvollisuud/velvollisuus, päivityks/päivitys, sosiaalis/sosiaalinen */
    const shorter = w
      .replace(/([lmnr])[kptgd]$|([kptlmnrs])\2$/, "$1$2")
      .replace(/(?<=[aeiouyäö])[dsj]$|ks$/, "")
    return shorter.length >= MIN_STEM ? shorter : w
  }

  /* Stem every word of a query; operators and punctuation stay as typed */
  function stemQuery(query) {
    return query.replace(/\p{L}+/gu, stem)
  }

  /* Everyday words ------------------------------------------------------- */

  /* A stem at least this long is also looked for inside compounds
     ("velvollisuu" in "salassapitovelvollisuus"); shorter ones only start a
     word, or "ei" would find every word that holds those letters */
  const MIN_COMPOUND_PART = 5

  /* A stem at least this long forgives one typo (a letter wrong, missing or
     extra), but only when the pages hold no word with the stem as typed */
  const MIN_TYPO_STEM = 6

  /* The words on the pages, lowercased, from the index Material hands to
     its worker; null until it has (then typos are not corrected). Also the
     words as Lunr splits them (the index's own separator, from mkdocs.yml,
     else Lunr's default; trimmed), for compoundEnds(). The index is only
     kept as the page loads and read at the first word of a query (not at
     the empty query Material sends as the page loads): reading it is a
     long task on a phone, which a page load need not pay for */
  let indexWords = null
  let lunrWords = null
  let unreadIndex = null

  function rememberIndexWords(index) {
    unreadIndex = index
  }

  function readIndexWords() {
    if (unreadIndex === null)
      return
    const index = unreadIndex
    unreadIndex = null
    const words = new Set(), tokens = new Set()
    const separator = new RegExp((index && index.config && index.config.separator) || "[\\s\\-]+")
    for (const doc of (index && index.docs) || []) {
      const text = `${doc.title} ${doc.text}`.toLowerCase()
      for (const word of text.split(/[^\p{L}\p{N}]+/u))
        words.add(word)
      for (const token of text.replace(/<[^>]*>/g, " ").split(separator))
        tokens.add(token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    }
    indexWords = [...words]
    lunrWords = [...tokens]
  }

  /* Does some word Lunr holds have the stem after its start, as
     "salassapitovelvollisuus" has "velvollisuu"? If none has, the stem as
     a prefix finds the same words, without the leading wildcard that makes
     Lunr go through every word it holds */
  const compoundEnds = wordStem =>
    lunrWords === null || lunrWords.some(word => word.indexOf(wordStem, 1) > 0)

  /* Synonyms editors keep in docs/data/synonyms.yml, on every page as JSON
     (overrides/main.html): Map of a typed word's stem to guideline words */
  let synonymsByStem = null

  function synonyms() {
    if (synonymsByStem === null) {
      synonymsByStem = new Map()
      for (const [word, words] of Object.entries(handbook.pageData("handbook-synonyms", {})))
        synonymsByStem.set(stem(word), words.split(/\s+/))
    }
    return synonymsByStem
  }

  /* The ways `typed` is one edit away from the start of `word`, each as the
     corrected letters: "salasapito" at the start of "salassapitovelvollisuus"
     gives "salassapito" */
  function corrections(typed, word) {
    for (let i = 0; i < typed.length; i++)
      if (typed[i] !== word[i]) {
        const before = typed.slice(0, i), rest = typed.slice(i + 1)
        if (i >= word.length)
          return rest ? [] : [before]                         /* one letter extra at the end */
        return [
          word.startsWith(rest, i + 1) && before + word[i] + rest,            /* wrong letter */
          word.startsWith(rest, i) && before + rest,                          /* extra letter */
          word.startsWith(typed.slice(i), i + 1) && before + word[i] + typed.slice(i)  /* missing */
        ].filter(Boolean)
      }
    return [typed]
  }

  /* Stems one typo away from words on the pages, also inside compounds */
  function typoFixes(wordStem) {
    const fixes = new Set()
    for (const word of indexWords)
      for (let start = 0; start <= word.length - wordStem.length + 1; start++)
        for (const fixed of corrections(wordStem, word.slice(start)))
          fixes.add(fixed)
    return [...fixes]
  }

  /* A stem as a Lunr term: long stems also inside compounds ("*stem";
     Material appends the "*" that makes it a prefix) */
  function term(wordStem) {
    return wordStem.length >= MIN_COMPOUND_PART && compoundEnds(wordStem) ? `*${wordStem}` : wordStem
  }

  /* Does some word on the pages hold this stem the way term() looks for it? */
  function onPages(wordStem) {
    return indexWords === null || indexWords.some(word =>
      wordStem.length >= MIN_COMPOUND_PART ? word.includes(wordStem) : word.startsWith(wordStem))
  }

  /* One typed word as the Lunr terms to look for: its stem when the pages
     hold it, the guideline's words for it (synonyms), and when the pages
     do not hold it, its spelling one typo away from words that are there */
  function expandWord(word) {
    readIndexWords()
    const wordStem = stem(word)
    const terms = []
    if (onPages(wordStem))
      terms.push(term(wordStem))
    for (const onPage of lemmaWords(word))
      terms.push(onPage)
    for (const synonym of nearest(synonyms(), wordStem) || [])
      terms.push(term(stem(synonym)))
    if (!terms.length && indexWords !== null && wordStem.length >= MIN_TYPO_STEM)
      for (const fixed of typoFixes(wordStem))
        terms.push(term(fixed))
    return terms.length ? [...new Set(terms)].join(" ") : term(wordStem)
  }

  /* Base forms and compounds ------------------------------------------ */

  /* The site's own words by base form and compound part, made at build time
     from Voikko's Finnish morphology (hooks/search.py, handbook/lemmas.py):
     {"kuva": ["kuvia", ...], "velvollisuus": ["salassapitovelvollisuus", ...]}.
     Fetched when the reader opens the search, never on page load; null
     until it has come, and without it (Zensical, or no Voikko at build time:
     the stems above do the work) */
  const LEMMAS = new URL("../../search/lemmas.json", document.currentScript.src)
  /* Material's index: posted to its worker once, before the first query.
     This file loads after Material's bundle (theme.js), so on a slow page
     the index may have gone by before it ran; the first query then fetches
     it again, from the browser's cache */
  const INDEX = new URL("../../search/search_index.json", document.currentScript.src)
  let lemmas = null
  let lemmaKeysByStem = new Map()
  let lemmasLoading = null
  let lemmasReady = false
  let indexChecked = false

  function loadLemmas() {
    if (lemmasLoading === null)
      lemmasLoading = fetch(LEMMAS)
        .then(response => response.ok ? response.json() : null)
        .catch(() => null)
        .then(data => {
          lemmas = data
          for (const key of Object.keys(data || {}))
            lemmaKeysByStem.set(stem(key), [...(lemmaKeysByStem.get(stem(key)) || []), key])
          lemmasReady = true
        })
    return lemmasLoading
  }

  let indexLoading = null

  function loadMissedIndex() {
    if (indexLoading === null)
      indexLoading = unreadIndex !== null || indexWords !== null
        ? Promise.resolve()
        : fetch(INDEX)
          .then(response => response.ok ? response.json() : null)
          .catch(() => null)
          .then(index => {
            if (index && unreadIndex === null && indexWords === null)
              rememberIndexWords(index)
          })
    return indexLoading
  }

  /* The words on the pages for a typed word that is a base form or part
     (kuva), an inflected form of one (kuvat: its stem is a base form's
     stem), or a compound of two (työsähköposti: työ + sähköposti) */
  function lemmaWords(typed) {
    if (!lemmas)
      return []
    const word = typed.toLowerCase()
    const keys = keysFor(word)
    if (keys.length)
      return keys.flatMap(key => lemmas[key])
    /* A compound typed whole: its longest known last part (the head of a
       Finnish compound, which says what it is: työ|sähköposti), and its
       first part too when that is a word of its own (not työ, which would
       bring every työ- word) */
    for (let split = MIN_STEM - 1; split <= word.length - MIN_STEM; split++) {
      const tail = keysFor(word.slice(split))
      if (tail.length) {
        const first = split >= MIN_COMPOUND_PART ? keysFor(word.slice(0, split)) : []
        return [...first, ...tail].flatMap(key => lemmas[key])
      }
    }
    return []
  }

  function keysFor(word) {
    if (Object.hasOwn(lemmas, word))
      return [word]
    return word.length >= MIN_STEM ? nearest(lemmaKeysByStem, stem(word)) || [] : []
  }

  /* What a map keyed by stems holds for a stem, or else for the longest
     shorter stem (at least MIN_COMPOUND_PART letters, at most two shorter):
     the stems of valeuutiset and valeuutinen differ by their last letter */
  function nearest(byStem, wordStem) {
    if (byStem.has(wordStem))
      return byStem.get(wordStem)
    for (let length = wordStem.length - 1; length >= Math.max(MIN_COMPOUND_PART, wordStem.length - 2); length--)
      if (byStem.has(wordStem.slice(0, length)))
        return byStem.get(wordStem.slice(0, length))
    return undefined
  }

  /* A query of everyday words as the terms Material's worker looks for */
  function expandQuery(query) {
    return query.replace(/\p{L}+/gu, expandWord)
  }

  /* A query message on its way to the worker. Material sends the typed text
     as data, to Lunr: its words expanded (stems, compounds, synonyms,
     typos). Zensical sends {input, filter} to an engine of its own, which
     reads no Lunr syntax: its words only stemmed (measured: 21/22 found) */
  function expandMessage(message) {
    if (!message || message.type !== SEARCH_QUERY)
      return message
    const data = message.data
    if (typeof data === "string")
      return { ...message, data: expandQuery(data) }
    if (data && typeof data.input === "string")
      return { ...message, data: { ...data, input: stemQuery(data.input) } }
    return message
  }

  /* The text of a query message: Material's string, Zensical's {input} */
  const queryText = message =>
    typeof message.data === "string" ? message.data : String((message.data && message.data.input) || "")

  /* Rewrite query messages on their way to the theme's search worker (the
     only worker on the site), also one created before this file ran */
  const postMessage = Worker.prototype.postMessage
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === SEARCH_SETUP)
      rememberIndexWords(message.data)
    /* The first query with a word in it waits for the word data (a few KB,
       fetched once; Material also sends an empty query as the page loads),
       and for the index if it went by before this file ran */
    if (message && message.type === SEARCH_QUERY && !(lemmasReady && indexChecked)
      && /\p{L}/u.test(queryText(message))) {
      Promise.all([loadLemmas(), loadMissedIndex()]).then(() => {
        indexChecked = true
        postMessage.call(this, expandMessage(message), ...rest)
      })
      return undefined
    }
    return postMessage.call(this, expandMessage(message), ...rest)
  }

  /* Opening the search starts fetching the word data */
  document.addEventListener("focusin", event => {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]"))
      loadLemmas()
  })

  /* For tests and the search benchmark (bench/search_recall.py) */
  window.handbookSearch = {
    stem, stemQuery, expandQuery, expandMessage, loadLemmas,
    indexRead: () => indexWords !== null
  }
})()
