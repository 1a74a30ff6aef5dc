"""Exports of analyzed documents to the formats users already read: PLOVER/POLECAT JSON, GDELT 2.0 TSV, ….

Each exporter takes an iterable of Documents and a writable text stream, and returns how many records it wrote.
"""
