# Preflight — build, demo, tests and benchmarks.
# `make demo` and `make test` install the missing system packages themselves (Debian).

SWIFT ?= swift
APT_PACKAGES = libicu-dev libphonenumber-dev libsqlite3-dev pkg-config
PREFLIGHT = .build/release/preflight

.PHONY: all deps test-deps build release demo test bench bench-jsonl clean recipients bench-estimate

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

# The playground test drives Debian's headless Chromium; `make test` installs it when missing (as
# root), so the browser test runs instead of being skipped.
test-deps: deps
	@if command -v chromium >/dev/null 2>&1 || [ -n "$$CHROMIUM" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "Installing chromium with apt-get (for the playground test)"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
	        || echo "WARNING: chromium could not be installed: the playground browser test will be skipped"; \
	else \
	    echo "chromium is missing: the playground browser test will be skipped (sudo apt-get install -y chromium)"; \
	fi

test: test-deps
	$(SWIFT) test

# Benchmarks live in their own package so library users never resolve package-benchmark.
bench: deps
	cd Benchmarks && $(SWIFT) package benchmark

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build

# End-to-end JSON Lines throughput: 1,000,000 generated lines through the release binary.
bench-jsonl: release
	@awk 'BEGIN { srand(7); split("Your code is %06d|Привет! Ваш код: %06d|Your parcel %d is out for delivery today between 10:00 and 14:00. Reply STOP to opt out.|It’s 20%% off — today only… code %d|Şifreniz: %d|Hi 😀 your order %d shipped", m, "|"); \
	    for (i = 0; i < 1000000; i++) { printf "{\"text\": \"" m[int(rand() * 6) + 1] "\"}\n", int(rand() * 1000000) } }' > .build/lines.jsonl
	/usr/bin/time -v $(PREFLIGHT) inspect --format jsonl < .build/lines.jsonl > /dev/null 2> .build/jsonl-time.txt; \
	    grep -E "Elapsed|Maximum resident" .build/jsonl-time.txt

# A synthetic recipient list for `preflight estimate`: ROWS (2,000,000) rows of phone,name,product,
# order,code with numbers in the real mobile ranges of 26 countries (weighted like a global
# campaign; LK and CM are not in the sample price list, so they get the default price), 0.5%
# invalid numbers, 3% repeats of a recent number, 15% written with spaces or dashes, names that
# force UCS-2 (Łukasz, Şule, 李娜 …) and quoted products with commas. Deterministic (fixed seed).
ROWS ?= 2000000
RECIPIENTS = .build/recipients.csv
recipients:
	@mkdir -p .build
	awk -v ROWS=$(ROWS) 'function digits(n,   s, i) { s = ""; for (i = 0; i < n; i++) s = s int(rand() * 10); return s } \
	BEGIN { srand(20261123); \
	    nc = split("30 1 2015:6,2023:6,2124:6,2136:6,3057:6,3128:6,4045:6,4153:6,5127:6,6174:6,6465:6,7023:6,7182:6,7739:6,7865:6,8185:6,9173:6,9494:6|3 1 4163:6,6045:6,5142:6|3 52 55:8,33:8,81:8|4 55 119:8,219:8,319:8|8 44 74:8,75:8,77:8,78:8|6 49 151:8,152:8,157:8,176:8|5 33 6:8,75:7,76:7|4 34 6:8|4 39 33:8,34:8|10 91 9:9,8:9,7:9|3 66 8:8,9:8,6:8|3 90 53:8,54:8,55:8|2 61 4:8|2 234 803:7,806:7,813:7|3 62 812:8,813:8|2 63 917:7,918:7|2 81 90:8,80:8|2 48 60:7,69:7,50:7|1 27 82:7,83:7|1 254 70:7,72:7|1 966 5:8|1 971 50:7,55:7|2 7 9:9|1 84 9:8|1 94 7:8|1 237 6:8|1 44 2079:6", C, "|"); \
	    for (i = 1; i <= nc; i++) { split(C[i], f, " "); W[i] = f[1]; CC[i] = f[2]; P[i] = f[3]; total += f[1] } \
	    nn = split("Ana|Ben|Chloé|Zoë|Łukasz|Søren|Şule|İsmail|Nguyễn|李娜|Олег|Ahmed|Priya|Jürgen|Maximilian-Alexander|Wolfgang|Ayşe|João|Björn|Siobhán|Mohammed|Sofia|Oliver|Emma|Lucas|Mia|Noah|Amelia|Kwame|Aarav", N, "|"); \
	    np = split("socks|USB-C cable|desk lamp|running shoes|\"Noise-cancelling wireless headphones (black, 2nd generation)\"|coffee beans|\"Kids raincoat, size 6\"|phone case|yoga mat|\"Ergonomic office chair with lumbar support\"", PR, "|"); \
	    nbad = split("+1 555|12345|hello|+999 123 4567|+44 20", BAD, "|"); \
	    print "phone,name,product,order,code"; \
	    for (r = 0; r < ROWS; r++) { \
	        x = rand(); \
	        if (x < 0.005) phone = BAD[int(rand() * nbad) + 1]; \
	        else if (x < 0.035 && r > 1000) phone = RING[int(rand() * 1000)]; \
	        else { \
	            t = rand() * total; for (i = 1; i < nc && t >= W[i]; i++) t -= W[i]; \
	            k = split(P[i], pre, ","); split(pre[int(rand() * k) + 1], pd, ":"); national = pd[1] digits(pd[2]); y = rand(); \
	            if (y < 0.1) phone = "+" CC[i] " " substr(national, 1, 3) " " substr(national, 4, 3) " " substr(national, 7); \
	            else if (y < 0.15) phone = "+" CC[i] "-" substr(national, 1, 4) "-" substr(national, 5); \
	            else phone = "+" CC[i] national; \
	        } \
	        RING[r % 1000] = phone; \
	        name = rand() < 0.02 ? "" : N[int(rand() * nn) + 1]; \
	        printf "%s,%s,%s,A%06d,SAVE%02d\n", phone, name, PR[int(rand() * np) + 1], int(rand() * 1000000), int(rand() * 100); \
	    } }' > $(RECIPIENTS)
	@wc -l $(RECIPIENTS)

# `preflight estimate` over the synthetic list (made once by `make recipients`) with a personalized
# marketing template, scheduled for Monday 23 November 2026 14:00 UTC, under /usr/bin/time -v.
bench-estimate: release
	@[ -f $(RECIPIENTS) ] || $(MAKE) --no-print-directory recipients
	@printf -- '---\nname: estimate-bench\ncategory: marketing\n---\nHi <<name | default:"there">>, your <<product>> (order <<order>>) ships today. Take 15%% off your next order with code <<code>>. Reply STOP to opt out.\n' > .build/estimate-bench.sms
	/usr/bin/time -v $(PREFLIGHT) estimate --template .build/estimate-bench.sms --recipients $(RECIPIENTS) \
	    --scheduled-at 2026-11-23T14:00:00Z > .build/estimate-report.txt 2> .build/estimate-time.txt; \
	    cat .build/estimate-report.txt; grep -E "Elapsed|Maximum resident|Percent of CPU" .build/estimate-time.txt

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

# `preflight serve` on loopback with Rules/ and Templates/ (edit them, then `kill -HUP` or
# POST /v1/reload); the playground is at http://127.0.0.1:$(SERVE_PORT)/.
SERVE_PORT ?= 8080
.PHONY: serve bench-serve
serve: release
	$(PREFLIGHT) serve --port $(SERVE_PORT) --rules Rules --templates Templates

# Load on loopback: wrk (Debian's package) POSTs one send request (UK mobile, sender ID, a
# 150-character transactional body, every check; no scheduledAt, so the time of day does not
# matter) to /v1/check over BENCH_CONNECTIONS connections for BENCH_SECONDS seconds, with the
# latency distribution. Fails on socket errors or non-2xx answers.
BENCH_CONNECTIONS ?= 256
BENCH_THREADS ?= 2
BENCH_SECONDS ?= 30
BENCH_PORT ?= 18089
bench-serve: release
	@command -v wrk >/dev/null 2>&1 || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
	@mkdir -p .build
	@printf '%s\n' 'wrk.method = "POST"' 'wrk.headers["Content-Type"] = "application/json"' \
	    'wrk.body = [[{"to": "+447400123456", "senderMask": "Acme", "category": "transactional", "body": "Acme: your order 482139 has shipped and will arrive on Thursday between 10:00 and 14:00. Questions? Reply to this message or call us on 020 7946 0000."}]]' \
	    > .build/bench-serve.lua
	@$(PREFLIGHT) serve --port $(BENCH_PORT) --log-level warning & pid=$$!; \
	    for i in $$(seq 100); do curl -sf http://127.0.0.1:$(BENCH_PORT)/healthz >/dev/null 2>&1 && break; sleep 0.1; done; \
	    echo "wrk -t$(BENCH_THREADS) -c$(BENCH_CONNECTIONS) -d$(BENCH_SECONDS)s --latency -s .build/bench-serve.lua http://127.0.0.1:$(BENCH_PORT)/v1/check"; \
	    wrk -t$(BENCH_THREADS) -c$(BENCH_CONNECTIONS) -d$(BENCH_SECONDS)s --latency -s .build/bench-serve.lua \
	        http://127.0.0.1:$(BENCH_PORT)/v1/check | tee .build/bench-serve.txt; \
	    kill -TERM $$pid; wait $$pid; \
	    ! grep -qE "Socket errors|Non-2xx" .build/bench-serve.txt

# Coverage-guided fuzzing (libFuzzer with AddressSanitizer) of one reader of untrusted input, for
# FUZZ_SECONDS: FUZZ_TARGET = encode, template, lint, request, estimate, time, provider, rules, pricing,
# lint-config or flat-json. Seeds: Fuzz/Corpus/<target> and the shipped files of that kind; new
# inputs and any crash or timeout go to .build/fuzz/<target>/. Not part of `make test`.
FUZZ_TARGET ?= request
FUZZ_SECONDS ?= 300
FUZZ_SEEDS_template = Templates
FUZZ_SEEDS_lint = Templates
FUZZ_SEEDS_request = Examples/requests
FUZZ_SEEDS_provider = Rules/providers
FUZZ_SEEDS_rules = Rules
fuzz: deps
	cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product PreflightFuzz
	@mkdir -p .build/fuzz/$(FUZZ_TARGET)/corpus
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 PREFLIGHT_FUZZ=$(FUZZ_TARGET) Fuzz/.build/release/PreflightFuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=4096 -detect_leaks=0 -artifact_prefix=.build/fuzz/$(FUZZ_TARGET)/ \
	    .build/fuzz/$(FUZZ_TARGET)/corpus $(wildcard Fuzz/Corpus/$(FUZZ_TARGET)) $(FUZZ_SEEDS_$(FUZZ_TARGET))
.PHONY: fuzz
