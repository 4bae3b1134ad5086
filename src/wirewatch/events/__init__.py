"""Events: the event record (`record`) and, in a later stage, its extraction."""

from .record import Attribution, DateValue, EventRecord, Evidence, Party, Place, Quantity

__all__ = ["Attribution", "DateValue", "EventRecord", "Evidence", "Party", "Place", "Quantity"]
