"""Names across scripts, spellings and grammatical forms: what lets a search for "Schewtschenko" find
"Шевченко Ивана" and "Szewczenko Iwan", and tell why it matched."""

from imena.names.cyrillic import cyrillic_initials, to_cyrillic
from imena.names.forms import father_names, nominative_candidates, patronymics, surname_forms
from imena.names.normalise import Script, normalise, script
from imena.names.phonetic import phonetic_keys
from imena.names.query import NameQuery, QueryWord, Reading, Role, split_query
from imena.names.similarity import MatchKind, classify, name_similarity
from imena.names.transliteration import SCHEMES, to_latin, transliterator

__all__ = [
    "SCHEMES",
    "MatchKind",
    "NameQuery",
    "QueryWord",
    "Reading",
    "Role",
    "Script",
    "classify",
    "cyrillic_initials",
    "father_names",
    "name_similarity",
    "nominative_candidates",
    "normalise",
    "patronymics",
    "phonetic_keys",
    "script",
    "split_query",
    "surname_forms",
    "to_cyrillic",
    "to_latin",
    "transliterator",
]
