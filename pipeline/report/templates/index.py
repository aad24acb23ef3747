"""The index page: run summary, failures, and every document with its articles (search, natural
sort, pages of 50 drawn by the script from the JSON index, so the page stays small at 10,000 pages)."""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("index-data").textContent);
  var docs = data.docs;  // [path, href, status, note, first date, number of articles]
  // [[heading, date, fragment, people], ...] per document, from the pages folder's articles.js.
  var articles = window.difangArticles || docs.map(function () { return []; });
  var perPage = data.per_page, page = 0;
  var box = document.getElementById("search"), order = document.getElementById("order");
  var list = document.getElementById("docs"), status = document.getElementById("search-status");
  var prev = document.getElementById("prev"), next = document.getElementById("next");
  var natural = docs.map(function (d, i) { return i; });
  var byDate = natural.slice().sort(function (a, b) {
    var da = docs[a][4], db = docs[b][4];
    if (da === db) { return a - b; }
    if (!da) { return 1; }
    if (!db) { return -1; }
    return da < db ? -1 : 1;
  });
  var byArticles = natural.slice().sort(function (a, b) { return docs[b][5] - docs[a][5] || a - b; });
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text) { node.textContent = text; }
    return node;
  }
  function visible() {
    var needle = box.value.trim().toLowerCase(), out = [];
    var ids = order.value === "date" ? byDate : order.value === "articles" ? byArticles : natural;
    for (var k = 0; k < ids.length; k++) {
      var doc = docs[ids[k]], arts = articles[ids[k]];
      if (needle && doc[0].toLowerCase().indexOf(needle) < 0) {
        arts = arts.filter(function (a) { return (a[0] + " " + a[1] + " " + a[3]).toLowerCase().indexOf(needle) >= 0; });
        if (!arts.length) { continue; }
      }
      out.push([doc, arts]);
    }
    return out;
  }
  function render() {
    var shown = visible(), pages = Math.max(1, Math.ceil(shown.length / perPage));
    page = Math.min(page, pages - 1);
    var n = 0;
    shown.forEach(function (s) { n += s[1].length; });
    status.textContent = shown.length + " documents, " + n + " articles" + (box.value.trim() ? " match" : "") + " · page " + (page + 1) + " of " + pages;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    list.textContent = "";
    shown.slice(page * perPage, (page + 1) * perPage).forEach(function (s) {
      var doc = s[0], item = el("li", "doc");
      var title = doc[1] ? el("a", "path", doc[0]) : el("span", "path", doc[0]);
      if (doc[1]) { title.href = doc[1]; }
      item.appendChild(title);
      if (doc[2] !== "ok") { item.appendChild(el("span", "status-" + doc[2], " " + doc[2])); }
      if (doc[3]) { item.appendChild(el("span", "muted", " · " + doc[3])); }
      if (s[1].length) {
        var arts = el("ul", "arts");
        s[1].forEach(function (a) {
          var li = el("li", "art"), link = el("a", "", a[0]);
          link.href = doc[1] + "#" + a[2];
          li.appendChild(link);
          if (a[1]) { li.appendChild(el("span", "muted", " · " + a[1])); }
          if (a[3]) { li.appendChild(el("span", "muted", " · " + a[3])); }
          arts.appendChild(li);
        });
        item.appendChild(arts);
      }
      list.appendChild(item);
    });
  }
  box.addEventListener("input", function () { page = 0; render(); });
  order.addEventListener("change", function () { page = 0; render(); });
  prev.addEventListener("click", function () { page -= 1; render(); });
  next.addEventListener("click", function () { page += 1; render(); });
  render();
})();
"""

TEMPLATE = """{% extends "base" %}
{% block title %}{{ output }}{% endblock %}
{% block main %}
<header>
  <h1>Run <code>{{ output }}</code></h1>
  <div class="meta">input <code>{{ summary.input_root }}</code>
    · started {{ summary.started }} · finished {{ summary.finished }} · difang {{ summary.version }}
    · config {{ summary.config_hash }}
    {% for stage, model in summary.model_ids.items() %} · {{ stage }} model <code>{{ model }}</code>{% endfor %}
    · report generated {{ generated }}</div>
</header>

<h2 id="summary">Run summary</h2>
<section class="card">
  <div class="counts">
    {% for status, n in summary.documents.items() %}
    <div class="count"><b id="count-documents-{{ status }}">{{ n|count }}</b><span>documents {{ status }}</span></div>
    {% endfor %}
    {% for table in ["articles", "entities", "officials", "metrics", "places", "people", "careers", "figures"] %}
    {% if table in summary.tables %}
    <div class="count"><b id="count-{{ table }}">{{ summary.tables[table]|count }}</b><span>{{ table }}</span></div>
    {% endif %}
    {% endfor %}
    <div class="count"><b id="count-failures">{{ summary.failures|length|count }}</b><span><a href="#failures-heading">failures and skips</a></span></div>
    <div class="count"><b id="count-dated">{{ dated_articles|count }}</b><span>articles with a date</span></div>
  </div>
</section>

<h2 id="documents">Documents and articles</h2>
<section class="card">
  <div id="search-box">
    <input id="search" type="search" placeholder="search titles, people, dates, file names…" aria-label="Search articles">
    <label>order <select id="order" aria-label="Order">
      <option value="natural">file name</option><option value="date">date</option><option value="articles">most articles</option>
    </select></label>
    <button id="prev" type="button">← previous</button><button id="next" type="button">next →</button>
  </div>
  <p class="muted" id="search-status"></p>
  <ol class="docs" id="docs"></ol>
  <noscript><p>The document list needs JavaScript; every document's page is in <code>{{ pages_folder }}/docs/</code>.</p></noscript>
</section>
<h2 id="details">Run details</h2>
<section class="card">
  <h3>Entities by label</h3>
  <table id="entity-labels">
    <tr>{% for label in summary.labels %}<th class="num"><span class="legend"><mark style="background: {{ label_colors.get(label, '#ddd') }}">{{ label }}</mark></span></th>{% endfor %}</tr>
    <tr>{% for label, n in summary.labels.items() %}<td class="num" id="count-label-{{ label }}">{{ n|count }}</td>{% endfor %}</tr>
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
  <h3 id="failures-heading">Failures and skipped documents ({{ summary.failures|length }})</h3>
  {% if summary.failures %}
  <table id="failures" class="failures">
    <tr><th>path</th><th>doc_id</th><th>stage</th><th>status</th><th>reason</th></tr>
    {% for f in summary.failures %}
    <tr><td>{% if f.href %}<a href="{{ f.href }}">{{ f.path }}</a>{% else %}{{ f.path }}{% endif %}</td><td><code>{{ f.doc_id }}</code></td><td>{{ f.stage }}</td><td>{{ f.status }}</td><td>{{ f.reason }}</td></tr>
    {% endfor %}
  </table>
  {% else %}<p class="empty" id="failures">None: every document went through every stage.</p>{% endif %}
</section>
<script type="application/json" id="index-data">{{ index_json }}</script>
{% endblock %}
{% block script %}<script src="{{ articles_script }}"></script>
<script>""" + SCRIPT + """</script>{% endblock %}
"""
