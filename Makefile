# The two commands a council needs: `make publish` and `make test`.
# Every target bootstraps .venv from the pinned requirements, then hands over to invoke (tasks.py).
# Publishing (publish, build, check, serve, cms) installs only what it runs (requirements.txt); test and
# bench add the test and benchmark tools (requirements-dev.txt). Both are pinned with hashes. What only
# some councils need (S3, a platform's SDK) is an extra, requirements/<extra>.txt, which `invoke publish`
# installs when the configuration switches it on (publish/extras.py).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A stamp per lock file's content: a changed lock reinstalls.
digest = $(shell $(PYTHON) -c 'import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest()[:12])' $(1))
STAMP := $(VENV)/.installed-runtime-$(call digest,requirements.txt)
DEV_STAMP := $(VENV)/.installed-dev-$(call digest,requirements-dev.txt)
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes

TASKS := publish build check serve cms clean replies report messages
DEV_TASKS := test reliability bench

.PHONY: $(TASKS) $(DEV_TASKS) new update correct resolve cancel schedule lock venv
$(TASKS): $(STAMP)
	$(BIN)/invoke $@ $(ARGS)
$(DEV_TASKS): $(DEV_STAMP)
	$(BIN)/invoke $@ $(ARGS)

# The editor's commands (README, "From the terminal"). Values come from the environment, so any text works:
# make new KIND=notice TITLE="Road closed on Mill Lane" [SUMMARY=...] [TYPE=road_closure] [SEVERITY=advisory]
#          [AREA=riverside,millbrook] [STARTS="2026-12-01 09:00"] [ENDS="2026-12-05 18:00"]
new: $(STAMP)
	$(BIN)/invoke new --kind "$$KIND" --title "$$TITLE" $${SUMMARY:+--summary "$$SUMMARY"} $${TYPE:+--type "$$TYPE"} \
		$${SEVERITY:+--severity "$$SEVERITY"} $${AREA:+--area "$$AREA"} $${STARTS:+--starts "$$STARTS"} $${ENDS:+--ends "$$ENDS"}
# make update NOTICE=quay-street-closure TEXT="The road has reopened."   (correct: ENTRY= TEXT=)
update: $(STAMP)
	$(BIN)/invoke update "$$NOTICE" "$$TEXT"
correct: $(STAMP)
	$(BIN)/invoke correct "$$ENTRY" "$$TEXT"
# make resolve NOTICE=quay-street-closure   (cancel likewise)
resolve cancel: $(STAMP)
	$(BIN)/invoke $@ "$$NOTICE"
# make schedule ENTRY=new-recycling-bins WHEN="2026-12-01 09:00"
schedule: $(STAMP)
	$(BIN)/invoke schedule "$$ENTRY" "$$WHEN"
export KIND TITLE SUMMARY TYPE SEVERITY AREA STARTS ENDS NOTICE ENTRY TEXT WHEN

# The web editor (Decap CMS, copied into the site's /admin/) and its local backend for `make cms`, from npm
# into .tools/. Without npm the site is built without /admin/ (the build says so); CI installs npm.
CMS_TOOLS := decap-cms@3.16.3 decap-server@3.11.3
CMS_STAMP := .tools/.installed-cms-$(shell echo '$(CMS_TOOLS)' | cksum | cut -d' ' -f1)
build publish serve cms test: $(CMS_STAMP)
$(CMS_STAMP):
	@if command -v npm >/dev/null; then npm install --prefix .tools --save-exact --no-audit --no-fund --silent $(CMS_TOOLS) && touch $@; \
	else echo "npm not found: the site is built without the web editor (/admin/); install Node.js (npm) to add it"; fi

venv: $(STAMP)

# Checkers the tests run, from npm into .tools/ (tests needing them skip without them outside CI only):
# the Nu HTML Checker (a jar, run with Java). actionlint and zizmor come from PyPI (requirements.txt).
NPM_TOOLS := vnu-jar@26.9.27
TOOLS_STAMP := .tools/.installed-$(shell echo '$(NPM_TOOLS)' | cksum | cut -d' ' -f1)
test: $(TOOLS_STAMP)
$(TOOLS_STAMP):
	@if command -v npm >/dev/null; then npm install --prefix .tools --no-audit --no-fund --silent $(NPM_TOOLS) && touch $@; \
	else echo "npm not found: the HTML and workflow checks will skip (they fail under CI=true)"; fi

$(STAMP): requirements.txt
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	rm -f $(VENV)/.installed-runtime-* $(VENV)/.installed-dev-*
	touch $@

# The test tools come on top of the runtime set, at the same versions, so this satisfies both stamps.
$(DEV_STAMP): requirements-dev.txt requirements.txt
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@ $(STAMP)

# Re-pin the lock files, with hashes, from requirements.in, requirements/<extra>.in (at the core's versions)
# and requirements-dev.in (at the versions of both), in a scratch venv.
# Versions already pinned are kept; `make lock UPGRADE=--upgrade` moves everything to the newest.
EXTRAS := s3 mastodon bluesky x apprise
PIP_TOOLS := pip-tools==7.6.2
COMPILE := .venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(UPGRADE)
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet $(PIP_TOOLS)
	$(COMPILE) --output-file requirements.txt requirements.in
	for extra in $(EXTRAS); do $(COMPILE) --output-file requirements/$$extra.txt requirements/$$extra.in || exit 1; done
	$(COMPILE) --output-file requirements-dev.txt requirements-dev.in
	rm -rf .venv-lock
