import InspectionCore
import ProjectFiles

/// The shipped checklists and demo fixtures, embedded at build time from the package's
/// checklists/ and fixtures/ folders (see Plugins/EmbedDefaults).
public enum DefaultData {
    /// A file's text by its path in the package, e.g. `checklists/leaks.yaml`.
    public static func text(_ path: String) -> String? { embeddedFiles[path] }

    /// The files under a folder (e.g. `checklists`), sorted by path.
    public static func files(under folder: String) -> [SourceFile] {
        embeddedFiles.filter { $0.key.hasPrefix(folder + "/") }.sorted { $0.key < $1.key }
            .map { SourceFile(name: $0.key, text: $0.value) }
    }

    /// The shipped checklists.
    public static func checklistFiles() -> [SourceFile] { files(under: "checklists") }

    /// The shipped checklist set; they are checked by the tests, so a failure here is a
    /// packaging fault.
    public static func checklists() throws -> ChecklistSet {
        try ChecklistLoader.load(files: checklistFiles()).get()
    }
}
