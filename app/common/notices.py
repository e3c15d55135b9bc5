"""Notices: short messages for the user, stored as a catalogue key plus values, translated when shown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

KINDS: tuple[str, ...] = ("success", "info", "warning", "error")


@dataclass(frozen=True)
class Notice:
    """A message ``key`` of the i18n catalogue and the values to put into it.

    Keys starting with ``url_`` come from reading the address; ``learn_`` ones from the learning loop.
    ``kind`` is one of ``KINDS``: how the message is styled and announced (an error interrupts).
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    kind: str = "warning"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"notice kind {self.kind!r} is not one of {KINDS}")

    @property
    def source(self) -> str:
        return self.key.split("_", 1)[0]
