"""All figures about loans (贷款) in 2023: SQL over the Parquet tables with DuckDB.

    make extract && .venv/bin/python examples/duckdb_loan_figures.py [--metric 贷款] [--year 2023] [--out out]

A figure is "in 2023" when its article is dated 2023 or its period names the year (2023年, 截至2023年6月).
"""

import argparse
import sys
from pathlib import Path

import duckdb

QUERY = """
SELECT m.metric, m.value_text, m.value_norm, m.base_unit, m.qualifier, m.period, m.date,
       a.title, d.path
FROM read_parquet({metrics}) AS m
LEFT JOIN read_parquet({articles}) AS a USING (article_id)
LEFT JOIN read_parquet({documents}) AS d ON d.doc_id = m.doc_id
WHERE m.metric LIKE '%' || $metric || '%'
  AND (year(m.date) = $year OR m.period LIKE '%' || CAST($year AS VARCHAR) || '%')
ORDER BY m.date NULLS LAST, d.path, m.article_id, m.start
"""


def parquet_glob(out: Path, table: str) -> str:
    """SQL string literal of a table's part files (quotes doubled, so any folder name is safe)."""
    return "'" + str(out / table / "*.parquet").replace("'", "''") + "'"


def figures(out: Path, metric: str, year: int) -> duckdb.DuckDBPyRelation:
    """Figures whose metric phrase contains `metric`, dated or about `year`."""
    sql = QUERY.format(metrics=parquet_glob(out, "metrics"), articles=parquet_glob(out, "articles"), documents=parquet_glob(out, "documents"))
    return duckdb.connect().sql(sql, params={"metric": metric, "year": year})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--metric", default="贷款", help="Text the metric phrase contains (default: 贷款)")
    parser.add_argument("--year", type=int, default=2023, help="Year of the article date or named in the period (default: 2023)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="difang run folder (default: out)")
    args = parser.parse_args()
    if not (args.out / "metrics").exists():
        print(f"{args.out}/metrics not found: run `make extract` first (or pass --out)", file=sys.stderr)
        return 2
    result = figures(args.out, args.metric, args.year)
    rows = result.fetchall()
    print(f"Figures about {args.metric} in {args.year}: {len(rows)}")
    if rows:
        result.show(max_width=200, max_rows=200)
    else:
        print("(none; try another --metric or --year, e.g. --metric 收入)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
