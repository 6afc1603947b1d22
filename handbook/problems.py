"""Problems in content an editor wrote, collected so that one run lists
them all. Each message names the file, the line, the item, what is wrong
and how to fix it, in Finnish."""


class Problem:
    """One mistake: where it is and what to do."""

    def __init__(self, file, message, line=None, item=None):
        self.file, self.message, self.line, self.item = file, message, line, item

    def __str__(self):
        where = self.file + (f", rivi {self.line}" if self.line else "")
        return printable(f"{where}{f' ({self.item})' if self.item else ''}: {self.message}")


class ContentError(Exception):
    """Raised with every problem found; str() lists them, one a line."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(map(str, self.problems)))


class Problems(list):
    """The problems found so far in one run."""

    def add(self, file, message, line=None, item=None):
        self.append(Problem(file, message, line, item))

    def raise_any(self):
        if self:
            raise ContentError(self)


def printable(text):
    """text with control characters and line breaks written as escapes
    (\\x1b, \\n), so that a file name or a text from docs/ cannot rewrite the
    terminal or the CI log a message is read in (an ESC sequence could hide
    the line) nor add a line of its own."""
    return "".join(
        character if character.isprintable() else repr(character)[1:-1] for character in text
    )


def closest(word, choices):
    """The choice an editor most likely meant by word (a typo: a letter
    missing, extra, wrong or two swapped; case ignored), or None if none is
    that close. Allowed: one edit in four letters, at least one."""
    choices = list(choices)
    if word in choices:
        return None
    limit = max(1, len(word) // 4)
    distances = [(_distance(word.lower(), choice.lower()), choice) for choice in choices]
    close = [(distance, choice) for distance, choice in distances if distance <= limit]
    return min(close, key=lambda found: found[0])[1] if close else None


def did_you_mean(word, choices):
    """The end of a message offering the choice closest to word
    ("; tarkoititko 'x'?"), or "" when none is close."""
    choice = closest(word, choices)
    return f"; tarkoititko '{choice}'?" if choice else ""


def _distance(a, b):
    """Edits between a and b: letters added, removed, changed or two
    neighbours swapped (optimal string alignment)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            cost = letter != other
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
            if i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
