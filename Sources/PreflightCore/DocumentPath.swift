/// Where a value sits in a JSON or YAML document, written the way people write it:
/// `countries.GB.quietHours[0].from`, `to[1]`.
public enum DocumentPath {
    /// The coding path as text; `root` when the path is empty (the document itself).
    public static func text(_ path: [any CodingKey], root: String) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? root : text
    }
}
