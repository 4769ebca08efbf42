import Foundation

/// Decoding of snake_case scenario JSON with errors that name the file and the field path (e.g.
/// `sites[2].capacity: expected Double`). Shared by every kind of scenario file.
public enum ScenarioJSON {
  public static func decode<Value: Decodable>(_ type: Value.Type, from text: String, file: String) throws -> Value {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do {
      return try decoder.decode(type, from: Data(text.utf8))
    } catch let error as DecodingError {
      throw describe(error, file: file)
    }
  }

  /// Names of the `.json` files in `folder` (without the extension), sorted; empty when there is no folder.
  public static func names(in folder: URL?) -> [String] {
    guard let folder, let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// The contents of `path` as UTF-8 text.
  public static func read(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw ScenarioError(file: path, field: "-", message: "cannot read the file")
    }
    return text
  }

  private static func describe(_ error: DecodingError, file: String) -> ScenarioError {
    func path(_ keys: [CodingKey]) -> String {
      keys.map { $0.intValue.map { "[\($0)]" } ?? ".\(snake($0.stringValue))" }.joined().trimmingCharacters(
        in: CharacterSet(charactersIn: "."))
    }
    switch error {
    case .keyNotFound(let key, let context):
      return ScenarioError(file: file, field: path(context.codingPath + [key]), message: "missing field")
    case .typeMismatch(let type, let context):
      return ScenarioError(file: file, field: path(context.codingPath), message: "expected \(type)")
    case .valueNotFound(let type, let context):
      return ScenarioError(file: file, field: path(context.codingPath), message: "expected \(type), found null")
    case .dataCorrupted(let context):
      return ScenarioError(
        file: file, field: path(context.codingPath).isEmpty ? "-" : path(context.codingPath),
        message: "not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
    @unknown default:
      return ScenarioError(file: file, field: "-", message: "\(error)")
    }
  }

  private static func snake(_ key: String) -> String {
    var result = ""
    for character in key {
      if character.isUppercase {
        result += "_" + character.lowercased()
      } else {
        result.append(character)
      }
    }
    return result
  }
}
