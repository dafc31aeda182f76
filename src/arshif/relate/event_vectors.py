"""event_vectors: an article as a TF-IDF vector for event grouping, and the similar pairs among articles.

Terms are normalize.keys() of the words (title words counted TITLE_WEIGHT times, the headline says what the
event is), minus rules/events.yaml's ignore_words and words under three letters, plus the article's entities
(a person twice: sharing a person says more than sharing a country). They are counted as scikit-learn's
CountVectorizer would (_counts, from each article's counts that the worker made: event_terms.EventWords; without a
second of importing scikit-learn in every grouping run); the weight is sublinear term frequency (1 + log tf) times IDF = log((n + 1) / (df + 1)) + IDF_FLOOR,
L2-normalised. Not sklearn's smoothed IDF, whose + 1 keeps a word every article uses at half the weight of
a rare one: in a small archive that lets a match on common words (الرياض, اليوم) pass for an event.

Sub-quadratic by construction: a term in more than `term_cap(n)` articles (about 6 * sqrt(n)) is dropped.
Such a word is common to many events at once, so it says little about which event an article reports, and
dropping it bounds the similar pairs: each term pairs at most cap * cap articles, so the sparse product X @ X.T
costs at most n * TOP_TERMS * cap, about n ** 1.5, never n ** 2 (from PRUNE_FROM articles on, each vector keeps
its TOP_TERMS strongest terms).
"""
from __future__ import annotations

import math
from typing import Optional, Sequence

import numpy as np
from scipy import sparse

from .entities import gazetteer
from .term_numbers import Numbering, TermNumbers, sorted_rank
from .event_terms import COUNT_TYPE, LEAD_WORDS, TITLE_WEIGHT, EventWords, _words, counted, incident_kinds, unpacked_words

PERSON_WEIGHT = 2  # a person counts twice
TOP_TERMS = 40  # strongest terms kept per vector in a large archive: the tail adds cost, not signal
PRUNE_FROM = 1000  # articles: below, pruning saves nothing and a long report would lose the words it shares
CAP_FACTOR = 6.0  # a term may be in CAP_FACTOR * sqrt(n) articles at most
MIN_CAP = 60  # a small archive keeps every term: there, no word is common to many events
ENTITY_SHARE = 0.0  # of the similarity, from the entities both name (the rest from their words)
IDF_FLOOR = 0.5  # words every article uses weigh almost nothing, yet a tiny archive still has words to compare


def term_cap(n: int) -> int:
    """The most articles a term may be in. A word in half of a small archive is no evidence of one event
    either (in a large archive, 3 * sqrt(n) is the tighter bound)."""
    return min(max(MIN_CAP, int(CAP_FACTOR * math.sqrt(n))), max(3, (n + 1) // 2))


def terms(title: str, text: str, entities: Sequence[str], ignore: frozenset,
          incidents: Optional[dict] = None, found: Optional[EventWords] = None) -> tuple[tuple, list[str], int, int]:
    """The article's terms as a row (its distinct terms, sorted, as a list or packed, and how often each counts:
    event_terms.counted), its entities, each repeated as often as it counts (none while ENTITY_SHARE is 0); and the
    incident kinds its title names and those its title or lead names (bit masks of rules/events.yaml's incidents).
    `found`: what event_terms.event_words gave in the worker (with these `ignore` words and, when it holds kinds,
    these `incidents`: group_events passes it only under the rules the workers used)."""
    if found is not None:
        row: tuple = (found.terms, found.counts)
        kinds = found.kinds if found.kinds is not None and incidents else \
            incident_kinds(unpacked_words(found.head), unpacked_words(found.lead), incidents)
    else:
        words, head = _words(text, ignore), _words(title, ignore)
        row = counted(words, head)
        kinds = incident_kinds(head, words[:LEAD_WORDS], incidents)
    ents = []
    if ENTITY_SHARE > 0:  # the entity channel is off: its terms are not counted for nothing
        known = gazetteer().entities
        for e in sorted(set(entities)):
            person = e.startswith("p-") or (e in known and known[e].type == "person")
            ents += [e] * (PERSON_WEIGHT if person else 1)
    return row, ents, kinds[0], kinds[1]


def vectorize(term_lists: Sequence[tuple], numbers: Optional["TermNumbers"] = None) -> sparse.csr_matrix:
    """Rows: one vector per article, in the order given: its word vector and its entity vector side by side,
    weighted so that a dot product is (1 - ENTITY_SHARE) * word cosine + ENTITY_SHARE * entity cosine."""
    n = len(term_lists)
    parts = [_channel([t[0] for t in term_lists], TOP_TERMS, numbers) * math.sqrt(1 - ENTITY_SHARE)]
    if ENTITY_SHARE > 0:
        parts.append(_channel([counted(t[1], ()) for t in term_lists], TOP_TERMS) * math.sqrt(ENTITY_SHARE))
    x = sparse.hstack(parts, format="csr") if len(parts) > 1 else parts[0].tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x = (sparse.diags(1 / norms) @ x).tocsr()  # unit rows (an article with no entity: its words alone)
    x.sort_indices()
    return x if x.shape[0] == n else sparse.csr_matrix((n, 0))


def _channel(term_lists: Sequence[tuple], keep: int, numbers: Optional["TermNumbers"] = None) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows. A term in one article only cannot pair it with another and is dropped
    before normalising (min_df 2): otherwise a long article, rich in words of its own, would look unlike
    everything. Terms above the cap are dropped too."""
    n = len(term_lists)
    if n < 2:
        return sparse.csr_matrix((n, 0))
    x = _counts(term_lists, 2, term_cap(n), numbers)
    if x.shape[1] == 0:  # no term shared by two articles: nothing can pair
        return sparse.csr_matrix((n, 0))
    df = np.bincount(x.indices, minlength=x.shape[1])
    idf = np.log((n + 1) / (df + 1)) + IDF_FLOOR
    x.data = (1 + np.log(x.data)) * idf[x.indices]
    return _prune(x, keep if n >= PRUNE_FROM else x.shape[1])


def _counts(rows: Sequence[tuple], min_df: int, max_df: int, numbers: Optional["TermNumbers"] = None) -> sparse.csr_matrix:
    """Term counts, a row an article, columns the terms in sorted order, only those in min_df to max_df articles:
    what scikit-learn's CountVectorizer(analyzer=identity, min_df, max_df) gives for the word lists the rows count.
    A row: an article's distinct terms, sorted, packed (event_terms.EventWords.terms) or as a list, and their
    counts (array(COUNT_TYPE) bytes, or numbers). The terms are numbered as they come, an article at a time (no
    list of every article's words is held), and renumbered in sorted order at the end; or, with `numbers`, taken from
    the numbers an earlier run gave them (term_numbers.TermNumbers), when every row is packed."""
    n = len(rows)
    data = [np.frombuffer(c, dtype=COUNT_TYPE) if isinstance(c, bytes) else np.asarray(c, dtype=COUNT_TYPE) for _, c in rows]
    if numbers is not None and all(isinstance(t, str) for t, _ in rows):
        # numbered in an earlier run (term_numbers): only a new or edited article is looked up word by word
        found = [numbers.of(t) for t, _ in rows]
        indptr = np.concatenate(([0], np.cumsum([len(f) for f in found])))
        if not indptr[-1]:
            return sparse.csr_matrix((n, 0))
        size, rank, indices = len(numbers.number), numbers.rank(), np.concatenate(found)
    else:
        columns = Numbering()
        number = columns.__getitem__
        listed: list[int] = []
        indptr = [0]
        for terms_of_one, _ in rows:
            listed += map(number, unpacked_words(terms_of_one) if isinstance(terms_of_one, str) else terms_of_one)
            indptr.append(len(listed))
        if not columns:
            return sparse.csr_matrix((n, 0))
        size, rank, indices = len(columns), sorted_rank(list(columns)), np.asarray(listed, dtype=np.int64)
    cols = rank[indices]  # columns in the sorted order of the terms, whatever their numbers
    df = np.bincount(cols, minlength=size)
    keep = (df >= min_df) & (df <= max_df)
    new = np.cumsum(keep) - 1
    kept = keep[cols]
    rows_of = np.repeat(np.arange(n), np.diff(indptr))[kept]
    x = sparse.csr_matrix((np.concatenate(data).astype(np.float64)[kept], (rows_of, new[cols[kept]])),
                          shape=(n, int(keep.sum())))
    x.sort_indices()
    return x


def _prune(x: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Each row's `keep` largest weights (ties by term index), renormalised."""
    indptr, indices, data = x.indptr, x.indices, x.data
    rows, cols, vals = [], [], []
    for r in range(x.shape[0]):
        lo, hi = indptr[r], indptr[r + 1]
        idx, val = indices[lo:hi], data[lo:hi]
        if hi - lo > keep:
            order = np.lexsort((idx, -val))[:keep]
            idx, val = idx[order], val[order]
        norm = math.sqrt(float(np.dot(val, val))) or 1.0
        rows.append(np.full(len(idx), r, dtype=np.int64))
        cols.append(idx)
        vals.append(val / norm)
    if not rows:
        return x
    out = sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=x.shape)
    out.sort_indices()
    return out


def earlier_neighbours(x: sparse.csr_matrix, chunk: int = 1024):
    """For each row p, in order: (columns q < p whose vectors share a term with p's, their dot products).
    Computed a chunk of rows at a time, so memory stays bounded, and against the rows before the chunk's end only.
    The block is made as the transpose of (earlier rows @ chunk.T), which leaves its columns sorted; each dot product
    adds the same terms in the same (ascending) order either way, so the values are the same bits."""
    for start in range(0, x.shape[0], chunk):
        stop = min(start + chunk, x.shape[0])
        block = (x[:stop] @ x[start:stop].T).T.tocsr()
        block.sort_indices()  # a no-op: already sorted
        for r in range(block.shape[0]):
            p = start + r
            lo, hi = block.indptr[r], block.indptr[r + 1]
            cols, vals = block.indices[lo:hi], block.data[lo:hi]
            cut = int(np.searchsorted(cols, p))  # sorted columns: the earlier rows come first
            yield cols[:cut], vals[:cut]
