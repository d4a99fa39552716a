"""Persistence of trainees, sessions and results in a local SQLite file."""

from trainer.store.db import SessionRow, Store, StoreCorrupt, StoreError, Trainee

__all__ = ["SessionRow", "Store", "StoreCorrupt", "StoreError", "Trainee"]
