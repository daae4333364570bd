"""The ready-made interview formats the start page offers: plain presets (a number of questions
and minutes, any topic) and loops that mix topics the way a real screening round does."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    question_count: int
    minutes: int


@dataclass(frozen=True)
class Loop:
    """A screen for one kind of job: `mix` is (topic slug, number of questions), in the order asked."""

    name: str
    label: str
    description: str
    minutes: int
    mix: tuple[tuple[str, int], ...]

    @property
    def question_count(self) -> int:
        return sum(count for _, count in self.mix)


PRESETS = {
    preset.name: preset
    for preset in (
        Preset("quick", "Quick", 3, 10),
        Preset("standard", "Standard", 5, 25),
        Preset("full", "Full", 10, 45),
    )
}

LOOPS = {
    loop.name: loop
    for loop in (
        Loop(
            "product-analytics",
            "Product analytics screen",
            "Two product and metrics cases, an A/B testing question, a SQL query and one behavioural question.",
            40,
            (("product-metrics", 2), ("ab-testing", 1), ("sql", 1), ("behavioural", 1)),
        ),
        Loop(
            "ml-engineer",
            "ML engineer screen",
            "An ML system design case, a Python coding question and three machine-learning questions.",
            45,
            (
                ("ml-system-design", 1),
                ("python-pandas", 1),
                ("model-evaluation", 1),
                ("regression-and-classification", 1),
                ("trees-and-ensembles", 1),
            ),
        ),
        Loop(
            "statistics",
            "Statistics screen",
            "Two probability questions, two on statistical inference and one on experiment design.",
            30,
            (("probability", 2), ("statistical-inference", 2), ("ab-testing", 1)),
        ),
    )
}


# A session of the questions due for review (its time is their suggested minutes), and one of
# a single question started from the bank ("Practise now"), or of the missed ones of a review.
REVIEW_DUE = "review"
SINGLE = "single"
# The questions whose key points a review found missed ("Practise these" on the review page).
MISSED = "missed"
REVIEW_LENGTHS = (3, 5, 10, 20)
OTHER_FORMATS = {REVIEW_DUE: "Review due", SINGLE: "One question", MISSED: "Missed points"}


def format_label(name: str) -> str:
    """What the history calls a session's format: the preset's or loop's name, else Custom."""
    known = PRESETS.get(name) or LOOPS.get(name)
    return known.label if known else OTHER_FORMATS.get(name, "Custom")
