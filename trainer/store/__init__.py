"""Persistence of trainees, sessions and results in a local SQLite file."""

from trainer.store.db import SessionRow, Store, StoreError, Trainee

__all__ = ["SessionRow", "Store", "StoreError", "Trainee"]
