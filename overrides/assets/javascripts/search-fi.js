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
 * Loaded in <head> (overrides/main.html), before Material's bundle creates
 * its search worker. Runs once per page load; instant navigation keeps it.
 */
(() => {
  "use strict"

  /* The message type of a search query, in Material (SearchMessageType.QUERY)
     and in Zensical alike */
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

  /* A query message with its words stemmed, in either format: Material
     sends the typed text as data, Zensical sends data as {input, filter} */
  function stemMessage(message) {
    if (!message || message.type !== SEARCH_QUERY) return message
    const data = message.data
    if (typeof data === "string")
      return { ...message, data: stemQuery(data) }
    if (data && typeof data.input === "string")
      return { ...message, data: { ...data, input: stemQuery(data.input) } }
    return message
  }

  /* Rewrite query messages on their way to the theme's search worker */
  const NativeWorker = window.Worker
  window.Worker = class extends NativeWorker {
    postMessage(message, ...rest) {
      super.postMessage(stemMessage(message), ...rest)
    }
  }

  /* For tests and the search benchmark (bench/search_recall.py) */
  window.handbookSearch = { stem, stemQuery, stemMessage }
})()
