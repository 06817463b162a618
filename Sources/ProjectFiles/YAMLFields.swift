import InspectionCore
import Yams

/// Reads fields from a YAML mapping and collects what is wrong, with file:line, instead of
/// stopping at the first problem.
final class YAMLProblems {
    let file: String
    private(set) var list: [LineProblem] = []

    init(file: String) { self.file = file }

    func add(_ node: Node?, _ message: String) {
        list.append(LineProblem(file: file, line: node?.mark?.line ?? 0, message: message))
    }

    func add(line: Int, _ message: String) {
        list.append(LineProblem(file: file, line: line, message: message))
    }
}

/// The fields of one YAML mapping, checked against the keys it may have.
struct YAMLFields {
    let node: Node
    let what: String
    let problems: YAMLProblems
    private var values: [String: Node] = [:]

    /// nil (with a problem recorded) when `node` is not a mapping.
    init?(_ node: Node, what: String, allowed: [String], problems: YAMLProblems) {
        self.node = node
        self.what = what
        self.problems = problems
        guard case .mapping(let mapping) = node else {
            problems.add(node, "\(what) must be a mapping of fields (\(allowed.joined(separator: ", ")))")
            return nil
        }
        for (key, value) in mapping {
            guard let name = key.string else {
                problems.add(key, "\(what) has a key that is not text")
                continue
            }
            if values[name] != nil {
                problems.add(key, "\(what) has \"\(name)\" twice")
            } else if !allowed.contains(name) {
                problems.add(key, "\(what) has unknown field \"\(name)\" (fields: \(allowed.joined(separator: ", ")))")
            }
            values[name] = value
        }
    }

    var line: Int { node.mark?.line ?? 0 }

    func has(_ key: String) -> Bool { values[key] != nil }
    func node(_ key: String) -> Node? { values[key] }

    /// A non-empty text field; records a problem when missing (if required) or not text.
    func string(_ key: String, required: Bool = true) -> String? {
        guard let value = values[key] else {
            if required { problems.add(node, "\(what) is missing \"\(key)\"") }
            return nil
        }
        guard case .scalar(let scalar) = value, value.null == nil else {
            if required { problems.add(value, "\(what): \"\(key)\" must be text") }
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            if required { problems.add(value, "\(what): \"\(key)\" is empty") }
            return nil
        }
        return text
    }

    /// One of an enumeration's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            problems.add(values[key], "\(what): \(key) \"\(text)\" must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// A `true` or `false` field (nil, with a problem recorded, when it is anything else).
    func bool(_ key: String) -> Bool? {
        guard let value = values[key] else { return nil }
        guard case .scalar(let scalar) = value, scalar.style == .plain, ["true", "false"].contains(scalar.string) else {
            problems.add(value, "\(what): \"\(key)\" must be true or false")
            return nil
        }
        return scalar.string == "true"
    }

    /// A list of texts (a single text counts as a list of one).
    func strings(_ key: String, required: Bool = true) -> [(String, Node)]? {
        guard let value = values[key] else {
            if required { problems.add(node, "\(what) is missing \"\(key)\"") }
            return nil
        }
        switch value {
        case .scalar(let scalar):
            return [(scalar.string, value)]
        case .sequence(let sequence):
            var list: [(String, Node)] = []
            for element in sequence {
                guard case .scalar(let scalar) = element else {
                    problems.add(element, "\(what): each entry of \"\(key)\" must be text")
                    continue
                }
                list.append((scalar.string.trimmingCharacters(in: .whitespaces), element))
            }
            if required && list.isEmpty { problems.add(value, "\(what): \"\(key)\" is empty") }
            return list
        default:
            problems.add(value, "\(what): \"\(key)\" must be a list")
            return nil
        }
    }

    /// A Chinese-and-English pair given as `zh:`/`en:` fields of this mapping.
    func localized(required: Bool = true) -> Localized? {
        let zh = string("zh", required: required)
        let en = string("en", required: required)
        guard let zh, let en else { return nil }
        return Localized(zh: zh, en: en)
    }

    /// A Chinese-and-English pair under `key`: a mapping with zh (and optional en).
    func localized(_ key: String) -> Localized? {
        guard let value = values[key] else {
            problems.add(node, "\(what) is missing \"\(key)\"")
            return nil
        }
        if case .scalar(let scalar) = value {
            return Localized(zh: scalar.string, en: "")
        }
        guard let fields = YAMLFields(value, what: "\(what) \(key)", allowed: ["zh", "en"], problems: problems) else { return nil }
        guard let zh = fields.string("zh") else { return nil }
        return Localized(zh: zh, en: fields.string("en", required: false) ?? "")
    }
}

/// Parses YAML text into a node tree, or records where the syntax is wrong.
func composeYAML(_ text: String, problems: YAMLProblems) -> Node? {
    // The parser names neither the line nor the character of a control character it refuses.
    if let (line, scalar) = firstForbiddenCharacter(text) {
        let code = "U+" + String(format: "%04X", scalar.value)
        problems.add(line: line, scalar.value == 0 ? "a NUL byte (\(code)), which YAML does not allow"
                                                   : "a control character (\(code)), which YAML does not allow")
        return nil
    }
    do {
        guard let node = try Yams.compose(yaml: text) else {
            problems.add(line: 1, "the file is empty")
            return nil
        }
        return node
    } catch let error as YamlError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            problems.add(line: mark.line, "YAML syntax: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams's own message quotes the whole file; one line is enough.
            problems.add(line: context.mark.line, "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", "))")
        case let .reader(problem, _, _, _):
            problems.add(line: 0, "cannot read as YAML: \(problem)")
        default:
            problems.add(line: 0, "cannot read as YAML: \(error)")
        }
        return nil
    } catch {
        problems.add(line: 0, "cannot read as YAML: \(error)")
        return nil
    }
}

/// The line (1-based) and value of the first character YAML forbids: C0 controls other than
/// tab, line feed and carriage return, DEL, and C1 controls other than NEL.
func firstForbiddenCharacter(_ text: String) -> (line: Int, scalar: Unicode.Scalar)? {
    var line = 1
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0A: line += 1
        case 0x09, 0x0D, 0x85: continue
        case 0x00...0x1F, 0x7F...0x9F: return (line, scalar)
        default: continue
        }
    }
    return nil
}
