"""What a notebook user relies on, checked against the real kernel process over ZMQ.

One kernel serves the whole module (see conftest.py); tests that leave state
behind name their variables after themselves so they cannot collide.
"""

import base64
import os
import re
import time
import uuid

import pytest
from jupyter_client.session import Session
from jupyter_kernel_test.msgspec_v5 import validate_message

from wire_client import KernelTimeout, strip_ansi

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def assert_ok(ex):
    assert ex.status == "ok", ex.summary()


def assert_value(ex, expected):
    assert_ok(ex)
    assert ex.result_text() == expected, ex.summary()


def finish_or_restart(k, ex, timeout_s, on_input=None):
    """Wait for ex; if it hangs, restart the kernel so later tests still get one, and fail."""
    try:
        return k.finish(ex, timeout_s=timeout_s, on_input=on_input)
    except KernelTimeout:
        k.restart()
        raise


def run(k, code, timeout_s=30, on_input=None, **kwargs):
    """Execute one cell and collect what it produced."""
    return finish_or_restart(k, k.start_execute(code, **kwargs), timeout_s, on_input)


def assert_png(data):
    raw = base64.b64decode(data["image/png"])
    assert raw.startswith(PNG_MAGIC), f"image/png is not a PNG: {raw[:16]!r}"


# -- evaluation ---------------------------------------------------------------------------------


def test_expression_value_is_the_execute_result(k):
    assert_value(run(k, "1 + 2"), "3")


def test_state_persists_between_cells(k):
    assert_ok(run(k, "int persisted = 20;"))
    assert_ok(run(k, "persisted = persisted + 1;"))
    assert_value(run(k, "persisted * 2"), "42")


def test_string_value_is_shown_as_jshell_does(k):
    ex = run(k, '"hi"')
    assert_ok(ex)
    assert ex.result_text().strip('"') == "hi", ex.summary()


def test_stdout_and_stderr_are_separate_streams(k):
    ex = run(k, 'System.out.println("hello, world");\nSystem.err.println("oops");')
    assert_ok(ex)
    assert "hello, world" in ex.stdout, ex.summary()
    assert "oops" in ex.stderr, ex.summary()
    assert "oops" not in ex.stdout, ex.summary()


def test_multi_statement_cell_runs_in_order_and_shows_last_value(k):
    ex = run(k, 'int ma = 2;\nint mb = 3;\nSystem.out.println("sum " + (ma + mb));\nma * mb')
    assert_ok(ex)
    assert "sum 5" in ex.stdout, ex.summary()
    assert ex.result_text() == "6", ex.summary()


def test_execution_count_increases(k):
    first = run(k, "1")
    second = run(k, "2")
    assert_ok(first)
    assert_ok(second)
    assert second.reply.content["execution_count"] == first.reply.content["execution_count"] + 1


# -- errors -------------------------------------------------------------------------------------


def test_runtime_exception_is_one_error_named_after_the_exception_class(k):
    ex = run(k, "1/0")
    assert ex.status == "error", ex.summary()
    assert len(ex.errors) == 1, ex.summary()
    assert ex.errors[0]["ename"] == "java.lang.ArithmeticException", ex.summary()
    assert ex.reply.content["ename"] == "java.lang.ArithmeticException", ex.summary()


def test_compile_error_traceback_names_the_line(k):
    ex = run(k, 'int ce1 = 1;\nint ce2 = "x";')
    assert ex.status == "error", ex.summary()
    assert len(ex.errors) == 1, ex.summary()
    text = ex.error_text()
    assert ex.errors[0]["ename"], ex.summary()
    assert "incompatible types" in text, ex.summary()
    assert re.search(r"\bline 2\b", text), ex.summary()
    assert not re.search(r"\bline 1\b", text), ex.summary()


def test_runtime_exception_traceback_names_the_line(k):
    ex = run(k, "int rp = 1;\nint rq = 0;\nint rr = rp / rq;")
    assert ex.status == "error", ex.summary()
    assert ex.errors and ex.errors[0]["ename"].endswith("ArithmeticException"), ex.summary()
    assert re.search(r"\bline 3\b", ex.error_text()), ex.summary()


def test_error_stops_the_rest_of_the_cell(k):
    ex = run(k, 'int se = 1;\nthrow new IllegalStateException("stop here");\nSystem.out.println("after");')
    assert ex.status == "error", ex.summary()
    assert "after" not in ex.stdout, ex.summary()
    assert "stop here" in ex.error_text(), ex.summary()


def test_a_failed_cell_aborts_the_cells_queued_behind_it(k):
    # As "Run all" does: every cell is sent at once, with stop_on_error.
    failing = k.start_execute('Thread.sleep(300);\nthrow new IllegalStateException("first fails");')
    queued = k.start_execute("int ranAfterFailure = 1;")
    finish_or_restart(k, failing, 30)
    finish_or_restart(k, queued, 30)
    assert failing.status == "error", failing.summary()
    assert queued.status == "aborted", queued.summary()
    # A cell sent right after the client learns of an error is new work, never aborted.
    for i in range(10):
        assert run(k, "ranAfterFailure").status == "error", "the aborted cell must not have run"
        assert_ok(run(k, f"int ranLater{i} = {i};"))


def test_system_exit_is_an_error_and_the_kernel_survives(k):
    ex = run(k, "System.exit(3);", timeout_s=30)
    assert ex.status == "error", ex.summary()
    assert "exit" in ex.all_text().lower(), ex.summary()
    assert k.km.is_alive(), "kernel process ended after System.exit(3)"
    assert_value(run(k, "1 + 1", timeout_s=15), "2")


# -- streaming and large output -----------------------------------------------------------------


def test_output_streams_while_the_cell_runs(k):
    ex = run(k, 
        'for (int i = 0; i < 5; i++) {\n  System.out.println("tick " + i);\n  Thread.sleep(300);\n}',
        timeout_s=30,
    )
    assert_ok(ex)
    streams = [m for m in ex.of_type("stream") if m.content["name"] == "stdout"]
    assert streams, ex.summary()
    assert [f"tick {i}" for i in range(5)] == ex.stdout.splitlines(), ex.summary()
    lead = ex.reply.at - streams[0].at
    assert lead > 1.0, f"first output arrived only {lead:.3f} s before execute_reply (want > 1 s)"


def test_200k_lines_all_arrive_and_the_kernel_stays_responsive(k):
    ex = run(k, 'for (int i = 0; i < 200000; i++) System.out.println("line " + i);', timeout_s=180)
    assert_ok(ex)
    lines = ex.stdout.splitlines()
    assert len(lines) == 200000, f"got {len(lines)} lines; first {lines[:2]}, last {lines[-2:]}"
    assert lines[0] == "line 0" and lines[-1] == "line 199999"
    assert lines == [f"line {i}" for i in range(200000)], "lines missing, duplicated or out of order"
    started = time.monotonic()
    assert_value(run(k, "1+1", timeout_s=10), "2")
    assert time.monotonic() - started < 5


# -- interrupt ----------------------------------------------------------------------------------


def test_interrupt_stops_an_endless_loop_and_keeps_state(k):
    assert_ok(run(k, "int keep = 41;"))
    ex = k.start_execute("while (true) { }")
    k.wait_for(
        lambda m: m.channel == "iopub" and m.parent_id == ex.msg_id and m.msg_type == "status",
        10,
        "busy status for the loop",
    )
    time.sleep(0.5)
    interrupted_at = time.monotonic()
    interrupt_id = k.send("control", "interrupt_request", {})
    finish_or_restart(k, ex, 10)
    took = ex.reply.at - interrupted_at
    assert took < 1.0, f"execute_reply came {took:.3f} s after the interrupt"
    assert ex.status in ("error", "aborted"), ex.summary()
    reply = k.wait_for(lambda m: m.channel == "control" and m.parent_id == interrupt_id, 5, "interrupt_reply")
    validate_message(reply.msg, "interrupt_reply", interrupt_id)
    assert_value(run(k, "keep + 1"), "42")


def test_an_interrupt_while_the_cell_still_compiles_is_not_lost(k):
    # A user who clicks stop at once: the interrupt lands while javac still compiles the cell.
    unique = uuid.uuid4().hex
    ex = k.start_execute("int spin_%s = 0;\nwhile (true) { spin_%s++; }" % (unique, unique))
    k.wait_for(
        lambda m: m.channel == "iopub" and m.parent_id == ex.msg_id and m.msg_type == "execute_input",
        30,
        "execute_input",
    )
    k.send("control", "interrupt_request", {})
    finish_or_restart(k, ex, 10)
    assert ex.status in ("error", "aborted"), ex.summary()
    assert_value(run(k, "1 + 1"), "2")


def test_an_interrupt_while_idle_does_not_stop_the_next_cell(k):
    interrupt_id = k.send("control", "interrupt_request", {})
    k.wait_for(lambda m: m.channel == "control" and m.parent_id == interrupt_id, 5, "interrupt_reply")
    assert_value(run(k, "6 * 7"), "42")


def test_kernel_info_on_shell_is_answered_while_a_cell_runs(k):
    # A tab that connects (or reconnects) while a long cell runs asks for kernel_info on shell first.
    ex = k.start_execute('Thread.sleep(3000); "slept"')
    k.wait_for(lambda m: m.channel == "iopub" and m.parent_id == ex.msg_id, 10, "busy status")
    asked = time.monotonic()
    info = k.request("kernel_info_request", {}, timeout_s=10)
    assert info.content["status"] == "ok" and info.content["implementation"], info.content
    assert info.at - asked < 1.0, f"kernel_info waited {info.at - asked:.1f} s behind the cell"
    finish_or_restart(k, ex, 20)
    assert_value(ex, "slept")
    statuses = [m for m in k.stray if m.channel == "iopub" and m.parent_id == info.parent_id]
    assert not statuses, "no busy/idle around it: its idle would say the kernel is idle while the cell runs"
    # When the kernel is idle, a kernel_info has its busy and idle as the protocol says.
    idle_info = k.request("kernel_info_request", {}, timeout_s=10)
    k.wait_for(lambda m: m.channel == "iopub" and m.parent_id == idle_info.parent_id
               and m.content.get("execution_state") == "idle", 10, "idle after kernel_info")


def test_interrupt_stops_a_sleeping_cell(k):
    ex = k.start_execute("Thread.sleep(60000);")
    k.wait_for(lambda m: m.channel == "iopub" and m.parent_id == ex.msg_id, 10, "busy status")
    time.sleep(0.3)
    interrupted_at = time.monotonic()
    k.send("control", "interrupt_request", {})
    finish_or_restart(k, ex, 10)
    assert ex.reply.at - interrupted_at < 1.0
    assert ex.status in ("error", "aborted"), ex.summary()
    assert_value(run(k, "2 + 2"), "4")


def test_a_cell_that_ignores_interrupts_leaves_the_kernel_restartable(k):
    # Swallowing ThreadDeath defeats JShell's stop; the client's restart must still work.
    # One statement, so "spinning" means the loop itself runs: an interrupt that came earlier (while
    # it compiled) would stop it before it started.
    ex = k.start_execute(
        "for (int i = 0; ; i++) { if (i == 0) System.out.println(\"spinning\");"
        " try { Thread.sleep(20); } catch (Throwable ignored) { } }"
    )
    k.wait_for(
        lambda m: m.channel == "iopub" and m.parent_id == ex.msg_id and m.msg_type == "stream",
        30,
        "the loop running",
    )
    k.send("control", "interrupt_request", {})
    with pytest.raises(KernelTimeout):
        k.finish(ex, timeout_s=2)
    old_pid = k.km.provisioner.process.pid
    started = time.monotonic()
    k.km.restart_kernel(now=False)  # shutdown_request on control, as Jupyter's restart button does
    k.stray.clear()
    k.wait_for_ready(60)
    assert time.monotonic() - started < 30
    assert k.km.provisioner.process.pid != old_pid
    with pytest.raises(ProcessLookupError):
        os.kill(old_pid, 0)
    assert_value(run(k, "1 + 1"), "2")


# -- stdin --------------------------------------------------------------------------------------


def test_reading_system_in_asks_the_frontend(k):
    ex = run(k, 
        'System.out.print("Your name: ");\n'
        "String typed = new java.util.Scanner(System.in).nextLine();\n"
        "typed.toUpperCase()",
        allow_stdin=True,
        on_input=lambda m: "jotter",
        timeout_s=30,
    )
    assert len(ex.input_requests) == 1, ex.summary()
    request = ex.input_requests[0].content
    assert request.get("prompt") == "Your name: " and request.get("password") is False, request
    assert "Your name: " not in ex.stdout, "the prompt goes in the input request, not twice"
    assert_ok(ex)
    assert ex.result_text().strip('"') == "JOTTER", ex.summary()
    assert_value(run(k, "typed.length()"), "6")


def test_interrupt_while_waiting_for_input(k):
    ex = k.start_execute("String never = new java.util.Scanner(System.in).nextLine();", allow_stdin=True)
    k.wait_for(lambda m: m.channel == "stdin" and m.msg_type == "input_request", 15, "input_request")
    interrupted_at = time.monotonic()
    k.send("control", "interrupt_request", {})
    finish_or_restart(k, ex, 10, on_input=lambda m: None)
    assert ex.reply.at - interrupted_at < 1.0, ex.summary()
    assert ex.status == "error", ex.summary()
    again = run(k, "new java.util.Scanner(System.in).nextLine()", allow_stdin=True, on_input=lambda m: "second")
    assert again.result_text().strip('"') == "second", again.summary()


def test_reading_system_in_without_stdin_fails_clearly(k):
    started = time.monotonic()
    ex = k.start_execute("String noInput = new java.util.Scanner(System.in).nextLine();", allow_stdin=False)
    finish_or_restart(k, ex, 15)
    assert time.monotonic() - started < 10
    assert not ex.input_requests, "kernel sent input_request although allow_stdin was false"
    assert ex.status == "error", ex.summary()
    text = ex.error_text().lower()
    assert "stdin" in text or "system.in" in text, ex.summary()
    assert_value(run(k, "3 + 3"), "6")


# -- display API --------------------------------------------------------------------------------


def test_display_html_and_markdown(k):
    ex = run(k, 'display(html("<b>x</b>"));\ndisplay(markdown("# t"));')
    assert_ok(ex)
    displays = [m.content for m in ex.of_type("display_data")]
    assert len(displays) == 2, ex.summary()
    assert displays[0]["data"]["text/html"] == "<b>x</b>", ex.summary()
    assert displays[1]["data"]["text/markdown"] == "# t", ex.summary()


def test_display_with_id_then_update(k):
    ex = run(k, 'display("first", "progress");\nupdateDisplay("progress", "second");')
    assert_ok(ex)
    shown = ex.of_type("display_data")
    updated = ex.of_type("update_display_data")
    assert len(shown) == 1 and len(updated) == 1, ex.summary()
    assert shown[0].content["transient"]["display_id"] == "progress", ex.summary()
    assert updated[0].content["transient"]["display_id"] == "progress", ex.summary()
    assert "first" in shown[0].content["data"]["text/plain"]
    assert "second" in updated[0].content["data"]["text/plain"]


def test_update_from_a_later_cell(k):
    assert_ok(run(k, 'display("v1", "later-id");'))
    ex = run(k, 'updateDisplay("later-id", "v2");')
    assert_ok(ex)
    updated = ex.of_type("update_display_data")
    assert len(updated) == 1 and updated[0].content["transient"]["display_id"] == "later-id", ex.summary()


def test_clear_output(k):
    ex = run(k, 'System.out.println("gone");\nclearOutput();')
    assert_ok(ex)
    types = [m.msg_type for m in ex.outputs]
    assert "clear_output" in types and "stream" in types, ex.summary()
    assert types.index("clear_output") > types.index("stream"), "clear_output overtook the output it clears"


def test_buffered_image_becomes_png(k):
    ex = run(k, 
        "var bi = new java.awt.image.BufferedImage(20, 10, java.awt.image.BufferedImage.TYPE_INT_ARGB);\n"
        "display(bi);"
    )
    assert_ok(ex)
    displays = ex.of_type("display_data")
    assert displays, ex.summary()
    assert_png(displays[0].content["data"])


def test_plot_value_is_a_png(k):
    ex = run(k, "Plot.line(new double[]{1, 2, 3}, new double[]{1, 4, 9})", timeout_s=60)
    assert_ok(ex)
    assert ex.result and "image/png" in ex.result, ex.summary()
    assert_png(ex.result)


# -- completion, inspection, is_complete, history -----------------------------------------------


def test_completion_offers_math_max(k):
    code = "Math.ma"
    reply = k.request("complete_request", {"code": code, "cursor_pos": len(code)})
    c = reply.content
    assert c["status"] == "ok", c
    completed = [code[: c["cursor_start"]] + m + code[c["cursor_end"]:] for m in c["matches"]]
    assert any(t.startswith("Math.max(") or t == "Math.max" for t in completed), c
    assert all(t.startswith("Math.ma") for t in completed), c


def test_completion_sees_user_variables(k):
    assert_ok(run(k, "int completeMeCounter = 5;"))
    code = "completeMe"
    reply = k.request("complete_request", {"code": code, "cursor_pos": len(code)})
    completed = [code[: reply.content["cursor_start"]] + m for m in reply.content["matches"]]
    assert "completeMeCounter" in completed, reply.content


def test_inspect_gives_the_signature_and_javadoc_summary(k):
    code = "Math.max("
    reply = k.request("inspect_request", {"code": code, "cursor_pos": len(code), "detail_level": 0})
    c = reply.content
    assert c["status"] == "ok" and c["found"] is True, c
    text = strip_ansi(c["data"]["text/plain"])
    assert "int Math.max(int a, int b)" in text, text
    assert "Returns the greater of two int values. That is, the result is" in text, text
    assert "@param" not in text and "<" not in text, "summary only, as plain text: " + text


def test_user_expressions_are_evaluated_after_the_cell(k):
    ex = k.execute("int ue = 20;", user_expressions={"twice": "ue * 2", "bad": "nope + 1"})
    assert_ok(ex)
    results = ex.reply.content["user_expressions"]
    assert results["twice"]["status"] == "ok", results
    assert results["twice"]["data"]["text/plain"] == "40", results
    assert results["bad"]["status"] == "error", results


@pytest.mark.parametrize(
    "code,status",
    [("int x = 1;", "complete"), ("class B {", "incomplete"), ("for (int i = 0; i < 2; i++) {", "incomplete")],
)
def test_is_complete(k, code, status):
    reply = k.request("is_complete_request", {"code": code})
    assert reply.content["status"] == status, reply.content
    if status == "incomplete":
        assert isinstance(reply.content.get("indent"), str), reply.content


def test_history_tail_returns_the_last_cells(k):
    assert_ok(run(k, "int histA = 1;"))
    assert_ok(run(k, "histA + 1"))
    reply = k.request("history_request", {"output": False, "raw": True, "hist_access_type": "tail", "n": 2})
    history = reply.content["history"]
    assert [h[2] for h in history] == ["int histA = 1;", "histA + 1"], reply.content


# -- protocol robustness ------------------------------------------------------------------------


def test_unknown_message_type_gets_an_error_reply(k):
    reply = k.request("foo_request", {}, timeout_s=10)
    assert reply.content.get("status") == "error", reply.msg
    info = k.request("kernel_info_request", {})
    assert info.content["language_info"]["name"] == "java"
    assert_value(run(k, "5 + 5"), "10")


def test_message_with_a_bad_signature_is_not_executed(k):
    # Control: the same kind of cell, properly signed, does define its variable.
    assert_ok(run(k, "int signedGood = 1;"))
    assert_value(run(k, "signedGood"), "1")

    forger = Session(key=b"not-the-kernel-key", username=k.session.username, session=k.session.session)
    forged = forger.msg("execute_request", {
        "code": "int signedBad = 1;", "silent": False, "store_history": True,
        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
    })
    forger.send(k.sockets["shell"], forged)
    forged_id = forged["header"]["msg_id"]
    with pytest.raises(KernelTimeout):
        k.wait_for(lambda m: m.parent_id == forged_id, 2.0, "any answer to the forged request")

    ex = run(k, "signedBad")
    assert ex.status == "error", "a message with a bad HMAC was executed:\n" + ex.summary()
    assert "signedBad" in ex.error_text(), ex.summary()


# -- magics -------------------------------------------------------------------------------------


def test_lsmagic_lists_the_magics(k):
    ex = run(k, "%lsmagic")
    assert_ok(ex)
    text = ex.all_text()
    for magic in ("maven", "classpath", "time"):
        assert magic in text, ex.summary()


TIME_PRINTED = re.compile(r"\d+(\.\d+)?\s*(ns|µs|us|ms|s)\b")


def test_time_line_magic(k):
    ex = run(k, "%time 1+1")
    assert_ok(ex)
    assert TIME_PRINTED.search(ex.stdout + ex.stderr), ex.summary()
    assert ex.result_text() in (None, "2"), ex.summary()


def test_time_cell_magic(k):
    ex = run(k, "%%time\nlong timedSum = 0;\nfor (int i = 0; i < 1000; i++) timedSum += i;\ntimedSum")
    assert_ok(ex)
    assert TIME_PRINTED.search(ex.stdout + ex.stderr), ex.summary()
    assert ex.result_text() == "499500", ex.summary()


def test_maven_adds_a_dependency(k):
    ex = run(k, "%maven org.apache.commons:commons-lang3:3.14.0", timeout_s=180)
    assert_ok(ex)
    ex = run(k, 'org.apache.commons.lang3.StringUtils.capitalize("abc")')
    assert_ok(ex)
    assert ex.result_text().strip('"') == "Abc", ex.summary()
    ex = run(k, "%classpath")
    assert_ok(ex)
    assert "commons-lang3" in ex.all_text(), ex.summary()


def test_maven_unknown_coordinates_fail_clearly(k):
    started = time.monotonic()
    ex = run(k, "%maven io.jotter.nonexistent:no-such-artifact:9.9.9", timeout_s=180)
    assert ex.status == "error", ex.summary()
    assert "no-such-artifact" in ex.error_text(), ex.summary()
    assert time.monotonic() - started < 120
    assert_value(run(k, "7 * 6"), "42")


# -- TensorFlow Java ----------------------------------------------------------------------------

TF_CELL = """\
import org.tensorflow.*;
import org.tensorflow.op.*;
import org.tensorflow.types.*;
var s = EagerSession.create();
var tf = Ops.create(s);
var a = tf.constant(new float[][]{{1, 2}, {3, 4}});
tf.linalg.matMul(a, a).asTensor()
"""


def test_tensorflow_matmul_shows_shape_dtype_and_values(k):
    ex = run(k, TF_CELL, timeout_s=300)
    assert_ok(ex)
    data = ex.result
    assert data is not None, ex.summary()
    text = data.get("text/plain", "")
    assert "[2, 2]" in text, text
    assert re.search(r"float", text, re.I), text
    for value in ("7.0", "10.0", "15.0", "22.0"):
        assert value in text, text
    html = data.get("text/html", "")
    assert "<table" in html, html[:500]
    for value in ("7.0", "10.0", "15.0", "22.0"):
        assert value in html, html[:2000]
