"""The top-level ``amity`` namespace: every exported name resolves to what its area defines."""

from __future__ import annotations

from importlib import import_module

import amity


def test_every_exported_name_is_the_object_its_module_defines():
    for name in amity.__all__:
        if name == "__version__":
            continue
        module = amity._EXPORTS[name]
        assert getattr(amity, name) is getattr(import_module(module), name), name


def test_report_is_the_function_not_the_subpackage():
    from amity.report.build import report

    assert amity.report is report and callable(amity.report)
