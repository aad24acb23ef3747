"""Every post held by one person, with the article and page that state it (pandas).

    make extract && .venv/bin/python examples/pandas_posts_of_person.py 孙若兰 [--out out]

Without a name, the first official (not the paper's staff: bylines, credit lines) of the run is used. People with
the same name are told apart by `person_id` (the place their post names, journalist or official),
which joins officials to people and careers.
"""

import argparse
import sys
from pathlib import Path

import pandas as pd


def read(out: Path, table: str, columns: list[str]) -> pd.DataFrame:
    """One table of a difang run folder (a Parquet dataset folder), only the given columns."""
    return pd.read_parquet(out / table, columns=columns)


def default_person(officials: pd.DataFrame, people: pd.DataFrame) -> str | None:
    """The first official of the run (people.context ends in `official`), preferring them over the
    paper's staff (reporters, editors: context `journalist`)."""
    contexts = officials.merge(people, on="person_id", how="left")
    named = contexts[contexts["context"].fillna("").str.endswith("official")]
    pool = named if len(named) else contexts
    return pool["person"].iloc[0] if len(pool) else None


def posts_of(person: str, out: Path) -> pd.DataFrame:
    """One row per (person_id, post, article): the post as written, its parts, date (and where the
    date came from), title and source page; joined on ids alone."""
    officials = read(out, "officials", ["person_id", "article_id", "doc_id", "person", "post", "post_org", "post_role", "qualifier", "date", "date_source"])
    people = read(out, "people", ["person_id", "context"])
    articles = read(out, "articles", ["article_id", "title"])
    documents = read(out, "documents", ["doc_id", "path"])
    rows = officials[officials["person"] == person].drop_duplicates(["person_id", "article_id", "post"])
    rows = rows.merge(people, on="person_id").merge(articles, on="article_id").merge(documents, on="doc_id")
    return rows.sort_values(["person_id", "date", "path", "article_id"], na_position="last")[
        ["person_id", "context", "post", "post_role", "qualifier", "date", "date_source", "title", "path"]
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?", help="Person's name as in officials.person (default: the first official)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="difang run folder (default: out)")
    args = parser.parse_args()
    if not (args.out / "officials").exists():
        print(f"{args.out}/officials not found: run `make extract` first (or pass --out)", file=sys.stderr)
        return 2
    name = args.name or default_person(read(args.out, "officials", ["person", "person_id"]), read(args.out, "people", ["person_id", "context"]))
    if name is None:
        print("no officials in this run", file=sys.stderr)
        return 1
    posts = posts_of(name, args.out)
    print(
        f"Posts held by {name}: {posts['post'].nunique()} distinct post(s) in {len(posts.drop_duplicates(['title', 'path']))} article(s), "
        f"{posts['person_id'].nunique()} person(s) of that name"
    )
    with pd.option_context("display.max_colwidth", 30, "display.width", 200):
        print(posts.to_string(index=False) if len(posts) else "(none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
