"""What a one-line ``luoshi parse`` pays before it reads a character (issue 10: ≤ 120 ms CPU).

Timings are measured by ``bench/bench_pipeline.py``; these tests hold the two causes of cost
that were removed: generating record classes with :mod:`dataclasses` (its import pulls in
``inspect``, ``ast`` and ``dis``, and each frozen class execs six generated methods: together
about 40% of the process's instructions) and compiling the large 发文字号-line pattern for a
line that holds no 号.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_the_pipeline_defines_its_records_without_dataclasses(tmp_path: Path):
    one = tmp_path / "one.txt"
    one.write_text("关于加强安全生产工作的通知\n", encoding="utf-8")
    out = _run(
        f"""
        import sys
        import luoshi.cli
        from luoshi.pipeline import parse_file
        parse_file({str(one)!r})
        print("dataclasses" in sys.modules)
        """
    )
    assert out == "False"


def test_the_document_number_line_pattern_compiles_only_for_a_line_with_hao(tmp_path: Path):
    without = tmp_path / "without.txt"
    without.write_text("关于加强安全生产工作的通知\n各区人民政府：\n现将有关事项通知如下。\n", encoding="utf-8")
    with_number = tmp_path / "with.txt"
    with_number.write_text("关于加强安全生产工作的通知\n临府发〔2024〕3号\n各区人民政府：\n", encoding="utf-8")
    code = """
        from luoshi.patterns import DOC_NUMBER_LINE
        from luoshi.pipeline import parse_file
        parse_file({path!r})
        print(DOC_NUMBER_LINE.is_compiled)
        """
    assert _run(code.format(path=str(without))) == "False"
    assert _run(code.format(path=str(with_number))) == "True"


def test_a_text_files_parse_does_not_import_statistics(tmp_path: Path):
    # The PDF furniture module (which the text reader's layout tables use) needs statistics only
    # for a PDF's text block; importing it pulls in decimal, fractions and random.
    one = tmp_path / "one.txt"
    one.write_text("关于加强安全生产工作的通知\n", encoding="utf-8")
    code = """
        import sys
        import luoshi.cli
        from luoshi.pipeline import parse_file
        parse_file({path!r})
        print("statistics" in sys.modules)
        from luoshi.read.pdf_furniture import PageLine, text_block
        text_block([[PageLine("正文", 0.5), PageLine("正文", 0.6)]], [set()])
        print("statistics" in sys.modules)
        """
    assert _run(code.format(path=str(one))).split() == ["False", "True"]
