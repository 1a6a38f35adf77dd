"""Wagtail admin views of the newsletter (wired up in newsletter.viewsets)."""
