"""One document's page: its articles with entities highlighted, their officials and their figures."""

TEMPLATE = """{% extends "base" %}
{% block title %}{{ doc.path }}{% endblock %}
{% block pager %}<span class="pager">
  {% if prev %}<a href="{{ prev.href }}" rel="prev" title="{{ prev.path }}">← previous document</a>{% endif %}
  <span class="muted">document {{ doc.number|count }} of {{ n_documents|count }}</span>
  {% if next %}<a href="{{ next.href }}" rel="next" title="{{ next.path }}">next document →</a>{% endif %}
</span>{% endblock %}
{% block main %}
<header>
  <h1>{% if doc.source_uri %}<a href="{{ doc.source_uri }}">{{ doc.path }}</a>{% else %}{{ doc.path }}{% endif %}</h1>
  <div class="meta">doc_id <code>{{ doc.doc_id }}</code> · {{ doc.status }} · {{ doc.encoding }} · {{ doc.n_chars|count }} characters
    · {{ articles|length }} articles{% if doc.warning %} · {{ doc.warning }}{% endif %}</div>
  <ol class="meta" id="contents">{% for a in articles %}<li><a href="#{{ a.anchor }}">{{ a.heading }}</a></li>{% endfor %}</ol>
  <p class="legend">{% for label, color in label_colors.items() %}<mark style="background: {{ color }}">{{ label }}</mark>{% endfor %}</p>
</header>
{% for a in articles %}
<article id="{{ a.anchor }}" data-article-id="{{ a.row.article_id }}">
  {% if a.row.kicker %}<div class="kicker">{{ a.row.kicker }}</div>{% endif %}
  <h3>{{ a.heading }}</h3>
  {% if a.row.subtitle %}<div class="subtitle">{{ a.row.subtitle }}</div>{% endif %}
  <div class="meta">
    {{ a.row.kind }}{% if a.row.date %} · {{ a.row.date }}{% if a.row.date_source %} ({{ a.row.date_source }}){% endif %}{% elif a.row.date_text %} · {{ a.row.date_text }} (year unknown){% endif %}
    {% if a.row.source %} · source: {{ a.row.source }}{% endif %}
    {% if a.row.byline %} · byline: {{ a.row.byline }}{% endif %}
    {% if a.row.authors %} · authors: {% for au in a.row.authors %}{{ au.name }}{% if au.role %} ({{ au.role }}){% endif %}{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}
  </div>
  <div class="meta">
    article <code>{{ a.row.article_id }}</code>
    {% for name, (start, end) in a.offsets %} · {{ name }} {{ start }}–{{ end }}{% endfor %}
    {% if a.row.continued_from %} · continued from page {{ a.row.continued_from }}{% endif %}
    {% if a.row.continues_to %} · continues on page {{ a.row.continues_to }}{% endif %}
    {% if a.row.confidence is not none %} · confidence {{ "%.2f"|format(a.row.confidence) }}{% endif %}
    {% for flag in a.row.flags or [] %}<span class="flag">{{ flag }}</span>{% endfor %}
  </div>
  {{ a.text_html }}
  {% if a.problems %}<div class="problems"><b>Entities not drawn:</b><ul>{% for p in a.problems %}<li>{{ p }}</li>{% endfor %}</ul></div>{% endif %}
  <h4>Officials ({{ a.officials|length }})</h4>
  {% if a.officials %}
  <table class="officials">
    <tr><th>person</th><th>post</th><th>org</th><th>place</th><th>level</th><th>role</th><th>qualifier</th><th>byline</th><th>date</th><th>evidence</th></tr>
    {% for o in a.officials %}
    <tr><td>{{ o.person }}</td><td>{{ o.post }}</td><td>{{ o.post_org }}</td><td>{{ o.post_place }}</td><td>{{ o.post_level }}</td><td>{{ o.post_role }}</td>
      <td>{{ o.qualifier }}</td><td>{{ "yes" if o.from_byline is sameas true else "" }}</td><td>{{ o.date }}</td><td class="evidence">{{ o.evidence }}</td></tr>
    {% endfor %}
  </table>
  {% else %}<p class="empty">none</p>{% endif %}
  <h4>Places ({{ a.places|length }})</h4>
  {% if a.places %}
  <table class="places">
    <tr><th>as written</th><th>division</th><th>adcode</th><th>level</th><th>in</th><th class="num">mentions</th></tr>
    {% for p in a.places %}
    <tr><td>{{ p.text }}</td><td>{{ p.name }}</td><td>{{ p.adcode }}</td><td>{{ p.level }}</td>
      <td>{{ [p.province, p.city, p.county]|select|reject("equalto", p.name)|unique|join(" · ") }}</td><td class="num">{{ p.mentions }}</td></tr>
    {% endfor %}
  </table>
  {% else %}<p class="empty">none</p>{% endif %}
  <h4>Figures ({{ a.metrics|length }})</h4>
  {% if a.metrics %}
  <table class="metrics">
    <tr><th>metric</th><th>as written</th><th class="num">value</th><th>kind</th><th>qualifier</th><th>period</th><th>subject</th><th>evidence</th></tr>
    {% for m in a.metrics %}
    <tr><td>{{ m.metric }}</td><td>{{ m.value_text }}</td><td class="num">{{ m.value_norm|cn(m.base_unit) }}</td>
      <td>{{ m.value_kind }}</td><td>{{ m.qualifier }}</td><td>{{ m.period }}</td><td>{{ m.subject }}</td><td class="evidence">{{ m.evidence }}</td></tr>
    {% endfor %}
  </table>
  {% else %}<p class="empty">none</p>{% endif %}
</article>
{% endfor %}
{% if not articles %}<p class="empty">No articles in this document.</p>{% endif %}
{% endblock %}
"""
