"""Record linkage: which memorial-book entries name one person, why, and what people decided about it.

Splink (Fellegi–Sunter, EM training) on DuckDB or Spark; see docs/link.md.
"""

from imena.link.clusters import Clustering, Decision, Pair, Verdict, cluster, pair_of, stable_ids
from imena.link.engine import Model, duckdb_engine, local_spark, predict, spark_engine, train
from imena.link.evaluate import Scores, score
from imena.link.explain import Explanation, Factor, explain
from imena.link.frame import entry_key, linkage_table
from imena.link.linkage import Linkage, Review, Thresholds, link, link_new, review_list

__all__ = [
    "Clustering",
    "Decision",
    "Explanation",
    "Factor",
    "Linkage",
    "Model",
    "Pair",
    "Review",
    "Scores",
    "Thresholds",
    "Verdict",
    "cluster",
    "duckdb_engine",
    "entry_key",
    "explain",
    "link",
    "link_new",
    "linkage_table",
    "local_spark",
    "pair_of",
    "predict",
    "review_list",
    "score",
    "spark_engine",
    "stable_ids",
    "train",
]
