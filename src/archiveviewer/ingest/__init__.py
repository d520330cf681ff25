"""Text decoding, OCR repair and newspaper-page parsing: pure functions."""
