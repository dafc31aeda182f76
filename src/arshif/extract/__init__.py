"""extract: CleanArticle -> Article. Title, date, outlet, byline and body, each with its basis."""
from __future__ import annotations

from ..ids import article_id
from ..models import Article, CleanArticle, Field, Removed
from ..recognise import byline as byline_rules
from ..recognise import outlet_structure
from ..recognise.dates_stamp import date_stamp
from ..recognise.names import bare_name
from ..text.helpers import squash_visible
from . import outlet as outlet_field
from .body import build_paragraphs
from .dates import resolve_date
from .title import derive_title


def extract_article(clean: CleanArticle) -> Article:
    lines = clean.lines
    removed = list(clean.removed)
    warnings = list(clean.warnings)
    body_lines = [line for line in lines if line.role == "body"]
    first_body = body_lines[0].index if body_lines else len(lines)
    last_body = body_lines[-1].index if body_lines else len(lines)
    paragraphs = build_paragraphs(lines)
    original_paragraphs = tuple(paragraphs)

    # Title, and an author carried in parentheses at its end.
    title_line = next((line for line in lines if line.role == "title"), None)
    author: Field = Field.unknown("no byline found")
    dateline: Field = Field.unknown("no dateline found")
    if title_line is not None:
        title_text, title_author = byline_rules.split_title_author(squash_visible(title_line.text))
        title = Field(title_text, "printed", "the headline line of the page", title_line.rule, squash_visible(title_line.text))
        if title_author:
            author = Field(title_author, "printed", "named in parentheses after the headline", "title-author", title_line.text)
    else:
        title = Field.unknown("no headline line: the page starts with running text")

    # Byline: a line of its own, else a prefix of the first paragraph; a wire credit names no author.
    for line in lines:
        if line.role == "byline" and line.rule == "byline-bare-name":
            if author.value is None:
                name = bare_name(squash_visible(line.text))
                author = Field(name, "printed", f"a line under the headline that is only a name: '{squash_visible(line.text)}'", line.rule, line.text)
        elif line.role == "byline":
            found = byline_rules.byline_line(squash_visible(line.text))
            if found:
                author, dateline = _byline_fields(found, "a byline line of its own", author, dateline)
                if found.author or found.credit:
                    break  # a photo credit names nobody's text: keep looking for the author's line
    if paragraphs:
        # "أبها - البوصلة: ...": a dateline credit naming a site the gazetteer does not list (a known agency's
        # credit is the wire credit below).
        opening_credit = byline_rules.wire_credit(paragraphs[0])
        own = None if opening_credit else outlet_structure.credit_name(paragraphs[0])
        if own:
            _, credit_text, city = own
            paragraphs[0] = _cut_prefix(paragraphs[0], credit_text)
            removed.append(Removed(credit_text, "credit-unknown-outlet", first_body))
            if dateline.value is None:
                dateline = Field(city, "printed", f"the city of the credit '{credit_text}'", "credit-unknown-outlet", credit_text)
        prefix = byline_rules.byline_prefix(paragraphs[0]) if own is None else None
        cut = False
        if prefix and author.value is None and dateline.value is None:
            author, dateline = _byline_fields(prefix, "the byline that opens the first paragraph", author, dateline)
            paragraphs[0] = _cut_prefix(paragraphs[0], prefix.text)
            removed.append(Removed(prefix.text, prefix.rule, first_body))
            cut = True
        # The credit after a cut byline is read again; else the one read above stands.
        credit = None if own is not None else byline_rules.wire_credit(paragraphs[0]) if cut else opening_credit
        if credit:
            match, credit_text, city = credit
            paragraphs[0] = _cut_prefix(paragraphs[0], credit_text)
            removed.append(Removed(credit_text, match.rule, first_body))
            if city and dateline.value is None:
                dateline = Field(city, "printed", f"the city of the wire credit '{credit_text}'", match.rule, credit_text)
    paragraphs = [p for p in paragraphs if p.strip()]

    # A date line often carries the dateline and the agency too: "بريدة 25 شوال 1436 هـ الموافق ... واس".
    if dateline.value is None:
        for line in lines:
            stamp = date_stamp(squash_visible(line.text)) if line.role == "date" else None
            found = byline_rules.byline_line(stamp.rest) if stamp and stamp.rest else None
            if found and found.dateline:
                dateline = Field(found.dateline, "printed", f"the place on the date line '{squash_visible(line.text)}'", found.rule, stamp.rest)
                break

    # On a whole page the menus and footers are outside the article: a bare name there is a menu item.
    whole_page = any(r.reason.startswith("outside-article") for r in clean.removed)

    def near(line) -> bool:
        return line.role != "blank" and not (whole_page and line.role == "chrome" and line.rule not in _OWN_NAME_RULES)

    head = [line.text for line in lines if line.index < first_body and near(line)]
    tail = [line.text for line in lines if line.index > last_body and near(line)]
    page = [line.text for line in lines if whole_page and line.role == "chrome" and not near(line)]
    name_lines = [line.text for line in lines if line.rule == "outlet-under-headline"]
    outlet = outlet_field.find_outlet(head=head, body=original_paragraphs, tail=tail, name_lines=name_lines, page=page)

    stamps = [squash_visible(line.text) for line in lines if line.role == "date"]
    resolved = resolve_date(stamps, paragraphs)

    title_derived = False
    if title.value is None and paragraphs:
        title = Field(derive_title(paragraphs[0]), "derived", "derived from the lead sentence: the page prints no headline", "title-derived", None)
        title_derived = True
    if not paragraphs:
        warnings.append("no body text found")

    extra: list[tuple[str, object]] = []
    subtitle = [squash_visible(line.text) for line in lines if line.role == "subtitle"]
    if subtitle:
        extra.append(("subtitle", " — ".join(subtitle)))
    if resolved.year is not None and resolved.field.value is None:
        extra.append(("year", resolved.year))
    if resolved.candidates:
        extra.append(("date_candidates", tuple(d.isoformat() for d in resolved.candidates)))

    raw = clean.raw
    return Article(
        id=article_id(raw.name),
        source_file=raw.name,
        source_sha256=raw.sha256,
        encoding=raw.encoding,
        title=title,
        title_derived=title_derived,
        date=resolved.field,
        outlet=outlet,
        author=author,
        dateline=dateline,
        body=tuple(paragraphs),
        removed=tuple(removed),
        warnings=tuple(warnings),
        time=resolved.time,
        extra=tuple(extra),
        located=clean.located,
    )


# Chrome that names the site itself: kept beside the article on a whole page.
_OWN_NAME_RULES = frozenset({"copyright", "copyright-trailing-mark"})


def _byline_fields(found, where: str, author: Field, dateline: Field) -> tuple[Field, Field]:
    if found.author and author.value is None:
        author = Field(found.author, "printed", f"{where}: '{found.text}'", found.rule, found.text)
    elif found.credit and author.value is None:
        author = Field.unknown(f"'{found.credit}' is a credit, not an author ({where}: '{found.text}')", found.rule)
    if found.dateline and dateline.value is None:
        dateline = Field(found.dateline, "printed", f"{where}: '{found.text}'", found.rule, found.text)
    return author, dateline


def _cut_prefix(paragraph: str, prefix: str) -> str:
    if paragraph.startswith(prefix):
        return paragraph[len(prefix):].lstrip(" -–—:،,")
    return paragraph

