"""Qt item models: one per list or table, each with a SortRole returning raw values."""
