import Foundation

/// The target named by `PREFLIGHT_FUZZ` (libFuzzer keeps the command line for itself).
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["PREFLIGHT_FUZZ"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set PREFLIGHT_FUZZ to one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

let context = FuzzContext()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    context.run(selectedTarget, UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// libFuzzer's own driver, started from the executable's entry point (SwiftPM points `main` at
/// `<module>_main`, so libFuzzer's `main` is not the one that runs).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("PreflightFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
