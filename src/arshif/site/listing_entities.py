"""listing_entities: a page for each entity at least two articles name, and the index of every entity.

An entity one article names gets no page (it would list one article, already linked from that article); it
stays on the index with its count, unlinked. Pages and index are paginated (listing_common.ROWS rows a page).
"""
from __future__ import annotations

from ..relate.archive import Archive, entity_paged
from ..relate.entities import TYPE_LABELS
from .listing_common import article_row, article_table, paginate
from .render import esc

TYPE_ORDER = ("person", "place", "organisation")


def entity_pages(archive: Archive) -> list:
    pages = []
    for ent_id, entity in archive.entities.items():
        if not entity_paged(archive, ent_id):
            continue
        members = archive.mentions[ent_id]  # newest first
        facts = [f"<div><dt>النوع</dt><dd>{esc(TYPE_LABELS[entity.type])}</dd></div>"]
        if entity.aliases:
            facts.append(f"<div><dt>أسماء أخرى</dt><dd>{esc('، '.join(entity.aliases))}</dd></div>")
        if entity.found_by == "pattern":
            facts.append("<div><dt>المصدر</dt><dd>اسم وجد بعد لقب في النص، وليس في قائمة الكيانات</dd></div>")
        title = f'<h1 class="arshif-title">{esc(entity.name)}</h1>'
        count = f"<div><dt>المقالات</dt><dd>{len(members)}</dd></div>"
        head = [title, "", '<dl class="arshif-meta">' + facts[0] + count + "".join(facts[1:]) + "</dl>", ""]
        rest = [title, "", '<dl class="arshif-meta">' + "".join(facts) + "</dl>", ""]
        rows = [article_row(archive, archive.articles[m], up="../") for m in members]
        pages += paginate(f"entities/{ent_id}", entity.name, head, rows, article_table, rest, type=entity.type)
    pages += entity_index(archive)
    return pages


def entity_index(archive: Archive) -> list:
    order = {t: i for i, t in enumerate(TYPE_ORDER)}
    items = sorted(archive.entities.values(),
                   key=lambda e: (order.get(e.type, len(order)), -len(archive.mentions.get(e.id, ())), e.name, e.id))
    counts = {t: sum(1 for e in items if e.type == t) for t in TYPE_ORDER}
    paged = sum(1 for e in items if entity_paged(archive, e.id))
    summary = " · ".join(f"{esc(TYPE_LABELS[t])} ({counts[t]})" for t in TYPE_ORDER if counts[t])
    head = ['<h1 class="arshif-title">الكيانات</h1>', "",
            f'<p class="arshif-count">{len(items)} كياناً: أشخاص وأماكن ومنظمات تذكرها المقالات، مع عدد المقالات التي '
            f'تذكر كلاً منها، الأكثر ذكراً أولاً. لـ{paged} منها صفحة (ما ذكرته مقالتان أو أكثر).</p>',
            f'<p class="arshif-toc">{summary}</p>' if summary else "", ""]
    rows = []
    for e in items:
        count = len(archive.mentions.get(e.id, ()))
        name = f'<a href="{esc(e.id)}.html">{esc(e.name)}</a>' if entity_paged(archive, e.id) else esc(e.name)
        note = " <small>(من نمط)</small>" if e.found_by == "pattern" else ""
        rows.append(f"<tr><td>{name}{note}</td><td>{esc(TYPE_LABELS[e.type])}</td><td>{count}</td></tr>")
    return paginate("entities/index", "الكيانات", head, rows, _index_table, head[:2])


def _index_table(rows) -> str:
    return ('<table class="arshif-index arshif-entity-list"><thead><tr><th>الكيان</th><th>النوع</th><th>المقالات</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')
