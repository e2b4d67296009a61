"""Data for the extractors: ITU Member State names (generated) and the IGO list (hand-written)."""
