import SMSEncoding

/// The longest value one tag can insert, as the worst-case analysis counts it.
public struct TagBound: Sendable, Hashable {
    /// The most code points the tag can insert; `nil` when the variable is unbounded.
    public var length: Int?
    /// Whether every value the tag can insert is GSM-7 (else it may turn the message into UCS-2).
    public var isGSM: Bool
}

extension Template {
    /// The bound of each tag, in the order of ``variables``: the declared `maxLength`, bounded again
    /// by `truncate`, widened by `default`, case mapping, `gsm`, `date` and `number`, exactly as
    /// ``analyze(options:)`` computes the worst case. For "what if" questions about the literal
    /// text (lint asks what the worst case would be without the characters that force UCS-2).
    /// - Parameters:
    ///   - options: the encoding options messages will be sent with (default: ``defaultEncodingOptions``).
    ///   - cache: shared analysis results (see ``analyze(options:includeExample:cache:)``).
    public func tagBounds(options: EncodingOptions? = nil, cache: AnalysisCache? = nil) -> [TagBound] {
        let check = GSMCheck(encoder: SMSEncoder(options: options ?? defaultEncodingOptions), cache: cache)
        return variables.indices.map { index in
            let bound = ValueBound.of(variables[index], declaration: declarations[index], template: self, check: check)
            return TagBound(length: bound.length, isGSM: bound.gsmOnly)
        }
    }
}
