"""A problem in an imported file, located by path and line: what every reader of a file raises.

Plain Python, no Django, as the readers of the formats (listing/, wordpress/).
"""


class FileProblem(ValueError):
    """A problem in a file to import, located by path and line; ``str()`` is ``PATH:LINE: message``."""

    def __init__(self, path, line, message):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")

    def __reduce__(self):
        # Rebuilt from its parts when it comes back from another process.
        return type(self), (self.path, self.line, self.message)
