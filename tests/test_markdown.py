"""Generated sections of markdown files: only the text between the markers changes."""

from pipeline.markdown import marked_section, replace_marked

START, END = "<!-- x:start -->", "<!-- x:end -->"


def test_a_marked_section_is_found_with_its_markers():
    text = f"# card\n{START}\nold\n{END}\nafter\n"
    assert marked_section(text, START, END) == f"{START}\nold\n{END}"
    assert marked_section("# card\n", START, END) is None
    assert marked_section(f"{END}\n{START}\n", START, END) is None  # an end before the start is no section


def test_replacing_keeps_everything_around_the_section():
    text = f"# card\nintro\n{START}\nold\n{END}\nafter\n"
    assert replace_marked(text, START, END, f"{START}\nnew\n{END}") == f"# card\nintro\n{START}\nnew\n{END}\nafter\n"


def test_a_missing_section_is_appended_under_its_heading():
    assert replace_marked("# card\n\n", START, END, f"{START}\nnew\n{END}", heading="## Scores\n") == f"# card\n\n## Scores\n{START}\nnew\n{END}\n"
