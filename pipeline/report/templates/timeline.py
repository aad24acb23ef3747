"""The timeline page: posts on a date axis, then every (person, post) with its dates and articles."""

TEMPLATE = """{% extends "base" %}
{% block title %}Timeline of posts{% endblock %}
{% block main %}
<h1>Timeline of posts</h1>
<p class="muted">Each row is a person with a post, placed by the dates of the articles stating it (the official's date, else the article's);
  a dot per day links to its first article, bigger for more mentions. {{ n_dated|count }} of {{ rows|length|count }} posts have a dated mention;
  {{ n_undated_mentions|count }} mentions have no date and are counted in the "undated" column, never placed by article order.
  {% if rows_hidden %}The chart shows the first {{ max_rows|count }} posts by date; the table lists all.{% endif %}</p>
<section class="card" id="timeline">
  {{ chart }}
</section>
<h2 id="posts-heading">All posts ({{ rows|length|count }})</h2>
{% if rows %}
<table id="posts">
  <tr><th>person</th><th>post</th><th>first date</th><th>last date</th><th class="num">mentions</th><th class="num">undated</th><th>articles</th></tr>
  {% for r in rows %}
  <tr><td>{{ r.person }}</td><td>{{ r.post }}</td><td>{{ r.first or "—" }}</td><td>{{ r.last or "—" }}</td><td class="num">{{ r.mentions|count }}</td><td class="num">{{ r.undated|count }}</td>
    <td>{% for label, href, date in r.links %}<a href="{{ href }}" title="{{ date }}">{{ label }}</a>{% if not loop.last %} · {% endif %}{% endfor %}{% if r.more_articles %} <span class="muted">+{{ r.more_articles|count }} more</span>{% endif %}</td></tr>
  {% endfor %}
</table>
{% else %}<p class="empty">No officials in this run.</p>{% endif %}
{% endblock %}
"""
