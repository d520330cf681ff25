# Two commands for a newcomer: `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint translations bench package wheel clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh "$(VENV)"
	touch $(STAMP)

translations: setup
	$(PY) -m archiveviewer.gui.i18n_build

run: setup translations
	$(PY) -m archiveviewer

test: setup translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The Linux installers into dist/: the .deb and a .tar.gz of the PyInstaller bundle.
package: setup translations
	$(PY) packaging/build_linux.py

# A wheel with the package data (fonts, compiled translations, icons, sample, migrations) into dist/.
wheel: setup translations
	$(PY) -m pip wheel . --no-deps -w dist

bench: setup
	$(PY) benchmarks/search_bench.py

clean:
	rm -rf $(VENV) build dist *.egg-info
