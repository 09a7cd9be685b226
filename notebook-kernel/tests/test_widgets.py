"""Jupyter comms and widgets in Java cells, checked over the real wire as a widget front end sees them.

The front end's side is played here with jupyter_client's session: comm_open from the kernel creates a model,
comm_msg "update" is the user moving a control, "custom" a button click, "request_state" a reloaded page.
The states the kernel opens are checked against the widget model spec of @jupyter-widgets/schema (the file the
kernel ships) and the widget-state schema JupyterLab's manager saves and loads.
"""

import json
import os
import time

import jsonschema
import pytest

from wire_client import KernelTimeout

HERE = os.path.dirname(__file__)
SPEC_FILE = os.path.join(HERE, "..", "kernel", "src", "main", "resources", "io", "jotter", "kernel", "widgets",
                         "jupyterwidgetmodels.json")
STATE_SCHEMA = os.path.join(HERE, "data", "widget-state.v2.schema.json")
VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def run(k, code, timeout_s=60):
    ex = k.execute(code, timeout_s=timeout_s)
    assert ex.status == "ok", ex.summary()
    return ex


def opened(ex):
    """The comms the cell opened, by id: their comm_open content and metadata."""
    return {m.content["comm_id"]: m for m in ex.of_type("comm_open")}


def widget_view(ex):
    views = [b[VIEW_MIME] for b in ex.bundles() if VIEW_MIME in b]
    assert views, ex.summary()
    return views[-1]


def send_comm(k, comm_id, data):
    return k.send("shell", "comm_msg", {"comm_id": comm_id, "data": data})


def messages_of(k, parent_id, timeout_s=30):
    """Every iopub message caused by parent_id, up to its idle."""
    found = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        m = k.wait_for(lambda m: m.channel == "iopub" and m.parent_id == parent_id, deadline - time.monotonic(),
                       "iopub message")
        found.append(m)
        if m.msg_type == "status" and m.content["execution_state"] == "idle":
            return found
    raise KernelTimeout("no idle for the comm message")


def updates(found, comm_id, method="update"):
    return [m.content["data"]["state"] for m in found
            if m.msg_type == "comm_msg" and m.content["comm_id"] == comm_id and m.content["data"]["method"] == method]


def stdout(found):
    return "".join(m.content["text"] for m in found if m.msg_type == "stream" and m.content["name"] == "stdout")


@pytest.fixture(scope="module")
def spec():
    with open(SPEC_FILE) as f:
        return {entry["model"]["name"]: entry for entry in json.load(f)}


def test_a_slider_opens_its_model_with_layout_and_style_first_and_displays_a_view(k, spec):
    ex = run(k, 'var w1 = new IntSlider().min(0).max(10).value(3).description("n"); w1')
    comms = opened(ex)
    view = widget_view(ex)
    assert view["version_major"] == 2 and view["version_minor"] == 0
    slider = comms[view["model_id"]]
    assert slider.content["target_name"] == "jupyter.widget"
    assert slider.msg["metadata"]["version"] == "2.1.0"
    state = slider.content["data"]["state"]
    assert state["_model_name"] == "IntSliderModel" and state["_model_module"] == "@jupyter-widgets/controls"
    assert state["_model_module_version"] == "2.0.0" and state["_view_name"] == "IntSliderView"
    order = [m.content["comm_id"] for m in ex.of_type("comm_open")]
    for part, model in (("layout", "LayoutModel"), ("style", "SliderStyleModel")):
        part_id = state[part].removeprefix("IPY_MODEL_")
        assert comms[part_id].content["data"]["state"]["_model_name"] == model
        assert order.index(part_id) < order.index(view["model_id"]), "a part must exist before the widget using it"
    # What the cell set reached the front end: in the opening state or in updates after it.
    final = dict(state)
    for m in ex.of_type("comm_msg"):
        if m.content["comm_id"] == view["model_id"]:
            final.update(m.content["data"]["state"])
    assert (final["min"], final["max"], final["value"], final["description"]) == (0, 10, 3, "n")
    assert "IntSlider(value=3)" in ex.all_text()


def test_every_widget_state_has_the_spec_attributes_and_types_and_forms_a_valid_saved_state(k, spec):
    ex = run(k, """
        var all = List.of(new IntSlider(), new FloatSlider(), new Text(), new Checkbox(), new Dropdown("a", "b"),
            new ToggleButtons("x", "y"), new Button("go"), new IntProgress(), new FloatProgress(), new Output(),
            new HBox(new Text()), new VBox(new Checkbox()));
        """)
    states = {}
    for comm_id, m in opened(ex).items():
        states[comm_id] = dict(m.content["data"]["state"])
    for m in ex.of_type("comm_msg"):
        states[m.content["comm_id"]].update(m.content["data"]["state"])
    names = {s["_model_name"] for s in states.values()}
    assert {"IntSliderModel", "FloatSliderModel", "TextModel", "CheckboxModel", "DropdownModel", "ToggleButtonsModel",
            "ButtonModel", "IntProgressModel", "FloatProgressModel", "OutputModel", "HBoxModel", "VBoxModel",
            "LayoutModel", "ButtonStyleModel", "ProgressStyleModel"} <= names
    py_types = {"int": int, "float": (int, float), "bool": bool, "string": str, "array": list}
    for comm_id, state in states.items():
        model = spec[state["_model_name"]]
        attributes = {a["name"]: a for a in model["attributes"]}
        assert set(state) == set(attributes), state["_model_name"]
        for name, value in state.items():
            a = attributes[name]
            if value is None:
                assert a.get("allow_none"), (state["_model_name"], name)
            elif a["type"] == "reference":
                assert value.removeprefix("IPY_MODEL_") in states, (state["_model_name"], name)
            elif isinstance(a["type"], str) and a["type"] in py_types:
                assert isinstance(value, py_types[a["type"]]), (state["_model_name"], name, value)
            if a.get("enum") and value is not None:
                assert value in a["enum"], (state["_model_name"], name, value)
        for child in state.get("children", []):
            assert child.removeprefix("IPY_MODEL_") in states
    saved = {"version_major": 2, "version_minor": 0, "state": {
        comm_id: {"model_name": s["_model_name"], "model_module": s["_model_module"],
                  "model_module_version": s["_model_module_version"], "state": s}
        for comm_id, s in states.items()}}
    with open(STATE_SCHEMA) as f:
        jsonschema.validate(saved, json.load(f))


def test_moving_a_slider_runs_its_observer_as_a_cell_and_echoes_the_value(k):
    ex = run(k, 'var w3 = new IntSlider().max(10); w3.observe(v -> System.out.println("now " + v * 2)); w3')
    model_id = widget_view(ex)["model_id"]
    sent = send_comm(k, model_id, {"method": "update", "state": {"value": 7}, "buffer_paths": []})
    found = messages_of(k, sent)
    assert stdout(found) == "now 14\n"
    assert {"value": 7} in updates(found, model_id, "echo_update")
    assert run(k, "w3.value()").result_text() == "7"


def test_a_value_out_of_bounds_from_the_front_end_is_kept_in_bounds_and_sent_back(k):
    ex = run(k, "var w4 = new IntSlider().min(0).max(5); w4")
    model_id = widget_view(ex)["model_id"]
    found = messages_of(k, send_comm(k, model_id, {"method": "update", "state": {"value": 99}, "buffer_paths": []}))
    assert {"value": 5} in updates(found, model_id)
    assert run(k, "w4.value()").result_text() == "5"


def test_an_update_of_the_wrong_type_or_an_unknown_attribute_is_ignored(k):
    ex = run(k, "var w5 = new IntSlider().max(5).value(2); w5")
    model_id = widget_view(ex)["model_id"]
    found = messages_of(k, send_comm(k, model_id, {"method": "update", "state": {"value": "lots", "nonsense": 1,
                                                                                  "_model_name": "X"}}))
    assert not updates(found, model_id, "echo_update")
    assert run(k, "w5.value()").result_text() == "2"


def test_request_state_sends_the_whole_state_as_a_reloaded_page_needs(k):
    ex = run(k, 'var w6 = new Text().value("hello"); w6')
    model_id = widget_view(ex)["model_id"]
    found = messages_of(k, send_comm(k, model_id, {"method": "request_state"}))
    [state] = updates(found, model_id)
    assert state["value"] == "hello" and state["_model_name"] == "TextModel" and "layout" in state


def test_comm_info_lists_the_open_widgets_and_forgets_closed_ones(k):
    ex = run(k, "var w7 = new Checkbox(); w7")
    model_id = widget_view(ex)["model_id"]
    comms = k.request("comm_info_request", {"target_name": "jupyter.widget"}).content["comms"]
    assert comms[model_id] == {"target_name": "jupyter.widget"}
    assert k.request("comm_info_request", {"target_name": "other"}).content["comms"] == {}
    closed = run(k, "w7.close();")
    # The checkbox first, then its layout and style.
    assert [m.content["comm_id"] for m in closed.of_type("comm_close")][0] == model_id
    assert len(closed.of_type("comm_close")) == 3
    assert model_id not in k.request("comm_info_request", {"target_name": "jupyter.widget"}).content["comms"]


def test_a_front_end_closing_a_comm_closes_it_in_the_kernel(k):
    ex = run(k, "var w8 = new Checkbox(); w8")
    model_id = widget_view(ex)["model_id"]
    messages_of(k, k.send("shell", "comm_close", {"comm_id": model_id, "data": {}}))
    assert model_id not in k.request("comm_info_request", {}).content["comms"]


def test_a_comm_opened_to_an_unknown_target_is_closed_again(k):
    sent = k.send("shell", "comm_open", {"comm_id": "abc123", "target_name": "no.such.target", "data": {}})
    found = messages_of(k, sent)
    assert [m.content["comm_id"] for m in found if m.msg_type == "comm_close"] == ["abc123"]


def test_a_button_click_runs_its_handler_and_its_exception_is_shown(k):
    ex = run(k, """
        var clicks = new int[1];
        var b9 = new Button("Go");
        b9.onClick(() -> { clicks[0]++; System.out.println("clicked " + clicks[0]); });
        b9.onClick(() -> { if (clicks[0] == 2) throw new IllegalStateException("second click"); });
        b9
        """)
    model_id = widget_view(ex)["model_id"]
    click = {"method": "custom", "content": {"event": "click"}}
    assert stdout(messages_of(k, send_comm(k, model_id, click))) == "clicked 1\n"
    found = messages_of(k, send_comm(k, model_id, click))
    assert stdout(found) == "clicked 2\n"
    [error] = [m.content for m in found if m.msg_type == "error"]
    assert error["ename"] == "java.lang.IllegalStateException" and "second click" in error["evalue"]
    assert run(k, "clicks[0]").result_text() == "2"


def test_interact_shows_the_function_value_in_an_output_widget_and_recomputes_it_on_change(k):
    ex = run(k, 'interact(new IntSlider().max(10).value(2), n -> "square " + n * n);')
    comms = opened(ex)
    outputs = {}
    for comm_id, m in comms.items():
        if m.content["data"]["state"]["_model_name"] == "OutputModel":
            outputs[comm_id] = m.content["data"]["state"]["outputs"]
    [output_id] = outputs
    for m in ex.of_type("comm_msg"):
        if m.content["comm_id"] == output_id and "outputs" in m.content["data"]["state"]:
            outputs[output_id] = m.content["data"]["state"]["outputs"]
    assert "square 4" in json.dumps(outputs[output_id])
    slider_id = next(i for i, m in comms.items() if m.content["data"]["state"]["_model_name"] == "IntSliderModel")
    found = messages_of(k, send_comm(k, slider_id, {"method": "update", "state": {"value": 5}}))
    last = updates(found, output_id)[-1]["outputs"]
    assert len(last) == 1 and "square 25" in json.dumps(last), last


def test_output_capture_keeps_prints_and_exceptions_in_the_widget_not_the_cell(k):
    ex = run(k, """
        var out10 = new Output();
        out10.capture(() -> { System.out.println("inside"); throw new RuntimeException("boom"); });
        System.out.println("outside");
        out10.outputs()
        """)
    assert ex.stdout == "outside\n", ex.summary()
    text = ex.result_text()
    assert "inside" in text and "boom" in text


def test_link_keeps_two_values_equal_both_ways(k):
    ex = run(k, "var a11 = new IntSlider().value(1); var b11 = new IntSlider(); link(a11, b11); a11.value(4);")
    assert run(k, "b11.value()").result_text() == "4"
    a_id, b_id = [m.content["comm_id"] for m in ex.of_type("comm_open")
                  if m.content["data"]["state"]["_model_name"] == "IntSliderModel"]
    found = messages_of(k, send_comm(k, b_id, {"method": "update", "state": {"value": 9}}))
    assert {"value": 9} in updates(found, a_id)
    assert run(k, "a11.value()").result_text() == "9"


def test_an_interrupt_stops_a_handler_and_the_kernel_goes_on(k):
    ex = run(k, 'var b12 = new Button("spin"); b12.onClick(() -> { while (true) { } }); b12')
    model_id = widget_view(ex)["model_id"]
    sent = send_comm(k, model_id, {"method": "custom", "content": {"event": "click"}})
    k.wait_for(lambda m: m.channel == "iopub" and m.parent_id == sent and m.msg_type == "status", 10, "busy")
    time.sleep(0.5)
    k.request("interrupt_request", {}, channel="control")
    found = messages_of(k, sent)
    assert any(m.msg_type == "error" and m.content["ename"] == "Interrupted" for m in found)
    assert run(k, "1 + 1").result_text() == "2"


def test_a_wrong_attribute_or_type_set_in_a_cell_is_a_clear_error(k):
    ex = k.execute('new IntSlider().set("value", "ten")', timeout_s=30)
    assert ex.status == "error"
    assert "IntSliderModel.value takes a" in ex.error_text()
    ex = k.execute('new IntSlider().set("colour", 1)', timeout_s=30)
    assert "has no attribute colour" in ex.error_text()
