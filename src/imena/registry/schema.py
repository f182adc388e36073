"""The registry's tables: one SQLAlchemy Core schema for SQLite and PostgreSQL.

Nothing a source states is ever overwritten: a changed entry is a new version beside the old one, a merge or
a correction is a new decision, and every change is written to an append-only audit log.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(100), primary_key=True),  # a short name chosen by the importer: "memo-db", "book-tambov"
    Column("title", Text, nullable=False),
    Column("editor", Text),
    Column("year", Integer),
    Column("region", Text),
    Column("kind", String(40)),  # memorial_book, database, execution_list, camp_records, ...
    Column("citation", Text),
    Column("reliability", Float),  # 0..1, the editors' judgement of the source
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", ForeignKey("sources.id"), nullable=False),
    Column("path", Text, nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("format", String(10), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("added", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("versioned", Integer, nullable=False, default=0),
    Column("quarantined", Integer, nullable=False, default=0),
)

entries = Table(
    "entries",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("source_id", ForeignKey("sources.id"), nullable=False),
    Column("entry_id", String(200), nullable=False),  # the source's own id of the entry
    Column("version", Integer, nullable=False),
    Column("current", Boolean, nullable=False),
    Column("content_sha256", String(64), nullable=False),
    Column("position", Integer),  # order in the imported file
    Column("page", Text),
    Column("text", Text, nullable=False),  # verbatim, as printed
    Column("record", JSON, nullable=False),  # the parsed record (record schema)
    Column("parser_version", String(40)),
    Column("import_id", ForeignKey("imports.id"), nullable=False),
    Column("synthetic", Boolean, nullable=False, default=False),
    # fields used by search and statistics, copied from the record
    Column("surname", Text),
    Column("given", Text),
    Column("patronymic", Text),
    Column("surname_form", Text),  # gender-neutral and normalised (see keys.py): Иванова is "иванов"
    Column("given_form", Text),  # normalised: "Ѳедоръ" is "федор", "И." is "и"
    Column("patronymic_form", Text),
    Column("sex", String(1)),
    Column("birth_year", Integer),
    Column("region", Text),  # the 1937 region of the sentencing body, else of residence
    Column("penalty", String(20)),
    Column("sentence_date", String(10)),
    Column("execution_date", String(10)),
    Column("operation", String(30)),
    UniqueConstraint("source_id", "entry_id", "version"),  # also finds an entry's versions by its id
    # search chooses entries by the name forms it chose in the dictionary, from this index alone
    # (PostgreSQL's index also carries pk, so that the choice is made without reading the table; SQLite's
    # carries the rowid, which is pk, of itself)
    Index(None, "surname_form", "given_form", "patronymic_form", postgresql_include=["pk"]),
)

name_forms = Table(
    "name_forms",
    metadata,
    # the dictionary of distinct name forms and the keys that find them (see keys.py): fuzzy matching works
    # on its few hundred thousand forms, never on millions of entries
    Column("key", Text, nullable=False),  # b: form, f:/e: its first/last letters, ph: a code, n:/i: given name
    Column("part", String(1), nullable=False),  # s: surname, g: given name
    Column("form", Text, nullable=False),  # entries.surname_form or entries.given_form
    PrimaryKeyConstraint("key", "part", "form"),
    sqlite_with_rowid=False,  # the key is the table's order: one tree, read and written
)

persons = Table(
    "persons",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # set when linkage moved all of this person's entries to another person: the row stays, empty, and its
    # page points on; cleared when a later run gives it entries again
    Column("merged_into", Integer),
)

person_entries = Table(
    "person_entries",
    metadata,
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    Column("source_id", ForeignKey("sources.id"), nullable=False),
    Column("entry_id", String(200), nullable=False),  # every version of a source's entry belongs to the person
    UniqueConstraint("source_id", "entry_id"),
    Index(None, "person_id"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),  # same, different, unsure, correction
    Column("subject", Text, nullable=False),  # what the decision is about: an entry, a pair of entries, a person
    Column("detail", JSON),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("withdrawn_by", Integer),  # the later decision that withdrew it; decisions are never deleted
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", Text, nullable=False),
    Column("detail", JSON),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", ForeignKey("imports.id"), nullable=False),
    Column("source_id", ForeignKey("sources.id"), nullable=False),
    Column("line", Integer, nullable=False),
    Column("entry_id", String(200)),
    Column("raw", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

users = Table(
    "users",
    metadata,
    # the web application's editors and admins; visitors need no account (the registry is public to read)
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False),
    Column("password_hash", Text, nullable=False),  # argon2id, with its salt and parameters
    Column("role", String(20), nullable=False),  # editor, admin
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name"),
)

link_models = Table(
    "link_models",
    metadata,
    # trained linkage models (Splink's settings JSON with m and u), kept so that later runs score alike
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("settings", Text, nullable=False),  # imena.link.Model.to_json()
    Column("entries", Integer, nullable=False),  # how many entries it was trained on
    Column("created_at", DateTime(timezone=True), nullable=False),
)

link_runs = Table(
    "link_runs",
    metadata,
    # every linkage run and every re-clustering after a decision: what was done, with which model
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("model_id", ForeignKey("link_models.id"), nullable=False),
    Column("kind", String(20), nullable=False),  # full, incremental, decision
    Column("threshold", Float, nullable=False),  # the match probability from which a pair is one person
    Column("through_import", Integer),  # the newest import whose entries it linked: later ones are new
    Column("actor", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("summary", JSON),
)

links = Table(
    "links",
    metadata,
    # the scored pairs of the last runs (probability 0.01 and above), for clustering, explanation and review
    Column("entry_l", String(301), nullable=False),  # "source/id", the smaller key of the pair
    Column("entry_r", String(301), nullable=False),
    Column("match_weight", Float, nullable=False),
    Column("match_probability", Float, nullable=False),
    Column("model_id", ForeignKey("link_models.id"), nullable=False),
    Column("run_id", ForeignKey("link_runs.id"), nullable=False),
    PrimaryKeyConstraint("entry_l", "entry_r"),
    Index(None, "entry_r"),
    Index(None, "match_probability"),
)
