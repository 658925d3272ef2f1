// Fuzzes the knowledge-base loader with the text of one YAML file: the input is written to a
// scratch file and read by `KnowledgeBase.load(folders:)`, the public entry point (YAML through
// Yams and libyaml, then `KnowledgeParser`'s checks, references, and the merge).
//
// The parser reads files only, so each input costs a small write (to `$TMPDIR`, a tmpfs in
// `scripts/fuzz`). Besides crashes, it checks that a load of one existing file never throws, and
// that every entry kept has an id and a source line.
import EntenteCore
import Foundation
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKnowledge(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let path = ScratchFile.path
    guard FileManager.default.createFile(atPath: path, contents: Data(buffer: input)) else {
        fatalError("cannot write the scratch file \(path)")
    }
    let load: KnowledgeLoad
    do {
        load = try KnowledgeBase.load(folders: [path])
    } catch {
        require(false, "load of an existing file threw: \(error)")
        return 0
    }
    let kb = load.knowledgeBase
    let ids = kb.treaties.map(\.id) + kb.groups.map(\.id) + kb.events.map(\.id) + kb.partnerships.map(\.id)
    require(!ids.contains(where: \.isEmpty), "an entry with an empty id was kept")
    require(load.issues.allSatisfy { $0.line >= 1 }, "an issue without a line: \(load.issues.filter { $0.line < 1 })")
    return 0
}

/// This process's scratch file, removed at exit.
enum ScratchFile {
    static let path: String = {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = (folder as NSString).appendingPathComponent("entente-fuzz-knowledge-\(getpid()).yaml")
        atexit { _ = unlink(ScratchFile.path) }
        return path
    }()
}

runLibFuzzer(fuzzKnowledge)
