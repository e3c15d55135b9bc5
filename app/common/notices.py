"""Notices: short messages for the user, stored as a catalogue key plus values, translated when shown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Notice:
    """A message ``key`` of the i18n catalogue and the values to put into it.

    Keys starting with ``url_`` come from reading the address; ``learn_`` ones from the learning loop.
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.key.split("_", 1)[0]
