import Foundation
import PreflightCore
import Yams
import YAMLSupport

/// A settings file: provider settings that are not credentials, by provider.
///
/// ```yaml
/// twilio:
///   accountSid: AC0123456789abcdef0123456789abcdef
///   messagingServiceSid: MG0123456789abcdef0123456789abcdef
/// antryk:
///   serviceId: 3f1c2b7e-9a4d-4c1e-8b2a-5d6e7f809a1b
/// ```
///
/// JSON works too (it is YAML). Values are text; a request's `account.settings` override them.
public enum ProviderSettingsFile {
    /// Decodes a settings file.
    /// - Throws: ``ProviderFileError`` with every problem at its line and column.
    public static func decode(_ text: String, file: String) throws(ProviderFileError) -> [String: [String: String]] {
        let session = ProviderFileSession(providerFile: file)
        var result: [String: [String: String]] = [:]
        let root: Node?
        switch YAMLDocument.compose(text) {
        case .success(let node): root = node
        case .failure(let problem):
            session.report(problem.message, fix: problem.fix, line: problem.line, column: problem.column)
            throw ProviderFileError(diagnostics: session.problems)
        }
        guard let root else { return [:] }
        let decoder = ProviderNodeDecoder(node: root, mark: nil, session: session, codingPath: [])
        do {
            for (provider, values) in try OrderedMapping<OrderedMapping<String>>(from: decoder).entries {
                result[provider.lowercased()] = Dictionary(values.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            }
        } catch let error as DecodingError {
            decoder.record(error, decoding: [String: [String: String]].self)
        } catch {
            if !(error is RecordedProblem) { session.report("\(error)", fix: "Correct the file.", at: nil) }
        }
        if !session.problems.isEmpty { throw ProviderFileError(diagnostics: session.problems) }
        return result
    }
}
