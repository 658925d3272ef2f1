public import EntenteCore
import Foundation

/// The `kb check` answer: what was read and every problem found.
public struct KnowledgeCheck: Encodable, Sendable {
    public var folders: [String]
    public var files: Int
    public var treaties: Int
    public var groups: Int
    public var events: Int
    public var partnerships: Int
    public var overridden: [String]
    public var issues: [KnowledgeIssue]

    /// Validates knowledge-base folders (the shipped one when none is given).
    ///
    /// - Throws: ``EntenteError`` `file-not-found` for a missing folder or shipped base.
    public static func run(folders given: [String]) throws -> KnowledgeCheck {
        let folders = given.isEmpty ? [KnowledgeBase.shippedFolder?.path].compactMap { $0 } : given
        guard !folders.isEmpty else {
            throw EntenteError(.fileNotFound, "the shipped knowledge base was not found next to the executable; give a DIR")
        }
        let result = try KnowledgeBase.load(folders: folders)
        let kb = result.knowledgeBase
        return KnowledgeCheck(
            folders: folders, files: result.files.count, treaties: kb.treaties.count, groups: kb.groups.count, events: kb.events.count,
            partnerships: kb.partnerships.count, overridden: result.overridden, issues: result.issues)
    }
}
