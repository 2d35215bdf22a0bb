"""Korean text processing for search: folding, words, keystroke jamo, 초성, particles and endings.

Everything here is plain data and `str.translate`, so it is fast and has no dependencies.

- `fold`: NFKC (full-width forms, compatibility characters), casefold, one kind of quote and dash.
- `words`: runs of Hangul, jamo, Latin letters and digits; a change of script splits a word, so
  피지컬AI is 피지컬 + ai.
- `compact`: the folded text without spaces or punctuation, so 예타면제 finds 예타 면제.
- `jamo`: syllables decomposed into compatibility jamo *as typed on a keyboard*: compound vowels and
  finals are split (ㅘ→ㅗㅏ, ㄺ→ㄹㄱ). Initial and final consonants then share code points, so 도움 is
  inside 도우미 and a one-key typo (면재/면제) costs one edit instead of a whole syllable. NFKC would
  recompose NFD jamo, which is why we fold first and decompose last.
- `choseong`: the initial consonant of each syllable (예타 → ㅇㅌ).
- `stems`: a word without a trailing particle or verb ending (예타가 → 예타, 확보했나 → 확보).
"""

from __future__ import annotations

import functools
import re
import unicodedata

HANGUL_BASE, HANGUL_COUNT = 0xAC00, 11172
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
# Keystrokes of each medial vowel and final consonant (compound ones split, as typed on 두벌식).
JUNGSEONG = ["ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ", "ㅗㅣ", "ㅛ", "ㅜ",
             "ㅜㅓ", "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ"]
JONGSEONG = ["", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ", "ㄹㅌ",
             "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]
# Compound compatibility jamo typed on their own, split the same way.
_COMPOUND_JAMO = {"ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
                  "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ", "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ",
                  "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ"}


class _CharTable(dict):
    """A str.translate table that computes each character's entry the first time it is seen.

    Building all 11,172 syllables up front costs ~10 ms of start-up on every command; a search only
    ever meets a few hundred distinct characters.
    """

    def __init__(self, convert):
        super().__init__()
        self.convert = convert

    def __missing__(self, code: int) -> str:
        value = self[code] = self.convert(code)
        return value


def _to_jamo(code: int) -> str:
    i = code - HANGUL_BASE
    if 0 <= i < HANGUL_COUNT:
        return CHOSEONG[i // 588] + JUNGSEONG[(i % 588) // 28] + JONGSEONG[i % 28]
    char = chr(code)
    return _COMPOUND_JAMO.get(char, char)


def _to_choseong(code: int) -> str:
    i = code - HANGUL_BASE
    return CHOSEONG[i // 588] if 0 <= i < HANGUL_COUNT else chr(code)


_JAMO_TABLE, _CHOSEONG_TABLE = _CharTable(_to_jamo), _CharTable(_to_choseong)

# Quote, dash and middle-dot variants that news text mixes freely.
_FOLD_TABLE = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"',
    "『": '"', "』": '"', "〈": "<", "〉": ">", "《": "<", "》": ">", "–": "-", "—": "-", "―": "-",
    "‐": "-", "‑": "-", "․": ".", "·": " ", "・": " ", "ㆍ": " ", "∼": "~", "〜": "~",
})

# NFKC turns compatibility jamo (ㅇ U+3147) into conjoining jamo (ᄋ U+110B); turn them back, so that a
# 초성 query stays 초성.
_COMPAT_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_COMPAT_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_FOLD_TABLE.update({0x1100 + i: ch for i, ch in enumerate(CHOSEONG)})
_FOLD_TABLE.update({0x1161 + i: ch for i, ch in enumerate(_COMPAT_VOWELS)})
_FOLD_TABLE.update({0x11A8 + i: ch for i, ch in enumerate(_COMPAT_FINALS)})
_FOLD_TABLE.update({ord("æ"): "ae", ord("œ"): "oe", ord("ø"): "o", ord("đ"): "d", ord("ł"): "l", ord("ı"): "i"})


def _unaccented(code: int) -> str:
    """A Latin letter without its accent (é → e), else the character itself: the word would split there."""
    char = chr(code)
    if 0xC0 <= code < 0x250:
        base = unicodedata.normalize("NFKD", char)[0]
        if "a" <= base <= "z":
            return base
    return char


# Accents are looked up the first time a character is met, as the jamo tables are: no start-up cost.
_FOLD_TABLE, _FIXED = _CharTable(_unaccented), _FOLD_TABLE
_FOLD_TABLE.update(_FIXED)


def fold_table() -> dict[str, str]:
    """Every character fold() changes, worked out whole (the live table grows as text is met, so two
    dumps of it in one process would differ): for the site's script, which folds as the CLI does."""
    table = {chr(code): base for code in range(0xC0, 0x250) if (base := _unaccented(code)) != chr(code)}
    table.update({chr(code) if isinstance(code, int) else code: value for code, value in _FIXED.items()})
    return table

WORD_RE = re.compile(r"[가-힣]+|[ㄱ-ㆎ]+|[a-z]+|[0-9]+|[一-鿿]+")


def fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    # Most text holds no character the table changes, and a regex finds that out four times faster than
    # translate looks up each character (an index build folds every field of every claim).
    return folded.translate(_FOLD_TABLE) if _folded_away().search(folded) else folded


@functools.cache
def _folded_away() -> re.Pattern:
    """The characters fold's table changes: the fixed ones, and the Latin letters that may carry an accent."""
    fixed = "".join(chr(code) if isinstance(code, int) else code for code in _FIXED)
    return re.compile(f"[\u00c0-\u024f{re.escape(fixed)}]")


def words(text: str) -> list[str]:
    """The words of already folded text; scripts are split apart."""
    return WORD_RE.findall(text)


def compact(text: str) -> str:
    return "".join(words(fold(text)))


def jamo(text: str) -> str:
    return text.translate(_JAMO_TABLE)


_NOT_CHOSEONG = re.compile("[^ㄱ-ㅎ]+")


class _SyllableRest(dict):
    """A syllable's keystrokes after its initial consonant (면 → ㅕㄴ), worked out the first time it is met."""

    def __missing__(self, syllable: str) -> str:
        value = self[syllable] = jamo(syllable)[1:]
        return value


SYLLABLE_REST = _SyllableRest()


def choseong(text: str) -> str:
    return _NOT_CHOSEONG.sub("", text.translate(_CHOSEONG_TABLE))


def choseong_of_words(hangul_words: list[str]) -> list[str]:
    """초성 of whole Hangul words, translated in one pass."""
    return " ".join(hangul_words).translate(_CHOSEONG_TABLE).split()


def is_hangul_word(word: str) -> bool:
    """A word of `words()` in Hangul syllables (a change of script splits a word, so its first letter says)."""
    return "가" <= word[0] <= "힣"


def is_latin_word(word: str) -> bool:
    """A word of `words()` in (folded) Latin letters."""
    return "a" <= word[0] <= "z"


def is_choseong_word(word: str) -> bool:
    """A word typed only in initial consonants, such as ㅇㅌ."""
    return all("ㄱ" <= ch <= "ㅎ" for ch in word)


# The consonant and vowel keys of the 두벌식 keyboard, row by row, as they lie under the fingers.
KEYBOARD_ROWS = ("ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", "ㅋㅌㅊㅍㅠㅜㅡ")
MASH_RUN = 4  # this many neighbouring keys of one row, in either direction, is a hand on the keyboard


def is_chat_jamo(word: str) -> bool:
    """Bare jamo that are chat or keyboard noise, not 초성 of words: one letter repeated (ㅋㅋ, ㅎㅎㅎ,
    ㅠㅠ), vowels alone, or a run along one row of keys (ㅁㄴㅇㄹ, the Korean asdf)."""
    if not word or not all("ㄱ" <= ch <= "ㅣ" for ch in word):
        return False
    if len(set(word)) == 1 and len(word) >= 2 or all(ch >= "ㅏ" for ch in word):
        return True
    return any(
        run in row or run in row[::-1]
        for row in KEYBOARD_ROWS
        for run in (word[i : i + MASH_RUN] for i in range(len(word) - MASH_RUN + 1))
    )


# Particles (조사) and verb endings (어미) that follow the word a searcher means, longest first.
# Kept as data: add to it, don't branch on it.
ENDINGS = sorted({
    # particles
    "이", "가", "은", "는", "을", "를", "의", "에", "도", "만", "와", "과", "로", "으로", "에서", "에게", "께",
    "한테", "까지", "부터", "처럼", "보다", "마저", "조차", "이나", "나", "이랑", "랑", "이며", "이고", "하고",
    "에는", "에도", "에서는", "에서도", "으로는", "로는", "으로도", "로도", "과의", "와의", "에의", "이란",
    "란", "이라는", "라는", "이라고", "라고", "께서", "들", "들이", "들은", "들을", "들의", "에선", "엔",
    # endings that turn a noun into a question or statement about it
    "이다", "였다", "이었다", "인가", "인가요", "인지", "일까", "입니까", "이야", "이에요", "예요", "인데",
    "했다", "했나", "했나요", "했는지", "했던", "했다는", "한다", "한다는", "하는", "한", "할", "하나",
    "하나요", "합니까", "했어", "했어요", "했습니까", "하겠다", "하겠다는",
    "됐다", "됐나", "됐나요", "됐는지", "됐던", "됐다는", "된다", "된다는", "되는", "된", "될", "되나",
    "되나요", "되었다", "되었나", "되었나요", "되었는지", "됩니까", "됐어", "됐어요", "됐습니까", "돼",
    "맞나", "맞나요", "맞아", "맞습니까", "이라던데", "라던데", "이래", "래",
    "다고", "다는", "냐", "나요", "는지", "었나", "았나", "었다", "았다", "었던", "았던", "어요", "아요",
    "시키다", "시킨", "시켰다", "시켰나", "받았다", "받았나", "받은",
    # what a question or hearsay ends with; stems() also strips what came before (도입한다 + 는데)
    "는데", "던데", "다며", "라며", "다면서", "대요", "잖아", "냐고", "더라", "죠", "지요", "네요", "군요",
    "습니다", "했", "됐",
}, key=len, reverse=True)

# The particles a one-syllable noun takes (쌀이, 집에서, 빚을), and the copula's forms: stems() keeps two
# syllables, so such a noun is found by one_syllable_stem instead.
NOUN_PARTICLES = frozenset((
    "이", "가", "은", "는", "을", "를", "의", "에", "도", "만", "와", "과", "로", "으로", "에서", "에게", "까지",
    "부터", "처럼", "보다", "이나", "이랑", "이며", "이고", "에는", "에도", "에서는", "에서도", "으로는", "으로도",
    "과의", "와의", "이란", "이라는", "이라고", "들", "들이", "들은", "들을", "들의",
    # and the copula's forms (쌀이지, 쌀인데, 빚이다): a sentence says what a thing is
    "이다", "이지", "인데", "이라", "이라서", "이면", "인지", "이야", "이었다", "이었고", "일까"))


def one_syllable_stem(word: str) -> str | None:
    """The one-syllable noun of a word that is that noun and a particle (쌀이 → 쌀), else None."""
    if len(word) >= 2 and is_hangul_word(word) and word[1:] in NOUN_PARTICLES:
        return word[0]
    return None


# Words that carry no topic in a question: dropped from queries when other words remain.
STOPWORDS_KO = {
    "언제", "어디", "어디서", "누가", "누구", "무엇", "뭐", "뭔가", "왜", "어떻게", "얼마", "얼마나", "몇",
    "사실", "진짜", "정말", "맞나", "맞나요", "맞아", "여부", "관련", "대한", "대해", "대해서", "것", "거",
    "그", "이", "저", "게", "건", "걸", "및", "등", "또", "또는", "혹은", "그리고", "했나", "됐나", "있나", "없나",
    "있다", "없다",
    # nouns and verbs that work as postpositions (코로나 때문에, 법에 따라): grammar, not a topic
    "때문", "때문에", "위해", "위한", "통해", "통한", "따라", "따른", "의해", "의한",
    "했다", "됐다", "한다", "된다", "하는", "되는", "였나", "이야", "인가", "인가요", "나요", "요",
}
STOPWORDS_EN = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "is", "are",
    "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "as", "did", "does", "do",
    "has", "have", "had", "what", "when", "where", "who", "whom", "which", "why", "how", "about", "into",
    "than", "then", "there", "their", "they", "he", "she", "his", "her", "we", "our", "you", "your", "i",
    "not", "no", "true", "false", "claim", "claims", "said", "say", "says", "any", "all", "s",
}
# A stem found without its particle counts a little less than the whole word, so that 경기도 still
# prefers claims about 경기도 over claims about 경기 (the economy).
STEM_FACTOR = 0.9


def stems(word: str) -> list[str]:
    """`word` without each trailing ending it might carry, one ending or two (도입한다는데 → 도입한다 →
    도입); stems keep at least two syllables."""
    return list(_stems(word))


# Each word is tried against every ending; a sentence's search reads the same words again in each claim
# it compares, so a word's stems are kept (a list is returned, a tuple kept, so no caller changes them).
@functools.lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[str, ...]:
    found: list[str] = []
    layer = [word]
    for _depth in range(2):
        next_layer = []
        for form in layer:
            for ending in ENDINGS:
                if form.endswith(ending) and len(form) - len(ending) >= 2:
                    stem = form[: -len(ending)]
                    if stem not in found:
                        found.append(stem)
                        next_layer.append(stem)
        layer = next_layer
    return tuple(found)


# How a question's predicate ends (열었나, 만든다던데, 됐다며): it says what happened, not what about,
# and a claim may word it otherwise, so search counts it for less than a noun.
PREDICATE_ENDINGS = ("는데", "던데", "냐", "냐고", "나요", "까요", "죠", "지요", "네요", "다며", "라며", "면서",
                     "대요", "는지", "었나", "았나", "했나", "됐나", "였나", "다는", "다고")
_FINAL_N, _FINAL_SS = 4, 20  # 한다, 했다: a present or past tense before 다


def is_predicate(word: str) -> bool:
    if len(word) < 3 or not is_hangul_word(word):
        return False
    if word.endswith(PREDICATE_ENDINGS):
        return True
    final = (ord(word[-2]) - HANGUL_BASE) % 28
    return word[-1] == "다" and final in (_FINAL_N, _FINAL_SS)


def is_stopword(word: str) -> bool:
    """A question word or filler, also with a particle or ending (사실이야, 진짜로)."""
    if word in STOPWORDS_KO or word in STOPWORDS_EN:
        return True
    return is_hangul_word(word) and any(stem in STOPWORDS_KO for stem in stems(word))


def only_grammar(word: str) -> bool:
    """A word that is nothing but a particle or ending (부터, 까지, 에서) once numbers are gone."""
    return word in ENDINGS or word in STOPWORDS_KO


_LATIN_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ies", "ied", "ed",
                   "es", "ly", "s")
# A final y or ie after a consonant is written i before an ending (policy, policies; cookie, cookies): each
# becomes i, so that both spellings meet at one stem, and -ies never cuts a word to a stranger (cookies
# is not cook).
_Y_ENDINGS = {"ies": "i", "ied": "i", "ie": "i", "y": "i"}
# English writes -es only after these (boxes, wishes, tornadoes); elsewhere the e is the word's own (flees, shares).
_ES_AFTER = ("s", "x", "z", "ch", "sh", "o")


@functools.lru_cache(maxsize=1 << 16)  # English words repeat: an index build meets each thousands of times
def latin_stem(word: str) -> str:
    """A light English stemmer: enough to meet 'exemption' and 'exempted' at 'exempt'."""
    for ending, replacement in _Y_ENDINGS.items():
        if word.endswith(ending) and len(word) - len(ending) >= 3 and word[-len(ending) - 1] not in "aeiou":
            return word[: -len(ending)] + replacement
    if not word.endswith(_LATIN_SUFFIXES):
        return word
    for suffix in _LATIN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word[:-2].endswith(_ES_AFTER):  # flees is flee + s, not fle + es
                return word[:-1]
            return word[: -len(suffix)]
    return word
