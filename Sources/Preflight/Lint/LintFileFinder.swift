import Foundation

/// A path on the command line that does not exist.
public struct LintPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as given.
    public var path: String

    /// `PATH: no such file or directory`.
    public var description: String { "\(path): no such file or directory" }
}

/// Finds the template files to lint.
///
/// A file named on the command line is always linted. A directory is walked recursively: its
/// files that match an `include` glob and no `exclude` glob (a glob may also exclude a whole
/// directory) are linted; entries whose names start with `.` and symbolic links to directories
/// are skipped. Globs match paths relative to the configuration's directory. The result is
/// sorted by display path and holds each file once.
public enum LintFileFinder {
    /// The files for `paths`.
    /// - Parameters:
    ///   - paths: files and directories, relative to `currentDirectory` or absolute.
    ///   - configuration: include and exclude globs and their base directory.
    ///   - currentDirectory: the absolute current directory; display paths are relative to it.
    /// - Throws: ``LintPathError`` for the first path that does not exist.
    public static func files(
        for paths: [String], configuration: LintConfiguration, currentDirectory: String
    ) throws(LintPathError) -> [LintFile] {
        let include = configuration.include.map(LintGlob.init)
        let exclude = configuration.exclude.map(LintGlob.init)
        let base = URL(fileURLWithPath: configuration.baseDirectory).standardizedFileURL.path
        let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        var found: [String: LintFile] = [:]
        let fm = FileManager.default
        for path in paths {
            let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd + "/")).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: absolute, isDirectory: &isDirectory) else { throw LintPathError(path: path) }
            guard isDirectory.boolValue else {
                found[absolute] = LintFile(path: absolute, displayPath: display(absolute, cwd: cwd))
                continue
            }
            var stack = [absolute]
            while let directory = stack.popLast() {
                guard let names = try? fm.contentsOfDirectory(atPath: directory) else { continue }
                for name in names where !name.hasPrefix(".") {
                    let child = directory == "/" ? "/" + name : directory + "/" + name
                    let relative = self.relative(child, to: base)
                    if exclude.contains(where: { $0.matchesPathOrParent(relative) }) { continue }
                    guard let type = try? fm.attributesOfItem(atPath: child)[.type] as? FileAttributeType else { continue }
                    if type == .typeDirectory {
                        stack.append(child)
                    } else if type == .typeRegular || type == .typeSymbolicLink && !isDirectoryLink(child) {
                        if include.contains(where: { $0.matches(relative) }) {
                            found[child] = LintFile(path: child, displayPath: display(child, cwd: cwd))
                        }
                    }
                }
            }
        }
        return found.values.sorted { $0.displayPath < $1.displayPath }
    }

    private static func isDirectoryLink(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) ? isDirectory.boolValue : true
    }

    /// `path` (absolute, standardized) relative to the directory `base` when it is under it, else `path`.
    public static func relative(_ path: String, to base: String) -> String {
        if base == "/" { return String(path.dropFirst()) }
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        return path
    }

    private static func display(_ path: String, cwd: String) -> String {
        relative(path, to: cwd)
    }
}
