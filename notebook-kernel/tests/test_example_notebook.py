"""The example notebook runs top to bottom under nbclient and shows what it promises."""

import base64
import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "examples", "tensorflow-plot-maven.ipynb")


@pytest.fixture(scope="module")
def executed(kernel_spec):
    nb = nbformat.read(EXAMPLE, as_version=4)
    NotebookClient(nb, kernel_name="jotter-java", timeout=300, startup_timeout=120, allow_errors=True).execute()
    return {cell.get("id"): cell for cell in nb.cells}


def outputs(cell, output_type):
    return [o for o in cell.outputs if o.output_type == output_type]


def text_of(cell):
    parts = [o.text for o in outputs(cell, "stream")]
    for o in cell.outputs:
        if "data" in o:
            parts.append(o.data.get("text/plain", ""))
    return "\n".join(parts)


def test_no_cell_errors(executed):
    for cell_id, cell in executed.items():
        if cell.cell_type == "code":
            assert not outputs(cell, "error"), f"cell {cell_id}: {outputs(cell, 'error')}"


def test_small_matmul_values(executed):
    (result,) = outputs(executed["tf-small"], "execute_result")
    text = result.data["text/plain"]
    assert "[2, 2]" in text, text
    for value in ("7.0", "10.0", "15.0", "22.0"):
        assert value in text, text
    assert "<table" in result.data.get("text/html", ""), result.data


def test_big_matmul_matches_plain_java(executed):
    text = text_of(executed["tf-big"])
    assert re.search(r"1024x1024 matmul: \d+ ms", text), text
    found = re.search(r"square\[0\]\[0\] = ([\d.]+), plain Java = ([\d.]+)", text)
    assert found, text
    tf_value, java_value = float(found.group(1)), float(found.group(2))
    assert java_value > 100  # 1024 products of two uniform floats: about 256
    assert abs(tf_value - java_value) <= 1e-3 * java_value, text


def test_plot_is_a_png(executed):
    (result,) = outputs(executed["plot"], "execute_result")
    raw = base64.b64decode(result.data["image/png"])
    assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(raw) > 1000, "suspiciously small chart"


def test_maven_dependency_is_used_by_a_later_cell(executed):
    (result,) = outputs(executed["use-maven"], "execute_result")
    assert result.data["text/plain"].strip('"') == "mean=13.50 max=22.0", result.data
