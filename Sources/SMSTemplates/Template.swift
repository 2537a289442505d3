import Foundation
import PreflightCore
import SMSEncoding

/// Options for one render: they override the template's own `locale` and `timeZone`.
public struct RenderOptions: Sendable, Hashable {
    /// The locale for `upper`, `lower`, `capitalize`, `date` and `number` (template's, else POSIX rules).
    public var locale: Locale?
    /// The time zone for `date` (template's, else UTC).
    public var timeZone: TimeZone?
    /// The region (ISO 3166 code) for phone values written without a country code.
    public var defaultRegion: String?

    /// Creates render options.
    public init(locale: Locale? = nil, timeZone: TimeZone? = nil, defaultRegion: String? = nil) {
        self.locale = locale
        self.timeZone = timeZone
        self.defaultRegion = defaultRegion
    }
}

/// Compile or render errors of a template, each a ``Diagnostic`` with its `file:line:column`.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in source order.
    public var diagnostics: [Diagnostic]
    /// The template source, to print the offending line under each diagnostic.
    public var source: String?

    /// Creates an error from diagnostics.
    public init(diagnostics: [Diagnostic], source: String? = nil) {
        self.diagnostics = diagnostics
        self.source = source
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A compiled `<<name>>` template: parse once, render many times. Thread-safe.
///
/// ```swift
/// let template = try Template(source: "Hi <<name | default:\"there\">>, your code is <<code>>")
/// let text = try template.render(["code": .string("123456")])   // "Hi there, your code is 123456"
/// ```
public struct Template: Sendable {
    /// Sources longer than this are refused (an SMS template is a few hundred characters).
    public static let maxSourceBytes = 1 << 20

    /// The file name used in diagnostics (`<template>` when compiled from a string).
    public let file: String
    /// The whole source, front matter included.
    public let source: String
    /// The front matter (empty when the file has none).
    public let frontMatter: FrontMatter
    /// Every variable use in the body, in order.
    public let variables: [VariableUse]
    /// Every comment in the body, in order (they never reach the output).
    public let comments: [TemplateComment]
    /// The file line the body starts on (1 without front matter).
    public let bodyFirstLine: Int

    let nodes: [TemplateNode]
    let textAnchors: [[LiteralAnchor]]  // one per text node
    let declarations: [VariableDeclaration?]  // parallel to `variables`
    let fast: [FastTag?]  // parallel to `variables`: tags the render loop handles inline
    let locale: Locale?
    let timeZone: TimeZone?

    /// The distinct variable names, in order of first use.
    public var variableNames: [String] {
        var seen = Set<String>()
        return variables.map(\.name).filter { seen.insert($0).inserted }
    }

    /// The distinct filters used, in order of first use.
    public var filters: [Filter] {
        var seen = Set<Filter>()
        return variables.flatMap(\.filters).filter { seen.insert($0).inserted }
    }

    /// The literal text of the body with each tag left out, in order (for static analysis).
    public var literals: [String] {
        nodes.compactMap { if case .text(let s) = $0 { s } else { nil } }
    }

    /// Every character of the literal text (everything but tags and comments) with its file
    /// location, in order: what lint and the encoding analysis point at.
    public var literalScalars: [(scalar: Unicode.Scalar, location: SourceLocation)] {
        var result: [(Unicode.Scalar, SourceLocation)] = []
        var textIndex = 0
        for node in nodes {
            guard case .text(let text) = node else { continue }
            let anchors = textAnchors[textIndex]
            textIndex += 1
            var anchorIndex = 0
            var line = 0
            var column = 0
            var offset = 0
            for scalar in text.unicodeScalars {
                if anchorIndex < anchors.count, anchors[anchorIndex].offset == offset {
                    line = anchors[anchorIndex].line
                    column = anchors[anchorIndex].column
                    anchorIndex += 1
                }
                result.append((scalar, SourceLocation(file: file, line: line, column: column)))
                offset += UTF8.width(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
        return result
    }

    /// Compiles a template.
    /// - Parameters:
    ///   - source: the template text, optionally starting with YAML front matter between `---` lines.
    ///     One trailing newline is dropped; nothing else is trimmed.
    ///   - file: the name used in diagnostics.
    /// - Throws: ``TemplateError`` with every syntax, filter and front matter error found.
    public init(source: String, file: String = "<template>") throws(TemplateError) {
        guard source.utf8.count <= Self.maxSourceBytes else {
            throw TemplateError(diagnostics: [
                Diagnostic(
                    code: "template.syntax", severity: .error,
                    message: "the template is \(source.utf8.count) bytes; at most \(Self.maxSourceBytes) are allowed",
                    fix: "an SMS template is a few hundred characters; check that this is the right file",
                    location: SourceLocation(file: file, line: 1, column: 1))
            ])
        }
        var text = source
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst() }
        if text.utf8.last == 0x0A { text.removeLast() }  // "\r\n" is one Character: both go
        var diagnostics: [Diagnostic] = []
        var frontMatter = FrontMatter()
        var body = text
        var bodyFirstLine = 1
        switch FrontMatterReader.split(text, file: file) {
        case .failure(let failure):
            throw TemplateError(diagnostics: [failure.diagnostic], source: source)
        case .success(let split):
            body = split.body
            bodyFirstLine = split.bodyFirstLine
            if let yaml = split.yaml {
                let (read, problems) = FrontMatterReader.read(yaml, firstLine: split.yamlFirstLine, file: file)
                frontMatter = read
                diagnostics += problems
            }
        }
        var parser = TemplateParser(body: body, file: file, firstLine: bodyFirstLine)
        parser.parse()
        diagnostics += parser.diagnostics
        guard diagnostics.isEmpty else { throw TemplateError(diagnostics: diagnostics, source: source) }
        self.file = file
        self.source = source
        self.frontMatter = frontMatter
        self.bodyFirstLine = bodyFirstLine
        self.nodes = parser.nodes
        self.textAnchors = parser.textAnchors
        self.variables = parser.uses
        self.comments = parser.comments
        self.declarations = frontMatter.variables == nil ? Array(repeating: nil, count: parser.uses.count) : parser.uses.map { frontMatter.declaration($0.name) }
        self.fast = zip(parser.uses, declarations).map { FastTag($0, declaration: $1) }
        self.locale = frontMatter.locale.map(Locale.init(identifier:))
        self.timeZone = frontMatter.timeZone.flatMap(TimeZone.init(identifier:))
    }

    /// Reads and compiles a template file.
    /// - Throws: ``TemplateError``: an unreadable file, invalid UTF-8 (with its byte offset), a file
    ///   over ``maxSourceBytes``, or compile errors.
    public init(contentsOf path: String) throws(TemplateError) {
        let text: String
        do {
            text = try TextInput.read(path: path, limit: Self.maxSourceBytes)
        } catch {
            throw TemplateError(diagnostics: [
                Diagnostic(
                    code: "input.invalid", severity: .error, message: error.description, fix: error.fix,
                    location: SourceLocation(file: path, line: 1, column: 1))
            ])
        }
        try self.init(source: text, file: path)
    }

    /// Renders the template with `values`.
    /// - Parameters:
    ///   - values: the variables; dotted names look into nested objects.
    ///   - options: locale, time zone and phone region overrides.
    /// - Returns: the message text.
    /// - Throws: ``TemplateError`` listing every undefined variable (`template.undefined_variable`) and
    ///   every value that does not fit its declaration or filter (`template.type_mismatch`) at once.
    public func render(_ values: [String: TemplateValue], options: RenderOptions = RenderOptions()) throws(TemplateError)
        -> String
    {
        var renderer: Renderer?
        var out = ""
        out.reserveCapacity(source.utf8.count + 64)
        for node in nodes {
            switch node {
            case .text(let s):
                out += s
            case .variable(let index):
                // Fast path: `<<name>>` or `<<name | default:"…">>` bound to text.
                if let tag = fast[index], case .string(let s)? = values[tag.key] {
                    out += s.isEmpty ? tag.fallback ?? "" : s
                } else if let tag = fast[index], let fallback = tag.fallback, values[tag.key] == nil {
                    out += fallback
                } else {
                    if renderer == nil { renderer = Renderer(template: self, options: options) }
                    renderer!.append(index, values: values, to: &out)
                }
            }
        }
        if let renderer, !renderer.diagnostics.isEmpty {
            throw TemplateError(diagnostics: renderer.diagnostics, source: source)
        }
        return out
    }
}

/// A piece of a template body whose tags all insert a value as it is (``Template/plainPieces``).
public enum PlainPiece: Sendable, Hashable {
    /// Literal text.
    case text(String)
    /// A tag that inserts the text value of `name` as it is. An empty value renders as `fallback`
    /// (the `default` filter's text) or as nothing; a missing one as `fallback`, and without one the
    /// render fails with `template.undefined_variable`.
    case value(name: String, fallback: String?)
}

extension Template {
    /// The body as literal text and tags that insert a value as it is, in order, when every tag is
    /// `<<name>>` or `<<name | default:"…">>` with a one-word name the front matter does not
    /// declare; nil otherwise (other filters, dotted names, declarations). For text values,
    /// ``render(_:options:)`` joins these pieces (see ``PlainPiece/value(name:fallback:)``), so a
    /// caller rendering many rows can work piece by piece: count the literal text once and only
    /// the values per row.
    public var plainPieces: [PlainPiece]? {
        var pieces: [PlainPiece] = []
        for node in nodes {
            switch node {
            case .text(let text):
                pieces.append(.text(text))
            case .variable(let index):
                guard let tag = fast[index] else { return nil }
                pieces.append(.value(name: tag.key, fallback: tag.fallback))
            }
        }
        return pieces
    }
}

extension Template {
    /// The tags of the one-word variable `name`, each as the text it renders for an empty value
    /// (its `default`, or nil for none), in order, when every one of them inserts the value as it
    /// is (as in ``plainPieces``) and no dotted name starts with `name`; nil otherwise. Empty when
    /// the template does not use `name`.
    public func plainTags(of name: String) -> [String?]? {
        var fallbacks: [String?] = []
        for (index, use) in variables.enumerated() where use.path.first == name {
            guard use.path.count == 1, let tag = fast[index] else { return nil }
            fallbacks.append(tag.fallback)
        }
        return fallbacks
    }
}

/// A tag the render loop handles without the general filter pipeline: one name, no declaration,
/// no filter or only `default`.
struct FastTag: Sendable {
    let key: String
    let fallback: String?

    init?(_ use: VariableUse, declaration: VariableDeclaration?) {
        guard use.path.count == 1, declaration == nil else { return nil }
        if use.filters.isEmpty {
            fallback = nil
        } else if use.filters.count == 1, case .defaultValue(let text) = use.filters[0] {
            fallback = text
        } else {
            return nil
        }
        key = use.path[0]
    }
}
