"""One module per view; each owns its figure/sources and updates them in place from ``model.result``."""
