"""Public pages of the register: one permanent, shareable page per organisation and service.

A view layer above the map (it links to the map focused on the record) and the register; the
addresses themselves are named in `ecosystem.register.permalinks`.
"""
