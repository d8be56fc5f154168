"""Message catalogues, one module per area, each with an `NL` and an `EN` dict.

Every module in this package is merged into `ggu.i18n.CATALOGUE`; a key may live in one module only.
"""
