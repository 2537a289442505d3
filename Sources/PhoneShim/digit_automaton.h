#ifndef PREFLIGHT_DIGIT_AUTOMATON_H
#define PREFLIGHT_DIGIT_AUTOMATON_H
// A deterministic automaton over the ASCII digits that answers, in one pass over a digit string,
// which of several regular expressions match it. Private to PhoneShim (C++ only).
//
// The metadata of libphonenumber describes number ranges with regular expressions in a small
// subset of the ICU syntax: digits, `\d`, bracket classes of digits and digit ranges, groups
// `(...)` and `(?:...)`, alternation `|`, the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`,
// and the end anchor `$`. Whether a pattern matches a string (as ICU's `matches()` or
// `lookingAt()` decide) is a property of the language the pattern denotes, not of the order in
// which a backtracking engine tries the alternatives, so a DFA built by the subset construction
// gives the same yes/no answers. Patterns outside the subset are refused, never approximated.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace preflight_phone {

/// The built automaton: immutable, so any number of threads may run it at once.
class DigitAutomaton {
  public:
    /// The tags (bit i for the pattern added with tag i) of the patterns that match `digits`,
    /// which must be ASCII digits only.
    uint32_t run(const char *digits, size_t count) const {
        int32_t state = start_;
        for (size_t i = 0; i < count && state != 0; i++) {
            state = next_[static_cast<size_t>(state) * 10 + static_cast<size_t>(digits[i] - '0')];
        }
        return accept_[static_cast<size_t>(state)];
    }

    /// Number of states (for tests and sizing).
    size_t stateCount() const { return accept_.size(); }

  private:
    friend class DigitAutomatonBuilder;
    int32_t start_ = 0;
    std::vector<int32_t> next_;    // state * 10 + digit -> state; state 0 is the dead state
    std::vector<uint32_t> accept_; // tags accepted when the input ends in this state
};

/// Collects patterns, then builds one DigitAutomaton for all of them.
class DigitAutomatonBuilder {
  public:
    /// How a pattern has to match the whole input.
    enum class Mode {
        whole,          // the pattern matches the entire input (ICU matches())
        prefix,         // the pattern matches some prefix of the input, maybe empty (ICU lookingAt())
        nonEmptyPrefix, // the pattern matches some prefix of at least one digit
    };

    /// Adds `pattern` under `tag` (0...31). Returns false, adding nothing, when the pattern is
    /// outside the supported subset.
    bool add(const std::string &pattern, int tag, Mode mode);

    /// The subset construction over everything added so far into `out`; false when it would
    /// take more than `maxStates` states (the metadata of 2022 needs at most about 500).
    bool build(DigitAutomaton *out, size_t maxStates) const;

    /// A parsed pattern (defined in the .cpp).
    struct Ast;

  private:
    enum class Kind : uint8_t { digits, split, epsilon, endAnchor, match, dead };
    struct Node {
        Kind kind;
        uint16_t digits; // Kind::digits: bit d for digit d
        int32_t out;     // next node (digits, epsilon, endAnchor, split)
        int32_t out2;    // second branch (split)
        int32_t tag;     // Kind::match
    };

    int32_t emit(const Ast &ast, int32_t next);
    int32_t push(Kind kind, uint16_t digits, int32_t out, int32_t out2 = -1, int32_t tag = -1);

    std::vector<Node> nodes_;
    std::vector<int32_t> starts_;
};

} // namespace preflight_phone
#endif
