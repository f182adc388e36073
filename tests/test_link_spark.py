"""The same settings on Spark (local mode): a model trained on DuckDB scores the same pairs with the same
weights. Kept tiny: Spark spends seconds on each of the queries Splink runs, whatever the data's size."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from imena.link.engine import duckdb_engine, local_spark, predict, spark_engine
from tests.link_corpus import entries, model, truth


def test_spark_scores_pairs_as_duckdb_does() -> None:
    persons = sorted({p for p in truth().values()})[:150]
    chosen = [e for e, p in truth().items() if p in persons]
    table = entries().filter(pc.is_in(entries()["unique_id"], pa.array(chosen)))
    on_duckdb = predict(table, model(), duckdb_engine())
    on_spark = predict(table, model(), spark_engine(local_spark(), num_partitions=1, break_lineage="persist"))
    assert on_duckdb.num_rows > 10

    def weights(found: object) -> dict[tuple[str, str], float]:
        rows = found.select(["unique_id_l", "unique_id_r", "match_weight"]).to_pylist()  # type: ignore[attr-defined]
        return {(r["unique_id_l"], r["unique_id_r"]): r["match_weight"] for r in rows}

    duck, spark = weights(on_duckdb), weights(on_spark)
    assert duck.keys() == spark.keys()
    assert [spark[k] for k in duck] == pytest.approx(list(duck.values()))
