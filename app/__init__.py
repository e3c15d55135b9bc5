"""micrograd-web's dashboard: a live neuron whose every number comes from micrograd_core."""
