// The playground page and the OpenAPI document are files next to this one, embedded at build time
// (`.embedInCode` in Package.swift); the repository's `openapi.yaml` is a link to the same file.

/// The files the server serves as they are.
enum ServerResources {
    /// `GET /`: the playground page (HTML and JavaScript, no build step).
    static let playground = String(decoding: PackageResources.playground_html, as: UTF8.self)
    /// `GET /openapi.yaml`: the OpenAPI 3.1 document of the API.
    static let openAPI = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)
}
