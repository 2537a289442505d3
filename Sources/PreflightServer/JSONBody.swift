import Foundation
import Hummingbird
import Preflight

/// A JSON object key by name.
struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Reading JSON request bodies: malformed JSON is a 400, JSON of the wrong shape a 422 naming the field.
enum JSONBody {
    /// The body's bytes; an empty body is malformed JSON.
    static func data(_ body: ByteBuffer) throws(APIError) -> Data {
        guard body.readableBytes > 0 else { throw APIError.malformedJSON("the body is empty") }
        return Data(body.readableBytesView)
    }

    /// The 400 for bytes that are not JSON at all, with the parser's reason ("invalid value around
    /// character 7"); nil when they are JSON.
    static func malformation(_ data: Data) -> APIError? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            var reason = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "syntax error"
            if reason.hasSuffix(".") { reason.removeLast() }
            return APIError.malformedJSON(reason.prefix(1).lowercased() + reason.dropFirst())
        }
    }

    /// Decodes a body.
    static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer) throws(APIError) -> T {
        let data = try self.data(body)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            if let malformed = malformation(data) { throw malformed }
            throw APIError.invalidRequest(RequestError.describe(error), fix: "see the request schema in GET /openapi.yaml")
        } catch {
            throw malformation(data) ?? APIError.invalidRequest("\(error)", fix: "see the request schema in GET /openapi.yaml")
        }
    }

    /// The object's container, after refusing keys outside `known`.
    static func container(_ decoder: any Decoder, known: Set<String>) throws -> KeyedDecodingContainer<JSONKey> {
        let c = try decoder.container(keyedBy: JSONKey.self)
        for key in c.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [key],
                debugDescription: "unknown field; known fields: \(known.sorted().joined(separator: ", "))"))
        }
        return c
    }

    /// `smart`: `true` (punctuation), `false`, or a level name.
    static func smartEncoding(_ c: KeyedDecodingContainer<JSONKey>, key: JSONKey) throws -> SmartEncoding? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        if let flag = try? c.decode(Bool.self, forKey: key) { return flag ? .punctuation : .off }
        let name = try c.decode(String.self, forKey: key)
        guard let level = SmartEncoding(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "must be true, false, \"off\", \"punctuation\" or \"letters\"")
        }
        return level
    }

    /// `shift`: `"tr,es"` or `["tr", "es"]`, ISO 639-1 codes of TS 23.038 annex A.
    static func languages(_ c: KeyedDecodingContainer<JSONKey>, key: JSONKey) throws -> Set<NationalLanguage>? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        let list = try (try? c.decode([String].self, forKey: key))?.joined(separator: ",") ?? c.decode(String.self, forKey: key)
        do { return try NationalLanguage.parseList(list) } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(error.description)")
        }
    }
}
