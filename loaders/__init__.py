"""Reading and extraction: policy files in, records out. No database here."""
