"""Store stage: schema, migrations and the only code that writes SQL."""

from redian.store.db import HeadlineRow, RawInput, Store, Writer, from_epoch, to_epoch
from redian.store.migrations import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "HeadlineRow", "RawInput", "Store", "Writer", "from_epoch", "to_epoch"]
