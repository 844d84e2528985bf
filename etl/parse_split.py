"""How much of each batch's parsing the worker process takes on.

Staging runs in two processes. The pipeline's process parses a batch and
saves the one before; the worker finishes each batch (cleaning, languages,
listed headlines). Which of the two is busier depends on the inputs: a page
dump parses faster than an HTML page, and a page listing many headlines costs
the worker more. Single-article files can be parsed on either side, so the
worker takes a share of each batch's, and the share moves after every batch
towards where the two processes would have been busy for the same time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ParseSplit:
    """The share (0 to 1) of a batch's single-article files the worker parses.

    `gain` is how far each batch moves the share towards the even split it
    points to: below 1, so one noisy measurement cannot swing the share.
    """

    share: float = 0.0
    gain: float = 0.5
    seconds_per_file: float | None = None

    def for_worker(self, singles: int) -> int:
        """How many of `singles` single-article files the next batch gives the worker."""
        return round(self.share * singles)

    def parsed(self, files: int, seconds: float) -> None:
        """`files` single-article files took `seconds` to parse, on either side."""
        if files:
            self.seconds_per_file = seconds / files

    def balance(self, here: float, worker: float, singles: int) -> None:
        """A batch of `singles` single-article files kept this process busy `here`
        seconds (not counting waits for the worker) and the worker `worker` seconds."""
        if not singles or not self.seconds_per_file:
            return
        # Moving one file to the worker takes its cost from one side and adds it to
        # the other, so an imbalance of d seconds is evened out by d / 2 of files.
        shift = (here - worker) / (2 * self.seconds_per_file * singles)
        self.share = min(1.0, max(0.0, self.share + self.gain * shift))
