"""The network view: a small MLP (``micrograd_core.nn``) learning two-class 2-D data, live.

``datasets`` makes the data, ``training`` does the maths with the engine, ``model`` holds the state
(``NetworkModel``, one immutable ``NetworkResult`` per change), ``query`` reads and writes the URL,
``messages`` has every label in English and French, and ``views`` draws it all (Panel/Bokeh).
"""
