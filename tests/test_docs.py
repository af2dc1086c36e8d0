"""The code in docs/ runs as written."""

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


def test_writing_a_filter_example_runs():
    blocks = python_blocks(DOCS / "writing-a-filter.md")
    assert blocks, "the guide lost its example"
    namespace: dict = {}
    exec(compile(blocks[0], "writing-a-filter.md", "exec"), namespace)  # the example asserts its own output
    import boilerstrip

    assert "reading_time" in boilerstrip.registered_filters()
