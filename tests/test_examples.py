"""The scripts in examples/ run against a fresh pipeline run on data/sample and answer their question."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py"))
# Invented people of data/sample: 周启明 is 区委副书记、区长; 宋佳怡 and 冯子墨 are reporters.
OFFICIAL = "周启明"
REPORTERS = ("宋佳怡", "冯子墨")


@pytest.fixture(scope="module")
def out(sample_run) -> Path:
    return sample_run


def run_example(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(EXAMPLES / script), *args], cwd=REPO, capture_output=True, text=True, timeout=120)


def test_every_example_is_documented():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert SCRIPTS, "no examples found"
    for script in SCRIPTS:
        assert script in readme, f"{script} is not described in examples/README.md"


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_runs_with_defaults(out: Path, script: str):
    result = run_example(script, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) >= 1


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_explains_missing_run_folder(tmp_path: Path, script: str):
    result = run_example(script, "--out", str(tmp_path / "nothing"))
    assert result.returncode == 2
    assert "make extract" in result.stderr


def test_posts_of_person(out: Path):
    result = run_example("pandas_posts_of_person.py", OFFICIAL, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"Posts held by {OFFICIAL}: 2 distinct post(s)" in result.stdout
    assert "区委副书记" in result.stdout and "区长" in result.stdout
    assert "02_tonglin_hardwrap.txt" in result.stdout


def test_posts_of_two_people_with_one_name(out: Path):
    result = run_example("pandas_posts_of_person.py", "陈建华", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 person(s) of that name" in result.stdout
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[2:]}
    assert len(rows) == 2 and all(pid.startswith("p_") for pid in rows)
    assert sorted("青枫镇|official" in line for line in rows.values()) == [False, True]


def test_posts_of_default_person_is_not_empty(out: Path):
    result = run_example("pandas_posts_of_person.py", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "(none)" not in result.stdout
    assert ".txt" in result.stdout  # at least one row with its source page


def test_loan_figures_default_question(out: Path):
    result = run_example("duckdb_loan_figures.py", "--out", str(out))
    assert result.returncode == 0, result.stderr
    # 04_20230615_yunxi_finance.txt: loans reported on 2023-06-14 (the dateline, its year from the file name).
    count = re.search(r"Figures about 贷款 in 2023: (\d+)", result.stdout)
    assert count and int(count.group(1)) >= 6, result.stdout  # eight loan figures are written on the page
    rows = [line for line in result.stdout.splitlines() if "绿色贷款余额" in line]
    assert len(rows) == 1 and "5.1亿元" in rows[0] and "510000000.0" in rows[0] and "2023-06-14" in rows[0]
    assert "38620000000.0" in result.stdout and "04_20230615_yunxi_finance.txt" in result.stdout


def test_figures_by_metric_and_year(out: Path):
    result = run_example("duckdb_loan_figures.py", "--metric", "农村居民", "--year", "2023", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Figures about 农村居民 in 2023: 2" in result.stdout
    assert "2.13万元" in result.stdout and "21300.0" in result.stdout
    other_year = run_example("duckdb_loan_figures.py", "--metric", "农村居民", "--year", "2019", "--out", str(out))
    assert "Figures about 农村居民 in 2019: 0" in other_year.stdout


def test_articles_per_reporter(out: Path):
    result = run_example("polars_articles_per_reporter.py", "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = {name: next((line for line in lines if name in line), "") for name in REPORTERS}
    assert "┆ 4 " in rows["宋佳怡"], result.stdout  # 宋佳怡 signs four sample articles
    assert "┆ 2 " in rows["冯子墨"], result.stdout
    assert lines.index(rows["宋佳怡"]) < lines.index(rows["冯子墨"])  # most articles first


def test_officials_per_county(out: Path):
    result = run_example("duckdb_officials_per_county.py", "--out", str(out))
    assert result.returncode == 0, result.stderr
    # data/sample: bare 区政协/区委 posts in articles about 云溪区 (a real district name, 430603)
    assert "430603" in result.stdout and "云溪区" in result.stdout and "区政协副主席" in result.stdout
