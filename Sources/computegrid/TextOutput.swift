import Foundation

/// A progress note on standard error, so that standard output keeps the command's result.
func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// CSV text of `rows` (the first row is the header): comma-separated, one line per row, a final newline. A cell with
/// a comma, a quote or a line break (a user's unit or site name) is quoted as RFC 4180 says.
func csv(_ rows: [[String]]) -> String {
  func field(_ cell: String) -> String {
    guard cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return cell }
    return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
  return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
}
