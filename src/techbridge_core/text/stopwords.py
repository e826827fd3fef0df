"""Stop words: function words that carry no topic and would only add noise to BM25.

English follows the Snowball/Lucene list, Hungarian the Snowball list (shortened to
the forms that are never content words), Chinese the common particles and pronouns.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A set from whitespace-separated words (keeps long word lists readable)."""
    return frozenset(words.split())


ENGLISH_STOP_WORDS = word_set(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours yourself yourselves also may might must shall us via whether within without upon
    """
)

HUNGARIAN_STOP_WORDS = word_set(
    """
    a az egy és is nem hogy de meg már csak még mint ha ez azt ezt itt ott akkor pedig vagy
    van volt lesz lett vannak voltak kell lehet nagyon sok minden mert mely amely amelyek
    ami amit aki akik ahol után alatt között felé szerint mellett nélkül által számára
    ezek azok ezen azon ennek annak ebben abban arra erre ki mi én te ő mi ti ők engem
    téged őt minket titeket őket nekem neked neki nekünk nektek nekik vel mind sem se
    újra egyes egyik másik illetve valamint továbbá így úgy olyan ilyen mindig soha
    """
)

CHINESE_STOP_WORDS = word_set(
    """
    的 了 和 与 及 或 是 在 有 为 对 以 于 将 把 被 从 向 等 中 上 下 其 之 而 并 也 都 就 还
    这 那 这个 那个 这些 那些 我 你 他 她 它 我们 你们 他们 她们 它们 一个 一种 个 吗 呢 吧
    啊 着 过 得 地 所 因为 所以 但是 但 如果 可以 能 会 要 不 没有 很 又 该 各 每 及其 以及
    """
)

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": ENGLISH_STOP_WORDS,
    "hu": HUNGARIAN_STOP_WORDS,
    "zh": CHINESE_STOP_WORDS,
}
