"""MkDocs hook: the same sources give the same bytes, whatever the day of the build.

MkDocs stamps every page with the build day (`page.update_date`), which goes into sitemap.xml as
<lastmod> and into the gzip header of sitemap.xml.gz. Each page gets a fixed day instead: the one
SOURCE_DATE_EPOCH names (https://reproducible-builds.org/specs/source-date-epoch/) when it is set,
else 1970-01-01. The hook changes nothing in the environment, so `mkdocs build` run by hand and
`arshif build` give the same site.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone


def fixed_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else 0
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d")


def on_pre_page(page, config, files):
    page.update_date = fixed_date()
    return page
