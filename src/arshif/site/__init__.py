"""site: Article + links -> what MkDocs (or Zensical) gets in docs/.

Article and listing pages, the search index, feeds, exports, citations, permalinks and redirects, page
metadata and the zip of the built site. Pure functions that return pages; build/ writes them.
"""
