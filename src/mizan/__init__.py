"""mizan: political event data you can trust.

Reads news and analysts' reports and turns them into PLOVER/CAMEO event records with
resolved actors, dates, places, modality and the sentence that says so.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mizan")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

CODER = f"mizan {__version__}"

__all__ = ["CODER", "__version__"]
