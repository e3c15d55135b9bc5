"""The neuron view: one neuron, its maths (``maths``), its state (``model``), its views (``views``)."""
