// The fast path of phone_parse.
//
// For `+CC NSN` input, PhoneNumberUtil::Parse (ParseHelper) does, in order: extract the number
// (nothing to strip here), check it is viable (at least three digits), strip an extension (none
// can be written with digits, spaces, dashes and dots alone), take the first 1-, 2- or 3-digit
// prefix that is a known calling code, fail with TOO_SHORT_NSN below two digits, try to strip a
// national prefix with the main region's national_prefix_for_parsing, then fail with
// TOO_SHORT_NSN / TOO_LONG_NSN outside 2...17 digits. GetNumberType and GetRegionCodeForNumber
// then match the NSN against the metadata's patterns. This file does the same steps on the
// metadata itself (i18n::phonenumbers::metadata_get(), the collection the library loads), with
// each region's patterns compiled into one digit automaton: one pass over the NSN tells which
// patterns match. Whenever national prefix stripping could apply (its pattern matches a
// non-empty prefix of the NSN), the answer is left to libphonenumber.
#include "fast_path.h"

#include "digit_automaton.h"

#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstring>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

// Defined in libphonenumber (metadata.h, not installed): the serialized PhoneMetadataCollection
// that PhoneNumberUtil itself parses at start.
namespace i18n {
namespace phonenumbers {
int metadata_size();
const void *metadata_get();
} // namespace phonenumbers
} // namespace i18n

namespace preflight_phone {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberDesc;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

constexpr size_t kMinNsn = 2;  // PhoneNumberUtil::kMinLengthForNsn
constexpr size_t kMaxNsn = 17; // PhoneNumberUtil::kMaxLengthForNsn
constexpr size_t kMaxStates = 50000; // per region; beyond that the region stays with libphonenumber

/// Automaton tags: the number descriptions in the order GetNumberTypeHelper tests them, then the
/// leading digits (lookingAt) and the national prefix for parsing (a non-empty lookingAt).
enum Tag {
    kGeneral,
    kPremiumRate,
    kTollFree,
    kSharedCost,
    kVoip,
    kPersonal,
    kPager,
    kUan,
    kVoicemail,
    kFixedLine,
    kMobile,
    kDescCount,
    kLeadingDigits = kDescCount,
    kNationalPrefix,
};

const PhoneNumberDesc &desc(const PhoneMetadata &m, int tag) {
    switch (tag) {
    case kPremiumRate: return m.premium_rate();
    case kTollFree: return m.toll_free();
    case kSharedCost: return m.shared_cost();
    case kVoip: return m.voip();
    case kPersonal: return m.personal_number();
    case kPager: return m.pager();
    case kUan: return m.uan();
    case kVoicemail: return m.voicemail();
    case kFixedLine: return m.fixed_line();
    case kMobile: return m.mobile();
    default: return m.general_desc();
    }
}

/// Bit n for each length n (0...31) in a list of possible lengths.
uint32_t lengthBits(const google::protobuf::RepeatedField<int32_t> &lengths, int from = 0) {
    uint32_t bits = 0;
    for (int i = from; i < lengths.size(); i++) {
        if (lengths.Get(i) >= 0 && lengths.Get(i) < 32) bits |= 1u << lengths.Get(i);
    }
    return bits;
}

bool hasBit(uint32_t bits, size_t n) { return n < 32 && (bits >> n & 1); }

/// One region's metadata, compiled.
struct Region {
    char id[8] = {};
    DigitAutomaton automaton;
    bool constrained[kDescCount] = {}; // the description lists possible lengths
    uint32_t lengths[kDescCount] = {}; // ...and these are they
    bool sameMobileAndFixedLine = false;
    bool hasLeadingDigits = false;

    /// IsNumberMatchingDesc: the length is listed (when lengths are listed) and the pattern matches.
    bool matches(uint32_t tags, int tag, size_t length) const {
        if (constrained[tag] && !hasBit(lengths[tag], length)) return false;
        return tags >> tag & 1;
    }

    /// GetNumberTypeHelper, from the automaton's tags for the NSN.
    int32_t type(uint32_t tags, size_t length) const {
        if (!matches(tags, kGeneral, length)) return PHONE_TYPE_UNKNOWN;
        if (matches(tags, kPremiumRate, length)) return PHONE_TYPE_PREMIUM_RATE;
        if (matches(tags, kTollFree, length)) return PHONE_TYPE_TOLL_FREE;
        if (matches(tags, kSharedCost, length)) return PHONE_TYPE_SHARED_COST;
        if (matches(tags, kVoip, length)) return PHONE_TYPE_VOIP;
        if (matches(tags, kPersonal, length)) return PHONE_TYPE_PERSONAL;
        if (matches(tags, kPager, length)) return PHONE_TYPE_PAGER;
        if (matches(tags, kUan, length)) return PHONE_TYPE_UAN;
        if (matches(tags, kVoicemail, length)) return PHONE_TYPE_VOICEMAIL;
        if (matches(tags, kFixedLine, length)) {
            if (sameMobileAndFixedLine || matches(tags, kMobile, length)) return PHONE_TYPE_FIXED_LINE_OR_MOBILE;
            return PHONE_TYPE_FIXED_LINE;
        }
        if (!sameMobileAndFixedLine && matches(tags, kMobile, length)) return PHONE_TYPE_MOBILE;
        return PHONE_TYPE_UNKNOWN;
    }
};

/// A calling code: its regions in libphonenumber's order (the main one first), compiled on first use.
struct CallingCode {
    std::vector<const PhoneMetadata *> metadata;
    std::vector<std::string> ids;
    bool known = false; // every region's metadata was found

    // TestNumberLength(nsn, main metadata, UNKNOWN): the general description's lengths.
    int32_t firstLength = -1, lastLength = -1;
    uint32_t otherLengths = 0, localOnlyLengths = 0;

    std::once_flag once;
    std::vector<Region> regions;
    bool usable = false; // compiled, every pattern inside the automaton's subset

    void compile() {
        if (!known) return;
        std::vector<Region> built(metadata.size());
        for (size_t r = 0; r < metadata.size(); r++) {
            const PhoneMetadata &m = *metadata[r];
            Region &region = built[r];
            if (ids[r].size() >= sizeof region.id) return;
            std::memcpy(region.id, ids[r].data(), ids[r].size());
            DigitAutomatonBuilder builder;
            for (int tag = 0; tag < kDescCount; tag++) {
                const PhoneNumberDesc &d = desc(m, tag);
                region.constrained[tag] = d.possible_length_size() > 0;
                region.lengths[tag] = lengthBits(d.possible_length());
                // RegexBasedMatcher never matches an empty pattern.
                if (!d.national_number_pattern().empty() &&
                    !builder.add(d.national_number_pattern(), tag, DigitAutomatonBuilder::Mode::whole))
                    return;
            }
            region.sameMobileAndFixedLine = m.same_mobile_and_fixed_line_pattern();
            region.hasLeadingDigits = m.has_leading_digits();
            if (region.hasLeadingDigits &&
                !builder.add(m.leading_digits(), kLeadingDigits, DigitAutomatonBuilder::Mode::prefix))
                return;
            // Parse strips national prefixes with the main region's metadata only.
            if (r == 0 && !m.national_prefix_for_parsing().empty() &&
                !builder.add(m.national_prefix_for_parsing(), kNationalPrefix,
                             DigitAutomatonBuilder::Mode::nonEmptyPrefix))
                return;
            if (!builder.build(&region.automaton, kMaxStates)) return;
        }
        regions = std::move(built);
        usable = true;
    }
};

/// The parsed metadata and the calling-code table, built once.
struct Tables {
    PhoneMetadataCollection collection;
    int16_t codeIndex[1000];
    std::vector<std::unique_ptr<CallingCode>> codes;
    bool ready = false; // the metadata parsed; else the fast path declines everything

    Tables() {
        std::memset(codeIndex, 0xFF, sizeof codeIndex);
        if (!collection.ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size()))
            return;
        ready = true;
        std::map<std::string, const PhoneMetadata *> byRegion;
        std::map<int, const PhoneMetadata *> nonGeographic;
        for (const PhoneMetadata &m : collection.metadata()) {
            if (m.id() == PhoneNumberUtil::kRegionCodeForNonGeoEntity) {
                nonGeographic[m.country_code()] = &m;
            } else {
                byRegion[m.id()] = &m;
            }
        }
        const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
        // ExtractCountryCode accepts a prefix exactly when GetRegionCodeForCountryCode knows it.
        for (int code = 1; code < 1000; code++) {
            std::list<std::string> ids;
            util.GetRegionCodesForCountryCallingCode(code, &ids);
            if (ids.empty()) continue;
            auto entry = std::make_unique<CallingCode>();
            entry->known = true;
            for (const std::string &id : ids) {
                const PhoneMetadata *m = nullptr;
                if (id == PhoneNumberUtil::kRegionCodeForNonGeoEntity) {
                    auto found = nonGeographic.find(code);
                    if (found != nonGeographic.end()) m = found->second;
                } else {
                    auto found = byRegion.find(id);
                    if (found != byRegion.end()) m = found->second;
                }
                if (m == nullptr || m->country_code() != code) entry->known = false;
                entry->metadata.push_back(m);
                entry->ids.push_back(id);
            }
            if (entry->known) {
                const auto &lengths = entry->metadata[0]->general_desc().possible_length();
                if (lengths.size() == 0) {
                    entry->known = false;
                } else {
                    entry->firstLength = lengths.Get(0);
                    entry->lastLength = lengths.Get(lengths.size() - 1);
                    entry->otherLengths = lengthBits(lengths, 1);
                    entry->localOnlyLengths =
                        lengthBits(entry->metadata[0]->general_desc().possible_length_local_only());
                }
            }
            codeIndex[code] = static_cast<int16_t>(codes.size());
            codes.push_back(std::move(entry));
        }
    }

    /// The compiled calling code, or null when the fast path cannot serve it.
    const CallingCode *compiled(int index) {
        CallingCode &code = *codes[static_cast<size_t>(index)];
        std::call_once(code.once, [&code] { code.compile(); });
        return code.usable ? &code : nullptr;
    }
};

Tables &tables() {
    static Tables instance;
    return instance;
}

/// TestNumberLength for the UNKNOWN type with the main region's general description.
int32_t possibility(const CallingCode &code, size_t length) {
    if (code.firstLength == -1) return PHONE_IMPOSSIBLE_LENGTH;
    if (hasBit(code.localOnlyLengths, length)) return PHONE_POSSIBLE_LOCAL_ONLY;
    const auto n = static_cast<int32_t>(length);
    if (code.firstLength == n) return PHONE_POSSIBLE;
    if (code.firstLength > n) return PHONE_IMPOSSIBLE_TOO_SHORT;
    if (code.lastLength < n) return PHONE_IMPOSSIBLE_TOO_LONG;
    return hasBit(code.otherLengths, length) ? PHONE_POSSIBLE : PHONE_IMPOSSIBLE_LENGTH;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool noDefaultRegion(const char *region) {
    return region == nullptr || region[0] == 0 || std::strcmp(region, "ZZ") == 0;
}

} // namespace

PhoneNumber makeNumber(int32_t country_code, const char *nsn, size_t count) {
    PhoneNumber number;
    number.set_country_code(country_code);
    uint64_t value = 0;
    for (size_t i = 0; i < count; i++) value = value * 10 + static_cast<uint64_t>(nsn[i] - '0');
    number.set_national_number(value);
    // SetItalianLeadingZerosForPhoneNumber: the count excludes the last digit of an all-zero number.
    if (count > 1 && nsn[0] == '0') {
        number.set_italian_leading_zero(true);
        size_t zeros = 1;
        while (zeros < count - 1 && nsn[zeros] == '0') zeros++;
        if (zeros != 1) number.set_number_of_leading_zeros(static_cast<int32_t>(zeros));
    }
    return number;
}

bool hasFastShape(const char *input, int32_t length) {
    if (length < 2 || length > PHONE_SHIM_MAX_INPUT || input[0] != '+' || !isDigit(input[1]) || !isDigit(input[length - 1]))
        return false;
    for (int32_t i = 1; i < length; i++) {
        const char c = input[i];
        // The last character is a digit, so a digit follows every separator.
        if (!isDigit(c) && !((c == ' ' || c == '-' || c == '.') && isDigit(input[i - 1]))) return false;
    }
    return true;
}

bool fastParse(const char *input, int32_t length, const char *default_region, int32_t flags, phone_info *out) {
    if (!hasFastShape(input, length)) return false;
    char digits[PHONE_SHIM_MAX_INPUT];
    size_t count = 0;
    for (int32_t i = 1; i < length; i++) {
        if (isDigit(input[i])) digits[count++] = input[i];
    }
    // IsViablePhoneNumber wants three digits; shorter input is rare, leave it to the library.
    if (count < 3) return false;

    Tables &t = tables();
    if (!t.ready) return false;
    int index = -1;
    int32_t countryCode = 0;
    size_t ccLength = 0;
    if (digits[0] != '0') {
        for (size_t i = 1; i <= 3; i++) {
            countryCode = countryCode * 10 + (digits[i - 1] - '0');
            if (t.codeIndex[countryCode] >= 0) {
                index = t.codeIndex[countryCode];
                ccLength = i;
                break;
            }
        }
    }
    if (index < 0) {
        // Without a default region the retry without '+' finds no calling code either; with one,
        // its international prefix or calling code might still match: leave that to the library.
        if (!noDefaultRegion(default_region)) return false;
        out->error = PHONE_ERR_INVALID_COUNTRY_CODE;
        return true;
    }
    const char *nsn = digits + ccLength;
    const size_t nsnLength = count - ccLength;
    if (nsnLength < kMinNsn) {
        out->error = PHONE_ERR_TOO_SHORT_NSN;
        return true;
    }
    const CallingCode *code = t.compiled(index);
    if (code == nullptr) return false;
    const Region &main = code->regions[0];
    const uint32_t mainTags = main.automaton.run(nsn, nsnLength);
    if (mainTags >> kNationalPrefix & 1) return false; // a national prefix might be stripped
    if (nsnLength > kMaxNsn) {
        out->error = PHONE_ERR_TOO_LONG_NSN;
        return true;
    }

    out->country_code = countryCode;
    out->e164[0] = '+';
    std::memcpy(out->e164 + 1, digits, count);
    out->e164[count + 1] = 0;
    std::memcpy(out->national_number, nsn, nsnLength);
    out->national_number[nsnLength] = 0;
    out->possibility = possibility(*code, nsnLength);
    out->error = PHONE_OK;
    if (flags & PHONE_FLAG_NORMALIZE_ONLY) return true;

    // GetRegionCodeForNumber: the only region, or the first whose leading digits match the NSN
    // (or, without leading digits, whose patterns give it a type); then GetNumberType with it.
    const Region *region = &main;
    uint32_t tags = mainTags;
    if (code->regions.size() > 1) {
        region = nullptr;
        for (size_t r = 0; r < code->regions.size(); r++) {
            const Region &candidate = code->regions[r];
            const uint32_t candidateTags = r == 0 ? mainTags : candidate.automaton.run(nsn, nsnLength);
            const bool chosen = candidate.hasLeadingDigits ? (candidateTags >> kLeadingDigits & 1) != 0
                                                           : candidate.type(candidateTags, nsnLength) != PHONE_TYPE_UNKNOWN;
            if (chosen) {
                region = &candidate;
                tags = candidateTags;
                break;
            }
        }
    }
    if (region == nullptr) {
        std::memcpy(out->region, "ZZ", 3);
        out->type = PHONE_TYPE_UNKNOWN;
    } else {
        std::memcpy(out->region, region->id, sizeof out->region);
        out->type = region->type(tags, nsnLength);
    }
    out->valid = out->type != PHONE_TYPE_UNKNOWN;
    if (flags & PHONE_FLAG_CROSS_CHECK) {
        out->valid_checked = PhoneNumberUtil::GetInstance()->IsValidNumber(makeNumber(countryCode, nsn, nsnLength)) ? 1 : 0;
    }
    return true;
}

} // namespace preflight_phone
