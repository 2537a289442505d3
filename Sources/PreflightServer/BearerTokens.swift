import Foundation

/// The bearer tokens a server accepts, read from a file; a presented token is compared with every
/// one of them in constant time.
///
/// The file holds one token per line; blank lines and lines starting with `#` are skipped, and
/// white space around a token is dropped. Tokens are printable ASCII without spaces, 16 to 4,096
/// characters long.
public struct BearerTokens: Sendable, CustomStringConvertible {
    private let tokens: [[UInt8]]

    /// The number of tokens.
    public var count: Int { tokens.count }

    /// `BearerTokens(2 tokens)`: never the tokens themselves (logs print configurations).
    public var description: String { "BearerTokens(\(count) token\(count == 1 ? "" : "s"))" }

    /// Tokens given directly.
    /// - Throws: ``TokenFileError`` when a token is too short, too long or has characters outside
    ///   printable ASCII, or when there is none.
    public init(_ tokens: [String]) throws(TokenFileError) {
        var accepted: [[UInt8]] = []
        for (index, token) in tokens.enumerated() {
            let bytes = Array(token.utf8)
            guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw TokenFileError("token \(index + 1) has characters outside printable ASCII (or spaces)")
            }
            guard (16...4096).contains(bytes.count) else {
                throw TokenFileError("token \(index + 1) has \(bytes.count) characters; tokens need 16 to 4096")
            }
            accepted.append(bytes)
        }
        guard !accepted.isEmpty else { throw TokenFileError("there is no token") }
        self.tokens = accepted
    }

    /// Reads the tokens of a file.
    /// - Throws: ``TokenFileError`` when the file cannot be read or holds no valid token.
    public init(contentsOf path: String) throws(TokenFileError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw TokenFileError("\(path): cannot be read (\(Self.reason(error)))")
        }
        guard data.count <= 1 << 20, let text = String(data: data, encoding: .utf8) else {
            throw TokenFileError("\(path): not a UTF-8 text file of at most 1 MiB")
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        do { try self.init(lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }) } catch {
            throw TokenFileError("\(path): \(error.message)")
        }
    }

    /// Whether `presented` is one of the tokens. Every token is compared whole, whatever matches,
    /// so the time taken does not depend on where a guess first differs.
    public func accepts(_ presented: some Collection<UInt8>) -> Bool {
        let given = Array(presented)
        var matched: UInt8 = 0
        for token in tokens {
            matched |= Self.constantTimeEqual(given, token)
        }
        return matched == 1
    }

    /// 1 when the two byte strings are equal, else 0. The loop runs over the longer of the two
    /// with no early exit; a length difference counts as a difference.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> UInt8 {
        var difference = UInt(bitPattern: a.count ^ b.count)
        let n = max(a.count, b.count)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                for i in 0..<n {
                    let x = i < pa.count ? pa[i] : 0
                    let y = i < pb.count ? pb[i] : 0xFF
                    difference |= UInt(x ^ y)
                }
            }
        }
        return difference == 0 ? 1 : 0
    }

    /// The token of an `Authorization: Bearer <token>` header value; nil for another scheme.
    static func token(fromAuthorization header: Substring) -> Substring? {
        let trimmed = header.drop { $0 == " " }
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        let token = trimmed.dropFirst(7).drop { $0 == " " }
        return token.isEmpty ? nil : token
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// A token file that cannot be used.
public struct TokenFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String {
        "write one token per line (16 to 4096 printable ASCII characters, no spaces; # starts a comment), for example from `openssl rand -hex 32`"
    }

    /// The message.
    public var description: String { message }

    init(_ message: String) { self.message = message }
}
