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


def test_user_guide_examples_run():
    """Every Python example of the user guide runs as written (each asserts its own output)."""
    blocks = python_blocks(DOCS / "guide.md")
    assert len(blocks) >= 3, "the guide lost its examples"
    for n, block in enumerate(blocks):
        exec(compile(block, f"guide.md example {n + 1}", "exec"), {})


def test_user_guide_links_resolve():
    """The guide's links to other docs and to the example package point at real files."""
    import re

    text = (DOCS / "guide.md").read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)#]+)\)", text) if "://" not in t]
    assert targets
    for target in targets:
        assert (DOCS / target).exists(), target
