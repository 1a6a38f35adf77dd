# Finland-Swedish writes dates like Finnish (22.4.2026), not like Sweden (2026-04-22).
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H.i"
DATE_FORMAT = "j F Y"
