"""Supervision reports: where the service leaks (rule 12), the figures of rule 13 and the
ledger, for a period; as a chart, HTML, CSV and JSON (`/report`, `python -m bot report`)."""
