"""The report's Jinja2 template (autoescaped): inline CSS and JS, no external resources."""

STYLE = """
:root { --ink:#222; --muted:#666; --line:#ddd; --accent:#2b6cb0; --bg:#fafafa; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;
       color:var(--ink); background:var(--bg); font-size:15px; line-height:1.55; }
nav#index { position:fixed; top:0; left:0; bottom:0; width:300px; overflow-y:auto; background:#fff;
            border-right:1px solid var(--line); padding:12px; font-size:13px; }
nav#index h2 { font-size:15px; margin:4px 0 8px; }
nav#index input { width:100%; padding:4px 6px; margin-bottom:8px; }
nav#index ol { padding-left:0; margin:0; list-style:none; }
nav#index li { margin:2px 0; }
nav#index li.doc { margin-top:8px; color:var(--muted); font-weight:bold; word-break:break-all; }
nav#index li .num { color:var(--muted); display:inline-block; min-width:2.2em; }
main { margin-left:300px; padding:16px 28px 60px; max-width:1200px; }
a { color:var(--accent); text-decoration:none; }
a:hover { text-decoration:underline; }
h1 { font-size:22px; margin:4px 0; }
h2 { font-size:19px; border-bottom:2px solid var(--line); padding-bottom:4px; margin-top:32px; }
section.card, article { background:#fff; border:1px solid var(--line); border-radius:6px; padding:12px 16px; margin:14px 0; }
table { border-collapse:collapse; margin:6px 0 10px; font-size:13px; }
th, td { border:1px solid var(--line); padding:3px 8px; text-align:left; vertical-align:top; }
th { background:#f0f0f0; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
td.evidence { max-width:420px; color:#444; }
.counts { display:flex; flex-wrap:wrap; gap:10px; }
.count { border:1px solid var(--line); border-radius:6px; padding:6px 12px; background:#fff; min-width:110px; }
.count b { display:block; font-size:20px; }
.count span { color:var(--muted); font-size:12px; }
.muted { color:var(--muted); }
.kicker { color:#9c4221; font-size:14px; }
.subtitle { color:#444; }
.meta { font-size:12px; color:var(--muted); }
.meta code { font-size:12px; }
.flag { display:inline-block; background:#fde8e8; color:#9b2c2c; border-radius:3px; padding:0 5px; margin-right:4px; font-size:12px; }
.problems { background:#fff8e1; border-left:3px solid #e0a800; padding:4px 10px; font-size:13px; }
.failures td { background:#fff5f5; }
.legend mark { padding:1px 6px; border-radius:4px; margin-right:4px; font-size:12px; }
.entities { line-height:2.4; margin:8px 0; }
svg.chart { max-width:100%; height:auto; font-size:12px; }
svg.chart text.label { fill:#333; }
svg.chart text.value, svg.chart text.axis, svg.chart text.legend { fill:#555; font-size:11px; }
svg.chart line.span { stroke:#2b6cb0; stroke-width:3; stroke-linecap:round; }
svg.chart circle.dot { fill:#2b6cb0; stroke:#fff; stroke-width:1.5; }
.empty { color:var(--muted); font-style:italic; }
"""

SCRIPT = """
(function () {
  var box = document.getElementById("filter");
  if (!box) { return; }
  box.addEventListener("input", function () {
    var needle = box.value.trim().toLowerCase();
    var items = document.querySelectorAll("#index li.art");
    for (var i = 0; i < items.length; i++) {
      var hay = (items[i].getAttribute("data-search") || "").toLowerCase();
      items[i].style.display = !needle || hay.indexOf(needle) >= 0 ? "" : "none";
    }
  });
})();
"""

REPORT_TEMPLATE = (
    """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>difang report — {{ output }}</title>
<style>"""
    + STYLE
    + """</style>
</head>
<body>
<nav id="index" aria-label="Articles">
  <h2>Articles ({{ articles|length }})</h2>
  <input id="filter" type="search" placeholder="filter titles, people…" aria-label="Filter articles">
  <ol>
    <li><a href="#summary">Run summary</a></li>
    <li><a href="#documents">Documents</a></li>
    <li><a href="#figures">Figures by metric</a></li>
    <li><a href="#timeline">Timeline of posts</a></li>
    {% set ns = namespace(doc=None) %}
    {% for a in articles %}
    {% if a.path != ns.doc %}{% set ns.doc = a.path %}<li class="doc">{{ a.path or a.row.doc_id }}</li>{% endif %}
    <li class="art" data-search="{{ a.heading }} {{ a.row.kicker }} {{ a.row.byline }} {{ a.officials|map(attribute='person')|join(' ') }}">
      <span class="num">#{{ a.number }}</span><a href="#{{ a.anchor }}">{{ a.heading }}</a></li>
    {% endfor %}
  </ol>
</nav>
<main>
<header>
  <h1>difang run report</h1>
  <div class="meta">run folder <code>{{ output }}</code> · input <code>{{ summary.input_root }}</code>
    · started {{ summary.started }} · finished {{ summary.finished }} · difang {{ summary.version }}
    · config {{ summary.config_hash }}
    {% for stage, model in summary.model_ids.items() %} · {{ stage }} model <code>{{ model }}</code>{% endfor %}
    · report generated {{ generated }}</div>
</header>

<h2 id="summary">Run summary</h2>
<section class="card">
  <div class="counts">
    {% for status, n in summary.documents.items() %}
    <div class="count"><b id="count-documents-{{ status }}">{{ n }}</b><span>documents {{ status }}</span></div>
    {% endfor %}
    {% for table in ["articles", "entities", "officials", "metrics", "people", "careers", "figures"] %}
    {% if table in summary.tables %}
    <div class="count"><b id="count-{{ table }}">{{ summary.tables[table] }}</b><span>{{ table }}</span></div>
    {% endif %}
    {% endfor %}
  </div>
  <h3>Entities by label</h3>
  <table id="entity-labels">
    <tr>{% for label in summary.labels %}<th class="num"><span class="legend"><mark style="background: {{ label_colors.get(label, '#ddd') }}">{{ label }}</mark></span></th>{% endfor %}</tr>
    <tr>{% for label, n in summary.labels.items() %}<td class="num" id="count-label-{{ label }}">{{ n }}</td>{% endfor %}</tr>
  </table>
  <h3>Stages</h3>
  <table id="stages">
    <tr><th>stage</th><th>rows</th><th class="num">seconds</th><th class="num">batches</th><th class="num">failed docs</th><th>note</th></tr>
    {% for s in summary.stages %}
    <tr><td>{{ s.stage }}</td><td>{{ s.rows }}</td><td class="num">{{ "%.3f"|format(s.seconds) }}</td>
      <td class="num">{{ s.batches }}</td><td class="num">{{ s.failed }}</td><td>{{ s.note }}</td></tr>
    {% endfor %}
    <tr><th>total</th><td></td><td class="num">{{ "%.3f"|format(summary.total_seconds) }}</td><td></td><td></td><td></td></tr>
  </table>
  <h3>Failures and skipped documents ({{ summary.failures|length }})</h3>
  {% if summary.failures %}
  <table id="failures" class="failures">
    <tr><th>path</th><th>doc_id</th><th>stage</th><th>status</th><th>reason</th></tr>
    {% for f in summary.failures %}
    <tr><td><a href="#{{ doc_anchors.get(f.path, '') }}">{{ f.path }}</a></td><td><code>{{ f.doc_id }}</code></td><td>{{ f.stage }}</td><td>{{ f.status }}</td><td>{{ f.reason }}</td></tr>
    {% endfor %}
  </table>
  {% else %}<p class="empty" id="failures">None: every document went through every stage.</p>{% endif %}
  {% if problem_count %}<p class="problems">{{ problem_count }} entities could not be drawn (bad or overlapping offsets); see the notes under each article.</p>{% endif %}
</section>

<h2 id="documents">Documents</h2>
<section class="card">
  <table>
    <tr><th>path</th><th>doc_id</th><th>status</th><th>encoding</th><th class="num">chars</th><th>articles</th><th>note</th></tr>
    {% for d in documents %}
    <tr id="{{ d.anchor }}"><td>{% if d.source_uri %}<a href="{{ d.source_uri }}">{{ d.path }}</a>{% else %}{{ d.path }}{% endif %}</td>
      <td><code>{{ d.doc_id }}</code></td><td>{{ d.status }}</td><td>{{ d.encoding }}</td><td class="num">{{ d.n_chars }}</td>
      <td>{% for a in d.articles %}<a href="#{{ a.anchor }}">#{{ a.number }}</a> {% endfor %}</td>
      <td>{{ d.error or "" }}{% if d.warning %}{% if d.error %}; {% endif %}{{ d.warning }}{% endif %}{% if d.duplicate_of %} (duplicate of {{ d.duplicate_of }}){% endif %}</td></tr>
    {% endfor %}
  </table>
</section>

<h2 id="figures">Figures by metric</h2>
<section class="card">
  <p class="muted">Number of figures per metric phrase (top {{ top_metrics }}, from the <code>{{ figures_source }}</code> table); hover a bar for the values.</p>
  {{ figures_chart }}
</section>

<h2 id="timeline">Timeline of posts</h2>
<section class="card">
  <p class="muted">Each row is a person with a post; dots are the articles stating it (numbers as in the index, ordered by date, undated last). Click a dot to open the article.</p>
  {{ timeline }}
  {% if post_spans %}
  <table id="posts">
    <tr><th>person</th><th>post</th><th>first date</th><th>last date</th><th class="num">mentions</th><th>articles</th></tr>
    {% for s in post_spans %}
    <tr><td>{{ s.person }}</td><td>{{ s.post }}</td><td>{{ s.first_date or "—" }}</td><td>{{ s.last_date or "—" }}</td><td class="num">{{ s.mentions }}</td>
      <td>{% for aid in s.article_ids %}<a href="#{{ anchors.get(aid, '') }}">#{{ order.get(aid, '?') }}</a> {% endfor %}</td></tr>
    {% endfor %}
  </table>
  {% endif %}
</section>

<h2 id="articles">Articles</h2>
<p class="legend">{% for label, color in label_colors.items() %}<mark style="background: {{ color }}">{{ label }}</mark>{% endfor %}</p>
{% for a in articles %}
<article id="{{ a.anchor }}" data-article-id="{{ a.row.article_id }}">
  {% if a.row.kicker %}<div class="kicker">{{ a.row.kicker }}</div>{% endif %}
  <h3><span class="muted">#{{ a.number }}</span> {{ a.heading }}</h3>
  {% if a.row.subtitle %}<div class="subtitle">{{ a.row.subtitle }}</div>{% endif %}
  <div class="meta">
    {{ a.row.kind }}{% if a.row.date %} · {{ a.row.date }}{% elif a.row.date_text %} · {{ a.row.date_text }} (year unknown){% endif %}
    {% if a.row.byline %} · byline: {{ a.row.byline }}{% endif %}
    {% if a.row.authors %} · authors: {% for au in a.row.authors %}{{ au.name }}{% if au.role %} ({{ au.role }}){% endif %}{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}
  </div>
  <div class="meta">
    document <a href="#{{ a.doc_anchor }}">{{ a.path or a.row.doc_id }}</a> · article <code>{{ a.row.article_id }}</code>
    · page offsets {{ a.row.page_start }}–{{ a.row.page_end }} · body {{ a.row.body_page_start }}–{{ a.row.body_page_end }} · raw offsets {{ a.row.raw_start }}–{{ a.row.raw_end }}
    {% if a.row.continued_from %} · continued from page {{ a.row.continued_from }}{% endif %}
    {% if a.row.continues_to %} · continues on page {{ a.row.continues_to }}{% endif %}
    {% if a.row.confidence != "" %} · confidence {{ "%.2f"|format(a.row.confidence) }}{% endif %}
    {% for flag in a.row.flags %}<span class="flag">{{ flag }}</span>{% endfor %}
  </div>
  <div class="entities-wrap">{{ a.text_html }}</div>
  {% if a.problems %}<div class="problems"><b>Entities not drawn:</b><ul>{% for p in a.problems %}<li>{{ p }}</li>{% endfor %}</ul></div>{% endif %}
  <h4>Officials ({{ a.officials|length }})</h4>
  {% if a.officials %}
  <table class="officials">
    <tr><th>person</th><th>post</th><th>org</th><th>level</th><th>role</th><th>qualifier</th><th>byline</th><th>date</th><th>evidence</th></tr>
    {% for o in a.officials %}
    <tr><td>{{ o.person }}</td><td>{{ o.post }}</td><td>{{ o.post_org }}</td><td>{{ o.post_level }}</td><td>{{ o.post_role }}</td>
      <td>{{ o.qualifier }}</td><td>{{ "yes" if o.from_byline is sameas true else "" }}</td><td>{{ o.date }}</td><td class="evidence">{{ o.evidence }}</td></tr>
    {% endfor %}
  </table>
  {% else %}<p class="empty">none</p>{% endif %}
  <h4>Metrics ({{ a.metrics|length }})</h4>
  {% if a.metrics %}
  <table class="metrics">
    <tr><th>metric</th><th>as written</th><th class="num">value (base unit)</th><th>kind</th><th>qualifier</th><th>period</th><th>subject</th><th>evidence</th></tr>
    {% for m in a.metrics %}
    <tr><td>{{ m.metric }}</td><td>{{ m.value_text }}</td><td class="num">{% if m.value_norm != "" %}{{ "{:,.6g}".format(m.value_norm) }} {{ m.base_unit }}{% endif %}</td>
      <td>{{ m.value_kind }}</td><td>{{ m.qualifier }}</td><td>{{ m.period }}</td><td>{{ m.subject }}</td><td class="evidence">{{ m.evidence }}</td></tr>
    {% endfor %}
  </table>
  {% else %}<p class="empty">none</p>{% endif %}
</article>
{% endfor %}
{% if not articles %}<p class="empty">No articles in this run.</p>{% endif %}
</main>
<script>"""
    + SCRIPT
    + """</script>
</body>
</html>
"""
)
