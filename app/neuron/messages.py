"""The neuron view's messages: key -> {"en": …, "fr": …}, merged into the page's catalogue by ``app.i18n``."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # page
    "page_title": {
        "en": "See backpropagation, live: one neuron",
        "fr": "Voir la rétropropagation en direct : un neurone",
    },
    "page_subtitle": {
        "en": "Move a number and watch the chain rule carry it backwards, node by node.",
        "fr": "Bougez un nombre et regardez la règle de dérivation en chaîne le propager à rebours, "
        "nœud par nœud.",
    },
    # controls
    "controls_title": {
        "en": "The neuron ŷ = f(w1·x1 + w2·x2 + b)",
        "fr": "Le neurone ŷ = f(w1·x1 + w2·x2 + b)",
    },
    "slider_x1": {"en": "x1 (input)", "fr": "x1 (entrée)"},
    "slider_x2": {"en": "x2 (input)", "fr": "x2 (entrée)"},
    "slider_w1": {"en": "w1 (weight)", "fr": "w1 (poids)"},
    "slider_w2": {"en": "w2 (weight)", "fr": "w2 (poids)"},
    "slider_b": {"en": "b (bias)", "fr": "b (biais)"},
    "activation_label": {"en": "Activation f", "fr": "Activation f"},
    "act_relu": {"en": "ReLU", "fr": "ReLU"},
    "act_tanh": {"en": "tanh", "fr": "tanh"},
    "act_sigmoid": {"en": "sigmoid", "fr": "sigmoïde"},
    "act_identity": {"en": "identity", "fr": "identité"},
    "reset": {"en": "Reset to the example", "fr": "Revenir à l'exemple"},
    # output
    "output_title": {"en": "Forward pass", "fr": "Passe avant"},
    "out_label": {"en": "output ŷ = f(z)", "fr": "sortie ŷ = f(z)"},
    "dead_neuron": {
        "en": "Dead neuron: z = {z} ≤ 0, so ReLU outputs 0 and its slope is 0. No gradient flows back: "
        "every ∂ŷ/∂· is 0 and a learning step changes nothing. Make z > 0 to revive it.",
        "fr": "Neurone mort : z = {z} ≤ 0, donc ReLU renvoie 0 et sa pente est nulle. Aucun gradient ne "
        "remonte : tous les ∂ŷ/∂· valent 0 et un pas d'apprentissage ne change rien. "
        "Rendez z > 0 pour le ranimer.",
    },
    "z_label": {"en": "pre-activation z = w1·x1 + w2·x2 + b", "fr": "pré-activation z = w1·x1 + w2·x2 + b"},
    # gradients
    "grads_title": {
        "en": "Backward pass: the gradient of ŷ per input",
        "fr": "Passe arrière : le gradient de ŷ par entrée",
    },
    "grads_axis": {"en": "gradient ∂ŷ/∂·", "fr": "gradient ∂ŷ/∂·"},
    "grads_hint": {
        "en": "Blue: raising this input raises ŷ. Orange: it lowers ŷ. Grey: no effect here.",
        "fr": "Bleu : augmenter cette entrée augmente ŷ. Orange : cela diminue ŷ. Gris : aucun effet ici.",
    },
    # graph
    "graph_title": {
        "en": "Computation graph: data (forward) and grad (backward) at each node",
        "fr": "Graphe de calcul : valeur (passe avant) et gradient (passe arrière) à chaque nœud",
    },
    "graph_edge_hint": {
        "en": "In each box: the node's data (forward), then ∂ its grad ∂ŷ/∂node (backward). On each arrow: "
        "the local derivative ∂output/∂input that backward multiplies the grad by.",
        "fr": "Dans chaque case : la valeur du nœud (passe avant), puis ∂ son gradient ∂ŷ/∂nœud (passe "
        "arrière). Sur chaque flèche : la dérivée locale ∂sortie/∂entrée par laquelle la passe arrière "
        "multiplie le gradient.",
    },
    # activation curve
    "curve_title": {
        "en": "Activation f(z) and its tangent at z",
        "fr": "Activation f(z) et sa tangente en z",
    },
    "curve_x": {"en": "pre-activation z", "fr": "pré-activation z"},
    "curve_y": {"en": "f(z)", "fr": "f(z)"},
    "curve_f": {"en": "f(z)", "fr": "f(z)"},
    "curve_tangent": {"en": "tangent, slope f′(z) = {slope}", "fr": "tangente, pente f′(z) = {slope}"},
    "curve_point": {"en": "current z = {z}", "fr": "z actuel = {z}"},
    # gradient check
    "check_title": {
        "en": "Gradient check: autograd vs centred difference",
        "fr": "Vérification du gradient : autograd vs différence centrée",
    },
    "check_input": {"en": "input", "fr": "entrée"},
    "check_value": {"en": "value", "fr": "valeur"},
    "check_autograd": {"en": "autograd ∂ŷ/∂·", "fr": "autograd ∂ŷ/∂·"},
    "check_numeric": {"en": "(f(x+ε) − f(x−ε)) / 2ε", "fr": "(f(x+ε) − f(x−ε)) / 2ε"},
    "check_diff": {"en": "|difference|", "fr": "|écart|"},
    "check_ok": {"en": "agree?", "fr": "accord ?"},
    "check_all_ok": {
        "en": "Every gradient from backward() matches the centred difference (ε = {eps}, tolerance {tol}).",
        "fr": "Chaque gradient de backward() concorde avec la différence centrée "
        "(ε = {eps}, tolérance {tol}).",
    },
    "check_kink": {
        "en": "✗ at the kink: ReLU is not differentiable at z = 0 (its slope jumps from 0 to 1). backward() "
        "uses 0 there, as micrograd and PyTorch do, while the centred difference straddles the kink and "
        "averages the two slopes. Neither is wrong: the derivative does not exist at this point.",
        "fr": "✗ au point anguleux : ReLU n'est pas dérivable en z = 0 (sa pente saute de 0 à 1). backward() "
        "y prend 0, comme micrograd et PyTorch, tandis que la différence centrée enjambe le coin et fait la "
        "moyenne des deux pentes. Aucun des deux n'a tort : la dérivée n'existe pas en ce point.",
    },
    "check_mismatch": {
        "en": "✗ autograd and the centred difference disagree beyond the tolerance for: {names}.",
        "fr": "✗ autograd et la différence centrée diffèrent au-delà de la tolérance pour : {names}.",
    },
    # learning
    "learn_title": {
        "en": "Learning: gradient descent on L = (ŷ − y*)²",
        "fr": "Apprentissage : descente de gradient sur L = (ŷ − y*)²",
    },
    "target_label": {"en": "target y*", "fr": "cible y*"},
    "lr_label": {"en": "learning rate η", "fr": "taux d'apprentissage η"},
    "step": {"en": "Step", "fr": "Un pas"},
    "play": {"en": "▶ Play", "fr": "▶ Lecture"},
    "pause": {"en": "⏸ Pause", "fr": "⏸ Pause"},
    "loss_label": {"en": "loss L = (ŷ − y*)²", "fr": "perte L = (ŷ − y*)²"},
    "learn_rule": {
        "en": "Each step: w ← w − η·∂L/∂w for w1, w2, b, with ∂L/∂w = 2(ŷ − y*)·∂ŷ/∂w.",
        "fr": "À chaque pas : w ← w − η·∂L/∂w pour w1, w2, b, avec ∂L/∂w = 2(ŷ − y*)·∂ŷ/∂w.",
    },
    "learn_next": {
        "en": "The next step, with the gradients of the loss it uses:",
        "fr": "Le prochain pas, avec les gradients de la perte qu'il utilise :",
    },
    "history_title": {"en": "Loss after each step", "fr": "Perte après chaque pas"},
    "history_x": {"en": "step", "fr": "pas"},
    "history_y": {"en": "loss L", "fr": "perte L"},
    # notices
    "learn_converged": {
        "en": "Converged: the loss is {loss}, ŷ has reached the target.",
        "fr": "Convergé : la perte vaut {loss}, ŷ a atteint la cible.",
    },
    "learn_zero_gradient": {
        "en": "Stopped: every ∂L/∂w is 0 (loss {loss}), so a step changes nothing. With ReLU and z ≤ 0 the "
        "neuron is “dead”; move a slider to revive it.",
        "fr": "Arrêt : tous les ∂L/∂w valent 0 (perte {loss}), un pas ne change donc rien. "
        "Avec ReLU et z ≤ 0 le neurone est « mort » ; bougez un curseur pour le ranimer.",
    },
    "learn_overshoot": {
        "en": "Overshoot: ŷ jumped past the target y* = {target} ({before} → {after}): "
        "the step went further than the distance to the target.",
        "fr": "Dépassement : ŷ a sauté par-dessus la cible y* = {target} ({before} → {after}) : "
        "le pas est allé plus loin que la distance à la cible.",
    },
    "learn_rose": {
        "en": "The loss rose from {before} to {after}: with η = {lr} the step went too far. "
        "If it keeps rising, gradient descent diverges; lower η.",
        "fr": "La perte est passée de {before} à {after} : avec η = {lr} le pas est allé trop loin. "
        "Si elle continue de monter, la descente diverge ; baissez η.",
    },
    "learn_diverging": {
        "en": "Diverging: the loss grew {steps} steps in a row, from {first} to {last}. With η = {lr} each "
        "step overshoots further than the last; lower η.",
        "fr": "Divergence : la perte a augmenté {steps} pas de suite, de {first} à {last}. Avec η = {lr} "
        "chaque pas dépasse plus loin que le précédent ; baissez η.",
    },
    "learn_diverged_nonfinite": {
        "en": "Stopped: with η = {lr} the update is not a finite number. Nothing was changed; lower η.",
        "fr": "Arrêt : avec η = {lr} la mise à jour n'est pas un nombre fini. Rien n'a changé ; baissez η.",
    },
    "learn_limit": {
        "en": "Stopped at the slider limit [{lo}, {hi}] for {names}: the descent would carry them further.",
        "fr": "Arrêt à la limite du curseur [{lo}, {hi}] pour {names} : "
        "la descente les emmènerait plus loin.",
    },
    "learn_max_steps": {
        "en": "Paused after {steps} steps.",
        "fr": "Pause après {steps} pas.",
    },
    # explanation
    "explain_title": {
        "en": "What the chain rule is doing",
        "fr": "Ce que fait la règle de dérivation en chaîne",
    },
    "explain_intro": {
        "en": "Forward, each node computes its data from its inputs. Backward, ŷ starts with grad 1; "
        "each node multiplies the grad it receives by its local derivative and passes the product to its "
        "inputs (adding up when an input is used twice). That is the chain rule, one node at a time.",
        "fr": "En avant, chaque nœud calcule sa valeur à partir de ses entrées. En arrière, ŷ part d'un "
        "gradient 1 ; chaque nœud multiplie le gradient reçu par sa dérivée locale et transmet le produit à "
        "ses entrées (en additionnant si une entrée sert deux fois). C'est la règle de dérivation en chaîne, "
        "un nœud à la fois.",
    },
    "explain_act_relu": {
        "en": "ŷ = ReLU(z): f′(z) = 1 if z > 0, else 0. Here z = {z}, so ∂ŷ/∂z = {slope}: "
        "the gradient {verdict}.",
        "fr": "ŷ = ReLU(z) : f′(z) = 1 si z > 0, sinon 0. Ici z = {z}, donc ∂ŷ/∂z = {slope} : "
        "le gradient {verdict}.",
    },
    "explain_relu_passes": {"en": "passes through", "fr": "passe"},
    "explain_relu_blocked": {"en": "is blocked", "fr": "est bloqué"},
    "explain_act_tanh": {
        "en": "ŷ = tanh(z): f′(z) = 1 − tanh²(z) = 1 − {out}² = {slope} = ∂ŷ/∂z.",
        "fr": "ŷ = tanh(z) : f′(z) = 1 − tanh²(z) = 1 − {out}² = {slope} = ∂ŷ/∂z.",
    },
    "explain_act_sigmoid": {
        "en": "ŷ = σ(z): f′(z) = σ(z)(1 − σ(z)) = {out} × (1 − {out}) = {slope} = ∂ŷ/∂z.",
        "fr": "ŷ = σ(z) : f′(z) = σ(z)(1 − σ(z)) = {out} × (1 − {out}) = {slope} = ∂ŷ/∂z.",
    },
    "explain_act_identity": {
        "en": "ŷ = z: f′(z) = 1, so ∂ŷ/∂z = {slope}.",
        "fr": "ŷ = z : f′(z) = 1, donc ∂ŷ/∂z = {slope}.",
    },
    "explain_sum": {
        "en": "z = s + b and s = x1·w1 + x2·w2: a sum has local derivative 1, so it hands the same grad on: "
        "∂ŷ/∂b = ∂ŷ/∂s = ∂ŷ/∂(x1·w1) = ∂ŷ/∂(x2·w2) = {grad_b}.",
        "fr": "z = s + b et s = x1·w1 + x2·w2 : une somme a une dérivée locale 1, elle transmet donc le même "
        "gradient : ∂ŷ/∂b = ∂ŷ/∂s = ∂ŷ/∂(x1·w1) = ∂ŷ/∂(x2·w2) = {grad_b}.",
    },
    "explain_product": {
        "en": "x{i}·w{i}: a product's local derivative for one factor is the other factor: "
        "∂ŷ/∂w{i} = x{i} × {up} = {x} × {up} = {grad_w}, and ∂ŷ/∂x{i} = w{i} × {up} = {w} × {up} = {grad_x}.",
        "fr": "x{i}·w{i} : la dérivée locale d'un produit par rapport à un facteur est l'autre facteur : "
        "∂ŷ/∂w{i} = x{i} × {up} = {x} × {up} = {grad_w}, et ∂ŷ/∂x{i} = w{i} × {up} = {w} × {up} = {grad_x}.",
    },
}
