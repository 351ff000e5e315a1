"""Cleaner follow-ups: bar-separated table rows, lines that open by their shape (a 序号 cell, an
附件 label, a breadcrumb's next line), and bracket pairs of mixed width. Texts written here."""

from __future__ import annotations

from doc_builder import clean_lines, cleaned

_BAR_TABLE = """某县2024年民生实事项目责任分解表
序号 | 项目名称 | 责任单位 | 完成时限 |
1 | 新建城区第三小学，新增学位1200个 | 县教育局 | 2024年底 |
2 | 改造老旧小区12个，惠及居民3000户 | 县住建局 | 2024年10月 |
3 | 新建农村公路50公里，完善乡村客运 | 县交通局 | 2024年底 |
4 | 建设社区养老服务站15个，配齐设施 | 县民政局 | 2024年12月 |
5 | 开展城乡居民免费健康体检，覆盖全县 | 县卫健委 | 2024年11月 |
"""


def test_bar_rows_of_one_width_stay_one_row_a_line():
    paras = clean_lines(_BAR_TABLE)
    assert paras[1] == "序号 | 项目名称 | 责任单位 | 完成时限 |"
    assert paras[2] == "1 | 新建城区第三小学，新增学位1200个 | 县教育局 | 2024年底 |"
    assert paras[6] == "5 | 开展城乡居民免费健康体检，覆盖全县 | 县卫健委 | 2024年11月 |"
    assert len(paras) == 7


def test_empty_cells_count_as_bars():
    text = "文件名称 | 某县2025年政府工作报告 | ||\n索引号 | 000-2025-0001 | 公开目录 | 工作报告 |\n"
    assert clean_lines(text) == [
        "文件名称 | 某县2025年政府工作报告 | ||",
        "索引号 | 000-2025-0001 | 公开目录 | 工作报告 |",
    ]


def test_two_bars_are_no_table_row_and_a_wrap_still_joins():
    # Near case: a wrapped sentence holding a bar or two (a slogan ``A | B``) is no table row.
    lines = [
        "　　全面推进乡村振兴，持续擦亮“田园 | 宜居 | 乐业”品牌，",
        "推动农村人居环境整治提升行动取得明显成效，实现各项指标",
        "稳步提升，群众获得感、幸福感、安全感明显增强，各项工作",
        "取得新进展。",
        "　　坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，",
        "加快构建新发展格局，着力推动高质量发展，统筹发展和安全",
        "，全面深化改革开放，持续改善民生。",
    ]
    paras = clean_lines("\n".join(lines) + "\n")
    assert len(paras) == 2
    assert paras[0].startswith("全面推进乡村振兴") and paras[0].endswith("取得新进展。")


_SHORT_LAYOUT = [
    "　　各镇人民政府，县直各单位：",
    "　　经县政府同意，现将《某县2024年农村人居环境整治",
    "提升行动方案》印发给你们，请结合实际认真贯彻落实",
    "，确保各项任务按期完成，工作中遇到的问题及时报告。",
]


def test_attachment_label_opens_its_line_after_a_full_sentence_line():
    tail = ["附件：某县2024年农村人居环境整治提升行动任务分解表", "　　某县人民政府办公室", "　　2024年3月1日"]
    text = "\n".join([*_SHORT_LAYOUT, *tail])
    paras = clean_lines(text + "\n")
    assert paras[1].endswith("及时报告。")
    assert paras[2] == "附件：某县2024年农村人居环境整治提升行动任务分解表"


def test_attachment_number_label_opens_too():
    text = "\n".join([*_SHORT_LAYOUT, "附件1.某县2024年农村人居环境整治提升行动任务分解表清单"])
    assert clean_lines(text + "\n")[-1] == "附件1.某县2024年农村人居环境整治提升行动任务分解表清单"


def test_a_sentence_starting_with_the_word_attachment_still_joins():
    # Near case: ``附件中所列……`` is the next piece of a wrapped sentence, not a label.
    text = "\n".join(
        [
            *_SHORT_LAYOUT[:3],
            "各项任务，确保按期完成，工作中遇到的问题及时报告",
            "附件中所列任务由各牵头单位会同配合单位共同落实。",
        ]
    )
    paras = clean_lines(text + "\n")
    assert paras[-1].endswith("及时报告附件中所列任务由各牵头单位会同配合单位共同落实。")


def test_number_cell_opens_its_row_after_the_header_cell():
    text = (
        "某县政府规范性文件目录\n序号\n文件名称\n文号\n1\n某县人民政府关于加强耕地保护的通知\n"
        "某政发〔2024〕1号\n2\n某县人民政府关于做好防汛工作的通知\n"
    )
    paras = clean_lines(text)
    assert "文号" in paras and "1" in paras
    assert "文号1" not in "".join(p + "|" for p in paras)


def test_digits_wrapped_inside_a_number_still_join():
    # Near case: a number broken by a wrap (``第`` before it) is one number. Two such lines close
    # together, so neither is taken for a page number.
    lines = [
        "　　全年新增城镇就业岗位，完成年度目标任务的百分之一百",
        "零五，城镇调查失业率控制在预期目标以内，实施重点项目第",
        "12",
        "批建设任务。",
        "　　同步启动重点项目，确保项目按期开工建设，尽早形成实物",
        "工作量，全年完成固定资产投资增长目标任务，实施项目第",
        "13",
        "批前期工作。",
    ]
    paras = clean_lines("\n".join(lines) + "\n")
    assert paras[0].endswith("实施重点项目第12")
    assert any(p.endswith("实施项目第13") for p in paras)


def test_breadcrumb_stays_apart_from_the_title_below_it():
    text = (
        "您现在的位置:首页 >> 政务公开 >> 正文\n"
        "2019年某市农村人居环境整治优秀村名单公示公告\n"
        "发布时间:2020-03-11 来源:某市政府网\n"
        "根据市委、市政府工作部署，经各镇推荐、实地核查，现将拟评定的优秀村名单予以公示。\n"
    )
    paras = clean_lines(text)
    assert paras[0] == "您现在的位置:首页 >> 政务公开 >> 正文"
    assert paras[1] == "2019年某市农村人居环境整治优秀村名单公示公告"


def test_a_comparison_sign_in_a_wrapped_line_is_no_breadcrumb():
    # Near case: one ``>`` in a wrapped line (a threshold) does not stop the wrap.
    lines = [
        "　　加强大气污染联防联控，全年空气质量优良天数比例保持在",
        "较高水平，对细颗粒物浓度>35微克每立方米的时段启动预警",
        "响应，及时采取应急减排措施，确保完成省下达的目标任务。",
    ]
    paras = clean_lines("\n".join(lines) + "\n")
    assert len(paras) == 1


def test_a_bracket_pair_of_mixed_width_becomes_full_width():
    paras = clean_lines("现将《某县乡村振兴实施方案(2023—2025年）》印发给你们。\n")
    assert paras[0] == "现将《某县乡村振兴实施方案（2023—2025年）》印发给你们。"


def test_a_period_note_folded_on_one_side_only_is_made_a_pair():
    # ``(2023年)``: the half-width rule folds only the close next to 年; the pair follows it.
    assert clean_lines("某县2023年重点工作任务分解表(2023年)\n") == ["某县2023年重点工作任务分解表（2023年）"]
    assert clean_lines("某县乡村振兴实施方案(2023—2025年）\n")[0] == "某县乡村振兴实施方案（2023—2025年）"


def test_half_width_pairs_around_figures_stay_half_width():
    # Near case: ``(1)``, ``(2023)`` hold no Chinese text and no full-width side: left as printed.
    assert clean_lines("依照第十条第(1)项和(2023)第5号规定办理。\n") == ["依照第十条第(1)项和(2023)第5号规定办理。"]


def test_mixed_pair_keeps_offsets_one_for_one():
    text = "方案(2023—2025年）印发。\n"
    ct = cleaned(text)
    assert ct.text == "方案（2023—2025年）印发。"
    assert ct.source_offset(ct.text.index("（")) == text.index("(")
    assert ct.source_offset(ct.text.index("）")) == text.index("）")


_SPEECH = """坚定信心　真抓实干
奋力推动全县高质量发展
——在县委经济工作会议上的讲话
（2023年12月28日）
同志们：
"""


def test_speech_subtitle_and_date_note_stay_apart_from_the_short_title():
    paras = clean_lines(_SPEECH)
    assert paras[1] == "奋力推动全县高质量发展"
    assert paras[2] == "——在县委经济工作会议上的讲话"
    assert paras[3] == "（2023年12月28日）"


def test_a_law_adoption_note_is_its_own_line():
    text = (
        "某省村务公开条例\n(2009年7月22日某省第十一届人民代表大会常务委员会第十次会议通过）\n"
        "第一条为了规范村务公开，制定本条例。\n"
    )
    paras = clean_lines(text)
    assert paras[1] == "（2009年7月22日某省第十一届人民代表大会常务委员会第十次会议通过）"


def test_a_title_period_note_still_joins_its_title():
    # Near case: a period (no full date) wrapped under its title belongs to the title.
    assert clean_lines("某县乡村振兴发展规划\n（2021-2025年）\n")[0] == "某县乡村振兴发展规划（2021-2025年）"


def test_a_dash_after_a_full_line_of_a_sentence_still_joins():
    # Near case: a dash wrapped to a line's start inside a sentence (the line above is full).
    lines = [
        "　　我们要坚持把发展经济的着力点放在实体经济上，坚定不移",
        "推进新型工业化，着力培育壮大一批主导产业和骨干企业集群",
        "——这是推动全县高质量发展的根本所在，必须久久为功抓好。",
    ]
    paras = clean_lines("\n".join(lines) + "\n")
    assert len(paras) == 1


def test_attachment_label_does_not_run_on_from_the_signer_in_a_narrow_layout():
    # A narrow layout (13 characters a line): the signer is as wide as a full line.
    text = """某县人民政府办公室关于调整
县防汛抗旱指挥部成员的通知
各镇人民政府，县直各单位：
因人事变动，经县政府同意，
现对县防汛抗旱指挥部成员进
行调整，请各成员单位及时做
好工作衔接，确保防汛工作不
受影响。
某县人民政府办公室
附件：县防汛抗旱指挥部成员名单
2024年5月6日
"""
    paras = clean_lines(text)
    assert paras[2].startswith("因人事变动") and paras[2].endswith("受影响。")  # the wraps still join
    assert paras[3] == "某县人民政府办公室"
    assert paras[4] == "附件：县防汛抗旱指挥部成员名单"
