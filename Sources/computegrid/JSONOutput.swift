/// A JSON value with ordered object keys and numbers written in shortest round-trip form, so that reported
/// prices and objectives keep every digit (solver.md §6.2, item 5). Non-finite numbers become `null`.
indirect enum JSONValue {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  static func optionalNumber(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// The serialised text; `indent` > 0 pretty-prints.
  func serialised(indent: Int = 2) -> String {
    var output = ""
    write(into: &output, level: 0, indent: indent)
    return output
  }

  private func write(into output: inout String, level: Int, indent: Int) {
    let newline = indent > 0 ? "\n" : ""
    let pad = String(repeating: " ", count: indent * (level + 1))
    let closingPad = String(repeating: " ", count: indent * level)
    switch self {
    case .number(let value):
      output += value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(describing: value)) : "null"
    case .integer(let value): output += String(value)
    case .string(let text): output += Self.quoted(text)
    case .bool(let flag): output += flag ? "true" : "false"
    case .null: output += "null"
    case .array(let items):
      guard !items.isEmpty else { return output += "[]" }
      output += "[" + newline
      for (k, item) in items.enumerated() {
        output += pad
        item.write(into: &output, level: level + 1, indent: indent)
        output += (k + 1 < items.count ? "," : "") + newline
      }
      output += closingPad + "]"
    case .object(let members):
      guard !members.isEmpty else { return output += "{}" }
      output += "{" + newline
      for (k, (key, value)) in members.enumerated() {
        output += pad + Self.quoted(key) + (indent > 0 ? ": " : ":")
        value.write(into: &output, level: level + 1, indent: indent)
        output += (k + 1 < members.count ? "," : "") + newline
      }
      output += closingPad + "}"
    }
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
