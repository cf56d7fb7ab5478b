"""Tests of the readers: web pages, Word files, URLs, encodings, duplicates, the sources command."""
