import Foundation

/// A progress note on standard error, so that standard output keeps the command's result.
func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// CSV text of `rows` (the first row is the header): comma-separated, one line per row, a final newline. Cells are
/// written as given; the tables here hold numbers, names and units without commas.
func csv(_ rows: [[String]]) -> String { rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n" }
