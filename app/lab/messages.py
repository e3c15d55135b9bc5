"""The lab's messages, English and French (the page merges ``MESSAGES`` into its catalogue).

``error_<code>`` keys translate ``micrograd_core.ExpressionError.code``; ``{position}`` is 1-based.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "view_lab": {"en": "Expression lab", "fr": "Labo d'expressions"},
    "lab_title": {
        "en": "Type an expression, see its graph, step backward node by node",
        "fr": "Tapez une expression, voyez son graphe, remontez la passe arrière nœud par nœud",
    },
    "lab_expression_label": {"en": "Expression", "fr": "Expression"},
    "lab_expression_help": {
        "en": "As with the engine — (a*b + c).tanh() — or as maths — tanh(a*b + c): + − * / ** (a number as "
        "exponent), parentheses, numbers, names, relu exp log tanh sigmoid. At most {length} characters, "
        "{nodes} parts, {depth} levels of nesting.",
        "fr": "Comme avec le moteur — (a*b + c).tanh() — ou en maths — tanh(a*b + c) : + − * / ** (un nombre "
        "en exposant), parenthèses, nombres, noms, relu exp log tanh sigmoid. Au plus {length} caractères, "
        "{nodes} éléments, {depth} niveaux d'imbrication.",
    },
    "lab_presets": {"en": "Examples", "fr": "Exemples"},
    "lab_preset_tanh_abc": {"en": "(a·b + c).tanh()", "fr": "(a·b + c).tanh()"},
    "lab_preset_seed_neuron": {"en": "the seed's neuron", "fr": "le neurone de départ"},
    "lab_preset_lecture_neuron": {
        "en": "micrograd lecture's neuron (→ 0.7071)",
        "fr": "le neurone du cours micrograd (→ 0,7071)",
    },
    "lab_preset_square": {"en": "a·a", "fr": "a·a"},
    "lab_preset_difference_of_squares": {"en": "(a + b)(a − b)", "fr": "(a + b)(a − b)"},
    "lab_preset_softplus": {"en": "log(1 + exp(x))", "fr": "log(1 + exp(x))"},
    "lab_preset_sigmoid": {"en": "sigmoid(x)", "fr": "sigmoid(x)"},
    "lab_preset_sigmoid_by_hand": {"en": "1/(1 + exp(−x))", "fr": "1/(1 + exp(−x))"},
    "lab_error": {
        "en": "✗ {message} — at character {position}. The graph below is the last one that worked.",
        "fr": "✗ {message} — au caractère {position}. Le graphe ci-dessous est le dernier qui a fonctionné.",
    },
    "lab_out": {"en": "out = {value}", "fr": "out = {value}"},
    # walk
    "lab_walk_title": {"en": "Step by step", "fr": "Pas à pas"},
    "lab_first": {"en": "|◀ Start", "fr": "|◀ Début"},
    "lab_back": {"en": "◀ Back", "fr": "◀ Retour"},
    "lab_next": {"en": "Next ▶", "fr": "Suivant ▶"},
    "lab_end": {"en": "Run to the end ▶|", "fr": "Jusqu'au bout ▶|"},
    "lab_keys": {
        "en": "Keys: on the step slider, ← → move one step, Home and End jump to the start and the end.",
        "fr": "Touches : sur le curseur d'étapes, ← → avancent d'un pas, Début et Fin vont au début et "
        "à la fin.",
    },
    "lab_position": {"en": "step {k} of {n}", "fr": "étape {k} sur {n}"},
    "lab_walk_start": {
        "en": "Forward pass: only the variables have data yet. Press Next ▶ to compute the nodes one by one.",
        "fr": "Passe avant : seules les variables ont une valeur. Appuyez sur Suivant ▶ pour calculer les "
        "nœuds un par un.",
    },
    "lab_walk_forward": {"en": "Forward: {line}", "fr": "Passe avant : {line}"},
    "lab_walk_backward_start": {
        "en": "Backward starts at the output: {root}.grad = 1.",
        "fr": "La passe arrière part de la sortie : {root}.grad = 1.",
    },
    "lab_walk_backward": {
        "en": "Backward, at {node} (grad {grad}, complete: everything it feeds is done):",
        "fr": "Passe arrière, en {node} (gradient {grad}, complet : tout ce qu'il alimente est fait) :",
    },
    "lab_walk_sum": {
        "en": "running sum: {name}.grad = {before} + {product} = {after}",
        "fr": "somme en cours : {name}.grad = {before} + {product} = {after}",
    },
    "lab_walk_done": {
        "en": "Done: every grad equals backward()'s.",
        "fr": "Terminé : chaque gradient est celui de backward().",
    },
    "lab_local_relu": {"en": "(1 if {x} > 0 else 0)", "fr": "(1 si {x} > 0, sinon 0)"},
    "lab_graph_title": {
        "en": "Computation graph: data and ∂ grad at each node, local derivative on each arrow",
        "fr": "Graphe de calcul : valeur et ∂ gradient à chaque nœud, dérivée locale sur chaque flèche",
    },
    # bugs and check
    "lab_bug_label": {"en": "Run a classic bug", "fr": "Lancer un bogue classique"},
    "lab_bug_none": {"en": "none (the engine)", "fr": "aucun (le moteur)"},
    "lab_bug_assign": {"en": "grad = instead of +=", "fr": "grad = au lieu de +="},
    "lab_bug_twice": {
        "en": "backward() twice without zero_grad()",
        "fr": "backward() deux fois sans zero_grad()",
    },
    "lab_bug_micrograd": {
        "en": "micrograd 0.1.0's double backward()",
        "fr": "le double backward() de micrograd 0.1.0",
    },
    "lab_why_assign": {
        "en": "grad = overwrites: {names} feeds several nodes, so only its last contribution survives.",
        "fr": "grad = écrase : {names} alimente plusieurs nœuds, seule sa dernière contribution reste.",
    },
    "lab_why_assign_harmless": {
        "en": "Every node here feeds only one other, so = happens to give the right grads. Try a*a.",
        "fr": "Ici chaque nœud n'en alimente qu'un seul, donc = donne par chance les bons gradients. "
        "Essayez a*a.",
    },
    "lab_why_twice": {
        "en": "Without zero_grad(), the second backward() adds its grads to the first's: every grad doubles.",
        "fr": "Sans zero_grad(), le second backward() ajoute ses gradients aux premiers : tout double.",
    },
    "lab_why_micrograd": {
        "en": "micrograd 0.1.0 re-propagates the grads already accumulated: the further from the output, "
        "the larger the over-count.",
        "fr": "micrograd 0.1.0 repropage les gradients déjà accumulés : plus on s'éloigne de la sortie, "
        "plus le surcompte grandit.",
    },
    "lab_check_title": {
        "en": "Gradient check: autograd vs centred difference",
        "fr": "Vérification du gradient : autograd vs différence centrée",
    },
    "lab_check_variable": {"en": "variable", "fr": "variable"},
    "lab_check_value": {"en": "value", "fr": "valeur"},
    "lab_check_autograd": {"en": "autograd ∂out/∂·", "fr": "autograd ∂out/∂·"},
    "lab_check_numeric": {"en": "(f(x+ε) − f(x−ε)) / 2ε", "fr": "(f(x+ε) − f(x−ε)) / 2ε"},
    "lab_check_agree": {"en": "agree?", "fr": "accord ?"},
    "lab_check_ok": {
        "en": "Every grad matches the centred difference (ε = {eps}, tolerance {tol}).",
        "fr": "Chaque gradient concorde avec la différence centrée (ε = {eps}, tolérance {tol}).",
    },
    "lab_check_mismatch": {
        "en": "✗ autograd and the centred difference disagree for: {names} (a kink, such as relu at 0?).",
        "fr": "✗ autograd et la différence centrée diffèrent pour : {names} (un point anguleux, comme relu "
        "en 0 ?).",
    },
    "lab_check_none": {"en": "No variable: nothing to check.", "fr": "Aucune variable : rien à vérifier."},
    "lab_check_failed": {
        "en": "The centred difference could not be computed here: {reason}",
        "fr": "La différence centrée n'a pas pu être calculée ici : {reason}",
    },
    "lab_python_title": {
        "en": "The Python that gives these numbers",
        "fr": "Le Python qui donne ces nombres",
    },
    "lab_copy": {"en": "Copy", "fr": "Copier"},
    # errors: micrograd_core.ExpressionError codes
    "error_too_long": {
        "en": "the expression is too long ({length} characters, at most {limit})",
        "fr": "l'expression est trop longue ({length} caractères, au plus {limit})",
    },
    "error_too_deep": {
        "en": "nested too deeply (at most {limit} levels)",
        "fr": "imbrication trop profonde (au plus {limit} niveaux)",
    },
    "error_too_many_nodes": {
        "en": "too large (at most {limit} numbers, names and operations)",
        "fr": "trop grande (au plus {limit} nombres, noms et opérations)",
    },
    "error_too_many_variables": {
        "en": "too many variables (at most {limit})",
        "fr": "trop de variables (au plus {limit})",
    },
    "error_name_too_long": {
        "en": "a name is too long (at most {limit} characters)",
        "fr": "un nom est trop long (au plus {limit} caractères)",
    },
    "error_empty": {"en": "the expression is empty", "fr": "l'expression est vide"},
    "error_incomplete": {"en": "the expression ends too early", "fr": "l'expression s'arrête trop tôt"},
    "error_unclosed": {"en": "a '(' is never closed", "fr": "une « ( » n'est jamais fermée"},
    "error_unmatched": {"en": "this ')' closes nothing", "fr": "cette « ) » ne ferme rien"},
    "error_unexpected": {"en": "unexpected “{found}”", "fr": "« {found} » inattendu"},
    "error_missing_operator": {
        "en": "an operator (+ − * / **) is missing before “{found}”",
        "fr": "il manque un opérateur (+ − * / **) avant « {found} »",
    },
    "error_implicit_multiplication": {
        "en": "write * to multiply (2*a, not 2a)",
        "fr": "écrivez * pour multiplier (2*a, pas 2a)",
    },
    "error_unary_plus": {"en": "unary + is not supported", "fr": "le + unaire n'est pas pris en charge"},
    "error_caret": {
        "en": "^ is not a power here: write **",
        "fr": "^ n'est pas une puissance ici : écrivez **",
    },
    "error_string": {"en": "strings are not allowed", "fr": "les chaînes de caractères sont interdites"},
    "error_subscript": {
        "en": "subscripts and lists ([ ]) are not allowed",
        "fr": "les indices et listes ([ ]) sont interdits",
    },
    "error_brace": {"en": "braces ({{ }}) are not allowed", "fr": "les accolades ({{ }}) sont interdites"},
    "error_dunder": {
        "en": "names with __ ({name}) are not allowed",
        "fr": "les noms avec __ ({name}) sont interdits",
    },
    "error_keyword": {
        "en": "“{name}” is a Python keyword: no lambdas, comprehensions or conditions",
        "fr": "« {name} » est un mot-clé Python : ni lambdas, ni compréhensions, ni conditions",
    },
    "error_reserved_name": {
        "en": "“{name}” is a reserved Python name; choose another variable name",
        "fr": "« {name} » est un nom réservé de Python ; choisissez un autre nom de variable",
    },
    "error_unknown_function": {
        "en": "unknown function {name}(): the functions are relu, exp, log, tanh, sigmoid",
        "fr": "fonction inconnue {name}() : les fonctions sont relu, exp, log, tanh, sigmoid",
    },
    "error_unknown_method": {
        "en": "unknown method .{name}(): the methods are .relu() .exp() .log() .tanh() .sigmoid()",
        "fr": "méthode inconnue .{name}() : les méthodes sont .relu() .exp() .log() .tanh() .sigmoid()",
    },
    "error_bad_attribute": {
        "en": "a '.' must be followed by a method",
        "fr": "un « . » doit être suivi d'une méthode",
    },
    "error_method_not_called": {"en": "write .{name}()", "fr": "écrivez .{name}()"},
    "error_method_argument": {"en": ".{name}() takes no argument", "fr": ".{name}() ne prend pas d'argument"},
    "error_call_arguments": {
        "en": "{name}() takes exactly one argument",
        "fr": "{name}() prend exactement un argument",
    },
    "error_function_as_name": {
        "en": "{name} is a function: write {name}(x)",
        "fr": "{name} est une fonction : écrivez {name}(x)",
    },
    "error_empty_parentheses": {"en": "empty parentheses ()", "fr": "parenthèses vides ()"},
    "error_exponent_not_number": {
        "en": "the exponent of ** must be a number, as in micrograd",
        "fr": "l'exposant de ** doit être un nombre, comme dans micrograd",
    },
    "error_exponent_too_large": {
        "en": "the exponent {exponent} is too large (at most {limit})",
        "fr": "l'exposant {exponent} est trop grand (au plus {limit})",
    },
    "error_number_too_large": {
        "en": "the number {number} is too large",
        "fr": "le nombre {number} est trop grand",
    },
    "error_control_character": {
        "en": "the invisible or control character {codepoint} is not allowed",
        "fr": "le caractère invisible ou de contrôle {codepoint} est interdit",
    },
    "error_non_ascii": {
        "en": "the character “{character}” ({codepoint} {name}) is not allowed: names use ASCII letters",
        "fr": "le caractère « {character} » ({codepoint} {name}) est interdit : les noms s'écrivent en "
        "lettres ASCII",
    },
    "error_bad_character": {
        "en": "the character “{character}” is not allowed",
        "fr": "le caractère « {character} » est interdit",
    },
    "error_division_by_zero": {
        "en": "{operation}: division by zero",
        "fr": "{operation} : division par zéro",
    },
    "error_zero_negative_power": {
        "en": "{operation}: 0 cannot be raised to a negative power",
        "fr": "{operation} : 0 ne peut pas être élevé à une puissance négative",
    },
    "error_overflow": {
        "en": "{operation}: too large for a float",
        "fr": "{operation} : trop grand pour un flottant",
    },
    "error_log_domain": {"en": "{operation}: log needs x > 0", "fr": "{operation} : log demande x > 0"},
    "error_negative_base": {
        "en": "{operation}: a negative number to a fractional power",
        "fr": "{operation} : un nombre négatif à une puissance fractionnaire",
    },
}
