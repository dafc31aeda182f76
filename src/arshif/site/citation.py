"""citation: how to cite an archived article, as a sentence to paste, BibTeX and CSL-JSON.

The sentence follows Arabic bibliographic habit: author، «title»، outlet، date. Unknowns are not guessed:
a missing date is "د.ت" (دون تاريخ), a missing outlet "د.ن" (دون ناشر), a missing author is left out. The
address is the article's permalink in the archive; with no published site_url there is none to give, and the
sentence ends with the archive's name, the BibTeX and CSL-JSON files carry no url field (a relative one means
nothing once pasted elsewhere; the page's copy buttons add the address the reader is reading at). The access date is the reader's to add (they know when
they read it; a build must not stamp one).
"""
from __future__ import annotations

import json
import re

from . import messages
from .catalog import ArticleMeta
from .render import format_date

# From rules/messages.yaml (the theme's citation block uses the same strings).
NO_DATE = messages.text("cite.no-date")
NO_PUBLISHER = messages.text("cite.no-publisher")
ARCHIVED_AT = messages.text("cite.archived")


def citation_text(article: ArticleMeta, url: str, archive_name: str = "") -> str:
    """One line: author، «title»، outlet، date. archive: url (": url" left out when `url` is "")."""
    parts = []
    if article.author:
        parts.append(article.author)
    parts.append(f"«{article.title}»")
    parts.append(article.outlet or messages.text("cite.no-publisher"))
    parts.append(format_date(article.date) if article.date else messages.text("cite.no-date"))
    where = messages.text("cite.archived-in", archive=archive_name) if archive_name else messages.text("cite.archived")
    return messages.text("list.separator").join(parts) + f". {where}" + (f": {url}" if url else "")


def bibtex_key(article: ArticleMeta) -> str:
    return f"arshif-{article.id}"


_BIB_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
    "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}
_BIB_RE = re.compile("|".join(re.escape(c) for c in _BIB_SPECIAL))


def bib_escape(text: str) -> str:
    """Make scraped text inert in a BibTeX value: no brace can close the field, no macro can run."""
    return _BIB_RE.sub(lambda m: _BIB_SPECIAL[m.group(0)], " ".join(str(text).split()))


def bibtex(article: ArticleMeta, url: str, original_url: str = "") -> str:
    """A BibTeX @article entry (biblatex reads it too): journal = the outlet, date fields only when known."""
    fields: list[tuple[str, str]] = []
    if article.author:
        # Double braces: a name is one unit, not "Last, First" to be reordered.
        fields.append(("author", "{" + bib_escape(article.author) + "}"))
    fields.append(("title", bib_escape(article.title)))
    fields.append(("journal", bib_escape(article.outlet or NO_PUBLISHER)))
    if article.date:
        fields.append(("date", article.date.isoformat()))
        fields.append(("year", str(article.date.year)))
        fields.append(("month", str(article.date.month)))
    else:
        fields.append(("note", NO_DATE))
    if url:
        fields.append(("url", url))
    if original_url:
        fields.append(("howpublished", r"\url{" + original_url + "}"))
    fields.append(("language", "arabic"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{bibtex_key(article)},\n{body}\n}}\n"


def csl_item(article: ArticleMeta, url: str, archive_name: str = "") -> dict:
    """A CSL-JSON item (Zotero, Pandoc citeproc): type article-newspaper, `issued` only when the date is known."""
    item: dict = {"id": bibtex_key(article), "type": "article-newspaper", "title": article.title}
    if article.author:
        item["author"] = [{"literal": article.author}]
    if article.outlet:
        item["container-title"] = article.outlet
        item["publisher"] = article.outlet
    if article.date:
        item["issued"] = {"date-parts": [[article.date.year, article.date.month, article.date.day]]}
    if article.lead:
        item["abstract"] = article.lead
    if url:
        item["URL"] = url
    item["language"] = "ar"
    if archive_name:
        item["archive"] = archive_name
    return item


def csl_json(article: ArticleMeta, url: str, archive_name: str = "") -> str:
    """The CSL-JSON file of one article: a list of one item, as citation managers import it."""
    return json.dumps([csl_item(article, url, archive_name)], ensure_ascii=False, separators=(",", ":")) + "\n"
