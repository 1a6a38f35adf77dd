# British order, month in words: never mistaken for an American date.
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y H.i"
DATE_FORMAT = "j F Y"
