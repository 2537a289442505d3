#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors reading message text from a file or standard input.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The bytes are not valid UTF-8.
    case invalidUTF8(path: String, byteOffset: Int)
    /// The input is larger than the limit.
    case tooLarge(path: String, limit: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .invalidUTF8(let path, let offset): "\(path): invalid UTF-8 at byte offset \(offset)"
        case .tooLarge(let path, let limit): "\(path): input is larger than \(limit) bytes"
        }
    }

    /// How to fix it.
    public var fix: String {
        switch self {
        case .unreadable: "check the path and its permissions"
        case .invalidUTF8: "save the file as UTF-8 (for example `iconv -f LATIN1 -t UTF-8`)"
        case .tooLarge: "an SMS body is at most a few thousand characters; check that this is the right file"
        }
    }
}

/// Reads whole files or standard input as validated UTF-8 text, with a size limit.
public enum TextInput {
    /// Default size limit: 16 MiB, far above any SMS but bounded.
    public static let defaultLimit = 16 << 20

    /// Reads `path` (`-` for standard input).
    /// - Throws: ``InputError``.
    public static func read(path: String, limit: Int = defaultLimit) throws(InputError) -> String {
        let bytes = try readBytes(path: path, limit: limit)
        return try decode(bytes, path: path)
    }

    /// Validates UTF-8 bytes and returns the text.
    /// - Throws: ``InputError/invalidUTF8(path:byteOffset:)`` with the offset of the first bad byte.
    public static func decode(_ bytes: [UInt8], path: String) throws(InputError) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        throw .invalidUTF8(path: path, byteOffset: offset)
    }

    /// Reads raw bytes from `path` (`-` for standard input), at most `limit`.
    /// - Throws: ``InputError``.
    public static func readBytes(path: String, limit: Int = defaultLimit) throws(InputError) -> [UInt8] {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        if fd < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadable(path: path, reason: "is a directory")
        }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            if result.count + n > limit { throw .tooLarge(path: path, limit: limit) }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }
}
