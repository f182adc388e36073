"""The registry's persons against the operation's ledger: each person's operation, and the documented beside the
limits and the NKVD's reported figures, by region, month and category."""
