"""Feeds: items, links and the day each was published, as the publisher's own clock says."""

from __future__ import annotations

import pytest

from factcheck.articles.feeds import feed_items, is_feed


def rss(pub_date: str) -> str:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>기사</title><link>/news/1</link>'
            f"<pubDate>{pub_date}</pubDate></item></channel></rss>")


@pytest.mark.parametrize(
    "pub_date, day",
    [("Mon, 10 Nov 2025 07:00:00 +0900", "2025-11-10"), ("Mon, 10 Nov 2025 23:30:00 GMT", "2025-11-10"),
     ("2025-11-10T07:00:00+09:00", "2025-11-10")],
)
def test_an_items_day_is_the_day_where_it_was_published_not_in_utc(pub_date, day):
    [item] = feed_items(rss(pub_date), "https://news.example.kr/rss.xml")
    assert item.published == day


def test_relative_links_are_made_absolute_against_the_feeds_address():
    [item] = feed_items(rss("Mon, 10 Nov 2025 07:00:00 +0900"), "https://news.example.kr/rss.xml")
    assert item.url == "https://news.example.kr/news/1"


def test_an_html_page_is_no_feed_and_a_broken_feed_is_an_error():
    assert not is_feed("<html><body>기사</body></html>", "text/html")
    assert is_feed('<?xml version="1.0"?><rss version="2.0"></rss>', "text/xml")
    with pytest.raises(ValueError, match="not a readable feed"):
        feed_items("<rss><channel><item>", None)


def test_an_items_address_loses_its_fragment_and_tracking_parameters_not_its_article_number():
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><item><title>기사</title>'
            "<link>https://news.example.kr/view.html?idxno=507704&amp;utm_source=rss&amp;utm_medium=feed#top</link>"
            "</item></channel></rss>")
    [item] = feed_items(feed, None)
    assert item.url == "https://news.example.kr/view.html?idxno=507704"
