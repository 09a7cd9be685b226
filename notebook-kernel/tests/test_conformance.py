"""Jupyter messaging conformance, checked by jupyter_kernel_test against the real kernel.

jupyter_kernel_test validates every message against the v5 message schemas and
runs one check per sample below; an empty sample skips its check, so the ones
we leave out are the features Jotter does not claim (the pager).
"""

import jupyter_kernel_test

BUFFERED_IMAGE_CELL = """\
var img = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
img.setRGB(3, 3, 0xff0000);
display(img);
"""


class JotterConformanceTest(jupyter_kernel_test.KernelTests):
    kernel_name = "jotter-java"
    language_name = "java"
    file_extension = ".jsh"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    # No "matches": JShell's candidate list is long and version-dependent; the
    # behaviour tests check that max( is among the matches.
    completion_samples = [{"text": "Math.ma"}, {"text": "String s = \"x\"; s.len"}]

    complete_code_samples = ["int x = 1;", "1 + 2", 'System.out.println("hi");', "class A { }"]
    incomplete_code_samples = ["class B {", "for (int i = 0; i < 3; i++) {", "int y = (1 +"]
    # JShell's analyzer answers "unknown" rather than "invalid" for most broken
    # input, so Jotter does not promise any "invalid" sample.

    code_generate_error = 'throw new RuntimeException("boom");'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "1 + 2", "result": "3"},
        {"code": "Plot.line(new double[]{1, 2, 3}, new double[]{1, 4, 9})", "mime": "image/png"},
    ]

    code_display_data = [
        {"code": 'display(html("<b>hi</b>"));', "mime": "text/html"},
        {"code": 'display(markdown("# title"));', "mime": "text/markdown"},
        {"code": BUFFERED_IMAGE_CELL, "mime": "image/png"},
    ]

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6*7"

    code_inspect_sample = "Math.max("

    code_clear_output = "clearOutput();"
