internal import CLibFuzzer
import Foundation

/// The signature libFuzzer calls for each input: `LLVMFuzzerTestOneInput(data, size)`.
public typealias FuzzTestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer over `testOneInput` with this process's command line, and exits with its status.
///
/// SwiftPM renames an executable's entry point (so that tests can link it), which hides the `main`
/// libFuzzer brings; each fuzzer's `main.swift` therefore calls this at top level. The same
/// executable then takes every libFuzzer flag (`-max_total_time=60`, `-runs=0`, a crash file).
///
/// - Parameter testOneInput: the fuzzer's `LLVMFuzzerTestOneInput`; it must return 0.
public func runLibFuzzer(_ testOneInput: FuzzTestOneInput) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}

/// The bytes libFuzzer passed, as a buffer (an empty input may come with a `nil` pointer).
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    guard let data, size > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: data, count: size)
}

/// Stops the run with `message` when a property the library promises does not hold: libFuzzer
/// then saves the input as a crash, like any other failure.
@inline(__always)
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz property violated: \(message())") }
}
