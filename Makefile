# sitrep — two commands do everything: `make demo` and `make test` (see README.md).
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared
# The demo writes to the embedded default store unless SITREP_DB says otherwise.
DEMO_BRIEF := examples/brief-militia-pressure-2024.md

.PHONY: install demo test test-postgres lint eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/sitrep ingest examples/
	$(BIN)/sitrep sources
	$(BIN)/sitrep notes $(DEMO_BRIEF)
	$(BIN)/sitrep audit $(DEMO_BRIEF)
	$(BIN)/sitrep events
	$(BIN)/sitrep relations
	$(BIN)/sitrep incidents
	$(BIN)/sitrep actors
	mkdir -p demo-out
	$(BIN)/sitrep network --events --png demo-out/network.png
	$(BIN)/sitrep milestones add 2024-01-28 "Tower 22 attack"
	$(BIN)/sitrep milestones add 2024-02-02 "US retaliatory strikes"
	$(BIN)/sitrep timeline --type ASSAULT --png demo-out/timeline.png
	$(BIN)/sitrep trends --by week --type ASSAULT --png demo-out/trends.png
	$(BIN)/sitrep alerts
	$(BIN)/sitrep map -o demo-out
	$(BIN)/sitrep brief --about "Kataib Hezbollah" --since 2023-10 --until 2024-02 -o demo-out/brief.md
	$(BIN)/sitrep brief --topic ASSAULT --since 2023-10 --until 2024-02 -o demo-out/brief-attacks.html
	$(BIN)/sitrep brief --topic ASSAULT --since 2023-10 --until 2024-02 -o demo-out/brief-attacks.pdf
	$(BIN)/sitrep export acled -o demo-out/events.csv
	$(BIN)/sitrep export stix -o demo-out/bundle.json
	@echo "demo: the briefs, the timeline and trend charts, the map, the network and the exports are in demo-out/"

lint: install
	$(BIN)/ruff check sitrep tests bench scripts

test: install lint
	$(BIN)/pytest

# The store tests again on a throwaway PostgreSQL server (skipped, saying so, where none is installed).
test-postgres: install
	bash scripts/test_postgres.sh

eval: install
	$(BIN)/sitrep eval $(SHARED)/eval/seed/gold.yaml $(SHARED)/eval/wikievents/dev.gold.jsonl \
	  $(SHARED)/eval/plover_gsr/dev.json $(SHARED)/eval/geoparsing tests/fixtures/multidoc \
	  --floors eval/floors.yaml

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
