"""Luoshi registry: the Django web application that tracks the pipeline's output.

It consumes ``luoshi.parse/1`` (see ``luoshi.contract``) and is never imported
by the pipeline, so ``luoshi parse`` stays free of Django.
"""
