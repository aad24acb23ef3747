"""The report's Jinja2 templates (autoescaped), one module per page; every page extends `base`:
inline CSS and JS, no external resources, links between pages relative."""

from functools import lru_cache

from jinja2 import DictLoader, Environment, select_autoescape

from pipeline.report.templates import base, document, figures, index, timeline

TEMPLATES = {
    "base": base.TEMPLATE,
    "index": index.TEMPLATE,
    "document": document.TEMPLATE,
    "timeline": timeline.TEMPLATE,
    "figures": figures.TEMPLATE,
    "family": figures.FAMILY_TEMPLATE,
}


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment holding every page template (compiled once per process)."""
    # finalize: a null cell (None) prints as nothing, not "None".
    env = Environment(
        loader=DictLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=lambda value: "" if value is None else value,
    )
    from pipeline.report.numbers import chinese_number, count

    env.filters["cn"] = chinese_number
    env.filters["count"] = count
    return env


def render(name: str, **context) -> str:
    """Page `name` rendered with `context`."""
    return environment().get_template(name).render(**context)
