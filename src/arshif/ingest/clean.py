"""clean: RawArticle -> CleanArticle. Give every line a role and record every line that is not body.

Roles: title, subtitle, outlet, date, byline, chrome, body, blank. Chrome comes from rules/chrome.yaml (chrome.py);
outlet, date and byline lines from the extract modules that know those shapes. Nothing is dropped silently:
each non-body line becomes a `Removed` with the id of the rule that decided it.
"""
from __future__ import annotations

from typing import Optional

from ..models import CleanArticle, Line, RawArticle, Removed
from ..recognise import byline as byline_rules
from ..recognise import dates_stamp as date_rules
from ..recognise import outlets as outlet_rules
from ..recognise.names import bare_name
from ..recognise.outlet_structure import credit_name
from ..recognise.outlet_names import lookup
from ..recognise.shape import is_body_like, is_title_like
from ..text.helpers import squash_visible
from . import templates as tpl
from .chrome import match_chrome, split_glued_chrome
from .locate import could_be_deck, find_headline, locate

# Lines after a related-articles header that still look like linked headlines.
_MAX_RELATED_WORDS = 20
# When cleaning would remove more than this share of the text, keep it and warn (over-eager rules).
_MAX_REMOVED_SHARE = 0.6
# A whole page: this many non-blank lines in all, and this many outside the located article.
_WHOLE_PAGE_LINES = 40
_WHOLE_PAGE_OUTSIDE = 20


class _Lines:
    """Working state of the line classifier."""

    def __init__(self, raw_lines: list[str], templates: tpl.Templates = tpl.NONE):
        self.raw = raw_lines
        self.text = [squash_visible(t) for t in raw_lines]
        # In how many of the archive's files each line was seen, when it is a template line (else 0).
        self.seen = [templates.seen(r) if t else 0 for r, t in zip(raw_lines, self.text)] if templates else [0] * len(raw_lines)
        self.inner = [templates.in_body(r) if n else 0 for r, n in zip(raw_lines, self.seen)] if templates else self.seen
        self.role: list[Optional[str]] = [None] * len(raw_lines)
        self.rule: list[Optional[str]] = [None] * len(raw_lines)
        self.box_until = -1  # where the last related-links scan stopped (keeps many boxes linear)

    def set(self, i: int, role: str, rule: Optional[str]) -> None:
        self.role[i] = role
        self.rule[i] = rule

    def unassigned(self, start: int = 0, stop: Optional[int] = None):
        stop = len(self.raw) if stop is None else stop
        return [i for i in range(start, stop) if self.role[i] is None]


def classify_lines(raw_lines: list[str], templates: tpl.Templates = tpl.NONE) -> list[Line]:
    """Give each line a role. Pure function of the lines, the rules and the archive's template lines."""
    return classify(raw_lines, templates)[0]


def classify(raw_lines: list[str], templates: tpl.Templates = tpl.NONE) -> tuple[list[Line], tuple]:
    """(the lines with their roles, what the locator decided: (headline, first body line, last body line) on a
    whole page, () on a lighter one)."""
    ls = _Lines(raw_lines, templates)
    for i, t in enumerate(ls.text):
        if not ls.raw[i].strip(" \t"):
            ls.set(i, "blank", None)
        elif not t:
            ls.set(i, "chrome", "invisible-only")

    # Body starts at the first line that reads as running text; above it is the head. A template line is not
    # the body's start or end while the page's own text outweighs the template's.
    free = [i for i in range(len(ls.raw)) if ls.role[i] is None]
    own = [i for i in free if not ls.inner[i]] if tpl.body_marks(ls.text, ls.inner, free) else free
    body_start = next((i for i in own if is_body_like(ls.text[i]) and not match_chrome(ls.text[i], "head")), len(ls.raw))
    body_end = max((i for i in own if is_body_like(ls.text[i])), default=body_start)
    # A whole page (menus, tickers, footers around the article): the locator says where the article is.
    page = _locate_article(ls)
    head_from = 0
    if page is not None:
        head_from, body_start, body_end = page

    def region(i: int) -> str:
        return "head" if i < body_start else ("tail" if i > body_end else "body")

    for i in ls.unassigned():
        rule = match_chrome(ls.text[i], region(i))
        if rule:
            ls.set(i, "chrome", rule.id)
            if rule.starts_box:
                _mark_related_box(ls, i)

    if page is not None:
        _mark_outside(ls, head_from, body_end)
    elif any(ls.seen):
        # A lighter page: template lines above its own headline (a menu the rules do not know) are chrome.
        for i in tpl.head_marks(ls.text, ls.seen, ls.unassigned(0, body_start), _is_head_meta, is_title_like):
            ls.set(i, "chrome", tpl.REASON)
    _classify_head(ls, body_start, head_from, page is not None)
    for i in ls.unassigned():
        if region(i) == "tail" and outlet_rules.outlet_line(ls.text[i]):
            ls.set(i, "outlet", "outlet-signature")
    if any(ls.seen):
        # Template lines that would reach the body (a site's line between paragraphs), never the headline's text.
        titles = {ls.text[i] for i in range(len(ls.raw)) if ls.role[i] == "title"}
        for i in tpl.body_marks(ls.text, ls.inner, ls.unassigned(), titles):
            ls.set(i, "chrome", tpl.REASON)
    for i in ls.unassigned():
        ls.set(i, "body", None)
    lines = [Line(i, ls.raw[i], ls.role[i] or "body", ls.rule[i]) for i in range(len(ls.raw))]
    return lines, (page if page is not None else ())


def _is_head_meta(t: str) -> bool:
    """A date, outlet or byline line: template memory leaves it to the head's own rules."""
    return bool(date_rules.date_stamp(t) or outlet_rules.outlet_line(t) or byline_rules.byline_line(t) or bare_name(t))


def _mark_related_box(ls: _Lines, header: int) -> None:
    """The linked headlines after a related-articles header, up to the next line of running text."""
    if header < ls.box_until:
        return  # inside the box an earlier header already scanned: the same lines, the same stop
    for j in range(header + 1, len(ls.raw)):
        if ls.role[j] is not None:
            continue
        if is_body_like(ls.text[j]) or len(ls.text[j].split()) > _MAX_RELATED_WORDS:
            ls.box_until = j
            return
        ls.set(j, "chrome", "related-links")
    ls.box_until = len(ls.raw)


def _locate_article(ls: _Lines) -> Optional[tuple[int, int, int]]:
    """(headline, first body line, last body line) on a whole page, or None on a page of the seeds' shape.

    Only a page with many lines outside the article is a whole page: on a short page the head and tail rules
    below are the better judges (and a headline-like line is not cut off as outside text).
    """
    nonblank = sum(1 for r in ls.role if r != "blank")
    if nonblank < _WHOLE_PAGE_LINES:
        return None
    found = locate(ls.text, template=ls.inner, opens=lambda i: _opens_with_credit(ls.text[i]))
    if found is None:
        return None

    def is_meta(i: int) -> bool:
        # A template line (class "template") may still be the headline: a small archive echoes it in its lists.
        t = ls.text[i]
        return bool(ls.role[i] == "chrome" or match_chrome(t, "head") or date_rules.date_stamp(t)
                    or outlet_rules.outlet_line(t) or byline_rules.byline_line(t) or bare_name(t)
                    or found.classes[i] == "bad")

    start = found.start
    headline = find_headline(ls.text, start, is_meta, lambda i: is_title_like(ls.text[i]) or could_be_deck(ls.text[i]))
    head_from = headline if headline is not None else start
    outside = sum(1 for i in range(len(ls.raw)) if ls.role[i] != "blank" and not head_from <= i <= found.end)
    if outside < _WHOLE_PAGE_OUTSIDE:
        return None
    return head_from, start, found.end


def _opens_with_credit(text: str) -> bool:
    """A line opening with a dateline credit: a known agency's ("الرياض - واس -") or a site's ("أبها - البوصلة:")."""
    return bool(byline_rules.wire_credit(text) or credit_name(text))


def _mark_outside(ls: _Lines, head_from: int, body_end: int) -> None:
    """Lines above the article's headline or below its body that no rule claimed: page text, not article."""
    title = ls.text[head_from]

    def own_name(t: str, where: str) -> bool:
        m = outlet_rules.outlet_line(t, where=where)
        return m is not None and m.rule != "outlet-name-line"  # a bare name in a menu is a menu item

    for i in ls.unassigned(0, head_from):
        t = ls.text[i]
        if t == title:
            ls.set(i, "chrome", "title-repeat")
        elif own_name(t, "head"):
            ls.set(i, "outlet", "outlet-signature")
        elif date_rules.date_stamp(t):
            ls.set(i, "chrome", "outside-article-date")  # a masthead clock or an edition date: a decoy
        else:
            ls.set(i, "chrome", tpl.REASON if ls.seen[i] else "outside-article")
    for i in ls.unassigned(body_end + 1):
        if own_name(ls.text[i], "tail"):
            ls.set(i, "outlet", "outlet-signature")
        else:
            ls.set(i, "chrome", tpl.REASON if ls.seen[i] else "outside-article")


def _classify_head(ls: _Lines, body_start: int, head_from: int = 0, located: bool = False) -> None:
    """Title, repeated title, subtitle, date stamps, outlet and byline lines above the body."""
    head = ls.unassigned(head_from, body_start)
    counts: dict[str, int] = {}
    for i in head:
        counts[ls.text[i]] = counts.get(ls.text[i], 0) + 1

    # Metadata lines first: they are never the title.
    stamp_lines = []
    for i in head:
        t = ls.text[i]
        if date_rules.date_stamp(t):
            stamp_lines.append(i)
        elif outlet_rules.outlet_line(t):
            ls.set(i, "outlet", "outlet-signature")
        elif byline_rules.byline_line(t):
            ls.set(i, "byline", "byline-line")

    stamp_set = set(stamp_lines)  # a set: a head of many stamps stays linear
    candidates = [i for i in ls.unassigned(head_from, body_start) if i not in stamp_set and is_title_like(ls.text[i])]
    # A line that is only a person's name, under a headline, is a bare byline (opinion pages print them so).
    for i in candidates[1:]:
        if bare_name(ls.text[i]):
            ls.set(i, "byline", "byline-bare-name")
    candidates = [i for i in candidates if ls.role[i] is None]
    repeated = [i for i in candidates if counts[ls.text[i]] > 1]
    title = repeated[0] if repeated else _first_headline(ls, candidates)

    for i in stamp_lines:
        if title is not None and i < title and _is_page_today(ls, i, title):
            ls.set(i, "chrome", "page-today")
        else:
            ls.set(i, "date", "date-stamp")
    if title is None:
        return
    ls.set(title, "title", "title-first-headline" if not repeated else "title-repeated")
    for i in ls.unassigned(head_from, body_start):
        if ls.text[i] == ls.text[title]:
            ls.set(i, "chrome", "title-repeat")
        elif i < title and len(ls.text[i].split()) <= 4:
            # Short labels above the headline are navigation the rules do not know yet.
            ls.set(i, "chrome", "nav-label-above-title")
        elif i > title and len(ls.text[i].split()) >= 4 and (is_title_like(ls.text[i]) or located and could_be_deck(ls.text[i])):
            ls.set(i, "subtitle", "subtitle-under-title")
        elif i > title and len(ls.text[i].split()) <= 2 and not any(ch.isdigit() for ch in ls.text[i]) \
                and (located or lookup(ls.text[i].strip(" -–—|*•:.·»«\"“”"))):
            # One or two words of their own under the headline: where sites print their name ("الميزان"). On a
            # lighter page only a name the gazetteer knows: there a short line may be a photo caption ("مستشفى حقل").
            ls.set(i, "outlet", "outlet-under-headline")


def _first_headline(ls: _Lines, candidates: list[int]) -> Optional[int]:
    """The first candidate, skipping one- and two-word labels that sit right above a longer headline.

    Section labels the rules do not know ("سياسة دولية") look like very short headlines; a real headline that
    short is rare, but it happens (opinion columns: "حبّو"), so a short line is skipped only when a line of four
    or more words follows it.
    """
    for k, i in enumerate(candidates):
        following = candidates[k + 1] if k + 1 < len(candidates) else None
        if len(ls.text[i].split()) <= 2 and following is not None and len(ls.text[following].split()) >= 4:
            continue
        return i
    return None




def _is_page_today(ls: _Lines, i: int, title: int) -> bool:
    """A date stamp above the headline that is the page's own "today" line (a decoy), not the article's date.

    Sites print today's date with the city in the masthead ("الخميس 25 ابريل 2024 أبوظبي الإمارات"), above the
    menus. A stamp that names a place, or that is separated from the headline by navigation chrome, is that
    line; a bare stamp right above the headline is the article's own date, as some outlets print it there, and
    so is a stamp under a byline or outlet line (the masthead never comes after the article's own metadata).
    """
    if any(ls.role[j] in ("byline", "outlet") for j in range(i)):
        return False  # under the article's own byline or outlet line: the masthead is above, this is the date
    stamp = date_rules.date_stamp(ls.text[i])
    if stamp is not None and stamp.rest:
        return True
    between = [j for j in range(i + 1, title) if ls.role[j] not in (None, "blank")]
    return any(ls.role[j] == "chrome" for j in between)


def clean_article(raw: RawArticle, templates: tpl.Templates = tpl.NONE) -> CleanArticle:
    """The article's lines with their roles; `templates`: the archive's template lines (templates.learn)."""
    lines, located = classify(raw.text.split("\n"), templates)
    removed: list[Removed] = []
    out: list[Line] = []
    for line in lines:
        if line.role == "body":
            body, glued = split_glued_chrome(line.text)
            if glued:
                removed.append(Removed(glued[0], glued[1], line.index))
                line = Line(line.index, body, "body", None)
        elif line.role != "blank":
            removed.append(Removed(line.text, line.rule or line.role, line.index))
        out.append(line)

    warnings: list[str] = []
    chrome_chars = sum(len(r.text) for r in removed if _is_chrome(r))
    total = sum(len(line.text) for line in lines if line.role != "blank") or 1
    if chrome_chars / total > _MAX_REMOVED_SHARE and not any(line.role == "body" for line in out):
        # Rolling back over-eager pruning (as trafilatura does): keep the text, say so.
        warnings.append(f"cleaning would remove {chrome_chars * 100 // total}% of the text; kept it as body")
        out = [Line(line.index, line.text, "body" if line.role == "chrome" else line.role, None) for line in lines]
        removed = [r for r in removed if not _is_chrome(r)]
    return CleanArticle(raw=raw, lines=tuple(out), removed=tuple(removed), warnings=tuple(warnings), located=tuple(located))


_META_REASONS = {"title-first-headline", "title-repeated", "date-stamp", "outlet-signature", "byline-line", "subtitle-under-title"}


def _is_chrome(r: Removed) -> bool:
    return r.reason not in _META_REASONS
