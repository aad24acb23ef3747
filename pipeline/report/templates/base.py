"""The frame every page shares: head with inline style, the top bar linking the pages, a footer script slot."""

STYLE = """
:root { --ink:#222; --muted:#666; --line:#ddd; --accent:#2b6cb0; --bg:#fafafa; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;
       color:var(--ink); background:var(--bg); font-size:15px; line-height:1.55; }
nav.top { position:sticky; top:0; z-index:2; background:#fff; border-bottom:1px solid var(--line); padding:8px 28px; display:flex; gap:18px; align-items:baseline; flex-wrap:wrap; }
nav.top b { font-size:16px; }
nav.top a.here { font-weight:bold; color:var(--ink); }
nav.top .pager { margin-left:auto; }
main { padding:12px 28px 60px; max-width:1280px; }
a { color:var(--accent); text-decoration:none; }
a:hover { text-decoration:underline; }
h1 { font-size:22px; margin:8px 0 4px; word-break:break-all; }
h2 { font-size:19px; border-bottom:2px solid var(--line); padding-bottom:4px; margin-top:28px; }
section.card, article { background:#fff; border:1px solid var(--line); border-radius:6px; padding:12px 16px; margin:14px 0; }
table { border-collapse:collapse; margin:6px 0 10px; font-size:13px; }
th, td { border:1px solid var(--line); padding:3px 8px; text-align:left; vertical-align:top; }
th { background:#f0f0f0; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; white-space:nowrap; }
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
div.entities { line-height:2.3; margin:8px 0; white-space:pre-wrap; }
mark.entity { padding:0.2em 0.35em; margin:0 0.1em; border-radius:0.35em; line-height:1; }
mark.entity span.label { font-size:0.6em; font-weight:bold; margin-left:0.4em; vertical-align:middle; text-transform:uppercase; }
svg.chart { max-width:100%; height:auto; font-size:12px; }
svg.chart text.label { fill:#333; }
svg.chart text.value, svg.chart text.axis, svg.chart text.legend { fill:#555; font-size:11px; }
svg.chart line.span { stroke:#2b6cb0; stroke-width:3; stroke-linecap:round; }
svg.chart line.grid { stroke:#e6e6e6; stroke-width:1; }
svg.chart circle.dot { fill:#2b6cb0; stroke:#fff; stroke-width:1.5; }
.empty { color:var(--muted); font-style:italic; }
#search-box { display:flex; gap:10px; align-items:center; flex-wrap:wrap; margin:8px 0; }
#search-box input[type=search] { flex:1; min-width:260px; padding:5px 8px; font-size:14px; }
ol.docs { list-style:none; padding:0; margin:0; }
ol.docs li.doc { border-bottom:1px solid #eee; padding:6px 0; }
ol.docs li.doc .path { font-weight:bold; word-break:break-all; }
ol.docs ul.arts { margin:2px 0 0 0; padding-left:22px; font-size:14px; }
.status-failed, .status-skipped { color:#9b2c2c; }
td.matrix { text-align:center; min-width:48px; }
td.matrix a { display:block; }
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src data:">
<title>{% block title %}{% endblock %} — difang report</title>
<style>""" + STYLE + """</style>
</head>
<body>
<nav class="top" aria-label="Report pages">
  <b>difang report</b>
  <a href="{{ links.index }}"{% if page == "index" %} class="here"{% endif %}>Documents</a>
  <a href="{{ links.timeline }}"{% if page == "timeline" %} class="here"{% endif %}>Timeline of posts</a>
  <a href="{{ links.figures }}"{% if page == "figures" %} class="here"{% endif %}>Figures</a>
  {% block pager %}{% endblock %}
</nav>
<main>
{% block main %}{% endblock %}
</main>
{% block script %}{% endblock %}
</body>
</html>
"""
