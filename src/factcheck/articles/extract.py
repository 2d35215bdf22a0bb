"""From an article to candidate claims: each check-worthy sentence, ready for a verdict.

A candidate carries its sentence, its check-worthiness score and the signals behind it, the claimant
and claim date resolved from the article itself, the entities it names, and the stored claims it
repeats, with their verdicts. Candidates are ranked by score, then by their order in the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.articles.claimants import Attribution, Mentions, Who, entities_of, is_attributed
from factcheck.articles.dates import claim_date
from factcheck.articles.matching import Matcher, StoredMatch
from factcheck.articles.sentences import article_sentences
from factcheck.articles.text import Article
from factcheck.articles.worthiness import Fired, score


@dataclass
class Candidate:
    text: str
    score: int
    signals: list[Fired]
    claimant: Who | None
    claim_date: str | None
    entities: list[str]
    position: int
    matches: list[StoredMatch] = field(default_factory=list)

    @property
    def stored(self) -> StoredMatch | None:
        """The stored claim this candidate repeats, when there is one (tier "match")."""
        return next((m for m in self.matches if m.tier == "match"), None)

    def as_json(self) -> dict:
        return {
            "text": self.text,
            "score": self.score,
            "signals": [s.as_json() for s in self.signals],
            "claimant": self.claimant.as_json() if self.claimant else None,
            "claim_date": self.claim_date,
            "entities": self.entities,
            "matches": [m.as_json() for m in self.matches],
        }


@dataclass
class Extraction:
    article: Article
    candidates: list[Candidate]  # ranked, best first

    def as_json(self, min_score: int = 0) -> dict:
        return {
            "source": self.article.source(),
            "candidates": [c.as_json() for c in self.candidates if c.score >= min_score],
        }


def candidates_of(article: Article, table=None) -> list[Candidate]:
    """The article's candidates, ranked, without matching them against stored claims."""
    mentions = Mentions(article.headlines + article.paragraphs)
    attribution = Attribution(mentions, article.byline, article.publisher)
    found = []
    for sentence in article_sentences(article):
        points, signals = score(sentence.text, sentence.in_headline, table, fragment=sentence.kind == "subheading")
        who = attribution.claimant(sentence.text)
        when = claim_date(sentence.text, article.date, is_attributed(sentence.text))
        found.append(Candidate(sentence.text, points, signals, who, when, entities_of(sentence.text, mentions),
                               sentence.position))
    return sorted(found, key=lambda c: (-c.score, c.position))


def extract(article: Article, repo=None, table=None) -> Extraction:
    """Candidates of the article, each matched against the stored claims of `repo` (when given), scored
    with `table`, else with the weights the repository's factcheck.yaml sets, else the defaults."""
    if table is None and repo is not None:
        from factcheck.articles.worthiness import newsroom_table

        table = newsroom_table(repo.root)
    candidates = candidates_of(article, table)
    if repo is not None:
        matcher = Matcher(repo)
        for candidate in candidates:
            candidate.matches = matcher.matches(candidate.text)
    return Extraction(article, candidates)
