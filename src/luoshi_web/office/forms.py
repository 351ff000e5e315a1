"""The office's forms: what a person types, checked with a message next to the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi_web.registry import evidence
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import Document, Unit
from luoshi_web.registry.queries import TASK_SORTS
from luoshi_web.registry.status import LABELS

# <input type="date"> takes ISO dates whatever the page's language.
ISO_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

SORT_LABELS = {
    "deadline": _("完成时限（近→远）"),
    "-deadline": _("完成时限（远→近）"),
    "document": _("按文件和层级"),
    "-updated": _("最近更新"),
}


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    # Typed, not picked from a list: a national registry has 10,000 units and 100,000 documents,
    # too many for a <select>. Links from other pages pass the id (?unit=12); people type a name.
    unit = forms.CharField(label=_("责任单位"), required=False, max_length=200, help_text=_("单位名称或简称"))
    document = forms.CharField(label=_("文件"), required=False, max_length=100, help_text=_("发文字号"))
    status = forms.ChoiceField(label=_("状态"), required=False)
    deadline_from = forms.DateField(label=_("时限自"), required=False, widget=ISO_DATE)
    deadline_to = forms.DateField(label=_("时限至"), required=False, widget=ISO_DATE)
    sort = forms.ChoiceField(label=_("排序"), required=False)

    def __init__(self, *args, documents=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.documents = documents if documents is not None else Document.objects.none()
        self.fields["status"].choices = [("", _("全部")), *((k, v) for k, v in LABELS.items())]
        self.fields["sort"].choices = [(k, SORT_LABELS.get(k, k)) for k in TASK_SORTS]

    def clean_unit(self) -> Unit | None:
        value = self.cleaned_data["unit"].strip()
        if not value:
            return None
        found = Unit.objects.filter(pk=int(value)).first() if value.isdigit() else None
        found = found or Unit.objects.filter(name=value).first()
        found = found or Unit.objects.filter(aliases__alias=value).order_by("pk").first()
        if found is None:
            raise forms.ValidationError(_("没有名为“%(name)s”的单位"), params={"name": value})
        return found

    def clean_document(self) -> Document | None:
        value = self.cleaned_data["document"].strip()
        if not value:
            return None
        found = self.documents.filter(pk=int(value)).first() if value.isdigit() else None
        found = found or self.documents.filter(doc_number=value).order_by("pk").first()
        if found is None:
            raise forms.ValidationError(_("没有发文字号为“%(number)s”的文件"), params={"number": value})
        return found

    def shown_as_names(self) -> None:
        """After validation, show a unit or document given by id under its name in the form."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return
        data = self.data.copy()
        for name in ("unit", "document"):
            value = self.cleaned_data.get(name)
            if value is not None:
                data[name] = value.name if name == "unit" else (value.doc_number or str(value.pk))
        self.data = data

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        start, end = data.get("deadline_from"), data.get("deadline_to")
        if start and end and end < start:
            self.add_error("deadline_to", _("结束日期早于开始日期"))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Zero or more evidence files, each checked by ``registry.evidence`` (type, size, content)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        errors = []
        for upload in files:
            try:
                evidence.validate(upload)
            except Invalid as exc:
                errors.append(exc.message)
        if errors:
            raise forms.ValidationError(errors)
        return list(files)


class ReportForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput)
    progress = forms.CharField(label=_("工作进展"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    percent = forms.IntegerField(
        label=_("完成比例（%）"),
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("完成比例应在 0 到 100 之间"),
            "max_value": _("完成比例应在 0 到 100 之间"),
            "invalid": _("完成比例应为 0 到 100 之间的整数"),
        },
    )
    problems = forms.CharField(label=_("存在问题"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    next_steps = forms.CharField(label=_("下一步计划"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_final = forms.BooleanField(label=_("申请销号（任务已完成，须附佐证材料）"), required=False)
    evidence = EvidenceField(
        label=_("佐证材料"),
        required=False,
        help_text=_("可选多个文件；PDF、OFD、Word、Excel、WPS、图片、文本或 ZIP，单个文件不超过上限"),
    )

    def __init__(self, *args, lead: bool = True, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if not lead:
            del self.fields["is_final"]  # only the lead unit asks for the task to be closed
            self.fields["progress"].label = _("本单位配合工作情况")


class ReturnForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("退回原因"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("退回报告须填写退回原因")},
    )


class AcceptForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput)
    verified = forms.BooleanField(label=_("我已查阅并核验佐证材料"), required=False)

    def __init__(self, *args, needs_verification: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.needs_verification = needs_verification

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if self.needs_verification and not data.get("verified"):
            self.add_error("verified", _("申请销号的报告须先核验佐证材料，再审核通过"))
        return data


class ObservationForm(forms.Form):
    value = forms.FloatField(label=_("监测值"), error_messages={"invalid": _("监测值应为数字")})
    as_of = forms.DateField(label=_("监测日期"), widget=ISO_DATE)
    source = forms.CharField(label=_("数据来源"), max_length=300)
