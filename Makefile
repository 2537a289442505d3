# Preflight — build, demo, tests and benchmarks.
# `make demo` and `make test` install the missing system packages themselves (Debian).

SWIFT ?= swift
APT_PACKAGES = libicu-dev libphonenumber-dev pkg-config
PREFLIGHT = .build/release/preflight

.PHONY: all deps build release demo test bench bench-jsonl clean

all: build

# Installs ICU, libphonenumber and pkg-config when pkg-config or the headers are missing.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists icu-i18n \
	    && [ -f /usr/include/phonenumbers/phonenumberutil.h ]; then :; \
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

# The main job on shipped examples: what each body costs and why.
demo: release
	@echo '$$ preflight inspect --text "Your code is 123456"'
	@$(PREFLIGHT) inspect --text "Your code is 123456"
	@echo
	@echo '$$ preflight inspect --text "It’s 20% off — today only… reply STOP to opt out"'
	@$(PREFLIGHT) inspect --text "It’s 20% off — today only… reply STOP to opt out"
	@echo
	@echo '$$ preflight inspect --smart --text "It’s 20% off — today only… reply STOP to opt out"'
	@$(PREFLIGHT) inspect --smart --text "It’s 20% off — today only… reply STOP to opt out"
	@echo
	@echo '$$ preflight inspect --shift tr --text "Şifreniz: 4821. Lütfen kimseyle paylaşmayın."'
	@$(PREFLIGHT) inspect --shift tr --text "Şifreniz: 4821. Lütfen kimseyle paylaşmayın."
	@echo
	@echo '$$ preflight inspect --format jsonl < Examples/messages.jsonl'
	@$(PREFLIGHT) inspect --format jsonl < Examples/messages.jsonl

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
