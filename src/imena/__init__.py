"""imena: the NKVD mass operation under Order No. 00447 (1937-38) and the names of its victims."""

__version__ = "0.1.0"
