"""The neuron's views: the common ``View`` of a ``NeuronModel`` (whose page comes with it)."""

from __future__ import annotations

from typing import ClassVar

from ...common.view import View
from ..maths import NeuronResult
from ..model import NeuronModel


class NeuronView(View[NeuronModel]):
    """A view of the neuron, made from the model alone: ``XView(model)``."""

    def __init__(self, model: NeuronModel, **params: object) -> None:
        super().__init__(model, model.page, **params)

    @property
    def model(self) -> NeuronModel:
        return self.state


class ModelView(NeuronView):
    """A view that draws ``update(result)`` on every new result of the model."""

    watches: ClassVar[tuple[str, ...]] = ("result",)

    def refresh(self) -> None:
        self.update(self.model.current)

    def update(self, result: NeuronResult) -> None:
        raise NotImplementedError
