"""arshif: raw scraped Arabic news articles in, a right-to-left static archive out."""

__version__ = "0.1.0"
