"""Names across scripts and spellings: transliteration now; normalisation and phonetic keys to come."""

from imena.names.transliteration import SCHEMES, to_latin, transliterator

__all__ = ["SCHEMES", "to_latin", "transliterator"]
