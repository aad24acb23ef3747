"""The figures pages: a family × place overview, and one page per family listing its figures by place."""

TEMPLATE = """{% extends "base" %}
{% block title %}Figures{% endblock %}
{% block main %}
<h1>Figures by metric family and place</h1>
<p class="muted">{{ n_figures|count }} figures from the metrics table. The family is what the metric phrase measures
  (keywords in <code>data/metrics/families.txt</code>; phrases with none fall back to other money / ratios / counts); the place is the division
  the figure names itself (<code>metric_place</code>), else the one its article names most (county level where linked). Click a family for its figures.</p>
{% if matrix.rows %}
<section class="card">{{ chart }}</section>
<h2>Family × place</h2>
<table id="family-matrix">
  <tr><th>family</th><th class="num">all</th>{% for p in matrix.places %}<th class="num">{{ p }}</th>{% endfor %}<th>most frequent metric phrases</th></tr>
  {% for r in matrix.rows %}
  <tr class="family" id="family-{{ r.key }}"><td><a href="{{ family_links[r.key] }}">{{ r.label }}</a> <span class="muted">{{ r.key }}</span></td>
    <td class="num">{{ r.total|count }}</td>
    {% for n in r.cells %}<td class="num matrix">{% if n %}<a href="{{ r.links[loop.index0] }}">{{ n|count }}</a>{% endif %}</td>{% endfor %}
    <td>{% for phrase, n in r.top %}{{ phrase }} <span class="muted">{{ n|count }}</span>{% if not loop.last %} · {% endif %}{% endfor %}</td></tr>
  {% endfor %}
</table>
{% else %}<p class="empty">No figures in this run.</p>{% endif %}
{% endblock %}
"""

FAMILY_TEMPLATE = """{% extends "base" %}
{% block title %}{{ label }} — figures{% endblock %}
{% block pager %}<span class="pager"><a href="{{ links.figures }}">all families</a></span>{% endblock %}
{% block main %}
<h1>{{ label }} <span class="muted">{{ key }}</span></h1>
<p class="muted">{{ total|count }} figures; identical figures (same phrase, value, qualifier, period and subject) are one row with their count.</p>
{% for g in groups %}
<h2 id="place-{{ place_index[g.place] }}">{{ g.place }} <span class="muted">({{ g.figures|count }})</span></h2>
<table class="figures">
  <tr><th>metric</th><th class="num">value</th><th>as written</th><th>qualifier</th><th>period</th><th>subject</th><th>date</th><th class="num">times</th><th>article</th></tr>
  {% for f in g.rows %}
  <tr><td>{{ f.metric }}</td><td class="num">{{ f.value_norm|cn(f.base_unit) }}</td><td>{{ f.value_text }}</td><td>{{ f.qualifier }}</td><td>{{ f.period }}</td>
    <td>{{ f.subject }}</td><td>{{ f.date or "" }}</td><td class="num">{{ f.n|count }}</td><td>{% if f.href %}<a href="{{ f.href }}">source</a>{% endif %}</td></tr>
  {% endfor %}
</table>
{% if g.more %}<p class="muted">… and {{ g.more|count }} more distinct figures here (all are in the metrics table).</p>{% endif %}
{% endfor %}
{% endblock %}
"""
