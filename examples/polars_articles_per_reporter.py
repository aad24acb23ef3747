"""Articles per reporter, from the bylines (polars).

    make extract && .venv/bin/python examples/polars_articles_per_reporter.py [--role 记者] [--out out]

Reporters are articles.authors whose role contains --role (记者, 特约记者, 实习记者 …), plus
officials found in bylines (officials.from_byline) with such a post; each article counts once per name.
"""

import argparse
import sys
from pathlib import Path

import polars as pl


def scan(out: Path, table: str) -> pl.LazyFrame:
    """One table of a difang run folder, lazily."""
    return pl.scan_parquet(out / table / "*.parquet")


def bylines(out: Path, role: str) -> pl.LazyFrame:
    """(article_id, name, role) of every reporter credited in a byline."""
    authors = (
        scan(out, "articles")
        .select("article_id", "authors")
        .explode("authors")
        .unnest("authors")
        .filter(pl.col("role").str.contains(role, literal=True))
        .select("article_id", "name", "role")
    )
    from_officials = (
        scan(out, "officials")
        .filter(pl.col("from_byline") & pl.col("post").str.contains(role, literal=True))
        .select("article_id", pl.col("person").alias("name"), pl.col("post").alias("role"))
    )
    return pl.concat([authors, from_officials]).unique(["article_id", "name", "role"])


def articles_per_reporter(out: Path, role: str) -> pl.DataFrame:
    """One row per reporter: distinct articles, roles seen and the titles."""
    titles = scan(out, "articles").select("article_id", "title")
    return (
        bylines(out, role)
        .join(titles, on="article_id", how="left")
        .group_by("name")
        .agg(
            pl.col("article_id").n_unique().alias("articles"),
            pl.col("role").unique().sort().str.join("/").alias("roles"),
            pl.col("title").unique().drop_nulls().sort().str.join(" | ").alias("titles"),
        )
        .sort(["articles", "name"], descending=[True, False])
        .collect()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", default="记者", help="Text the byline role contains (default: 记者)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="difang run folder (default: out)")
    args = parser.parse_args()
    if not (args.out / "articles").exists():
        print(f"{args.out}/articles not found: run `make extract` first (or pass --out)", file=sys.stderr)
        return 2
    table = articles_per_reporter(args.out, args.role)
    print(f"Articles per reporter (role contains {args.role}): {len(table)} reporter(s)")
    with pl.Config(tbl_rows=-1, fmt_str_lengths=60, tbl_width_chars=200, tbl_hide_dataframe_shape=True):
        print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
