"""Every label of the network view, in English and French: ``MESSAGES[key] = {"en": …, "fr": …}``.

``text(key, lang, **values)`` fills ``{name}`` placeholders, writing floats short (never "nan") and,
in French, with a decimal comma. Keys start with ``net_`` so that this catalogue can be merged into
the page's.
"""

from __future__ import annotations

from ..common.formatting import fmt
from ..common.notices import Notice

MESSAGES: dict[str, dict[str, str]] = {
    "net_title": {
        "en": "A small network learns your data, live",
        "fr": "Un petit réseau apprend vos données, en direct",
    },
    "net_subtitle": {
        "en": "An MLP from micrograd_core.nn, trained with Values and backward() in your browser. "
        "Click the plot to add points; the background is what the network answers everywhere.",
        "fr": "Un MLP de micrograd_core.nn, entraîné avec des Value et backward() dans votre navigateur. "
        "Cliquez sur le graphique pour ajouter des points ; le fond montre la réponse du réseau partout.",
    },
    # data
    "net_data_title": {"en": "Data and decision boundary", "fr": "Données et frontière de décision"},
    "net_dataset_label": {"en": "Data set", "fr": "Jeu de données"},
    "net_ds_moons": {"en": "moons", "fr": "lunes"},
    "net_ds_circles": {"en": "circles", "fr": "cercles"},
    "net_ds_xor": {"en": "XOR", "fr": "XOR"},
    "net_ds_linear": {"en": "linearly separable", "fr": "linéairement séparable"},
    "net_ds_spiral": {"en": "spiral", "fr": "spirale"},
    "net_n_label": {"en": "Points", "fr": "Points"},
    "net_noise_label": {"en": "Noise", "fr": "Bruit"},
    "net_click_label": {"en": "A click on the plot", "fr": "Un clic sur le graphique"},
    "net_click_edit": {"en": "adds / removes a point", "fr": "ajoute / retire un point"},
    "net_click_trace": {"en": "traces a point", "fr": "trace un point"},
    "net_class_label": {"en": "Class of a new point", "fr": "Classe d'un nouveau point"},
    "net_class_0": {"en": "orange (0)", "fr": "orange (0)"},
    "net_class_1": {"en": "blue (1)", "fr": "bleu (1)"},
    "net_add_point": {"en": "Add a point at (x1, x2)", "fr": "Ajouter un point en (x1 ; x2)"},
    "net_legend": {
        "en": "Filled: training points. Hollow: held-out test points. Background: the network's score "
        "(blue > 0 → class 1, orange < 0 → class 0).",
        "fr": "Pleins : points d'entraînement. Creux : points de test mis de côté. Fond : le score du "
        "réseau (bleu > 0 → classe 1, orange < 0 → classe 0).",
    },
    # model
    "net_model_title": {"en": "Network and training", "fr": "Réseau et entraînement"},
    "net_layers_label": {"en": "Hidden layers", "fr": "Couches cachées"},
    "net_neurons_label": {"en": "Neurons in hidden layer {k}", "fr": "Neurones de la couche cachée {k}"},
    "net_act_label": {"en": "Activation", "fr": "Activation"},
    "net_act_relu": {"en": "ReLU", "fr": "ReLU"},
    "net_act_tanh": {"en": "tanh", "fr": "tanh"},
    "net_act_sigmoid": {"en": "sigmoid", "fr": "sigmoïde"},
    "net_loss_label": {"en": "Loss", "fr": "Perte"},
    "net_loss_svm": {"en": "max-margin (SVM)", "fr": "marge maximale (SVM)"},
    "net_loss_bce": {"en": "cross-entropy", "fr": "entropie croisée"},
    "net_lr_label": {"en": "Learning rate η", "fr": "Taux d'apprentissage η"},
    "net_l2_label": {"en": "L2 strength α", "fr": "Force L2 α"},
    "net_batch_label": {"en": "Batch size (0 = all)", "fr": "Taille du lot (0 = tous)"},
    "net_seed_label": {"en": "Seed", "fr": "Graine"},
    "net_step": {"en": "Step", "fr": "Pas"},
    "net_play": {"en": "Play", "fr": "Lecture"},
    "net_pause": {"en": "Pause", "fr": "Pause"},
    "net_reset": {"en": "Reset", "fr": "Réinitialiser"},
    "net_status": {
        "en": "Step {steps} · seed {seed} · train loss {train_loss}, accuracy {train_acc} · "
        "test loss {test_loss}, accuracy {test_acc}",
        "fr": "Pas {steps} · graine {seed} · perte d'entraînement {train_loss}, exactitude {train_acc} · "
        "perte de test {test_loss}, exactitude {test_acc}",
    },
    # curves
    "net_curves_title": {"en": "Loss and accuracy", "fr": "Perte et exactitude"},
    "net_loss_axis": {"en": "mean loss", "fr": "perte moyenne"},
    "net_acc_axis": {"en": "accuracy", "fr": "exactitude"},
    "net_step_axis": {"en": "step", "fr": "pas"},
    "net_train": {"en": "train", "fr": "entraînement"},
    "net_test": {"en": "test", "fr": "test"},
    # diagram
    "net_diagram_title": {"en": "The network", "fr": "Le réseau"},
    "net_diagram_hint": {
        "en": "Nodes: each neuron's output for the traced point. Edges: blue w > 0, orange w < 0, "
        "thickness |w|; hover an edge's dot for w and ∂L/∂w. Tap a hidden neuron to see what it computes.",
        "fr": "Nœuds : la sortie de chaque neurone pour le point tracé. Arêtes : bleu w > 0, orange w < 0, "
        "épaisseur |w| ; survolez le point d'une arête pour w et ∂L/∂w. Touchez un neurone caché "
        "pour voir ce qu'il calcule.",
    },
    "net_input": {"en": "input", "fr": "entrée"},
    "net_output": {"en": "output", "fr": "sortie"},
    "net_dead": {
        "en": "Dead ReLU units (output 0 on every training point, so no gradient reaches them): {units}.",
        "fr": "Unités ReLU mortes (sortie 0 sur chaque point d'entraînement, aucun gradient ne les "
        "atteint) : {units}.",
    },
    "net_unit": {"en": "layer {layer}, neuron {neuron}", "fr": "couche {layer}, neurone {neuron}"},
    "net_unit_short": {"en": "L{layer} n{neuron}", "fr": "C{layer} n{neuron}"},
    "net_unit_title": {"en": "What {unit} computes", "fr": "Ce que calcule {unit}"},
    "net_unit_hint": {
        "en": "Tap a hidden neuron in the diagram to see its output over the plane.",
        "fr": "Touchez un neurone caché du schéma pour voir sa sortie sur le plan.",
    },
    # trace
    "net_trace_title": {"en": "Trace one point", "fr": "Tracer un point"},
    "net_trace_hint": {
        "en": "Choose “traces a point” above the plot, then click a point.",
        "fr": "Choisissez « trace un point » au-dessus du graphique, puis cliquez sur un point.",
    },
    "net_trace_point": {
        "en": "Point ({x1}, {x2}), class {label} ({split}): score s = {score}, its loss = {loss}.",
        "fr": "Point ({x1} ; {x2}), classe {label} ({split}) : score s = {score}, sa perte = {loss}.",
    },
    "net_trace_columns": {
        "en": "neuron (L = layer)|z = w·x + b|output|∂loss/∂b|∂loss/∂w1, ∂loss/∂w2, …",
        "fr": "neurone (C = couche)|z = w·x + b|sortie|∂perte/∂b|∂perte/∂w1, ∂perte/∂w2, …",
    },
    "net_open_neuron": {"en": "Open in the neuron view", "fr": "Ouvrir dans la vue du neurone"},
    "net_remove_point": {"en": "Remove this point", "fr": "Retirer ce point"},
    "net_open_which": {"en": "First-layer neuron", "fr": "Neurone de la première couche"},
    # notices
    "net_diverged_grads": {
        "en": "Diverging, stopped: a gradient is not a finite number (η = {lr}). Lower the learning rate and "
        "press Reset.",
        "fr": "Divergence, arrêt : un gradient n'est pas un nombre fini (η = {lr}). Baissez le taux "
        "d'apprentissage et réinitialisez.",
    },
    "net_diverged_weights": {
        "en": "Diverging, stopped: with η = {lr} a weight would pass ±{limit}. The step was not applied; "
        "lower the learning rate.",
        "fr": "Divergence, arrêt : avec η = {lr} un poids dépasserait ±{limit}. Le pas n'a pas été "
        "appliqué ; baissez le taux d'apprentissage.",
    },
    "net_diverged_loss": {
        "en": "Diverging, stopped: with η = {lr} the loss would reach {loss}. The step was not applied; "
        "lower the learning rate.",
        "fr": "Divergence, arrêt : avec η = {lr} la perte atteindrait {loss}. Le pas n'a pas été appliqué ; "
        "baissez le taux d'apprentissage.",
    },
    "net_diverged_overflow": {
        "en": "Diverging, stopped: with η = {lr} the network's values leave the floating-point range. "
        "The step was not applied; lower the learning rate.",
        "fr": "Divergence, arrêt : avec η = {lr} les valeurs du réseau sortent des nombres flottants. "
        "Le pas n'a pas été appliqué ; baissez le taux d'apprentissage.",
    },
    "net_max_steps": {"en": "Paused after {steps} steps.", "fr": "Pause après {steps} pas."},
    "net_url_bad_value": {
        "en": "The address's {key}={value} was ignored: it is not a valid value.",
        "fr": "Dans l'adresse, {key}={value} a été ignoré : ce n'est pas une valeur valide.",
    },
    "net_url_clamped": {
        "en": "The address's {key}={value} is outside [{lo}, {hi}]; {new} is used.",
        "fr": "Dans l'adresse, {key}={value} est hors de [{lo} ; {hi}] ; {new} est utilisé.",
    },
    "net_url_layers": {
        "en": "The address's layers={value}: at most {max} hidden layers of 1 to {hi} neurons; "
        "{new} is used.",
        "fr": "Dans l'adresse, layers={value} : au plus {max} couches cachées de 1 à {hi} neurones ; "
        "{new} est utilisé.",
    },
}


def number(x: float, lang: str, digits: int = 4) -> str:
    """``x`` written short (``fmt``), with a decimal comma in French."""
    return fmt(x, lang, digits)


def text(key: str, lang: str, /, **values: object) -> str:
    """The page catalogue's ``t``, with this view's floats written by ``number`` (decimal comma)."""
    from ..i18n import t  # here, not above: i18n imports this catalogue while it initialises

    return t(key, lang, **{k: number(v, lang) if isinstance(v, float) else v for k, v in values.items()})


def notice_text(notice: Notice, lang: str) -> str:
    return text(notice.key, lang, **notice.params)
