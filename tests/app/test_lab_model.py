"""The lab's state without a browser: presets, the walk, the bug switches, the link, the script."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from app.lab.bugs import ASSIGN, BUGS, MICROGRAD, NONE, TWICE
from app.lab.messages import MESSAGES
from app.lab.model import VALUE_LIMIT, LabModel
from app.lab.presets import PRESETS
from app.lab.walk import BACKWARD, FORWARD, step_lines, walk_state
from micrograd_core import Value, parse, trace


def _engine_grads(text: str, values: dict[str, float]) -> dict[str, float]:
    built = parse(text).evaluate(values)
    built.root.backward()
    return {name: v.grad for name, v in built.variables.items()}


@pytest.mark.parametrize("key", [p.key for p in PRESETS])
def test_every_preset_computes_the_engines_numbers(key: str) -> None:
    model = LabModel()
    model.load_preset(key)
    chosen = next(p for p in PRESETS if p.key == key)
    assert model.error is None
    assert model.current.text == chosen.text
    assert dict(model.current.grads) == _engine_grads(chosen.text, dict(chosen.values))
    assert model.current.check_ok


def test_the_lecture_neuron_preset_gives_0_7071_and_keeps_b_exact() -> None:
    model = LabModel()
    model.load_preset("lecture_neuron")
    assert model.current.out == pytest.approx(math.sqrt(0.5), abs=1e-12)
    assert model.query_items()["v_b"] == "6.881373587019543"


def test_the_walk_ends_with_backwards_grads_exactly() -> None:
    model = LabModel(text="a + a*b", values={"a": 2.0, "b": -3.0})
    result = model.current
    end = walk_state(result, result.length)
    assert end.phase == BACKWARD
    assert end.grads == tuple(node.grad for node in result.nodes)
    assert end.data == tuple(node.data for node in result.nodes)


def test_the_walk_fills_data_forward_then_grads_backward() -> None:
    model = LabModel(text="(a*b + c).tanh()", values={"a": 2.0, "b": -3.0, "c": 5.0})
    result = model.current
    start = walk_state(result, 0)
    assert start.phase == FORWARD and start.current is None
    assert all(g is None for g in start.grads)
    assert [d is not None for d in start.data] == [not result.nodes[i].op for i in range(len(result.nodes))]
    computed_first = walk_state(result, 1)
    assert computed_first.current == result.forward[0]
    assert computed_first.data[result.forward[0]] == result.nodes[result.forward[0]].data
    first_back = walk_state(result, len(result.forward) + 1)
    root = len(result.nodes) - 1
    assert first_back.current == root
    assert first_back.grads[root] == 1.0
    variables = [i for i, n in enumerate(result.nodes) if n.is_variable]
    assert all(first_back.grads[i] is None for i in variables)  # leaves are not reached yet


def test_the_step_text_writes_the_update_with_live_numbers() -> None:
    model = LabModel(text="a*b", values={"a": 2.0, "b": -3.0})
    lines = step_lines(model.current, model.current.length, "en")
    assert "a.grad += ∂(a·b)/∂a × (a·b).grad = b × 1.0000 = −3.0000 × 1.0000 = −3.0000" in lines


def test_the_step_text_shows_the_running_sum_where_a_node_feeds_several() -> None:
    model = LabModel(text="a + a*b", values={"a": 2.0, "b": -3.0})
    text = "\n".join(step_lines(model.current, model.current.length, "en"))
    assert "running sum: a.grad = 1.0000 + (−3.0000) = −2.0000" in text
    french = "\n".join(step_lines(model.current, model.current.length, "fr"))
    assert "somme en cours\u202f: a.grad = 1,0000 + (−3,0000) = −2,0000" in french


def test_a_parse_error_keeps_the_previous_graph_and_records_the_position() -> None:
    model = LabModel(text="a*b", values={"a": 2.0, "b": -3.0})
    before = model.current
    model.text = "a * (b + "
    assert model.current is before
    assert model.error is not None and model.error.code == "incomplete"
    assert model.error.position == len("a * (b + ")
    model.text = "a*b + c"
    assert model.error is None and model.current.variables == ("a", "b", "c")


def test_an_evaluation_error_for_a_value_keeps_the_previous_graph() -> None:
    model = LabModel(text="log(a)", values={"a": 2.0})
    before = model.current
    model.set_value("a", -1.0)
    assert model.current is before
    assert model.error is not None and model.error.code == "log_domain"


@pytest.mark.parametrize(
    ("bug", "text", "bites"),
    [
        (NONE, "a + a*b", False),
        (ASSIGN, "a + a*b", True),
        (ASSIGN, "(a*b + c).tanh()", False),  # every node feeds one other: = gives the right grads
        (TWICE, "(a*b + c).tanh()", True),
        (MICROGRAD, "(a*b + c).tanh()", True),
    ],
)
def test_the_bug_switches_turn_the_check_red_where_they_bite(bug: str, text: str, bites: bool) -> None:
    model = LabModel(text=text, values={"a": 2.0, "b": -3.0, "c": 5.0})
    model.bug = bug
    result = model.current
    assert result.check_ok is not bites
    assert dict(result.grads) == _engine_grads(text, dict(result.values))  # the engine stays correct


def test_the_bugs_compute_what_their_code_says() -> None:
    model = LabModel(text="a + a*b", values={"a": 2.0, "b": -3.0})
    model.bug = ASSIGN
    assert dict(model.current.bug_grads) == {"a": -3.0, "b": 2.0}  # a keeps only its last contribution
    model.bug = TWICE
    assert dict(model.current.bug_grads) == {"a": -4.0, "b": 4.0}
    model.bug = MICROGRAD
    # micrograd: the 2nd call starts from root grad 1 but nodes keep 1 (a·b) → a gets 1 + b·2 on top
    assert dict(model.current.bug_grads) == {"a": -7.0, "b": 6.0}
    assert model.current.shared == ("a",)
    assert set(BUGS) == {NONE, ASSIGN, TWICE, MICROGRAD}


def test_the_link_round_trips_and_rounds_to_the_slider_step() -> None:
    model = LabModel(text="a*b", values={"a": 2.0, "b": -3.0})
    model.set_value("a", 0.1 + 0.2)  # 0.30000000000000004
    items = model.query_items()
    assert items == {"expr": "a*b", "v_a": "0.3", "v_b": "-3"}
    other = LabModel()
    other.apply_query(items)
    assert other.current.text == "a*b" and dict(other.current.values) == {"a": 0.3, "b": -3.0}


@pytest.mark.parametrize(
    "query",
    [
        {"expr": "__import__('os')"},
        {"expr": "x" * 1_000_000},
        {"expr": "(" * 10_000},
        {"expr": "a\x00"},
        {"v_a": "nan", "v_b": "inf", "v_c": "zzz"},
        {"unknown": "1", "v_": "2", "v_nope": "3"},
        {"expr": ""},
    ],
)
def test_a_garbage_link_never_raises_and_keeps_a_working_graph(query: dict[str, str]) -> None:
    model = LabModel(text="a*b + c", values={"a": 2.0, "b": -3.0, "c": 1.0})
    before = model.current
    model.apply_query(query)
    assert model.current.text == before.text
    assert dict(model.current.values) == dict(before.values)
    if "expr" in query:
        assert model.error is not None


def test_a_link_value_out_of_range_is_clamped_and_a_bad_one_ignored_with_notices() -> None:
    model = LabModel(text="a + b", values={"a": 1.0, "b": 2.0})
    model.apply_query({"v_a": "1e9", "v_b": "zzz"})
    assert dict(model.current.values) == {"a": VALUE_LIMIT, "b": 2.0}
    assert [n.key for n in model.notices] == ["url_clamped", "url_not_a_number"]
    model.apply_query({"v_a": "1"})
    assert model.notices == ()


def test_negative_values_keep_their_sign_in_the_link() -> None:
    model = LabModel(text="a + b", values={"a": -0.5, "b": -0.004})
    assert model.query_items() == {"expr": "a + b", "v_a": "-0.5", "v_b": "-0.004"}


def test_the_python_script_reproduces_the_numbers(tmp_path: object) -> None:
    model = LabModel(text="tanh(a*b + c) + a", values={"a": 0.7, "b": -1.3, "c": 0.25})
    result = model.current
    run = subprocess.run([sys.executable, "-c", result.script], capture_output=True, text=True, check=True)
    printed = dict(line.split(" = ") for line in run.stdout.strip().splitlines())
    assert float(printed["out"]) == result.out
    for name in result.variables:
        assert float(printed[f"{name}.grad"]) == result.grads[name]


def test_the_twice_bug_script_runs_the_bug() -> None:
    model = LabModel(text="a*b", values={"a": 2.0, "b": -3.0})
    model.bug = TWICE
    run = subprocess.run(
        [sys.executable, "-c", model.current.script], capture_output=True, text=True, check=True
    )
    assert "a.grad = -6.0" in run.stdout


def test_the_graph_is_the_engines_with_one_node_per_variable() -> None:
    model = LabModel(text="a*a + a", values={"a": 3.0})
    result = model.current
    leaves = [n for n in result.nodes if n.is_variable]
    assert [n.label for n in leaves] == ["a"]
    a = Value(3.0)
    root = a * a + a
    root.backward()
    assert [(n.op, n.data, n.grad) for n in result.nodes] == [
        (v.op, v.data, v.grad) for v in trace(root).nodes
    ]


def test_every_message_has_both_languages() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "fr"}, key
        assert all(texts.values()), key


# one text per ExpressionError code
ERROR_SAMPLES = [
    "x" * 2000,
    "(" * 60 + "a",
    "a" + "+a" * 300,
    " + ".join(f"v{i}" for i in range(20)),
    "a" * 40,
    "",
    "a +",
    "(a",
    "a)",
    "a,b",
    "a b",
    "2a",
    "+a",
    "a ^ 2",
    "'s'",
    "a[0]",
    "{a}",
    "a.__class__",
    "lambda: 1",
    "print",
    "foo(a)",
    "a.foo()",
    "a.(",
    "a.tanh",
    "a.tanh(1)",
    "exp(a, b)",
    "exp",
    "()",
    "a ** b",
    "a ** 9999",
    "1e999",
    "a\x00",
    "\u0430",
    "a = 1",
    "1/0",
    "(a-a) ** -1",
    "exp(1000)",
    "log(a-a)",
    "(-2) ** 0.5",
]


def test_every_error_code_has_a_message_in_both_languages() -> None:
    from micrograd_core import ExpressionError

    codes = set()
    for text in ERROR_SAMPLES:
        with pytest.raises(ExpressionError) as caught:
            expression = parse(text)
            expression.evaluate({name: 1.0 for name in expression.variables})
        codes.add(caught.value.code)
        message = MESSAGES[f"error_{caught.value.code}"]
        for lang in ("en", "fr"):
            message[lang].format(**caught.value.details)  # every placeholder is among the details
    assert codes == {k[len("error_") :] for k in MESSAGES if k.startswith("error_")}


def test_the_bug_switch_and_sliders_still_work_while_the_text_is_broken() -> None:
    model = LabModel(text="a + a*b", values={"a": 2.0, "b": -3.0})
    model.text = "a + a*"
    model.bug = ASSIGN
    assert model.error is not None and model.error.code == "incomplete"  # the text's problem stays shown
    assert model.current.bug == ASSIGN and not model.current.check_ok
    model.set_value("b", 1.0)
    assert model.current.values["b"] == 1.0 and model.current.text == "a + a*b"


def test_stepping_is_clamped_to_the_walk() -> None:
    model = LabModel(text="a*b", values={"a": 2.0, "b": -3.0})
    model.to_start()
    model.step(-5)
    assert model.position == 0
    model.step(100)
    assert model.position == model.current.length == len(model.current.forward) + len(model.current.backward)


def test_a_model_made_with_text_that_does_not_parse_shows_the_default_and_the_error() -> None:
    model = LabModel(text="(")
    assert model.error is not None and model.error.code == "incomplete"
    assert model.current.text == PRESETS[0].text


def test_a_model_made_with_values_the_engine_refuses_starts_from_the_defaults() -> None:
    model = LabModel(text="log(a)", values={"a": -1.0})
    assert model.current.text == "log(a)" and model.current.values["a"] == dict(PRESETS[0].values)["a"]


def test_long_labels_get_short_names_that_the_text_and_the_graph_share() -> None:
    model = LabModel()
    model.load_preset("lecture_neuron")
    result = model.current
    assert [n.name for n in result.nodes] == ["x1", "w1", "x1·w1", "x2", "w2", "x2·w2", "n1", "b", "n2", "n3"]
    forward = step_lines(result, len(result.forward), "en")
    assert forward == ("Forward: n3 = tanh(x1·w1 + x2·w2 + b) = tanh(n2) = tanh(0.8814) = 0.7071",)
    first_back = "\n".join(step_lines(result, len(result.forward) + 1, "en"))
    assert "n2.grad += ∂n3/∂n2 × n3.grad = (1 − tanh²(n2)) × 1.0000 = 0.5000 × 1.0000 = 0.5000" in first_back
