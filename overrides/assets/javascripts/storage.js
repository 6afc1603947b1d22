/*
 * Browser storage for checklist.js, account-plan.js and quiz.js, under the
 * site's path (as Material's __md_scope). What is saved is also kept in
 * memory for the visit (instant navigation keeps it) and memory wins, so
 * storage blocked or full (QuotaExceededError) lasts the visit. load() takes
 * a shape check: a value that fails it (not JSON, another type or version)
 * is removed and reported as damaged; the feature starts clean with a note.
 */
window.handbookStorage = {
  memory: {},
  key: name => `${__md_scope.pathname}handbook.${name}`,

  /* {value} as stored; {value: null} if nothing is (or storage is
     blocked); {value: null, damaged: true} if what is there is unusable */
  load(name, isValid) {
    if (name in this.memory)
      return { value: this.memory[name] }
    let text = null
    try {
      text = localStorage.getItem(this.key(name))
    } catch {
      /* blocked */
    }
    if (text === null)
      return { value: null }
    try {
      const value = JSON.parse(text)
      if (isValid(value))
        return { value }
    } catch {
      /* not JSON */
    }
    this.remove(name)
    return { value: null, damaged: true }
  },

  save(name, value) {
    this.memory[name] = value
    try {
      localStorage.setItem(this.key(name), JSON.stringify(value))
    } catch {
      /* blocked or full: the value lasts this visit */
    }
  },

  remove(name) {
    try {
      localStorage.removeItem(this.key(name))
    } catch {
      /* blocked */
    }
  },

  /* Shape checks: a list of strings; an object whose values pass check */
  isList: value => Array.isArray(value) && value.every(item => typeof item === "string"),
  isMap: (value, check) => typeof value === "object" && value !== null &&
    !Array.isArray(value) && Object.values(value).every(check),

  /* A short note to put after a feature's heading, e.g. why it started clean */
  note(heading, text) {
    const note = document.createElement("p")
    note.className = "handbook-notice"
    note.setAttribute("role", "status")
    note.textContent = text
    heading.after(note)
  }
}
