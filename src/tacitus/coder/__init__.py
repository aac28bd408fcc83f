"""The event coder: raw article text → sentences, resolved actors and CAMEO/PLOVER events."""

from tacitus.coder.coder import CodedArticle, Coder
from tacitus.coder.options import CoderOptions

__all__ = ["CodedArticle", "Coder", "CoderOptions"]
