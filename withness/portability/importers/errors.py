"""The two ways a file can fail an importer: as a whole, or one row at a time."""


class ImportFormatError(ValueError):
    """The file as a whole is not in the format this importer reads."""


class RowError(Exception):
    """Raised inside a parser for one bad row; turned into a :class:`RowProblem`."""
