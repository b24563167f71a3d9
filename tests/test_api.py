"""The public API is small, typed and cheap to import."""

from __future__ import annotations

import subprocess
import sys

import alliancegraph


def test_all_lists_exactly_the_public_names():
    public = {name for name in dir(alliancegraph) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(alliancegraph, name)).__name__ == "module"}
    assert set(alliancegraph.__all__) == (public - modules) | {"__version__"}


def test_every_exported_name_exists():
    for name in alliancegraph.__all__:
        assert hasattr(alliancegraph, name), name


def test_importing_the_package_does_not_load_matplotlib_or_rdflib():
    code = (
        "import sys, alliancegraph; "
        "print(sorted(m for m in ('matplotlib', 'rdflib', 'pyshacl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_package_is_typed():
    from importlib import resources

    assert resources.files("alliancegraph").joinpath("py.typed").is_file()
