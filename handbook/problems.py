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
