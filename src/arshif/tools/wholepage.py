"""Whole pages of invented outlets, labelled: dev data for the article locator (issue 12).

A whole page is what a reader selects with Ctrl+A on a news site: masthead, hundreds of menu lines, tickers,
prayer and weather tables, cookie and login notices in Arabic and English, the article somewhere in the middle,
then "most read" lists, footers and editorial-board lines. Each invented outlet is a template repeated across
its articles (its menus and footer do not change), as a real site is. Article text comes from the shared corpus
(read in place, never copied into the project); the outlets, names and chrome are invented here.

`labelled_pages(n)` returns (text, label) pairs; the label says what a right extraction finds: the headline,
the opening words of the body, the outlet, the publication date, the author, and the chrome lines.
Same arguments, same pages.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .synth import default_corpus

MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
MAGHREB = ("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
LEVANT = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني",
          "كانون الأول")
WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")  # date.weekday() order
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
NAMES = ("سامر الحربي", "منى القحطاني", "يوسف الدوسري", "ريم العنزي", "طارق الزهراني", "هالة السبيعي", "ماجد الشمري",
         "نورة المالكي", "بدر الغامدي", "لمى الحارثي", "فهد العمري", "عبير الشهراني")
SECTIONS = ("الرئيسية", "أخبار", "محليات", "اقتصاد", "رياضة", "ثقافة", "منوعات", "مقالات", "فيديو", "صور", "تقارير",
            "حوارات", "صحة", "تقنية", "سياحة", "عقارات", "سيارات", "المرأة", "الشباب", "التعليم", "أسواق", "بورصة",
            "الدوري السعودي", "كرة القدم", "دوري أبطال آسيا", "كأس الملك", "الطقس", "نجوم", "سينما", "دراما",
            "أخبار السعودية", "أخبار الخليج", "الشرق الأوسط", "أفريقيا", "أوروبا", "أمريكا", "آسيا", "العالم",
            "مال وأعمال", "طاقة", "نفط", "ريادة", "وظائف", "إعلانات", "خدمات", "الأرشيف", "من نحن", "اتصل بنا",
            "أعلن معنا", "سياسة الخصوصية", "شروط الاستخدام", "خريطة الموقع", "النشرة البريدية", "تطبيق الجوال",
            "مجلس التحرير", "الكتاب", "كاريكاتير", "إنفوجراف", "بودكاست", "بث مباشر", "ملفات خاصة", "برامج",
            "مسابقات", "أبراج", "وفيات", "مناسبات", "إسلاميات", "فتاوى", "رمضان", "الحج والعمرة", "جامعات")
LATIN_MENU = ("Home", "News", "Sports", "Business", "Opinion", "Video", "Contact Us", "About", "English", "Login",
              "Subscribe", "Search", "Menu", "Toggle navigation", "Skip to content", "Privacy Policy", "RSS")
SHARE = ("شارك", "فيسبوك", "تويتر", "واتساب", "طباعة", "نسخ الرابط", "أرسل لصديق", "تكبير الخط", "تصغير الخط")
COOKIE_AR = "يستخدم {site} ملفات تعريف الارتباط لتحسين تجربتك، وباستمرارك في التصفح فإنك توافق على ذلك. موافق"
COOKIE_EN = "We use cookies to improve your experience on our website. By browsing this website, you agree to our use of cookies. Accept"
LOGIN = ("تسجيل الدخول", "إنشاء حساب", "نسيت كلمة المرور؟", "اسم المستخدم", "كلمة المرور", "تذكرني", "دخول")
NEWSLETTER = ("اشترك في النشرة البريدية لتصلك آخر الأخبار", "أدخل بريدك الإلكتروني", "اشترك الآن")
CITIES = ("الرياض", "جدة", "الدمام", "مكة المكرمة", "المدينة المنورة", "أبها", "تبوك", "حائل")
MARKUP = ("<script>window.dataLayer = window.dataLayer || [];</script>", "{{ article.views }} مشاهدة",
          "{% include 'ads/top.html' %}", "<!-- ad slot 300x250 -->", "| --- | --- |", "javascript:void(0)",
          "<div class=\"share-bar\"></div>")


@dataclass(frozen=True)
class Outlet:
    """One invented site: what its template prints, fixed across its articles."""

    name: str
    menu: tuple[str, ...]
    footer: tuple[str, ...]
    board: tuple[str, ...]
    copyright: str
    date_form: str      # which date shape the site prints
    byline_form: str    # "كتب: X", "بقلم X", ...
    name_clue: str      # where the name stands besides the footer
    cookie: str         # "ar", "en" or ""
    clock: bool         # a "today" stamp in the masthead (a decoy date)
    latin_menu: bool
    markup: bool
    tables: bool        # prayer-time and weather tables
    echo_title: bool    # the headline printed twice (page title and article heading)
    house: tuple[str, ...] = ()  # the site's own lines printed between the article's paragraphs


@dataclass(frozen=True)
class Label:
    title: str
    body_start: str           # the first article paragraph
    outlet: str
    date: Optional[dt.date]   # None when the page prints none
    author: Optional[str]
    chrome: tuple[str, ...]   # every line that is neither the article nor its metadata
    layout: str = ""
    body: tuple[str, ...] = field(default=())


_OUTLET_NAMES = ("صدى الساحل", "نبض المدينة", "الميزان", "مرآة الخليج", "البوصلة", "أنباء الواحة", "الرصيف", "منبر الشمال")
_DATE_FORMS = ("hyphen-comma", "gmt-double", "eastern", "counters", "levant-comma", "published-updated", "slash", "long")
_BYLINES = ("كتب: {n}", "بقلم: {n}", "حوار: {n}", "{n}", "إعداد: {n}", "كتبت - {n}", "{n} و{m}", "")
_CLUES = ("copyright", "notice", "name-line", "masthead", "credit", "self-reference", "name-line", "notice")
# Lines a site prints inside every article, between its paragraphs: a label, an app notice, a sponsor mark, a
# rights sentence. No chrome rule knows them, and a sentence among paragraphs reads as article to the locator:
# only template memory (the line recurs in the site's pages) tells them apart. Two outlets print none.
_HOUSE = ("{name} | تغطية خاصة",
          "ولمتابعة آخر المستجدات على مدار الساعة يمكنكم تحميل تطبيق {name} على الهواتف الذكية من المتاجر الإلكترونية.",
          "إعلان ممول",
          "هذا المحتوى من إنتاج فريق {name} ولا يجوز نقله دون الإشارة إلى المصدر.",
          "شاهد أيضاً على {name} TV",
          "للاطلاع على المزيد من التقارير والتحليلات المعمقة زوروا ملف {name} الأسبوعي الذي يصدر كل خميس.",
          "", "")


# Harder layouts, each drawn for a page with this chance: a ticker right above the headline, a long deck under
# it, a photo label, a "read also" box inside the body, reader comments, an "about us" paragraph in the footer.
_HARD = {"no-breadcrumb": 0.4, "deck": 0.3, "photo": 0.3, "read-also": 0.3, "comments": 0.25, "about": 0.3}


def outlets(seed: int = 12) -> tuple[Outlet, ...]:
    rng = random.Random(seed)
    made = []
    for k, name in enumerate(_OUTLET_NAMES):
        menu_size = rng.choice((30, 60, 120, 200, 300))
        menu = tuple(rng.choice(SECTIONS) if rng.random() < 0.85 else f"{rng.choice(SECTIONS)} {rng.choice(CITIES)}"
                     for _ in range(menu_size))
        footer = tuple(rng.sample(SECTIONS, 12))
        chief, board = rng.sample(NAMES, 2)
        made.append(Outlet(
            name=name, menu=menu, footer=footer,
            board=(f"رئيس التحرير: {chief}", f"رئيس مجلس الإدارة: {board}", "العنوان: ص.ب 1234 الرمز البريدي 11411"),
            copyright=rng.choice((f"© {name} 2015", f"جميع الحقوق محفوظة لـ{name} 2015", f"حقوق النشر محفوظة لموقع {name} ©")),
            date_form=_DATE_FORMS[k % len(_DATE_FORMS)], byline_form=_BYLINES[k % len(_BYLINES)],
            name_clue=_CLUES[k % len(_CLUES)], cookie=("ar", "en", "")[k % 3], clock=k % 2 == 0,
            latin_menu=k % 3 != 2, markup=k % 2 == 1, tables=k % 4 in (0, 3), echo_title=k % 3 == 1,
            house=(_HOUSE[k].format(name=name),) if _HOUSE[k] else ()))
    return tuple(made)


def date_line(form: str, d: dt.date, rng: random.Random) -> str:
    wd = WEEKDAYS[d.weekday()]
    m = MONTHS[d.month - 1]
    hm = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    if form == "hyphen-comma":
        return f"{wd}, {d.day}-{m}-{d.year}"
    if form == "gmt-double":
        return f"{hm} GMT {d.day} {m}/ {LEVANT[d.month - 1]} {d.year}"
    if form == "eastern":
        return f"{wd} {d.day} {m} {d.year}".translate(EASTERN)
    if form == "counters":
        return f"{rng.randint(1, 9)} {rng.randint(100, 999)} مشاهدة {d.day} {MAGHREB[d.month - 1]} {d.year}"
    if form == "levant-comma":
        return f"{wd},{d.day} {LEVANT[d.month - 1]} {d.year}"
    if form == "published-updated":
        later = d + dt.timedelta(days=rng.randint(1, 3))
        return f"نشر في: {d.day} {m} {d.year} - آخر تحديث: {later.day} {MONTHS[later.month - 1]} {later.year}"
    if form == "slash":
        return f"{d.day}/{d.month}/{d.year} - {hm}"
    return f"{wd} {d.day} {m} {d.year} - {hm}"


def corpus_records(limit: int, seed: int, corpus: Optional[Path] = None) -> list[dict]:
    """`limit` corpus articles of 3 to 30 paragraphs, in a seeded order (the same on every machine)."""
    folder = corpus or default_corpus()
    if folder is None:
        raise FileNotFoundError("no shared corpus (../shared/corpus/saudinewsnet) to lay pages out from")
    records = []
    for path in sorted(Path(folder).glob("*.jsonl.gz"))[:4]:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                paras = [" ".join(p.split()) for p in rec.get("content", "").split("\n") if len(p.split()) >= 8]
                title = " ".join((rec.get("title") or "").split())
                if title and 3 <= len(paras) <= 30 and 3 <= len(title.split()) <= 20:
                    records.append({"title": title, "paras": paras, "day": rec["date_extracted"][:10]})
    random.Random(seed).shuffle(records)
    return records[:limit]


def labelled_pages(count: int = 48, seed: int = 12, corpus: Optional[Path] = None) -> list[tuple[str, Label]]:
    rng = random.Random(seed)
    sites = outlets(seed)
    records = corpus_records(count + 200, seed, corpus)
    headlines = [r["title"] for r in records[count:]]
    pages = []
    for n in range(count):
        site = sites[n % len(sites)]
        pages.append(_page(rng, site, records[n], headlines, n))
    return pages


def _page(rng: random.Random, site: Outlet, rec: dict, headlines: list[str], n: int) -> tuple[str, Label]:
    published = dt.date.fromisoformat(rec["day"]) - dt.timedelta(days=rng.randint(0, 2))
    chrome: list[str] = []
    lines: list[str] = []

    def add(*texts: str, is_chrome: bool = True) -> None:
        lines.extend(texts)
        if is_chrome:
            chrome.extend(t for t in texts if t.strip())

    if site.clock:  # the site's "today" stamp: a decoy, never the publication date
        today = dt.date(2026, 12, 1)
        add(f"{WEEKDAYS[today.weekday()]} {today.day} {MONTHS[today.month - 1]} {today.year}")
    if site.cookie == "en":
        add(COOKIE_EN)
    if site.latin_menu:
        add("Toggle navigation", "Skip to content")
    if site.markup:
        add(rng.choice(MARKUP))
    add(*rng.sample(LOGIN, 3))
    if site.name_clue == "masthead":
        add(f"جريدة {site.name} بتاريخ {published.day} {MONTHS[published.month - 1]} {published.year}", is_chrome=False)
    add(*site.menu)
    if site.latin_menu:
        add(*rng.sample(LATIN_MENU, 6))
    add("عاجل", *rng.sample(headlines, rng.randint(3, 8)))
    if site.tables:
        add("مواقيت الصلاة", "الفجر 04:12", "الظهر 11:58", "العصر 15:21", "المغرب 18:40", "العشاء 20:10",
            "الرياض 43° مشمس", "جدة 36° رطب", "الدمام 45° غبار", "الدولار 3.75", "اليورو 4.12")
    hard = {k for k, share in _HARD.items() if rng.random() < share}
    if "no-breadcrumb" not in hard:
        add(f"الرئيسية » {rng.choice(SECTIONS)}")
    elif site.tables:
        add("عاجل", *rng.sample(headlines, 3))  # a ticker right above the headline
    if site.echo_title:
        add(rec["title"], "")
    lines.append(rec["title"])
    if "deck" in hard:
        lines.append(f"تفاصيل جديدة حول {rec['title']} وردود الفعل الأولى عليها في الأوساط المحلية والرسمية خلال الأيام الماضية")
    author = None
    if site.byline_form and n % 4 != 3:
        a, b = rng.sample(NAMES, 2)
        author = f"{a} و{b}" if "{m}" in site.byline_form else a
        byline = site.byline_form.format(n=a, m=b)
    else:
        byline = None
    printed = n % 5 != 4 or site.date_form == "counters"
    date_text = date_line(site.date_form, published, rng) if printed else None
    if site.name_clue == "name-line":
        lines.append(site.name)
    if byline:
        lines.append(byline)
    if date_text:
        lines.append(date_text)
    add(*rng.sample(SHARE, 4))
    if site.markup:
        add(rng.choice(MARKUP))
    if "photo" in hard:
        add("صورة أرشيفية")
    lines.append("")
    paras = list(rec["paras"])
    body_start = paras[0]
    if site.name_clue == "credit":
        paras[0] = f"{rng.choice(CITIES)} - {site.name}: {paras[0]}"
    if site.name_clue == "self-reference" and len(paras) > 1:
        paras[1] = paras[1] + f" وقال مصدر مطلع لـ«{site.name}» إن العمل مستمر."
    for k, p in enumerate(paras):
        lines += [p, ""]
        if k == 0 and "read-also" in hard and len(paras) > 2:
            add("اقرأ أيضا:", rng.choice(headlines))
            lines.append("")
        if k == 0 and site.house and len(paras) > 1:
            add(*site.house)
            lines.append("")
    add("الوسوم:", "، ".join(rng.sample(SECTIONS, 3)))
    add(*rng.sample(SHARE, 3))
    if "comments" in hard:
        a, b = rng.sample(NAMES, 2)
        add("تعليقات القراء", a, "كلام جميل ونتمنى أن يستمر العمل بهذه الروح في كل المناطق.", b,
            "أين كان المسؤولون عن هذا الموضوع طوال السنوات الماضية؟")
    add("الأكثر قراءة", *rng.sample(headlines, rng.randint(4, 10)))
    add("أضف تعليقك", "الاسم", "البريد الإلكتروني", "إرسال")
    add(*rng.sample(NEWSLETTER, 2))
    if site.markup:
        add(rng.choice(MARKUP))
    add(*site.footer, *site.board)
    if "about" in hard:
        add(f"{site.name} صحيفة إلكترونية مستقلة تصدر من الرياض منذ عام 2010، وتهتم بالشأن المحلي والاقتصاد والرياضة.")
    if site.name_clue == "notice":
        add(f"يرحب موقع {site.name} بتعليقات القراء شرط الالتزام بآداب الحوار", is_chrome=False)
    add(site.copyright, is_chrome=False)
    if site.cookie == "ar":
        add(COOKIE_AR.format(site=f"موقع {site.name}"))
    text = "\n".join(lines) + "\n"
    label = Label(title=rec["title"], body_start=body_start, outlet=site.name, date=published if date_text else None,
                  author=author, chrome=tuple(chrome),
                  layout=f"{site.name} ({site.date_form}, {site.name_clue}{''.join(', ' + h for h in sorted(hard))})",
                  body=tuple(rec["paras"]))
    return text, label
