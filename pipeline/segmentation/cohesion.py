"""Lexical cohesion between two stretches of text: the topic-change signal between stories that
carry no headline and no opening cue (TextTiling, Hearst 1997, on character bigrams).

Two paragraphs of one story repeat its names, places and subject words; the first paragraph of
the next story shares little beyond function words with the story above. The similarity is the
cosine of the character-bigram count vectors of a window before and a window after a candidate
boundary (Han characters only, so figures and punctuation do not count). Deterministic and
linear in the window size.
"""

import math
import operator
import re
from collections import Counter

HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
WINDOW_CHARS = 400  # characters on each side; an article of the local press is 300–800


def bigrams(text: str) -> Counter:
    """Counts of adjacent Han character pairs (pairs across a non-Han character are skipped)."""
    pairs: list[str] = []
    for run in HAN_RUN.findall(text):
        pairs += map(operator.add, run, run[1:])  # run[i] + run[i + 1], in C
    return Counter(pairs)  # one count over all runs: Counter.update per run costs more than the counting


def similarity(before: str, after: str, window: int = WINDOW_CHARS) -> float:
    """Cosine (0–1) of the bigram vectors of the last `window` characters of `before` and the first
    `window` characters of `after`; 0.0 when either side has no Han bigram."""
    left, right = bigrams(before[-window:]), bigrams(after[:window])
    dot = sum(count * right[gram] for gram, count in left.items() if gram in right)
    norm = math.sqrt(sum(c * c for c in left.values())) * math.sqrt(sum(c * c for c in right.values()))
    return dot / norm if norm else 0.0


def echo(heading: str, body: str) -> float:
    """Share (0–1) of the heading's character bigrams that occur in `body`: how much a headline
    line names what the text is about."""
    wanted = set(bigrams(heading))
    return len(wanted & set(bigrams(body))) / len(wanted) if wanted else 0.0
