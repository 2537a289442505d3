#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits text into parts, working on its UTF-8 bytes so that part texts are plain byte copies.
enum Splitter {
    struct GSMPart {
        var bytes: Range<Int>
        var septets: Int
    }

    struct GSMSplit {
        var parts: [GSMPart]
        var septets: Int
        var tables: ShiftTables
        var udh: Int
    }

    struct UCS2Part {
        var bytes: Range<Int>
        var units: Int
    }

    /// Splits text encodable in GSM 7-bit; `cost` gives 1 or 2 septets per scalar. A two-septet
    /// character (escape + character) is never split: the part ends early instead.
    /// - Parameter total: the total septets when already known.
    @inline(__always)
    static func gsm(
        _ bytes: UnsafeBufferPointer<UInt8>, total known: Int? = nil, tables: ShiftTables, cost: (UInt32) -> Int
    ) -> GSMSplit {
        var total = 0
        if let known {
            total = known
        } else {
            var it = UTF8Scalars(bytes)
            while let s = it.next() { total += cost(s) }
        }
        let single = Capacity.udh(multipart: false, tables: tables.count)
        if total <= Capacity.gsm(udh: single) {
            return GSMSplit(parts: [GSMPart(bytes: 0..<bytes.count, septets: total)], septets: total,
                            tables: tables, udh: single)
        }
        let udh = Capacity.udh(multipart: true, tables: tables.count)
        let capacity = Capacity.gsm(udh: udh)
        var parts: [GSMPart] = []
        parts.reserveCapacity(total / capacity + 1)
        var start = 0
        var used = 0
        var it = UTF8Scalars(bytes)
        var at = 0
        while let s = it.next() {
            let c = cost(s)
            if used &+ c > capacity {
                parts.append(GSMPart(bytes: start..<at, septets: used))
                start = at
                used = 0
            }
            used &+= c
            at = it.position
        }
        parts.append(GSMPart(bytes: start..<bytes.count, septets: used))
        return GSMSplit(parts: parts, septets: total, tables: tables, udh: udh)
    }

    /// Splits UCS-2 text at grapheme cluster boundaries. `ends` holds the cluster end offsets in
    /// UTF-16 units; nil means every scalar is its own cluster except CR LF. A cluster longer than
    /// a part is cut at code-point boundaries (never inside a surrogate pair), starting a fresh part.
    static func ucs2(_ bytes: UnsafeBufferPointer<UInt8>, ends: [Int32]?, capacity: Int) -> [UCS2Part] {
        var parts: [UCS2Part] = []
        var start = 0
        var used = 0

        func add(_ a: Int, _ b: Int, units length: Int) {
            if used + length <= capacity {
                used += length
                return
            }
            if used > 0 {
                parts.append(UCS2Part(bytes: start..<a, units: used))
                start = a
                used = 0
            }
            if length <= capacity {
                used = length
                return
            }
            var it = UTF8Scalars(bytes, from: a, to: b)
            var at = a
            while let s = it.next() {
                let l = s < 0x10000 ? 1 : 2
                if used + l > capacity {
                    parts.append(UCS2Part(bytes: start..<at, units: used))
                    start = at
                    used = 0
                }
                used += l
                at = it.position
            }
        }

        if ends == nil, let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) == nil {
            // Every scalar is a one-unit cluster: cut after each `capacity` scalars.
            var count = 0
            for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 {
                if count == capacity {
                    parts.append(UCS2Part(bytes: start..<i, units: count))
                    start = i
                    count = 0
                }
                count &+= 1
            }
            parts.append(UCS2Part(bytes: start..<bytes.count, units: count))
            return parts
        }
        var it = UTF8Scalars(bytes)
        var clusterStart = 0
        var clusterUnits = 0
        var utf16 = 0
        if let ends {
            var k = 0
            while let s = it.next() {
                let l = s < 0x10000 ? 1 : 2
                utf16 += l
                clusterUnits += l
                if k < ends.count && utf16 >= Int(ends[k]) {
                    add(clusterStart, it.position, units: clusterUnits)
                    clusterStart = it.position
                    clusterUnits = 0
                    k += 1
                }
            }
        } else {
            var previous: UInt32 = 0
            while let s = it.next() {
                let l = s < 0x10000 ? 1 : 2
                if previous == 0x0D && s == 0x0A {
                    // CR LF is one cluster: extend the cluster just added.
                    used -= 1
                    add(clusterStart, it.position, units: 2)
                } else {
                    clusterStart = it.position - (s < 0x80 ? 1 : s < 0x800 ? 2 : s < 0x10000 ? 3 : 4)
                    add(clusterStart, it.position, units: l)
                }
                previous = s
            }
        }
        if used > 0 || parts.isEmpty { parts.append(UCS2Part(bytes: start..<bytes.count, units: used)) }
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

    /// Whether some scalar of the text is in no enabled alphabet.
    func hasUnencodable(_ text: String) -> Bool {
        text.unicodeScalars.contains { !canEncode($0.value) }
    }

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
    func bestGSM(_ bytes: UnsafeBufferPointer<UInt8>) -> Splitter.GSMSplit? {
        let flags = CharacterTable.shared.flags
        // The distinct scalars outside the default alphabet: a combination must encode each of
        // them, which rules most combinations out (or all, for a Chinese name in an Indian
        // message) before a scan of the whole text.
        var outside: [UInt32] = []
        var it = UTF8Scalars(bytes)
        while let s = it.next() {
            let inDefault = s < 0x10000 && flags[Int(s)] & (CharacterTable.gsmBasic | CharacterTable.gsmExtension) != 0
            if !inDefault, !outside.contains(s) {
                // In no enabled table at all: no combination can encode the text.
                guard canEncode(s) else { return nil }
                outside.append(s)
            }
        }
        let lockings: [NationalLanguage?] = [nil] + languages.filter(\.hasLockingShift)
        let singles: [NationalLanguage?] = [nil] + languages
        var best: Splitter.GSMSplit?
        for locking in lockings {
            let basic = locking.flatMap { NationalAlphabet.all[$0]!.locking }
            for single in singles {
                let ext = single.map { NationalAlphabet.all[$0]!.single }
                let coversOutside = outside.allSatisfy { s in
                    let u = UInt16(s)
                    return basic?[u] != nil || ext?[u] != nil
                }
                guard coversOutside else { continue }
                /// 1 or 2 septets, or 0 when this combination cannot encode the scalar.
                func cost(_ s: UInt32) -> Int {
                    guard s < 0x10000 else { return 0 }
                    let u = UInt16(s)
                    if basic.map({ $0[u] != nil }) ?? (flags[Int(u)] & CharacterTable.gsmBasic != 0) { return 1 }
                    if ext.map({ $0[u] != nil }) ?? (flags[Int(u)] & CharacterTable.gsmExtension != 0) { return 2 }
                    return 0
                }
                var total = 0
                var encodable = true
                var it = UTF8Scalars(bytes)
                while let s = it.next() {
                    let c = cost(s)
                    if c == 0 {
                        encodable = false
                        break
                    }
                    total += c
                }
                guard encodable else { continue }
                let tables = ShiftTables(locking: locking, single: single)
                let split = Splitter.gsm(bytes, total: total, tables: tables, cost: cost)
                if let b = best {
                    if (split.parts.count, tables.count, split.septets) < (b.parts.count, b.tables.count, b.septets) {
                        best = split
                    }
                } else {
                    best = split
                }
            }
        }
        return best
    }
}
