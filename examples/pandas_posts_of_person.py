"""Every post held by one person, with the article and page that state it (pandas).

    make extract && .venv/bin/python examples/pandas_posts_of_person.py 孙若兰 [--out out]

Without a name, the first official (not a reporter from a byline) of the run is used.
"""

import argparse
import sys
from pathlib import Path

import pandas as pd


def read(out: Path, table: str, columns: list[str]) -> pd.DataFrame:
    """One table of a difang run folder (a Parquet dataset folder), only the given columns."""
    return pd.read_parquet(out / table, columns=columns)


def default_person(officials: pd.DataFrame) -> str | None:
    """The first official of the run, preferring people named in the text over byline reporters."""
    named = officials[~officials["from_byline"].fillna(False).astype(bool)]
    pool = named if len(named) else officials
    return pool["person"].iloc[0] if len(pool) else None


def posts_of(person: str, out: Path) -> pd.DataFrame:
    """One row per (post, article): the post as written, its parts, date, title and source page."""
    officials = read(out, "officials", ["article_id", "doc_id", "person", "post", "post_org", "post_role", "qualifier", "date"])
    articles = read(out, "articles", ["article_id", "title"])
    documents = read(out, "documents", ["doc_id", "path"])
    rows = officials[officials["person"] == person].drop_duplicates(["article_id", "post"])
    rows = rows.merge(articles, on="article_id", how="left").merge(documents, on="doc_id", how="left")
    return rows.sort_values(["date", "path", "article_id"], na_position="last")[
        ["post", "post_org", "post_role", "qualifier", "date", "title", "path", "article_id"]
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?", help="Person's name as in officials.person (default: the first official)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="difang run folder (default: out)")
    args = parser.parse_args()
    if not (args.out / "officials").exists():
        print(f"{args.out}/officials not found: run `make extract` first (or pass --out)", file=sys.stderr)
        return 2
    name = args.name or default_person(read(args.out, "officials", ["person", "from_byline"]))
    if name is None:
        print("no officials in this run", file=sys.stderr)
        return 1
    posts = posts_of(name, args.out)
    print(f"Posts held by {name}: {posts['post'].nunique()} distinct post(s) in {posts['article_id'].nunique()} article(s)")
    with pd.option_context("display.max_colwidth", 30, "display.width", 200):
        print(posts.to_string(index=False) if len(posts) else "(none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
