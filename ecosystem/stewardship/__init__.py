"""Stewards keep their organisations\x27 services true: proposals, review, check reminders."""
