"""Office Open XML names the DOCX reader needs (ECMA-376), without loading python-docx.

``qn("w:p")`` is Clark notation ``{namespace}p``, as lxml names elements.
"""

from __future__ import annotations

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}


def qn(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


#: Relationship types are compared by their last path segment: transitional
#: (``…/officeDocument/2006/relationships/styles``) and strict (``http://purl.oclc.org/…``)
#: packages name them differently.
REL_OFFICE_DOCUMENT = "officeDocument"
REL_NUMBERING = "numbering"
REL_STYLES = "styles"

#: Content types of a WordprocessingML main part: document, macro-enabled document, templates.
WORD_MAIN_CONTENT_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
