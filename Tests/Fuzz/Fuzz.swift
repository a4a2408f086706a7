import Foundation

// `streetflow-fuzz TARGET [libFuzzer options] [CORPUS...]` when built with `-sanitize=fuzzer` and `-DFUZZING`
// (see Deploy/dev/fuzz.sh); `streetflow-fuzz TARGET FILE|DIR...` in an ordinary build replays inputs, e.g. the
// committed seed corpus (Tests/Fuzz/Corpus/TARGET) or a crash a campaign found.

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// libFuzzer's own entry (its `main`, linked in by `-sanitize=fuzzer`, refers to it); the driver below is the one
    /// that runs.
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        FuzzMain.runSelected(data, size)
    }
#endif

@main
enum FuzzMain {
    nonisolated(unsafe) static var selected: FuzzTarget?

    static func runSelected(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        guard let selected else { return 0 }
        selected.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }

    static func main() {
        var arguments = CommandLine.arguments
        // The target is the first argument, or STREETFLOW_FUZZ_TARGET (libFuzzer's -jobs re-runs the command line
        // for each job, so fuzz.sh names the target in the environment).
        let environment = ProcessInfo.processInfo.environment["STREETFLOW_FUZZ_TARGET"]
        let name = environment ?? (arguments.count >= 2 ? arguments[1] : "")
        guard let target = FuzzTarget.all.first(where: { $0.name == name }) else {
            let names = FuzzTarget.all.map(\.name).joined(separator: " | ")
            FileHandle.standardError.write(Data("usage: streetflow-fuzz \(names) [options] [inputs]\n".utf8))
            exit(64)
        }
        selected = target
        if environment == nil { arguments.remove(at: 1) }
        #if FUZZING
            var argc = CInt(arguments.count)
            var pointers = arguments.map { strdup($0) } + [nil]
            let status = pointers.withUnsafeMutableBufferPointer { buffer in
                var argv = buffer.baseAddress!
                return LLVMFuzzerRunDriver(&argc, &argv) { data, size in FuzzMain.runSelected(data, size) }
            }
            exit(status)
        #else
            var count = 0
            for path in arguments.dropFirst() {
                for file in files(at: path) {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    data.withUnsafeBytes { target.run($0) }
                    count += 1
                }
            }
            print("\(target.name): \(count) inputs replayed")
        #endif
    }

    /// The file, or the files of a directory (sorted).
    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { "\(path)/\($0)" }
    }
}
