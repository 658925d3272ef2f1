public import Foundation
import Yams

/// A problem found in a knowledge-base file: where (file, line, field) and what.
public struct KnowledgeIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The field path, e.g. `treaties[2].obligations[0].types`.
    public var field: String
    public var message: String

    public var description: String { "\(file):\(line): \(field): \(message)" }
}

/// The result of reading knowledge-base folders: what was read, and every problem found.
public struct KnowledgeLoad: Sendable {
    public var knowledgeBase: KnowledgeBase
    public var issues: [KnowledgeIssue]
    /// Entries of a later folder that replaced an earlier one's entry with the same id.
    public var overridden: [String]
    public var files: [String]
}

extension KnowledgeBase {
    /// The tags an event may carry.
    public static let knownTags: Set<String> = [
        "summit", "sanctions", "sanctions-violation", "labour", "tourism", "unsc-vote", "unsc-veto", "arms-transfer", "troops", "treaty",
        "counterbalancing", "space", "economic", "intelligence", "fuel", "food", "finance", "technology", "context", "reaction",
        "side-agreement",
        "sensitive-tech:space", "sensitive-tech:missile", "sensitive-tech:nuclear", "sensitive-tech:submarine", "sensitive-tech:aircraft",
    ]

    /// The knowledge base shipped with Entente (`Sources/EntenteCore/Resources/KnowledgeBase`).
    public static var shippedFolder: URL? {
        Bundle.module.url(forResource: "KnowledgeBase", withExtension: nil)
    }

    /// Folders to read: the shipped one, then `$ENTENTE_KB` (colon-separated), then `extra`.
    public static func defaultFolders(extra: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment) -> [String]
    {
        var folders: [String] = []
        if let shipped = shippedFolder { folders.append(shipped.path) }
        if let env = environment["ENTENTE_KB"], !env.isEmpty { folders += env.split(separator: ":").map(String.init) }
        return folders + extra
    }

    /// Reads and validates the `.yaml`/`.yml` files of each folder, in order. An entry of a later
    /// folder replaces an earlier entry with the same id. Invalid entries are reported and left out.
    ///
    /// Only regular files are read: a FIFO or device given as a folder is an error, and one inside
    /// a folder is reported as a problem and skipped (neither can block or never end a load).
    ///
    /// - Throws: ``EntenteError`` `file-not-found` for a folder that does not exist,
    ///   `unreadable-file` for a path given that is neither a folder nor a regular file.
    public static func load(folders: [String]) throws -> KnowledgeLoad {
        var result = KnowledgeLoad(knowledgeBase: KnowledgeBase(), issues: [], overridden: [], files: [])
        for folder in folders {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
                throw EntenteError(.fileNotFound, "no such knowledge-base folder", file: folder)
            }
            let files: [String]
            if isDir.boolValue {
                files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                    .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted()
                    .map { (folder as NSString).appendingPathComponent($0) }
            } else {
                try ByteChunks.requireRegularFile(URL(fileURLWithPath: folder))
                files = [folder]
            }
            var parser = KnowledgeParser()
            for file in files {
                result.files.append(file)
                do {
                    try ByteChunks.requireRegularFile(URL(fileURLWithPath: file))
                } catch let error as EntenteError {
                    parser.file = file
                    parser.issue(1, "file", "\(error.message); skipped")
                    continue
                }
                parser.parse(file: file)
            }
            parser.validateReferences(against: result.knowledgeBase)
            result.issues += parser.issues
            result.knowledgeBase.folders.append(folder)
            merge(&result.knowledgeBase.treaties, parser.treaties, \.id, &result.overridden)
            merge(&result.knowledgeBase.groups, parser.groups, \.id, &result.overridden)
            merge(&result.knowledgeBase.events, parser.events, \.id, &result.overridden)
            merge(&result.knowledgeBase.partnerships, parser.partnerships, \.id, &result.overridden)
        }
        return result
    }

    private static func merge<T>(_ base: inout [T], _ new: [T], _ id: KeyPath<T, String>, _ overridden: inout [String]) {
        for item in new {
            if let i = base.firstIndex(where: { $0[keyPath: id] == item[keyPath: id] }) {
                base[i] = item
                overridden.append(item[keyPath: id])
            } else {
                base.append(item)
            }
        }
    }
}
