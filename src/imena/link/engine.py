"""Training and prediction with Splink, on DuckDB (one machine) or Spark (a cluster), with the same settings.

A trained model is Splink's own settings JSON (`Model.settings`): it holds the SQL of every level, so the
engine it is loaded into must have registered `imena_jaro_winkler` first, which `duckdb_engine` and
`spark_engine` do.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, cast

import duckdb
import pandas as pd  # Spark reads the pandas UDF's kind from its annotations
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.process import cpdist
from splink import DuckDBAPI, Linker, block_on

from imena.link.comparisons import (
    DETERMINISTIC_BLOCKS,
    JARO_WINKLER,
    NEW,
    TRAINING_BLOCKS,
    blocking_rules,
    settings,
)

# EM on clean data drives some m probabilities to zero, which makes one disagreeing field a veto (weights of
# -100 and below); real entries have parser slips and clerks' errors, so no level's m goes below M_FLOOR.
# A u of zero (a level no random pair reached) would make a level infinitely strong; U_FLOOR bounds it.
M_FLOOR, U_FLOOR = 0.005, 1e-6

# The columns of a prediction: what clustering and review read.
PAIR_COLUMNS = ("unique_id_l", "unique_id_r", "match_weight", "match_probability")


@dataclass(frozen=True)
class Model:
    """A trained linkage model: Splink's settings with the m and u probabilities EM found."""

    settings: dict[str, Any]

    def to_json(self) -> str:
        return json.dumps(self.settings, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Model:
        return cls(json.loads(text))


def jaro_winkler(left: pa.Array, right: pa.Array) -> pa.Array:
    """Jaro-Winkler similarity by characters of two string columns, vectorised (rapidfuzz's C++), null for a
    null on either side."""
    missing = pc.or_(pc.is_null(left), pc.is_null(right))
    scores = cpdist(
        pc.fill_null(left, "").to_pylist(),
        pc.fill_null(right, "").to_pylist(),
        scorer=JaroWinkler.normalized_similarity,
        dtype="float64",
        workers=1,
    )
    return pc.if_else(missing, pa.scalar(None, pa.float64()), pa.array(scores, pa.float64()))


def duckdb_engine(connection: duckdb.DuckDBPyConnection | None = None, *, memory: str | None = None) -> DuckDBAPI:
    """Splink's DuckDB backend with imena's functions registered (in memory unless a connection is given);
    `memory` ("6GB") caps DuckDB's memory, beyond which it spills to disk."""
    connection = connection or duckdb.connect()
    if memory:
        connection.execute(f"SET memory_limit = '{memory}'")
    cast(Any, connection).create_function(  # its stubs know no arrow UDF
        JARO_WINKLER,
        jaro_winkler,
        ["VARCHAR", "VARCHAR"],
        "DOUBLE",
        type="arrow",
        null_handling="special",
        side_effects=False,
    )
    return DuckDBAPI(connection=connection)


def local_spark(cores: int = 1, memory: str = "2g", checkpoints: str | None = None) -> Any:
    """A Spark session on this machine, its Python workers run by this interpreter (where imena is: Spark
    reads that from the environment when the session starts, hence the one variable set here)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(cores))
        .config("spark.default.parallelism", str(cores))
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setCheckpointDir(checkpoints or tempfile.mkdtemp(prefix="imena-spark-"))  # Splink needs one
    return spark


def spark_engine(spark: Any, *, num_partitions: int = 4, break_lineage: str | None = None) -> Any:
    """Splink's Spark backend with imena's functions registered as a vectorised (pandas) UDF. `break_lineage`
    is Splink's `break_lineage_method` ("persist" keeps tables in memory: quicker on one machine)."""
    from pyspark.sql.functions import pandas_udf  # type: ignore[attr-defined]
    from splink import SparkAPI

    @pandas_udf("double")  # type: ignore[untyped-decorator]
    def similarity(left: pd.Series, right: pd.Series) -> pd.Series:
        return jaro_winkler(pa.array(left, pa.string()), pa.array(right, pa.string())).to_pandas()

    spark.udf.register(JARO_WINKLER, similarity)
    return SparkAPI(  # type: ignore[no-untyped-call]
        spark_session=spark,
        num_partitions_on_repartition=num_partitions,
        register_udfs_automatically=False,
        break_lineage_method=break_lineage,
    )


def _register(engine: Any, entries: pa.Table) -> Any:
    """The entries as a table of the engine, under a fresh name (an engine refuses a name twice)."""
    return engine.register(entries if isinstance(engine, DuckDBAPI) else entries.to_pandas())


def train(entries: pa.Table, engine: Any, *, seed: int = 42, max_pairs: float = 2e6) -> Model:
    """Unsupervised training: the prior from pairs surely the same, u by random sampling, m by EM (each on at
    most `max_pairs` pairs)."""
    linker = Linker(_register(engine, entries), settings())
    linker.training.estimate_probability_two_random_records_match(
        [block_on(*columns) for columns in DETERMINISTIC_BLOCKS], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    for columns in TRAINING_BLOCKS:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*columns), max_pairs=max_pairs)
    return Model(floored(linker.misc.save_model_to_json()))


def floored(trained: dict[str, Any], m_floor: float = M_FLOOR, u_floor: float = U_FLOOR) -> dict[str, Any]:
    """The model with every m and u probability at least its floor, each comparison's renormalised. A level
    training never saw (a slip no training pair made) gets the floor, not Splink's untrained default."""
    trained = json.loads(json.dumps(trained))
    for comparison in trained["comparisons"]:
        levels = [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]
        for name, floor in (("m_probability", m_floor), ("u_probability", u_floor)):
            for level in levels:
                level[name] = max(float(level.get(name) or 0.0), floor)
            total = sum(level[name] for level in levels)
            for level in levels:
                level[name] /= total
    return trained


_PARAMETERS = ("m_probability", "u_probability", "tf_minimum_u_value")


def in_dialect(trained: dict[str, Any], dialect: str) -> dict[str, Any]:
    """A model trained on one engine for another: the SQL of `settings()` in the other engine's dialect, with
    the trained probabilities carried over level by level (a model's JSON holds SQL in its own dialect)."""
    if trained.get("sql_dialect") == dialect:
        return cast(dict[str, Any], json.loads(json.dumps(trained)))  # a copy: Splink mutates what it is given
    fresh = settings().create_settings_dict(dialect)
    fresh["sql_dialect"] = dialect
    fresh["probability_two_random_records_match"] = trained["probability_two_random_records_match"]
    for new_comparison, old_comparison in zip(fresh["comparisons"], trained["comparisons"], strict=True):
        levels = zip(new_comparison["comparison_levels"], old_comparison["comparison_levels"], strict=True)
        for new_level, old_level in levels:
            new_level.update({k: old_level[k] for k in _PARAMETERS if k in old_level})
    return fresh


def linker_for(
    entries: pa.Table, model: Model, engine: Any, *, new: Collection[str] | None = None, detailed: bool = False
) -> Linker:
    """A Linker with a trained model; with `new`, one that compares only pairs with a new entry in them;
    `detailed`, one that keeps each pair's values and per-comparison weights."""
    trained = in_dialect(model.settings, engine.sql_dialect.sql_dialect_str)
    trained["retain_matching_columns"] = trained["retain_intermediate_calculation_columns"] = detailed
    if new is not None:
        marks = pa.array([1 if key in new else 0 for key in entries.column("unique_id").to_pylist()], pa.int8())
        entries = entries.append_column(NEW, marks)
        dialect = trained.get("sql_dialect", "duckdb")
        trained["blocking_rules_to_generate_predictions"] = [
            rule.get_blocking_rule(dialect).as_dict() for rule in blocking_rules(only_new=True)
        ]
    return Linker(_register(engine, entries), trained)


def predict(
    entries: pa.Table, model: Model, engine: Any, *, threshold: float = 0.01, new: Collection[str] | None = None
) -> pa.Table:
    """Scored pairs at or above `threshold` probability; with `new`, only pairs involving a new entry."""
    linker = linker_for(entries, model, engine, new=new)
    found = linker.inference.predict(threshold_match_probability=threshold)
    frame = found.as_pandas_dataframe()  # type: ignore[no-untyped-call]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return table.select(list(PAIR_COLUMNS))
