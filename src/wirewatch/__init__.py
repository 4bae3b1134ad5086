"""Wirewatch: news reports in, a sourced, geolocated, de-duplicated event record out."""

__version__ = "0.1.0"
