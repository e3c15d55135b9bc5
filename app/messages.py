"""The page's own messages (not any one view's): header, language, view names, address notices."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # views, as the switcher names them
    "view_neuron": {"en": "One neuron", "fr": "Un neurone"},
    "view_network": {"en": "A network", "fr": "Un réseau"},
    "brand": {"en": "micrograd-web", "fr": "micrograd-web"},
    "language_label": {"en": "Language", "fr": "Langue"},
    "input_not_a_number": {
        "en": "“{value}” is not a number; type one such as {example}.",
        "fr": "« {value} » n'est pas un nombre ; tapez-en un comme {example}.",
    },
    "input_clamped": {
        "en": "Outside [{lo}, {hi}]: set to {new}.",
        "fr": "Hors de [{lo}, {hi}] : ramené à {new}.",
    },
    "url_unknown_key": {
        "en": "Address: unknown setting “{key}” ignored.",
        "fr": "Adresse : réglage inconnu « {key} » ignoré.",
    },
    "url_not_a_number": {
        "en": "Address: {key}=“{value}” is not a number; ignored.",
        "fr": "Adresse : {key}=« {value} » n'est pas un nombre ; ignoré.",
    },
    "url_not_finite": {
        "en": "Address: {key}=“{value}” is not a finite number; ignored.",
        "fr": "Adresse : {key}=« {value} » n'est pas un nombre fini ; ignoré.",
    },
    "url_clamped": {
        "en": "Address: {key}=“{value}” is outside [{lo}, {hi}]; set to {new}.",
        "fr": "Adresse : {key}=« {value} » est hors de [{lo}, {hi}] ; ramené à {new}.",
    },
    "url_bad_choice": {
        "en": "Address: {key}=“{value}” is not one of {allowed}; ignored.",
        "fr": "Adresse : {key}=« {value} » n'est pas parmi {allowed} ; ignoré.",
    },
    # the static site's banner while Python loads (written into the page by sitebuild/page.py)
    "loading_banner": {
        "en": "Loading Python… the controls come alive in a few seconds.",
        "fr": "Chargement de Python… les commandes s'activent dans quelques secondes.",
    },
    "loading_banner_link": {
        "en": "Loading Python… showing the default example until your link's state loads "
        "(a few seconds): these numbers are not your link's yet.",
        "fr": "Chargement de Python… la page montre l'exemple par défaut jusqu'à ce que l'état de votre "
        "lien soit chargé (quelques secondes) : ces nombres ne sont pas encore ceux de votre lien.",
    },
}
