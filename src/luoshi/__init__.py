"""Luoshi (落实): official documents in, accountable tracked work out.

The pipeline, in order (each stage its own module):

1. ``read``      file → :class:`~luoshi.model.SourceText` (TXT/PDF/DOCX/HTML)
2. ``clean``     SourceText → :class:`~luoshi.model.CleanText` (artefacts out, offset map kept)
3. ``split``     CleanText → one text range per official document (公文)
4. ``header``    each range → 发文字号, title, issuers, 主送机关, genre, 成文日期…
5. ``outline``   the body → a tree of numbered items (一、（一）1.（1）①)
6. ``extract``   the tree → tasks with units, targets with deadlines, references
7. ``contract``  the documents → JSON ``luoshi.parse/1``

``luoshi.pipeline.parse_file`` runs them all. Nothing here imports Django.
"""

__version__ = "0.1.0"
