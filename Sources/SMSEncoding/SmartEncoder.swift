/// Replaces characters that would force UCS-2 with GSM look-alikes, through ICU transliterators
/// with Preflight's own rules (see `icu_shim.c`). Only grapheme clusters that no enabled alphabet
/// can encode are touched; clusters holding an emoji (Extended_Pictographic) are left whole.
struct SmartEncoder {
    let level: SmartEncoding
    let alphabet: Alphabet

    struct Result {
        var units: [UInt16]
        var replacements: [Replacement]
    }

    func apply(_ units: [UInt16]) -> Result {
        let ends = ICU.graphemeEnds(units)
        let flags = CharacterTable.shared.flags
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var replacements: [Replacement] = []
        // A run of clusters that level 1 left alone and that still need a letter transliteration.
        var runStart = -1
        var runEnd = -1

        func flushRun() {
            guard runStart >= 0 else { return }
            let original = units[runStart..<runEnd]
            let replaced = ICU.transliterate(original, with: .letters)
            if replaced.elementsEqual(original) {
                out.append(contentsOf: original)
            } else {
                out.append(contentsOf: replaced)
                replacements.append(Replacement(
                    offset: runStart, from: String(decoding: original, as: UTF16.self),
                    to: String(decoding: replaced, as: UTF16.self)))
            }
            runStart = -1
        }

        var start = 0
        for e in ends {
            let end = Int(e)
            let cluster = units[start..<end]
            defer { start = end }
            if encodable(cluster) || containsPictographic(cluster, flags: flags) {
                flushRun()
                out.append(contentsOf: cluster)
                continue
            }
            let replaced = ICU.transliterate(cluster, with: .punctuation)
            if !replaced.elementsEqual(cluster) {
                flushRun()
                out.append(contentsOf: replaced)
                replacements.append(Replacement(
                    offset: start, from: String(decoding: cluster, as: UTF16.self),
                    to: String(decoding: replaced, as: UTF16.self)))
                continue
            }
            if level == .letters {
                if runStart < 0 { runStart = start }
                runEnd = end
            } else {
                out.append(contentsOf: cluster)
            }
        }
        flushRun()
        return Result(units: out, replacements: replacements)
    }

    private func encodable(_ cluster: ArraySlice<UInt16>) -> Bool {
        cluster.allSatisfy { alphabet.canEncode(UInt32($0)) && !UTF16.isLeadSurrogate($0) && !UTF16.isTrailSurrogate($0) }
    }

    private func containsPictographic(_ cluster: ArraySlice<UInt16>, flags: [UInt8]) -> Bool {
        for scalar in String(decoding: cluster, as: UTF16.self).unicodeScalars {
            let f = scalar.value < 0x10000 ? flags[Int(scalar.value)] : CharacterTable.astralFlags(scalar.value)
            if f & CharacterTable.pictographic != 0 { return true }
        }
        return false
    }
}
