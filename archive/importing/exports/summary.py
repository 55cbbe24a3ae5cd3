"""What an import of WordPress exports did, for the command to print."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class ExportSummary:
    """What an import of WordPress exports did, by kind: created, updated, unchanged, kept, withdrawn, skipped."""

    counts: Counter = field(default_factory=Counter)  # (kind, what became of it) → how many
    skipped: Counter = field(default_factory=Counter)  # (kind, why) → how many
    files: dict = field(default_factory=dict)  # uploads named, found in the folder: name below it → the file
    missing: set = field(default_factory=set)  # addresses of the blog's uploads the folder lacks
    copied: int = 0  # files copied into the archive's storage (the rest were there already)

    def count(self, kind, outcome, number=1):
        self.counts[(kind, outcome)] += number

    def skip(self, kind, why):
        self.skipped[(kind, why)] += 1

    @property
    def changed_anything(self):
        changes = {"created", "updated", "withdrawn"}
        return any(count for (_, outcome), count in self.counts.items() if outcome in changes)

    def lines(self):
        """The summary as the command prints it."""
        outcomes = ("created", "updated", "unchanged", "kept", "withdrawn")
        lines = []
        for kind in ("posts", "pages", "comments", "categories", "tags", "authors"):
            done = ", ".join(f"{self.counts[(kind, outcome)]} {outcome}" for outcome in outcomes
                             if self.counts[(kind, outcome)] or outcome in ("created", "unchanged"))
            why = [f"{count} {reason}" for (skipped_kind, reason), count in sorted(self.skipped.items())
                   if skipped_kind == kind]
            lines.append(f"{kind.capitalize()}: {done}" + (f"; skipped: {', '.join(why)}" if why else ""))
        if self.files or self.missing:
            lines.append(f"Files: {len(self.files)} from the uploads folder ({self.copied} copied, "
                         f"{len(self.files) - self.copied} there already); {len(self.missing)} missing from it")
            lines += [f"  missing, kept at its old address: {url}" for url in sorted(self.missing)]
        return lines
