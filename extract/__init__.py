"""extract: Vietnamese administrative-reform news → normalized, audited JSON records."""
__version__ = "0.1.0"


def load():
    """The extraction pipeline as a spaCy Language (components registered with @Language.factory)."""
    from extract.pipeline import load as _load

    return _load()
