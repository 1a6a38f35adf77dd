"""The date formats of each language (FORMAT_MODULE_PATH): one way to write a date per language.

Finnish and Finland-Swedish write 22.4.2026; English pages write 22 April 2026, as their prose
and footer do (Django's own English formats are American: 04/22/2026, April 22, 2026). Templates
ask for "SHORT_DATE_FORMAT" rather than spelling a pattern out.
"""
