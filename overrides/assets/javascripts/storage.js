/*
 * Browser storage for the handbook's features (checklist.js,
 * account-plan.js, quiz.js). Keys start with the site's path, as Material
 * scopes its own (__md_scope, base.html), so two sites on one host never
 * share state. If storage is blocked, load gives null and save does nothing.
 */
window.handbookStorage = {
  key: name => `${__md_scope.pathname}handbook.${name}`,

  load(name) {
    try {
      return JSON.parse(localStorage.getItem(this.key(name)))
    } catch {
      return null  /* blocked or garbled */
    }
  },

  save(name, value) {
    try {
      localStorage.setItem(this.key(name), JSON.stringify(value))
    } catch {
      /* blocked: the feature keeps its state for this visit only */
    }
  }
}
