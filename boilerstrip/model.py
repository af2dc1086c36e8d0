"""A small gradient-boosted tree model, stored as JSON inside the package and run with numpy.

The model is trained by ``bench/train_main_block.py`` (scikit-learn's
HistGradientBoostingClassifier) and exported to plain arrays, so that boilerstrip needs neither
scikit-learn nor a download at run time. All trees are evaluated together, one tree level at a
time over every line of a page: a few dozen numpy operations per page instead of a Python loop
per line and tree.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = ["TreeModel", "load_model", "MODEL_DIR"]

MODEL_DIR = Path(__file__).parent / "models"
FORMAT = "boilerstrip-trees/1"


class ModelError(ValueError):
    """A model file that cannot be used: wrong format, or features that no longer match."""


class TreeModel:
    """Binary classifier: sigmoid(baseline + sum of one leaf value per tree)."""

    def __init__(self, spec: dict, source: str = "<dict>") -> None:
        if spec.get("format") != FORMAT:
            raise ModelError(f"{source}: not a {FORMAT} model (format={spec.get('format')!r})")
        self.source = source
        self.features: tuple[str, ...] = tuple(spec["features"])
        self.baseline = float(spec["baseline"])
        self.info: dict = spec.get("info", {})
        #: A line model may come with the class/id vocabulary it reads (boilerstrip.class_vocab):
        #: word -> content rate, and the rate that stands in for words it does not know.
        self.vocab: dict[str, float] | None = spec.get("vocab")
        self.vocab_default: float = float(spec.get("vocab_default", 0.5))
        feature, threshold, left, right, value, roots = [], [], [], [], [], []
        depth = 0
        for tree in spec["trees"]:
            offset = len(feature)
            roots.append(offset)
            depth = max(depth, int(tree["depth"]))
            for f, t, lo, hi, v, leaf in zip(tree["feature"], tree["threshold"], tree["left"],
                                             tree["right"], tree["value"], tree["leaf"]):
                node = len(feature)
                feature.append(0 if leaf else int(f))
                threshold.append(0.0 if leaf else float(t))
                # a leaf points at itself, so walking one level too far changes nothing
                left.append(node if leaf else offset + int(lo))
                right.append(node if leaf else offset + int(hi))
                value.append(float(v) if leaf else 0.0)
        self._feature = np.asarray(feature, dtype=np.intp)
        self._threshold = np.asarray(threshold)
        self._left = np.asarray(left, dtype=np.intp)
        self._right = np.asarray(right, dtype=np.intp)
        self._value = np.asarray(value)
        self._roots = np.asarray(roots, dtype=np.intp)
        self._depth = depth
        # The walk down the trees holds node k as 2k (see predict_proba): its right child at
        # 2k and its left child at 2k + 1, so a step down every tree is one gather at
        # ``node + goes_left``, and node 2k's feature, threshold and value at 2k as well.
        self._children2 = 2 * np.stack([self._right, self._left], axis=1).ravel()
        self._feature2 = np.repeat(self._feature, 2)
        self._threshold2 = np.repeat(self._threshold, 2)
        self._value2 = np.repeat(self._value, 2)
        self._roots2 = 2 * self._roots

    def check_features(self, names: Sequence[str]) -> None:
        if tuple(names) != self.features:
            missing = sorted(set(self.features) - set(names))
            extra = sorted(set(names) - set(self.features))
            raise ModelError(f"{self.source} was trained on other features than boilerstrip computes "
                             f"(missing {missing}, new {extra}); retrain it with bench/train_main_block.py")

    #: Rows evaluated at once: the node table is rows x trees, so a page of 200,000 lines is
    #: cut into chunks to keep memory flat (4096 x 200 trees of 8 bytes: about 6.5 MB).
    CHUNK = 4096

    def predict_proba(self, rows: np.ndarray) -> np.ndarray:
        """Probability of the positive class for each row."""
        n = rows.shape[0]
        if n > self.CHUNK:
            return np.concatenate([self.predict_proba(rows[i:i + self.CHUNK])
                                   for i in range(0, n, self.CHUNK)])
        if not n:
            return np.zeros(0)
        # Gathers from the flattened rows with take(): numpy's two-dimensional fancy indexing
        # costs about twice as much for the same values.
        values = np.ascontiguousarray(rows, dtype=float).ravel()
        row_start = (np.arange(n, dtype=np.intp) * rows.shape[1])[:, None]
        # Node k is held as 2k: one addition a level finds the child (see __init__), where
        # k itself would need a doubling too, on rows x trees numbers at every level.
        node = np.broadcast_to(self._roots2, (n, len(self._roots2))).copy()
        feature, threshold, children = self._feature2, self._threshold2, self._children2
        for _ in range(self._depth):
            goes_left = values.take(row_start + feature.take(node)) <= threshold.take(node)
            node = children.take(node + goes_left)
        raw = self.baseline + self._value2.take(node).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@lru_cache(maxsize=None)
def load_model(name: str) -> TreeModel:
    """The model ``boilerstrip/models/<name>.json`` (loaded once)."""
    path = MODEL_DIR / f"{name}.json"
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"no model named {name!r} in {MODEL_DIR}") from None
    return TreeModel(spec, str(path))
