/// The catalog of every `preflight lint` diagnostic code.
public enum LintRules {
    /// Codes of problems found while reading and compiling a template. A template that does not
    /// compile gets no other check, and inline directives cannot hide these.
    public static let compileCodes: Set<String> = [
        "input.invalid", "template.syntax", "template.unknown_filter", "template.bad_argument", "template.front_matter",
    ]

    /// The rule for `code`, if there is one.
    public static func rule(_ code: String) -> LintRule? { byCode[code] }

    /// Every code, sorted.
    public static var codes: [String] { all.map(\.code) }

    private static let byCode: [String: LintRule] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    private static let otpFrontMatter = """
        ---
        variables:
          code: {type: string, maxLength: 8, charset: gsm}
        ---

        """

    /// Every rule, sorted by code.
    public static let all: [LintRule] = [
        LintRule(
            code: "body.empty", summary: "The template has no text and no variables.",
            description: "The body (everything after the front matter, comments left out) is blank and holds no tag.",
            rationale: "An empty SMS is refused by providers or reaches the recipient as a blank message.",
            defaultSeverity: .error,
            failing: LintExample("---\nname: placeholder\n---\n"),
            passing: LintExample("---\nname: placeholder\n---\nYour parcel is on its way.")),
        LintRule(
            code: "body.too_long",
            summary: "The longest message the template can produce has more characters than the body limit.",
            description: """
                The worst case (the literal text plus every variable at its maxLength, after filters) has more \
                characters than `body.maxCharacters` of the rules (1600 by default).
                """,
            rationale: "Providers refuse longer bodies (Twilio: 1600 characters), so the send fails for long values.",
            defaultSeverity: .error,
            failing: LintExample("---\nvariables:\n  note: {type: string, maxLength: 1700, charset: gsm}\n---\nNote: <<note>>"),
            passing: LintExample("---\nvariables:\n  note: {type: string, maxLength: 1500, charset: gsm}\n---\nNote: <<note>>")),
        LintRule(
            code: "body.too_many_parts",
            summary: "The worst case needs more parts than the rules allow.",
            description: """
                The worst-case message needs more parts than `body.maxParts` of the rules. The shipped rules set \
                no account-wide limit, so this needs a rules directory that sets one. GSM-7 variables are counted \
                at two septets a character (extension characters such as € cost two).
                """,
            rationale: "Every part is billed, and some networks refuse or cut long concatenated messages.",
            defaultSeverity: .error,
            failing: LintExample(
                "---\nvariables:\n  items: {type: string, maxLength: 200, charset: gsm}\n---\nYour basket: <<items>>",
                policy: "version: 1\nbody:\n  maxParts: 2\n"),
            passing: LintExample(
                "---\nvariables:\n  items: {type: string, maxLength: 100, charset: gsm}\n---\nYour basket: <<items>>",
                policy: "version: 1\nbody:\n  maxParts: 2\n")),
        LintRule(
            code: "content.restricted",
            summary: "The text mentions content that carriers restrict (SHAFT, gambling, loans, …).",
            description: """
                A keyword of `restrictedContent` in the rules appears in the literal text (whole words, ignoring \
                case and punctuation).
                """,
            rationale: "Carriers filter or block such messages unless the campaign is registered for them.",
            defaultSeverity: .warning,
            failing: LintExample("Happy hour tonight: two for one on every cocktail."),
            passing: LintExample("Tonight: two for one on every coffee.")),
        LintRule(
            code: "encoding.smart_replaceable",
            summary: "A character forces UCS-2 and has a GSM-7 look-alike that --fix writes instead.",
            description: """
                A character of the literal text is not in the GSM 7-bit alphabet and smart encoding replaces it \
                with a look-alike that is: curly quotes, dashes, ellipsis, bullets, Unicode spaces, fullwidth \
                ASCII. The message says what it costs; `--fix` makes the replacement.
                """,
            rationale: "One such character turns the whole message into UCS-2: 70 characters a part instead of 160.",
            defaultSeverity: .warning, fixable: true,
            failing: LintExample("It’s ready — collect it today."),
            passing: LintExample("It's ready - collect it today.")),
        LintRule(
            code: "encoding.ucs2",
            summary: "Characters of the literal text force UCS-2 and smart encoding has no safe replacement.",
            description: """
                A run of characters outside the GSM 7-bit alphabet (with the national shift tables of the \
                template's locale): emoji, letters of other scripts, symbols. The message says what UCS-2 costs \
                and the GSM-7 transliteration if one exists (the `gsm` filter). Letters of the script of the \
                template's `locale` are expected and not reported (a `th_TH` template is written in Thai), and \
                nothing else is once the message is UCS-2 by such letters.
                """,
            rationale: "UCS-2 holds 70 characters in one part and 67 per part when split, against 160 and 153 in GSM-7.",
            defaultSeverity: .warning,
            failing: LintExample("Your order has shipped 📦"),
            passing: LintExample("Your order has shipped.")),
        LintRule(
            code: "input.invalid", summary: "The file cannot be read as a template.",
            description: "The file is unreadable, not UTF-8 (with the byte offset), or larger than 1 MiB.",
            rationale: "Nothing else can be checked until the file can be read.",
            defaultSeverity: .error,
            failing: LintExample("Hi \\xC3( (bytes C3 28: not UTF-8)", bytes: Array("Hi ".utf8) + [0xC3, 0x28]),
            passing: LintExample("Hi there")),
        LintRule(
            code: "link.confusable_host",
            summary: "A link's host mixes scripts or imitates an ASCII name.",
            description: "A link in the literal text has a host such as `pаypal.com` with a Cyrillic `а` (ICU spoof checks).",
            rationale: "Look-alike hosts are a phishing sign; carriers and recipients treat them as such.",
            defaultSeverity: .warning,
            failing: LintExample("Sign in at https://pаypal.com/account"),
            passing: LintExample("Sign in at https://paypal.com/account")),
        LintRule(
            code: "link.insecure", summary: "A link uses plain http.",
            description: "A link in the literal text starts with `http://`.",
            rationale: "Handsets and carriers may warn about plain http links, and the traffic can be read or changed.",
            defaultSeverity: .warning,
            failing: LintExample("Track it: http://track.example.com/A1"),
            passing: LintExample("Track it: https://track.example.com/A1")),
        LintRule(
            code: "link.ip_address", summary: "A link points at an IP address.",
            description: "A link in the literal text has an IPv4 address as its host.",
            rationale: "Carriers filter links to bare IP addresses as likely phishing.",
            defaultSeverity: .warning,
            failing: LintExample("Track it: https://203.0.113.7/A1"),
            passing: LintExample("Track it: https://track.example.com/A1")),
        LintRule(
            code: "link.public_shortener", summary: "A link uses a public URL shortener.",
            description: "A link's host is, or is under, one of the `shorteners` of the rules (bit.ly, tinyurl.com, …).",
            rationale: "Carriers filter shared short domains because spammers use them; some networks block them.",
            defaultSeverity: .warning,
            failing: LintExample("Track it: https://bit.ly/3xYzAb"),
            passing: LintExample("Track it: https://track.example.com/A1")),
        LintRule(
            code: "link.unbranded_domain", summary: "A link's domain is not one of the account's brand domains.",
            description: """
                When the rules list `account.brandDomains`, a link whose host is not one of them (nor under one) \
                is reported.
                """,
            rationale: "Carriers and recipients trust links to the sender's own domain; others look like phishing.",
            defaultSeverity: .warning,
            failing: LintExample(
                "Track it: https://parcels.example.net/A1", policy: "version: 1\naccount:\n  brandDomains: [example.com]\n"),
            passing: LintExample(
                "Track it: https://track.example.com/A1", policy: "version: 1\naccount:\n  brandDomains: [example.com]\n")),
        LintRule(
            code: "lint.invalid_directive", summary: "A `preflight:` comment is not a valid directive.",
            description: """
                A comment starting with `preflight:` is not `disable-line` or `disable-next-line` followed by known \
                codes and ` - reason`. Directives cannot enable a check: what the configuration turns off stays off.
                """,
            rationale: "A mistyped directive silently hides nothing, or hides findings without saying why.",
            defaultSeverity: .warning,
            failing: LintExample("<<# preflight:disable-next-line encoding.ucs2 >>\nYour order has shipped 📦"),
            passing: LintExample(
                "<<# preflight:disable-next-line encoding.ucs2 - the emoji is part of the brand >>\nYour order has shipped 📦")),
        LintRule(
            code: "lint.unused_directive", summary: "A directive disables a check that reports nothing there.",
            description: """
                A `disable-line` or `disable-next-line` directive names a code that has no finding on its line \
                (fixed since, or turned off in the configuration).
                """,
            rationale: "Stale directives would hide a future finding on that line without anyone deciding so.",
            defaultSeverity: .warning,
            failing: LintExample(
                "<<# preflight:disable-next-line encoding.ucs2 - the emoji is part of the brand >>\nYour order has shipped."),
            passing: LintExample(
                "<<# preflight:disable-next-line encoding.ucs2 - the emoji is part of the brand >>\nYour order has shipped 📦")),
        LintRule(
            code: "optout.language_missing", summary: "A marketing template has no opt-out instruction.",
            description: """
                The front matter's `category` is one that `optOut.requiredFor` lists (marketing by default) and the \
                literal text has none of the opt-out phrases of the rules (`Reply STOP`, `STOP to opt out`, …).
                """,
            rationale: "Marketing messages must say how to opt out (TCPA, CTIA, PECR and most national rules).",
            defaultSeverity: .error,
            failing: LintExample("---\ncategory: marketing\n---\n20% off everything this weekend at Acme."),
            passing: LintExample("---\ncategory: marketing\n---\n20% off everything this weekend at Acme. Reply STOP to opt out.")),
        LintRule(
            code: "template.bad_argument", summary: "A filter has the wrong arguments.",
            description: "A filter is given the wrong number or kind of arguments (`truncate:\"ten\"`).",
            rationale: "The template cannot be compiled, so it cannot be rendered.",
            defaultSeverity: .error,
            failing: LintExample(otpFrontMatter + "Your code is <<code | truncate:\"ten\">>"),
            passing: LintExample(otpFrontMatter + "Your code is <<code | truncate:8>>")),
        LintRule(
            code: "template.front_matter", summary: "The front matter is not valid.",
            description: "YAML syntax, an unknown key, a wrong type or value, or front matter that is not closed.",
            rationale: "Declarations drive the length, encoding and variable checks; a mistake there hides problems.",
            defaultSeverity: .error,
            failing: LintExample("---\nvariables:\n  code: {type: string, maxLenght: 8}\n---\nYour code is <<code>>"),
            passing: LintExample(otpFrontMatter + "Your code is <<code>>")),
        LintRule(
            code: "template.syntax", summary: "The template has a syntax error.",
            description: "A tag that is not closed on its line, an empty or invalid name, an unclosed comment or string.",
            rationale: "The template cannot be compiled, so it cannot be rendered.",
            defaultSeverity: .error,
            failing: LintExample(otpFrontMatter + "Your code is <<code"),
            passing: LintExample(otpFrontMatter + "Your code is <<code>>")),
        LintRule(
            code: "template.unbounded_variable", summary: "A variable has no maxLength, so the length has no bound.",
            description: "A variable neither declares `maxLength` nor passes through `truncate`, `date`, `e164` or `national`.",
            rationale: "Without a bound neither the worst-case length nor the number of parts (the cost) is known.",
            defaultSeverity: .warning,
            failing: LintExample("---\nvariables:\n  code: {type: string, charset: gsm}\n---\nYour code is <<code>>"),
            passing: LintExample(otpFrontMatter + "Your code is <<code>>")),
        LintRule(
            code: "template.undefined_variable", summary: "A variable is used but not declared.",
            description: "The front matter declares variables and the body uses a name that is not among them.",
            rationale: "Rendering fails for every message (strict variables), or the name is a typo.",
            defaultSeverity: .error,
            failing: LintExample(otpFrontMatter + "Your code is <<cdoe>>. Code: <<code>>"),
            passing: LintExample(otpFrontMatter + "Your code is <<code>>")),
        LintRule(
            code: "template.unknown_filter", summary: "A tag uses a filter that does not exist.",
            description: "A filter name is not one of default, upper, lower, capitalize, trim, truncate, gsm, date, number, e164, national.",
            rationale: "The template cannot be compiled; the message says which filter was probably meant.",
            defaultSeverity: .error,
            failing: LintExample(otpFrontMatter + "Your code is <<code | shout>>"),
            passing: LintExample(otpFrontMatter + "Your code is <<code | upper>>")),
        LintRule(
            code: "template.unused_variable", summary: "A declared variable is never used.",
            description: "The front matter declares a variable that no tag of the body uses.",
            rationale: "Callers keep sending a value that never appears, or the tag that should use it is missing.",
            defaultSeverity: .warning,
            failing: LintExample(
                "---\nvariables:\n  code: {type: string, maxLength: 8, charset: gsm}\n  brand: {type: string, maxLength: 12, charset: gsm}\n---\nYour code is <<code>>"),
            passing: LintExample(
                "---\nvariables:\n  code: {type: string, maxLength: 8, charset: gsm}\n  brand: {type: string, maxLength: 12, charset: gsm}\n---\n<<brand>>: your code is <<code>>")),
        LintRule(
            code: "text.bidi_control", summary: "The file holds a bidirectional control character.",
            description: """
                An embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069) anywhere in the file: \
                text, tags, comments or front matter.
                """,
            rationale: "They reorder how text is displayed, so a reviewer reads something else than what is sent (Trojan Source, CVE-2021-42574).",
            defaultSeverity: .error,
            failing: LintExample("Your code is \u{2067}4821\u{2069}. Never share it."),
            passing: LintExample("Your code is 4821. Never share it.")),
        LintRule(
            code: "text.confusable", summary: "A word mixes scripts that look alike.",
            description: "A word of the literal text mixes scripts beyond ICU's highly restrictive level (Latin with Cyrillic, say), or mixes digits of different systems.",
            rationale: "Look-alike letters are a phishing sign, and a pasted Cyrillic letter also forces UCS-2.",
            defaultSeverity: .warning,
            failing: LintExample("Sign in to your Pаypal account."),
            passing: LintExample("Sign in to your PayPal account.")),
        LintRule(
            code: "text.crlf", summary: "The text has Windows line breaks (CR LF).",
            description: "The literal text holds CR LF line breaks; one finding per file, at the first. `--fix` rewrites every CR LF of the file as LF.",
            rationale: "Each CR LF is sent as two characters, and some handsets show the CR as a box.",
            defaultSeverity: .warning, fixable: true,
            failing: LintExample("Your order has shipped.\r\nTrack it on our website."),
            passing: LintExample("Your order has shipped.\nTrack it on our website.")),
        LintRule(
            code: "text.invisible_character", summary: "The file holds an invisible character.",
            description: """
                A default-ignorable character (zero-width space, word joiner, soft hyphen, BOM inside the text, …) \
                anywhere in the file. Joiners inside emoji sequences and between letters, and variation selectors, \
                are not reported. `--fix` removes the ones smart encoding removes from the literal text.
                """,
            rationale: "Invisible characters force UCS-2, break keyword matching, and can hide text from review.",
            defaultSeverity: .warning, fixable: true,
            failing: LintExample("Your\u{200B} code is ready."),
            passing: LintExample("Your code is ready.")),
    ]
}
