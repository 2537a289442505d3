/// Splits UTF-16 text into parts.
enum Splitter {
    struct GSMPart {
        var range: Range<Int>
        var septets: Int
    }

    struct GSMSplit {
        var parts: [GSMPart]
        var septets: Int
        var tables: ShiftTables
        var udh: Int
    }

    /// Splits text encodable in GSM 7-bit; `cost` gives 1 or 2 septets per UTF-16 unit. A two-septet
    /// character (escape + character) is never split: the part ends early instead.
    static func gsm(_ units: [UInt16], tables: ShiftTables, cost: (UInt16) -> Int) -> GSMSplit {
        var total = 0
        for u in units { total += cost(u) }
        let single = Capacity.udh(multipart: false, tables: tables.count)
        if total <= Capacity.gsm(udh: single) {
            return GSMSplit(parts: [GSMPart(range: 0..<units.count, septets: total)], septets: total,
                            tables: tables, udh: single)
        }
        let udh = Capacity.udh(multipart: true, tables: tables.count)
        let capacity = Capacity.gsm(udh: udh)
        var parts: [GSMPart] = []
        parts.reserveCapacity(total / capacity + 1)
        var start = 0
        var used = 0
        for (i, u) in units.enumerated() {
            let c = cost(u)
            if used + c > capacity {
                parts.append(GSMPart(range: start..<i, septets: used))
                start = i
                used = 0
            }
            used += c
        }
        parts.append(GSMPart(range: start..<units.count, septets: used))
        return GSMSplit(parts: parts, septets: total, tables: tables, udh: udh)
    }

    /// Splits UCS-2 text at grapheme cluster boundaries. `ends` holds the cluster end offsets; nil
    /// means every unit is its own cluster except CR LF. A cluster longer than a part is cut at
    /// code-point boundaries (never inside a surrogate pair), starting in a fresh part.
    static func ucs2(_ units: [UInt16], ends: [Int32]?, capacity: Int) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        parts.reserveCapacity(units.count / capacity + 1)
        var start = 0
        var used = 0

        func add(clusterStart a: Int, end b: Int) {
            let length = b - a
            if used + length <= capacity {
                used += length
                return
            }
            if used > 0 {
                parts.append(start..<a)
                start = a
                used = 0
            }
            if length <= capacity {
                used = length
                return
            }
            var p = a
            while p < b {
                let q = p + (UTF16.isLeadSurrogate(units[p]) && p + 1 < b ? 2 : 1)
                if used + (q - p) > capacity {
                    parts.append(start..<p)
                    start = p
                    used = 0
                }
                used += q - p
                p = q
            }
        }

        if let ends {
            var a = 0
            for e in ends {
                add(clusterStart: a, end: Int(e))
                a = Int(e)
            }
        } else {
            var a = 0
            let n = units.count
            while a < n {
                let b = units[a] == 0x0D && a + 1 < n && units[a + 1] == 0x0A ? a + 2 : a + 1
                add(clusterStart: a, end: b)
                a = b
            }
        }
        if used > 0 || parts.isEmpty { parts.append(start..<units.count) }
        return parts
    }
}

/// The GSM alphabets a message may use: the default one plus the enabled national tables.
struct Alphabet {
    let languages: [NationalLanguage]

    init(_ languages: Set<NationalLanguage>) {
        self.languages = languages.sorted()
    }

    var hasNational: Bool { !languages.isEmpty }

    /// Whether some enabled alphabet (default or national, locking or single) has the scalar.
    func canEncode(_ scalar: UInt32) -> Bool {
        guard scalar < 0x10000 else { return false }
        let u = UInt16(scalar)
        if CharacterTable.shared.flags[Int(u)] & (CharacterTable.gsmBasic | CharacterTable.gsmExtension) != 0 {
            return true
        }
        for language in languages {
            let a = NationalAlphabet.all[language]!
            if a.single[u] != nil || a.locking?[u] != nil { return true }
        }
        return false
    }

    /// The cheapest GSM 7-bit encoding over every combination of locking and single shift table:
    /// fewest parts, then fewest tables (smaller UDH, wider handset support), then fewest septets.
    /// Nil when no combination encodes the text.
    func bestGSM(_ units: [UInt16]) -> Splitter.GSMSplit? {
        let flags = CharacterTable.shared.flags
        let lockings: [NationalLanguage?] = [nil] + languages.filter(\.hasLockingShift)
        let singles: [NationalLanguage?] = [nil] + languages
        var best: Splitter.GSMSplit?
        for locking in lockings {
            let basic = locking.flatMap { NationalAlphabet.all[$0]!.locking }
            for single in singles {
                let ext = single.map { NationalAlphabet.all[$0]!.single }
                let encodable = units.allSatisfy { u in
                    let inBasic = basic.map { $0[u] != nil } ?? (flags[Int(u)] & CharacterTable.gsmBasic != 0)
                    let inExt = ext.map { $0[u] != nil } ?? (flags[Int(u)] & CharacterTable.gsmExtension != 0)
                    return inBasic || inExt
                }
                guard encodable else { continue }
                let tables = ShiftTables(locking: locking, single: single)
                let split = Splitter.gsm(units, tables: tables) { u in
                    let inBasic = basic.map { $0[u] != nil } ?? (flags[Int(u)] & CharacterTable.gsmBasic != 0)
                    return inBasic ? 1 : 2
                }
                if let b = best {
                    let key = (split.parts.count, tables.count, split.septets)
                    let bestKey = (b.parts.count, b.tables.count, b.septets)
                    if key < bestKey { best = split }
                } else {
                    best = split
                }
            }
        }
        return best
    }
}
