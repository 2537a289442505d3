# Preflight — build, demo, tests and benchmarks.
# `make demo` and `make test` install the missing system packages themselves (Debian).

SWIFT ?= swift
APT_PACKAGES = libicu-dev libphonenumber-dev libsqlite3-dev pkg-config
PREFLIGHT = .build/release/preflight

.PHONY: all deps build release demo test bench bench-jsonl clean

all: build

# Installs ICU, libphonenumber, SQLite (for the link store) and pkg-config when pkg-config or the headers are missing.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists icu-i18n \
	    && [ -f /usr/include/phonenumbers/phonenumberutil.h ] && [ -f /usr/include/sqlite3.h ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "Installing $(APT_PACKAGES) with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	else \
	    echo "Missing system packages. Run: sudo apt-get install -y $(APT_PACKAGES)"; exit 1; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product preflight

# The main job on the shipped Templates/ and Rules/: render every template with its declared
# examples (worst case, UCS-2 causes), check the example send requests against the rules, and
# inspect two bodies. A blocked request is part of the demo, so its exit code is shown, not fatal.
DEMO_NOW = 2026-11-23T12:00:00Z
demo: release
	@for f in Templates/*.sms; do \
	    echo "\$$ preflight render $$f --examples"; $(PREFLIGHT) render $$f --examples; echo; \
	done
	@for f in Examples/requests/*.json; do \
	    echo "\$$ preflight check $$f --rules Rules --now $(DEMO_NOW)"; \
	    $(PREFLIGHT) check $$f --rules Rules --now $(DEMO_NOW); echo "(exit $$?)"; echo; \
	done
	@echo '$$ preflight inspect --text "It’s 20% off — today only… reply STOP to opt out"'
	@$(PREFLIGHT) inspect --text "It’s 20% off — today only… reply STOP to opt out"
	@echo
	@echo '$$ preflight phone 0812345678 --region TH'
	@$(PREFLIGHT) phone 0812345678 --region TH

test: deps
	$(SWIFT) test

# Benchmarks live in their own package so library users never resolve package-benchmark.
bench: deps
	cd Benchmarks && $(SWIFT) package benchmark

clean:
	rm -rf .build Benchmarks/.build

# End-to-end JSON Lines throughput: 1,000,000 generated lines through the release binary.
bench-jsonl: release
	@awk 'BEGIN { srand(7); split("Your code is %06d|Привет! Ваш код: %06d|Your parcel %d is out for delivery today between 10:00 and 14:00. Reply STOP to opt out.|It’s 20%% off — today only… code %d|Şifreniz: %d|Hi 😀 your order %d shipped", m, "|"); \
	    for (i = 0; i < 1000000; i++) { printf "{\"text\": \"" m[int(rand() * 6) + 1] "\"}\n", int(rand() * 1000000) } }' > .build/lines.jsonl
	/usr/bin/time -v $(PREFLIGHT) inspect --format jsonl < .build/lines.jsonl > /dev/null 2> .build/jsonl-time.txt; \
	    grep -E "Elapsed|Maximum resident" .build/jsonl-time.txt

# End-to-end lint throughput: 10,000 generated template files (the shipped templates with a
# reference appended; one in four also gets a curly apostrophe, a warning) through the release binary.
.PHONY: bench-lint
bench-lint: release
	@rm -rf .build/lint-bench && mkdir -p .build/lint-bench/Templates
	@awk -v out=.build/lint-bench/Templates 'FNR == 1 { k++ } { body[k] = body[k] $$0 "\n" } END { \
	    for (i = 0; i < 10000; i++) { t = body[i % k + 1]; sub(/\n$$/, "", t); \
	        t = t (i % 4 == 1 ? " It’s ref " : " Ref ") i "."; \
	        f = sprintf("%s/t%05d.sms", out, i); printf "%s\n", t > f; close(f) } }' Templates/*.sms
	/usr/bin/time -v $(PREFLIGHT) lint .build/lint-bench/Templates > /dev/null 2> .build/lint-time.txt; \
	    grep -E "Elapsed|Maximum resident|User time|System time" .build/lint-time.txt
