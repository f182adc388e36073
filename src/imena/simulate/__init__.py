"""A calibrated model of the operation and the synthetic memorial books it writes, with known truth."""
