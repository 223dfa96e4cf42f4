"""Helpers shared by the tests and benchmarks: builders of plans and files, readers of PDFs and stores."""
