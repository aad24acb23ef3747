"""Officials per county: who holds posts in each administrative division, SQL over the Parquet tables with DuckDB.

    make extract && .venv/bin/python examples/duckdb_officials_per_county.py [--out out]

A post is placed by officials.post_adcode: the division it names (中共江津区委书记 → 500116) or,
for a post naming only its level (区委书记, 区政协副主席, 副区长), the one division of that level
its article names or lies in (the relate stage; officials.post_adcode_source says which). Any other bare post of county level or below (post_level
区/县/镇…) is placed in the county the article is about, when every place of the article with a
code lies in one county (the places table). Townships and villages carry their county's code, so a county gathers its towns'
officials too. Bylines (记者, 通讯员) are not officials here. `placed_by_post` counts posts that write
their division (post_adcode_source = written), `placed_by_article` those placed from their article
(by the relate stage or by the county rule above).
"""

import argparse
import sys
from pathlib import Path

import duckdb

QUERY = """
WITH article_county AS (        -- the one county an article's coded places lie in
    SELECT article_id, min(adcode) AS adcode
    FROM read_parquet({places})
    WHERE adcode IS NOT NULL AND level IN ('county', 'township', 'village')
    GROUP BY article_id
    HAVING count(DISTINCT adcode) = 1
),
division_name AS (              -- the standard name of each code seen in the places table
    SELECT adcode,
           coalesce(max(name) FILTER (WHERE level IN ('province', 'city', 'county')), max(county), max(city)) AS name
    FROM read_parquet({places})
    WHERE adcode IS NOT NULL
    GROUP BY adcode
),
placed AS (
    SELECT coalesce(o.post_adcode, c.adcode) AS adcode,
           CASE WHEN o.post_adcode_source = 'written' THEN 'post' ELSE 'article' END AS via,  -- named in the post, or read from its article
           o.person_id, o.person, o.post, o.post_place
    FROM read_parquet({officials}) AS o
    LEFT JOIN article_county AS c USING (article_id)
    WHERE NOT o.from_byline
      AND (o.post_adcode IS NOT NULL
           OR (c.adcode IS NOT NULL AND o.post_level IN ('区', '县', '旗', '镇', '乡', '街道', '村', '社区')))
)
SELECT p.adcode,
       coalesce(n.name, max(p.post_place)) AS division,
       count(DISTINCT p.person_id) AS officials,  -- people, not names: namesakes stay apart
       count(*) FILTER (WHERE p.via = 'post') AS placed_by_post,
       count(*) FILTER (WHERE p.via = 'article') AS placed_by_article,
       string_agg(DISTINCT p.person || ' ' || p.post, '、' ORDER BY p.person || ' ' || p.post) AS who
FROM placed AS p
LEFT JOIN division_name AS n USING (adcode)
GROUP BY p.adcode, n.name
ORDER BY officials DESC, p.adcode
"""


def parquet_glob(out: Path, table: str) -> str:
    """SQL string literal of a table's part files (quotes doubled, so any folder name is safe)."""
    return "'" + str(out / table / "*.parquet").replace("'", "''") + "'"


def officials_per_county(out: Path) -> duckdb.DuckDBPyRelation:
    """One row per division code: distinct officials, how they were placed, and who."""
    sql = QUERY.format(places=parquet_glob(out, "places"), officials=parquet_glob(out, "officials"))
    return duckdb.connect().sql(sql)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out"), help="difang run folder (default: out)")
    args = parser.parse_args()
    if not (args.out / "officials").exists() or not (args.out / "places").exists():
        print(f"{args.out}/officials or {args.out}/places not found: run `make extract` first (or pass --out)", file=sys.stderr)
        return 2
    result = officials_per_county(args.out)
    rows = result.fetchall()
    print(f"Divisions with officials: {len(rows)}")
    if rows:
        result.show(max_width=200, max_rows=200)
    else:
        print("(none: no post names a division and no article lies in one county)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
