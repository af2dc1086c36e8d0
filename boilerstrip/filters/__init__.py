"""The built-in filters. Importing this package registers them (see :mod:`boilerstrip.registry`)."""

from . import (  # noqa: F401
    ads,
    captions,
    comments,
    consent,
    footer,
    main_block,
    navigation,
    newsletter,
    region,
    related,
    repeated,
    share,
    site_rules,
)
