"""boilerstrip: strip web boilerplate from page text, and say what was stripped and why.

>>> import boilerstrip
>>> result = boilerstrip.strip("My title\\n\\nThe article text goes here.\\n\\nLeave a Reply\\n")
>>> result.text
'My title\\n\\nThe article text goes here.'
>>> [(s.filter, s.reason) for s in result.stripped]
[('comments', 'comment_form')]
"""

from .api import strip
from .config import Config, find_config, load_config
from .errors import BoilerstripError, ConfigError, FilterError, InputError, UnknownFilterError
from .filter import Filter, Keep, Span
from .page import Line, Page, Paragraph
from .pipeline import DEFAULT_FILTERS, Pipeline, default_pipeline
from .registry import get_filter, register_filter, registered_filters
from .result import Overruled, Result, Segment, rebuild_text
from .sites import SiteRules

__version__ = "0.1.0"

__all__ = [
    "strip",
    "Pipeline",
    "default_pipeline",
    "DEFAULT_FILTERS",
    "load_config",
    "find_config",
    "Config",
    "SiteRules",
    "Result",
    "Segment",
    "Overruled",
    "rebuild_text",
    "Filter",
    "Span",
    "Keep",
    "Page",
    "Line",
    "Paragraph",
    "register_filter",
    "get_filter",
    "registered_filters",
    "BoilerstripError",
    "FilterError",
    "UnknownFilterError",
    "InputError",
    "ConfigError",
]
