/// A numeric matrix as it appears in a case file, before any meaning is given to its columns.
struct RawMatrix: Sendable {
  var name: String
  /// Line of the `name = [` assignment.
  var line: Int
  var rowCount = 0
  var columnCount = 0
  /// Row-major values.
  var values: [Double] = []
  /// Source line of each row (the line its first entry is on).
  var rowLines: [Int] = []
  /// Source text of each entry is not kept (memory); malformed entries fail during scanning.

  subscript(row: Int, column: Int) -> Double { values[row * columnCount + column] }
}

/// The assignments of a MATPOWER case file that the reader understands.
struct RawCaseFile: Sendable {
  var numbers: [String: (value: Double, line: Int)] = [:]
  var strings: [String: (value: String, line: Int)] = [:]
  var matrices: [String: RawMatrix] = [:]
}

/// A single-pass scanner for the subset of MATLAB used by MATPOWER case files.
///
/// It reads assignments `mpc.NAME = value;` where value is a number, a quoted string, a numeric matrix
/// `[ … ]` (rows separated by `;` or new lines, entries by blanks or commas, `...` continues a line,
/// `%` starts a comment, an optional trailing `'` transposes) or a cell array `{ … }` (skipped). Only the
/// matrices named in `numericMatrices` are converted to numbers; others are skipped. Every other statement
/// (`function mpc = case30`, `end`, …) is skipped up to the end of its line. Linear in the file size.
struct MATLABCaseScanner {
  let file: String
  let bytes: [UInt8]
  let numericMatrices: Set<String>
  /// Column names by matrix, used only to name the element in error messages.
  let columnNames: [String: [String]]
  var position = 0
  var line = 1

  init(file: String, bytes: [UInt8], numericMatrices: Set<String>, columnNames: [String: [String]]) {
    self.file = file
    self.bytes = bytes
    self.numericMatrices = numericMatrices
    self.columnNames = columnNames
  }

  private static let newline = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")
  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")
  private static let percent = UInt8(ascii: "%")
  private static let semicolon = UInt8(ascii: ";")
  private static let comma = UInt8(ascii: ",")
  private static let dot = UInt8(ascii: ".")
  private static let quote = UInt8(ascii: "'")
  private static let doubleQuote = UInt8(ascii: "\"")

  private func peek(_ offset: Int = 0) -> UInt8? {
    let index = position + offset
    return index < bytes.count ? bytes[index] : nil
  }

  private func error(_ kind: CaseFileError.Kind, line: Int? = nil, element: String? = nil, value: String? = nil,
                     _ message: String) -> CaseFileError {
    CaseFileError(kind, file: file, line: line ?? self.line, element: element, value: value, message: message)
  }

  private static func isBlank(_ c: UInt8) -> Bool { c == space || c == tab || c == carriageReturn }
  private static func isIdentifierStart(_ c: UInt8) -> Bool {
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
  }
  private static func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || (c >= 48 && c <= 57) }

  private mutating func skipBlanks() {
    while let c = peek(), Self.isBlank(c) { position += 1 }
  }

  /// Moves to the newline ending the current line (not past it).
  private mutating func skipToEndOfLine() {
    while let c = peek(), c != Self.newline { position += 1 }
  }

  private func isContinuation() -> Bool {
    peek() == Self.dot && peek(1) == Self.dot && peek(2) == Self.dot
  }

  /// `%{` alone on a line opens a block comment closed by `%}` alone on a line.
  private func isBlockCommentStart() -> Bool {
    guard peek() == Self.percent, peek(1) == UInt8(ascii: "{") else { return false }
    var index = position + 2
    while index < bytes.count, bytes[index] != Self.newline {
      if !Self.isBlank(bytes[index]) { return false }
      index += 1
    }
    var start = position - 1
    while start >= 0, bytes[start] != Self.newline {
      if !Self.isBlank(bytes[start]) { return false }
      start -= 1
    }
    return true
  }

  private mutating func skipBlockComment() throws {
    let startLine = line
    skipToEndOfLine()
    while position < bytes.count {
      position += 1  // the newline
      line += 1
      skipBlanks()
      if peek() == Self.percent, peek(1) == UInt8(ascii: "}") {
        skipToEndOfLine()
        return
      }
      skipToEndOfLine()
    }
    throw error(.syntax, line: startLine, "block comment '%{' is never closed with '%}'")
  }

  mutating func scan() throws -> RawCaseFile {
    var result = RawCaseFile()
    while let c = peek() {
      if Self.isBlank(c) || c == Self.semicolon || c == Self.comma {
        position += 1
      } else if c == Self.newline {
        position += 1
        line += 1
      } else if c == Self.percent {
        if isBlockCommentStart() { try skipBlockComment() } else { skipToEndOfLine() }
      } else if Self.isIdentifierStart(c) {
        try scanStatement(into: &result)
      } else {
        throw error(.syntax, value: String(decoding: [c], as: UTF8.self),
                    "unexpected character at the start of a statement")
      }
    }
    return result
  }

  private mutating func readIdentifierPath() -> String {
    let start = position
    while let c = peek(), Self.isIdentifierPart(c) || c == Self.dot { position += 1 }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  private mutating func scanStatement(into result: inout RawCaseFile) throws {
    let statementLine = line
    let path = readIdentifierPath()
    skipBlanks()
    guard path != "function", peek() == UInt8(ascii: "="), peek(1) != UInt8(ascii: "=") else {
      try skipStatement()
      return
    }
    position += 1
    skipBlanks()
    // `mpc.bus` → `bus`; a bare name (`baseMVA = 100` in old files) keeps its name.
    let parts = path.split(separator: ".", omittingEmptySubsequences: false)
    let name = parts.count == 2 ? String(parts[1]) : (parts.count == 1 ? path : "")
    guard let c = peek() else { throw error(.syntax, element: path, "assignment has no value") }
    switch c {
    case UInt8(ascii: "["):
      if numericMatrices.contains(name) {
        var matrix = try scanMatrix(name: name)
        matrix.line = statementLine
        result.matrices[name] = matrix
      } else {
        try skipBracketed()
      }
    case UInt8(ascii: "{"):
      try skipBracketed()
    case Self.quote, Self.doubleQuote:
      let text = try scanString()
      result.strings[name] = (text, statementLine)
    default:
      let start = position
      while let d = peek(), !Self.isBlank(d), d != Self.semicolon, d != Self.comma, d != Self.newline,
        d != Self.percent
      { position += 1 }
      let token = bytes[start..<position]
      if let value = Self.parseNumber(token) {
        result.numbers[name] = (value, statementLine)
      } else if ["baseMVA", "version"].contains(name) {
        throw error(.malformedNumber, element: "mpc.\(name)", value: String(decoding: token, as: UTF8.self),
                    "expected a number")
      }
    }
    try skipStatement()
  }

  /// Skips the rest of a statement: up to the end of the line, honouring `...` continuations,
  /// brackets and strings so that a `%` or newline inside them does not end it early.
  private mutating func skipStatement() throws {
    while let c = peek() {
      if c == Self.newline { return }
      if c == Self.percent { skipToEndOfLine(); return }
      if isContinuation() {
        skipToEndOfLine()
        if peek() == Self.newline { position += 1; line += 1 }
        continue
      }
      if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") || c == UInt8(ascii: "(") {
        try skipBracketed()
        continue
      }
      if (c == Self.quote && quoteStartsString()) || c == Self.doubleQuote {
        _ = try scanString()
        continue
      }
      position += 1
    }
  }

  /// A `'` starts a string unless it follows a value (then it is MATLAB's transpose operator).
  private func quoteStartsString() -> Bool {
    guard position > 0 else { return true }
    let previous = bytes[position - 1]
    return !(Self.isIdentifierPart(previous) || previous == UInt8(ascii: "]") || previous == UInt8(ascii: "}")
      || previous == UInt8(ascii: ")") || previous == Self.dot || previous == Self.quote)
  }

  /// Reads a quoted string (`'…'` with `''` for a quote, or `"…"`), positioned on the opening quote.
  private mutating func scanString() throws -> String {
    let startLine = line
    let delimiter = bytes[position]
    position += 1
    var text: [UInt8] = []
    while let c = peek() {
      if c == Self.newline { break }
      position += 1
      if c == delimiter {
        if peek() == delimiter {
          text.append(c)
          position += 1
        } else {
          return String(decoding: text, as: UTF8.self)
        }
      } else {
        text.append(c)
      }
    }
    throw error(.syntax, line: startLine, value: String(decoding: text.prefix(40), as: UTF8.self),
                "string is not closed on its line")
  }

  /// Skips a `[…]`, `{…}` or `(…)` block, nested, honouring strings and comments.
  private mutating func skipBracketed() throws {
    let startLine = line
    var depth = 0
    while let c = peek() {
      switch c {
      case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "("):
        depth += 1
        position += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ")"):
        depth -= 1
        position += 1
        if depth == 0 { return }
      case Self.newline:
        line += 1
        position += 1
      case Self.percent:
        skipToEndOfLine()
      case Self.quote where quoteStartsString(), Self.doubleQuote:
        _ = try scanString()
      default:
        position += 1
      }
    }
    throw error(.syntax, line: startLine, "bracket opened here is never closed")
  }

  private func elementName(_ matrix: String, row: Int, column: Int) -> String {
    let names = columnNames[matrix] ?? []
    let columnText = column < names.count ? names[column] : "\(column + 1)"
    return "\(matrix) row \(row), column \(columnText)"
  }

  /// Reads a numeric matrix, positioned on `[`.
  private mutating func scanMatrix(name: String) throws -> RawMatrix {
    let startLine = line
    var matrix = RawMatrix(name: name, line: startLine)
    matrix.values.reserveCapacity(1024)
    position += 1
    var entriesInRow = 0
    var rowLine = line

    func finishRow(_ scanner: MATLABCaseScanner, _ matrix: inout RawMatrix, _ entries: inout Int) throws {
      guard entries > 0 else { return }
      if matrix.rowCount == 0 {
        matrix.columnCount = entries
      } else if entries != matrix.columnCount {
        throw scanner.error(
          .columnCount, line: rowLine, element: "\(name) row \(matrix.rowCount + 1)", value: "\(entries) columns",
          "every row of mpc.\(name) must have the same number of columns; row 1 has \(matrix.columnCount)")
      }
      matrix.rowCount += 1
      matrix.rowLines.append(rowLine)
      entries = 0
    }

    while true {
      guard let c = peek() else {
        throw error(.syntax, line: startLine, element: "mpc.\(name)", "matrix opened with '[' is never closed with ']'")
      }
      if Self.isBlank(c) || c == Self.comma {
        position += 1
      } else if c == Self.newline {
        try finishRow(self, &matrix, &entriesInRow)
        position += 1
        line += 1
      } else if c == Self.semicolon {
        try finishRow(self, &matrix, &entriesInRow)
        position += 1
      } else if c == Self.percent {
        skipToEndOfLine()
      } else if isContinuation() {
        skipToEndOfLine()
        if peek() == Self.newline { position += 1; line += 1 }
      } else if c == UInt8(ascii: "]") {
        try finishRow(self, &matrix, &entriesInRow)
        position += 1
        break
      } else {
        let start = position
        while let d = peek(), !Self.isBlank(d), d != Self.comma, d != Self.semicolon, d != Self.newline,
          d != Self.percent, d != UInt8(ascii: "]")
        { position += 1 }
        let token = bytes[start..<position]
        guard let value = Self.parseNumber(token) else {
          throw error(
            .malformedNumber, element: elementName(name, row: matrix.rowCount + 1, column: entriesInRow),
            value: String(decoding: token, as: UTF8.self), "not a number")
        }
        if entriesInRow == 0 { rowLine = line }
        matrix.values.append(value)
        entriesInRow += 1
      }
    }
    if peek() == Self.quote {  // transpose
      position += 1
      if matrix.rowCount > 0 {
        var transposed = [Double](repeating: 0, count: matrix.values.count)
        for r in 0..<matrix.rowCount {
          for k in 0..<matrix.columnCount { transposed[k * matrix.rowCount + r] = matrix.values[r * matrix.columnCount + k] }
        }
        matrix.values = transposed
        swap(&matrix.rowCount, &matrix.columnCount)
        matrix.rowLines = [Int](repeating: startLine, count: matrix.rowCount)
      }
    }
    return matrix
  }

  /// Parses a MATLAB numeric literal: `12`, `-1.5`, `.5`, `1e-3`, `2.5E+02`, `Inf`, `-Inf`, `NaN`.
  /// Returns nil for anything else (including hexadecimal and `1e`), so no partial values slip through.
  static func parseNumber(_ token: ArraySlice<UInt8>) -> Double? {
    var index = token.startIndex
    let end = token.endIndex
    guard index < end else { return nil }
    var negative = false
    if token[index] == UInt8(ascii: "+") || token[index] == UInt8(ascii: "-") {
      negative = token[index] == UInt8(ascii: "-")
      index += 1
    }
    let rest = token[index..<end]
    if rest.count == 3 || rest.count == 8 {
      let lower = String(decoding: rest, as: UTF8.self).lowercased()
      if lower == "inf" || lower == "infinity" { return negative ? -.infinity : .infinity }
      if lower == "nan" { return .nan }
    }
    // Validate the shape: digits [. digits] [e [sign] digits], at least one mantissa digit.
    var mantissaDigits = 0
    while index < end, token[index] >= 48, token[index] <= 57 { index += 1; mantissaDigits += 1 }
    if index < end, token[index] == dot {
      index += 1
      while index < end, token[index] >= 48, token[index] <= 57 { index += 1; mantissaDigits += 1 }
    }
    guard mantissaDigits > 0 else { return nil }
    if index < end, token[index] == UInt8(ascii: "e") || token[index] == UInt8(ascii: "E") {
      index += 1
      if index < end, token[index] == UInt8(ascii: "+") || token[index] == UInt8(ascii: "-") { index += 1 }
      var exponentDigits = 0
      while index < end, token[index] >= 48, token[index] <= 57 { index += 1; exponentDigits += 1 }
      guard exponentDigits > 0 else { return nil }
    }
    guard index == end else { return nil }
    return Double(String(decoding: token, as: UTF8.self))
  }
}
