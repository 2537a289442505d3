#include "digit_automaton.h"

#include <algorithm>
#include <unordered_map>

namespace preflight_phone {

namespace {

constexpr uint16_t kAllDigits = 0x3FF;
// Bounded repetitions are unrolled; the metadata's largest bound is far below this.
constexpr int kMaxRepeat = 64;
constexpr int kUnbounded = -1;

} // namespace

/// A parsed pattern.
struct DigitAutomatonBuilder::Ast {
    enum class Type { empty, digits, endAnchor, concat, alternation, repeat };
    Type type = Type::empty;
    uint16_t digits = 0;
    int min = 0, max = 0; // repeat; max == kUnbounded for no upper bound
    std::vector<Ast> children;
};

namespace {

using Ast = DigitAutomatonBuilder::Ast;

/// Recursive-descent parser for the supported subset; `failed` is set on anything else.
class Parser {
  public:
    explicit Parser(const std::string &text) : s_(text) {}

    bool parse(Ast *out) {
        *out = alternation(0);
        return !failed_ && pos_ == s_.size();
    }

  private:
    const std::string &s_;
    size_t pos_ = 0;
    bool failed_ = false;

    bool more() const { return pos_ < s_.size(); }
    char peek() const { return s_[pos_]; }

    Ast fail() {
        failed_ = true;
        return Ast{};
    }

    Ast alternation(int depth) {
        if (depth > 32) return fail();
        Ast alt;
        alt.type = Ast::Type::alternation;
        alt.children.push_back(concatenation(depth));
        while (!failed_ && more() && peek() == '|') {
            pos_++;
            alt.children.push_back(concatenation(depth));
        }
        if (alt.children.size() == 1) return std::move(alt.children[0]);
        return alt;
    }

    Ast concatenation(int depth) {
        Ast seq;
        seq.type = Ast::Type::concat;
        while (!failed_ && more() && peek() != '|' && peek() != ')') seq.children.push_back(repetition(depth));
        return seq;
    }

    Ast repetition(int depth) {
        Ast item = atom(depth);
        bool quantified = false;
        while (!failed_ && more()) {
            int min, max;
            const char c = peek();
            if (c == '?' && quantified) {
                pos_++; // lazy quantifier: the same language
                continue;
            }
            if (quantified && (c == '*' || c == '+' || c == '{')) return fail(); // possessive or stacked
            if (c == '?') {
                min = 0, max = 1;
                pos_++;
            } else if (c == '*') {
                min = 0, max = kUnbounded;
                pos_++;
            } else if (c == '+') {
                min = 1, max = kUnbounded;
                pos_++;
            } else if (c == '{') {
                pos_++;
                if (!number(&min)) return fail();
                max = min;
                if (more() && peek() == ',') {
                    pos_++;
                    max = kUnbounded;
                    if (more() && peek() != '}' && !number(&max)) return fail();
                }
                if (!more() || peek() != '}') return fail();
                pos_++;
                if (max != kUnbounded && max < min) return fail();
            } else {
                break;
            }
            Ast rep;
            rep.type = Ast::Type::repeat;
            rep.min = min;
            rep.max = max;
            rep.children.push_back(std::move(item));
            item = std::move(rep);
            quantified = true;
        }
        return item;
    }

    bool number(int *value) {
        int v = 0, count = 0;
        while (more() && peek() >= '0' && peek() <= '9' && count < 3) {
            v = v * 10 + (peek() - '0');
            pos_++;
            count++;
        }
        if (count == 0 || v > kMaxRepeat || (more() && peek() >= '0' && peek() <= '9')) return false;
        *value = v;
        return true;
    }

    Ast digits(uint16_t mask) {
        Ast a;
        a.type = Ast::Type::digits;
        a.digits = mask;
        return a;
    }

    Ast atom(int depth) {
        const char c = peek();
        if (c >= '0' && c <= '9') {
            pos_++;
            return digits(static_cast<uint16_t>(1u << (c - '0')));
        }
        if (c == '\\') {
            if (pos_ + 1 < s_.size() && s_[pos_ + 1] == 'd') {
                pos_ += 2;
                return digits(kAllDigits);
            }
            return fail();
        }
        if (c == '$') {
            pos_++;
            Ast a;
            a.type = Ast::Type::endAnchor;
            return a;
        }
        if (c == '[') return bracket();
        if (c == '(') {
            pos_++;
            if (more() && peek() == '?') {
                if (pos_ + 1 < s_.size() && s_[pos_ + 1] == ':') {
                    pos_ += 2;
                } else {
                    return fail(); // lookaround, named groups, flags...
                }
            }
            Ast inner = alternation(depth + 1);
            if (failed_ || !more() || peek() != ')') return fail();
            pos_++;
            return inner;
        }
        return fail();
    }

    /// `[...]` of digits, digit ranges and `\d`; negation and anything else is refused.
    Ast bracket() {
        pos_++; // [
        uint16_t mask = 0;
        bool any = false;
        while (more() && peek() != ']') {
            const char c = peek();
            if (c == '\\' && pos_ + 1 < s_.size() && s_[pos_ + 1] == 'd') {
                mask |= kAllDigits;
                pos_ += 2;
            } else if (c >= '0' && c <= '9') {
                char last = c;
                pos_++;
                if (pos_ + 1 < s_.size() && peek() == '-' && s_[pos_ + 1] != ']') {
                    last = s_[pos_ + 1];
                    if (last < c || last > '9') return fail();
                    pos_ += 2;
                }
                for (char d = c; d <= last; d++) mask |= static_cast<uint16_t>(1u << (d - '0'));
            } else {
                return fail();
            }
            any = true;
        }
        if (!more() || !any) return fail();
        pos_++; // ]
        return digits(mask);
    }
};

struct KeyHash {
    size_t operator()(const std::vector<int32_t> &key) const {
        uint64_t h = 1469598103934665603ull;
        for (int32_t v : key) h = (h ^ static_cast<uint32_t>(v)) * 1099511628211ull;
        return static_cast<size_t>(h ^ (h >> 29));
    }
};

} // namespace

int32_t DigitAutomatonBuilder::push(Kind kind, uint16_t digits, int32_t out, int32_t out2, int32_t tag) {
    nodes_.push_back(Node{kind, digits, out, out2, tag});
    return static_cast<int32_t>(nodes_.size() - 1);
}

/// Thompson construction, back to front: returns the entry node of `ast` followed by `next`.
int32_t DigitAutomatonBuilder::emit(const Ast &ast, int32_t next) {
    switch (ast.type) {
    case Ast::Type::empty: return next;
    case Ast::Type::digits: return push(Kind::digits, ast.digits, next);
    case Ast::Type::endAnchor: return push(Kind::endAnchor, 0, next);
    case Ast::Type::concat:
        for (size_t i = ast.children.size(); i-- > 0;) next = emit(ast.children[i], next);
        return next;
    case Ast::Type::alternation: {
        int32_t entry = emit(ast.children.back(), next);
        for (size_t i = ast.children.size() - 1; i-- > 0;) entry = push(Kind::split, 0, emit(ast.children[i], next), entry);
        return entry;
    }
    case Ast::Type::repeat: {
        const Ast &child = ast.children[0];
        int32_t entry;
        if (ast.max == kUnbounded) {
            entry = push(Kind::split, 0, -1, next);
            const int32_t body = emit(child, entry);
            nodes_[static_cast<size_t>(entry)].out = body;
        } else {
            entry = next;
            for (int i = ast.min; i < ast.max; i++) entry = push(Kind::split, 0, emit(child, entry), next);
        }
        for (int i = 0; i < ast.min; i++) entry = emit(child, entry);
        return entry;
    }
    }
    return next;
}

bool DigitAutomatonBuilder::add(const std::string &pattern, int tag, Mode mode) {
    if (tag < 0 || tag > 31) return false;
    Ast ast;
    if (!Parser(pattern).parse(&ast)) return false;
    const int32_t first = static_cast<int32_t>(nodes_.size());
    const int32_t end = push(Kind::epsilon, 0, -1); // where a match of the pattern continues
    const int32_t entry = emit(ast, end);
    const int32_t stop = static_cast<int32_t>(nodes_.size());
    const int32_t match = push(Kind::match, 0, -1, -1, tag);
    if (mode == Mode::whole) {
        nodes_[static_cast<size_t>(end)].out = match;
        starts_.push_back(entry);
        return true;
    }
    // Any digits may follow the matched prefix.
    const int32_t loop = push(Kind::split, 0, -1, match);
    nodes_[static_cast<size_t>(loop)].out = push(Kind::digits, kAllDigits, loop);
    if (mode == Mode::prefix) {
        nodes_[static_cast<size_t>(end)].out = loop;
        starts_.push_back(entry);
        return true;
    }
    // Mode::nonEmptyPrefix: a second copy of the pattern's nodes stands for "at least one digit
    // consumed". Digit edges of the first copy lead into the second; only the second copy's end
    // reaches the match.
    const int32_t offset = static_cast<int32_t>(nodes_.size()) - first;
    auto inside = [&](int32_t n) { return n >= first && n < stop; };
    for (int32_t i = first; i < stop; i++) {
        Node twin = nodes_[static_cast<size_t>(i)];
        if (inside(twin.out)) twin.out += offset;
        if (inside(twin.out2)) twin.out2 += offset;
        nodes_.push_back(twin);
    }
    for (int32_t i = first; i < stop; i++) {
        Node &n = nodes_[static_cast<size_t>(i)];
        if (n.kind == Kind::digits && inside(n.out)) n.out += offset;
    }
    nodes_[static_cast<size_t>(end)].kind = Kind::dead;
    nodes_[static_cast<size_t>(end + offset)].out = loop;
    starts_.push_back(entry);
    return true;
}

bool DigitAutomatonBuilder::build(DigitAutomaton *out, size_t maxStates) const {
    std::vector<uint32_t> mark(nodes_.size(), 0);
    uint32_t generation = 0;
    std::vector<int32_t> stack;

    // The nodes reachable from `seeds` without reading a digit: digit nodes, matches and end
    // anchors are kept (an anchor is crossed only when the input ends), the rest is transit.
    auto closure = [&](const std::vector<int32_t> &seeds, bool atEnd, std::vector<int32_t> *kept) {
        generation++;
        kept->clear();
        stack.assign(seeds.begin(), seeds.end());
        while (!stack.empty()) {
            const int32_t n = stack.back();
            stack.pop_back();
            if (n < 0 || mark[static_cast<size_t>(n)] == generation) continue;
            mark[static_cast<size_t>(n)] = generation;
            const Node &node = nodes_[static_cast<size_t>(n)];
            switch (node.kind) {
            case Kind::digits:
            case Kind::match: kept->push_back(n); break;
            case Kind::endAnchor:
                if (atEnd) {
                    stack.push_back(node.out);
                } else {
                    kept->push_back(n);
                }
                break;
            case Kind::split:
                stack.push_back(node.out2);
                stack.push_back(node.out);
                break;
            case Kind::epsilon: stack.push_back(node.out); break;
            case Kind::dead: break;
            }
        }
        std::sort(kept->begin(), kept->end());
    };

    DigitAutomaton dfa;
    std::unordered_map<std::vector<int32_t>, int32_t, KeyHash> index;
    std::vector<std::vector<int32_t>> states;
    auto intern = [&](std::vector<int32_t> &&key) -> int32_t {
        auto found = index.find(key);
        if (found != index.end()) return found->second;
        const int32_t id = static_cast<int32_t>(states.size());
        index.emplace(key, id);
        states.push_back(std::move(key));
        return id;
    };
    intern({}); // state 0: dead
    std::vector<int32_t> key;
    closure(starts_, false, &key);
    dfa.start_ = intern(std::move(key));

    std::vector<int32_t> seeds;
    for (size_t s = 0; s < states.size(); s++) {
        if (states.size() > maxStates) return false;
        // Acceptance when the input ends here: matches, and matches behind end anchors.
        uint32_t accept = 0;
        seeds.clear();
        for (int32_t n : states[s]) {
            const Node &node = nodes_[static_cast<size_t>(n)];
            if (node.kind == Kind::match) accept |= 1u << node.tag;
            if (node.kind == Kind::endAnchor) seeds.push_back(node.out);
        }
        if (!seeds.empty()) {
            closure(seeds, true, &key);
            for (int32_t n : key) {
                const Node &node = nodes_[static_cast<size_t>(n)];
                if (node.kind == Kind::match) accept |= 1u << node.tag;
            }
        }
        dfa.accept_.push_back(accept);
        for (int d = 0; d < 10; d++) {
            seeds.clear();
            for (int32_t n : states[s]) {
                const Node &node = nodes_[static_cast<size_t>(n)];
                if (node.kind == Kind::digits && (node.digits >> d & 1)) seeds.push_back(node.out);
            }
            int32_t target = 0;
            if (!seeds.empty()) {
                closure(seeds, false, &key);
                target = intern(std::move(key));
                key = {};
            }
            dfa.next_.push_back(target);
        }
    }
    *out = std::move(dfa);
    return true;
}

} // namespace preflight_phone
