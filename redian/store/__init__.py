"""Store stage: schema, migrations and the only code that writes SQL."""

from redian.store._common import HeadlineRow, from_epoch, to_epoch
from redian.store.db import RawInput, Store
from redian.store.migrations import SCHEMA_VERSION
from redian.store.writer import Writer

__all__ = ["SCHEMA_VERSION", "HeadlineRow", "RawInput", "Store", "Writer", "from_epoch", "to_epoch"]
