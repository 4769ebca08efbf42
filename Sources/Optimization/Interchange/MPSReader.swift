#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import SparseAlgebra

/// A malformed or unsupported MPS/QPS file, or a file that cannot be read or written.
///
/// `line` is 1-based; 0 means the error concerns the whole file (for example, it cannot be opened).
public struct MPSError: Error, CustomStringConvertible, Equatable, Sendable {
  /// File name as given to the reader (`"<input>"` for text parsed from memory).
  public var file: String
  /// 1-based line number of the offending line, or 0 for file-level errors.
  public var line: Int
  /// What is wrong, naming the offending field or value.
  public var message: String

  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `FILE:LINE: message`, or `FILE: message` when `line` is 0.
  public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Reader for free MPS and QPS files (solver.md §8.5). See `Sources/Optimization/README.md` for the supported subset.
///
/// Decisions on points the format leaves open:
/// - a missing `ENDATA` is an **error** (a truncated download must not load as a smaller model);
/// - the entries of a column must be **contiguous**: a column name that reappears after another column is an error;
/// - only the first `N` row is the objective; later `N` rows and their entries are ignored with a warning;
/// - only the first RHS, RANGES and BOUNDS set name is used; lines of other sets are ignored with a warning;
/// - a duplicate entry (same row and column in `COLUMNS`, same row in `RHS` or `RANGES`) is an error; a later bound
///   on the same column overrides an earlier one;
/// - a value with |v| ≥ 1e20 in a row side or bound is infinite (solver.md §1.2);
/// - data lines must start with a space or tab; a line starting with `*` is a comment;
/// - the comment `* sense: maximise, objective negated` written by `MPSWriter` restores `isMaximisation` and the
///   original signs, so that a write → read round trip is exact.
///
/// Runs in time linear in the file size: byte-level scanning, an allocation-free name table, `strtod` for numbers.
public enum MPSReader {
  /// The comment line `MPSWriter` puts in a file exported from a maximisation.
  static let negatedMaximisationComment = "* sense: maximise, objective negated"

  /// Reads and parses the file at `path`.
  public static func read(contentsOf path: String) throws -> MPSModel {
    var bytes = try readFileBytes(path)
    bytes.append(0)
    return try bytes.withUnsafeBufferPointer { buffer in
      var parser = MPSParser(base: buffer.baseAddress!, count: buffer.count - 1, fileName: path)
      return try parser.run()
    }
  }

  /// Parses MPS/QPS text; `fileName` is used in error messages.
  public static func parse(_ text: String, fileName: String = "<input>") throws -> MPSModel {
    var bytes = Array(text.utf8)
    bytes.append(0)
    return try bytes.withUnsafeBufferPointer { buffer in
      var parser = MPSParser(base: buffer.baseAddress!, count: buffer.count - 1, fileName: fileName)
      return try parser.run()
    }
  }

  static func readFileBytes(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else {
      throw MPSError(file: path, line: 0, message: "cannot open file: \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if read > 0 { bytes.append(contentsOf: chunk[0..<read]) }
      if read < chunk.count {
        if ferror(file) != 0 { throw MPSError(file: path, line: 0, message: "read error") }
        break
      }
    }
    return bytes
  }
}

/// Sections of an MPS file, with the order rank used to reject misplaced sections.
private enum MPSSection: Equatable {
  case none, objsense, rows, columns, rhs, ranges, bounds, quadobj, qmatrix

  var rank: Int {
    switch self {
    case .none, .objsense: return 0
    case .rows: return 1
    case .columns: return 2
    case .rhs, .ranges, .bounds, .quadobj, .qmatrix: return 3
    }
  }
}

/// The single-pass parser. `base[0..<count]` is the text, `base[count]` is a NUL byte (for `strtod`).
private struct MPSParser {
  let base: UnsafePointer<UInt8>
  let count: Int
  let fileName: String

  var line = 0
  var section: MPSSection = .none
  var highestRank = 0
  var seenSections: [String] = []
  var ended = false

  // Fields of the current line as (start, end) offsets.
  var fieldStarts = [Int](repeating: 0, count: 16)
  var fieldEnds = [Int](repeating: 0, count: 16)
  var fieldCount = 0

  var name = ""
  var isMaximisation = false
  var senseGiven = false
  var negatedMarker = false
  var warnings: [String] = []

  // Rows. `rowCode[k]` for name-table entry k: ≥ 0 constraint row, −1 objective, −2 ignored N row.
  var rowTable = MPSNameTable()
  var rowCode: [Int32] = []
  var rowLine: [Int32] = []
  var objectiveName = ""
  var hasObjective = false
  var rowNames: [String] = []
  var rowType: [UInt8] = []

  // Columns and the matrix, built column by column (columns are contiguous).
  var columnTable = MPSNameTable()
  var columnLine: [Int32] = []
  var columnNames: [String] = []
  var objective: [Double] = []
  var columnStarts: [Int32] = [0]
  var entryRows: [Int32] = []
  var entryValues: [Double] = []
  var currentColumn = -1
  var currentStart = 0
  var currentEnd = 0
  var objectiveGivenForCurrent = false
  var lastColumnForRow: [Int32] = []

  // RHS and RANGES.
  var rhs: [Double] = []
  var rhsGiven: [Bool] = []
  var objectiveRHS: Double?
  var range: [Double] = []
  var rangeGiven: [Bool] = []
  /// First set name (start, end) seen in RHS, RANGES and BOUNDS; (−1, −1) until then.
  var setNames = [(Int, Int)](repeating: (-1, -1), count: 3)
  var warnedSets: Set<String> = []

  // Bounds.
  var columnLower: [Double] = []
  var columnUpper: [Double] = []
  var lowerGiven: [Bool] = []
  var negativeUpperLine: [Int32] = []
  var boundsAllocated = false

  // Quadratic objective entries in file order.
  var quadraticIsFull = false
  var quadRows: [Int32] = []
  var quadColumns: [Int32] = []
  var quadValues: [Double] = []
  var quadLines: [Int32] = []

  /// `strtod` follows the C locale's `LC_NUMERIC`; Swift programs keep "C" unless they call `setlocale`.
  let decimalPointIsDot: Bool

  init(base: UnsafePointer<UInt8>, count: Int, fileName: String) {
    if let conventions = localeconv(), let point = conventions.pointee.decimal_point {
      decimalPointIsDot = String(cString: point) == "."
    } else {
      decimalPointIsDot = false
    }
    self.base = base
    self.count = count
    self.fileName = fileName
    let estimate = max(16, count / 40)
    entryRows.reserveCapacity(estimate)
    entryValues.reserveCapacity(estimate)
  }

  // MARK: - Helpers

  func fail(_ message: String) -> MPSError { MPSError(file: fileName, line: line, message: message) }

  func text(_ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
  }

  func field(_ i: Int) -> String { text(fieldStarts[i], fieldEnds[i]) }

  func fieldEquals(_ i: Int, _ literal: StaticString) -> Bool {
    let length = fieldEnds[i] - fieldStarts[i]
    guard length == literal.utf8CodeUnitCount else { return false }
    return memcmp(base + fieldStarts[i], literal.utf8Start, length) == 0
  }

  func sliceEquals(_ a: (Int, Int), _ b: (Int, Int)) -> Bool {
    let length = a.1 - a.0
    return length == b.1 - b.0 && memcmp(base + a.0, base + b.0, length) == 0
  }

  /// The field as an upper-case ASCII string (keywords are matched case-insensitively).
  func keyword(_ i: Int) -> String { field(i).uppercased() }

  /// Parses field `i` as a number with `strtod` (correctly rounded); rejects NaN and trailing garbage.
  func number(_ i: Int) throws -> Double {
    let start = fieldStarts[i]
    let end = fieldEnds[i]
    if !decimalPointIsDot {
      // The process switched to a locale with another decimal separator: use the locale-independent stdlib parser.
      guard let value = Double(field(i)), !value.isNaN else { throw fail("expected a number, found '\(field(i))'") }
      return value
    }
    var stop: UnsafeMutablePointer<CChar>? = nil
    let value = UnsafeRawPointer(base + start).withMemoryRebound(to: CChar.self, capacity: end - start + 1) {
      strtod($0, &stop)
    }
    guard let stop, UnsafeRawPointer(stop) == UnsafeRawPointer(base + end) as UnsafeRawPointer, !value.isNaN else {
      throw fail("expected a number, found '\(field(i))'")
    }
    return value
  }

  /// Maps |v| ≥ 1e20 to an infinity (solver.md §1.2).
  static func side(_ value: Double) -> Double {
    if value >= 1e20 { return .infinity }
    if value <= -1e20 { return -.infinity }
    return value
  }

  func lookupRow(_ i: Int) -> Int {
    let s = fieldStarts[i]
    let e = fieldEnds[i]
    let k = rowTable.find(base, s, e, hash: MPSNameTable.hash(base, s, e))
    return k < 0 ? Int.min : Int(rowCode[k])
  }

  func lookupColumn(_ i: Int, in sectionName: String) throws -> Int {
    let s = fieldStarts[i]
    let e = fieldEnds[i]
    let k = columnTable.find(base, s, e, hash: MPSNameTable.hash(base, s, e))
    if k < 0 { throw fail("unknown column '\(field(i))' in \(sectionName)") }
    return k
  }

  // MARK: - Main loop

  mutating func run() throws -> MPSModel {
    var position = 0
    while position < count {
      line += 1
      var endOfLine = position
      while endOfLine < count && base[endOfLine] != 10 { endOfLine += 1 }
      try processLine(position, endOfLine)
      position = endOfLine + 1
      if ended { break }
    }
    if !ended {
      throw MPSError(
        file: fileName, line: max(line, 1), message: "missing ENDATA at end of file (is the file truncated?)")
    }
    return try finish()
  }

  mutating func split(_ start: Int, _ end: Int) throws {
    fieldCount = 0
    var i = start
    while true {
      while i < end && (base[i] == 32 || base[i] == 9 || base[i] == 13) { i += 1 }
      if i >= end { return }
      let fieldStart = i
      while i < end && base[i] != 32 && base[i] != 9 && base[i] != 13 { i += 1 }
      if fieldCount == fieldStarts.count { throw fail("too many fields on one line (more than \(fieldCount))") }
      fieldStarts[fieldCount] = fieldStart
      fieldEnds[fieldCount] = i
      fieldCount += 1
    }
  }

  mutating func processLine(_ start: Int, _ end: Int) throws {
    if start == end { return }
    let first = base[start]
    if first == 42 {  // '*'
      var stop = end
      while stop > start && (base[stop - 1] == 13 || base[stop - 1] == 32 || base[stop - 1] == 9) { stop -= 1 }
      if text(start, stop) == MPSReader.negatedMaximisationComment { negatedMarker = true }
      return
    }
    try split(start, end)
    if fieldCount == 0 { return }
    if first == 32 || first == 9 {
      try dataLine()
    } else {
      try header(start, end)
    }
  }

  mutating func enter(_ next: MPSSection, _ title: String) throws {
    if seenSections.contains(title) { throw fail("section \(title) appears twice") }
    if next != .objsense && next.rank < highestRank { throw fail("section \(title) must come before the sections already read") }
    if next == .quadobj || next == .qmatrix, seenSections.contains("QUADOBJ") || seenSections.contains("QMATRIX") {
      throw fail("only one of QUADOBJ, QSECTION and QMATRIX may be given")
    }
    seenSections.append(next == .quadobj ? "QUADOBJ" : title)
    if section == .columns { closeColumn() }
    if next.rank == 3 { allocateBounds() }
    section = next
    highestRank = max(highestRank, next.rank)
  }

  mutating func header(_ start: Int, _ end: Int) throws {
    let word = keyword(0)
    switch word {
    case "NAME":
      if seenSections.contains("NAME") { throw fail("section NAME appears twice") }
      seenSections.append("NAME")
      section = .none
      if fieldCount > 1 {
        var stop = end
        while stop > start && (base[stop - 1] == 13 || base[stop - 1] == 32 || base[stop - 1] == 9) { stop -= 1 }
        name = text(fieldStarts[1], stop)
      }
    case "OBJSENSE":
      try enter(.objsense, "OBJSENSE")
      if fieldCount > 1 { try readSense(1) }
    case "ROWS": try enter(.rows, "ROWS")
    case "COLUMNS": try enter(.columns, "COLUMNS")
    case "RHS": try enter(.rhs, "RHS")
    case "RANGES": try enter(.ranges, "RANGES")
    case "BOUNDS": try enter(.bounds, "BOUNDS")
    case "QUADOBJ": try enter(.quadobj, "QUADOBJ")
    case "QSECTION":
      if fieldCount > 1, hasObjective, field(1) != objectiveName {
        throw fail("QSECTION for row '\(field(1))': quadratic constraints are not supported")
      }
      try enter(.quadobj, "QSECTION")
    case "QMATRIX":
      try enter(.qmatrix, "QMATRIX")
      quadraticIsFull = true
    case "QCMATRIX":
      throw fail("section QCMATRIX (quadratic constraints) is not supported")
    case "ENDATA":
      if section == .columns { closeColumn() }
      ended = true
    default:
      throw fail("unknown section '\(field(0))'")
    }
  }

  mutating func readSense(_ i: Int) throws {
    if senseGiven { throw fail("objective sense given twice") }
    switch keyword(i) {
    case "MIN", "MINIMIZE", "MINIMISE": isMaximisation = false
    case "MAX", "MAXIMIZE", "MAXIMISE": isMaximisation = true
    default: throw fail("unknown objective sense '\(field(i))' (expected MIN or MAX)")
    }
    senseGiven = true
  }

  mutating func dataLine() throws {
    switch section {
    case .none: throw fail("data line outside any section: '\(field(0))'")
    case .objsense:
      if fieldCount != 1 { throw fail("OBJSENSE line needs 1 field, found \(fieldCount)") }
      try readSense(0)
    case .rows: try readRowLine()
    case .columns: try readColumnLine()
    case .rhs: try rhsOrRangeLine(isRange: false)
    case .ranges: try rhsOrRangeLine(isRange: true)
    case .bounds: try boundLine()
    case .quadobj, .qmatrix: try quadraticLine()
    }
  }

  // MARK: - ROWS

  mutating func readRowLine() throws {
    if fieldCount != 2 { throw fail("ROWS line needs 2 fields (type, name), found \(fieldCount)") }
    let s = fieldStarts[1]
    let e = fieldEnds[1]
    let hash = MPSNameTable.hash(base, s, e)
    let existing = rowTable.find(base, s, e, hash: hash)
    if existing >= 0 { throw fail("duplicate row name '\(field(1))' (first at line \(rowLine[existing]))") }
    let type: UInt8
    switch keyword(0) {
    case "N": type = 78
    case "E": type = 69
    case "L": type = 76
    case "G": type = 71
    default: throw fail("unknown row type '\(field(0))' for row '\(field(1))' (expected N, E, L or G)")
    }
    _ = rowTable.insert(s, e, hash: hash)
    rowLine.append(Int32(truncatingIfNeeded: line))
    if type == 78 {
      if hasObjective {
        rowCode.append(-2)
        warnings.append("line \(line): extra free row '\(field(1))' ignored (the objective is '\(objectiveName)')")
      } else {
        rowCode.append(-1)
        hasObjective = true
        objectiveName = field(1)
      }
    } else {
      rowCode.append(Int32(truncatingIfNeeded: rowNames.count))
      rowNames.append(field(1))
      rowType.append(type)
    }
  }

  // MARK: - COLUMNS

  mutating func closeColumn() {
    if currentColumn >= 0 && columnStarts.count == currentColumn + 1 {
      columnStarts.append(Int32(truncatingIfNeeded: entryRows.count))
    }
  }

  mutating func readColumnLine() throws {
    if fieldCount >= 2 && fieldEquals(1, "'MARKER'") {
      let kind = fieldCount >= 3 ? " \(field(2))" : ""
      throw fail(
        "integer MARKER line ('MARKER'\(kind)) is not supported: ComputeGrid solves continuous problems only")
    }
    if fieldCount != 3 && fieldCount != 5 {
      throw fail("COLUMNS line needs 3 or 5 fields (column, row, value[, row, value]), found \(fieldCount)")
    }
    if lastColumnForRow.count != rowNames.count {
      lastColumnForRow = [Int32](repeating: -1, count: rowNames.count)
    }
    let s = fieldStarts[0]
    let e = fieldEnds[0]
    if currentColumn < 0 || !sliceEquals((s, e), (currentStart, currentEnd)) {
      let hash = MPSNameTable.hash(base, s, e)
      let existing = columnTable.find(base, s, e, hash: hash)
      if existing >= 0 {
        throw fail(
          "column '\(field(0))' appears in two separate blocks (first at line \(columnLine[existing])); "
            + "the entries of a column must be contiguous")
      }
      closeColumn()
      currentColumn = columnTable.insert(s, e, hash: hash)
      currentStart = s
      currentEnd = e
      columnLine.append(Int32(truncatingIfNeeded: line))
      columnNames.append(field(0))
      objective.append(0)
      objectiveGivenForCurrent = false
    }
    var pair = 1
    while pair < fieldCount {
      let code = lookupRow(pair)
      if code == Int.min { throw fail("unknown row '\(field(pair))' in COLUMNS") }
      let value = try number(pair + 1)
      if code >= 0 {
        if Int(lastColumnForRow[code]) == currentColumn {
          throw fail("duplicate entry for row '\(field(pair))' in column '\(field(0))'")
        }
        lastColumnForRow[code] = Int32(truncatingIfNeeded: currentColumn)
        entryRows.append(Int32(truncatingIfNeeded: code))
        entryValues.append(value)
      } else if code == -1 {
        if objectiveGivenForCurrent {
          throw fail("duplicate entry for row '\(field(pair))' in column '\(field(0))'")
        }
        objectiveGivenForCurrent = true
        objective[currentColumn] = value
      }
      pair += 2
    }
  }

  // MARK: - RHS, RANGES

  /// True when the line belongs to the first set seen in its section; warns once per ignored set.
  mutating func acceptSet(_ slot: Int, sectionName: String) -> Bool {
    let current = (fieldStarts[0], fieldEnds[0])
    let first = setNames[slot]
    if first.0 < 0 {
      setNames[slot] = current
      return true
    }
    if sliceEquals(first, current) { return true }
    let key = sectionName + " " + field(0)
    if !warnedSets.contains(key) {
      warnedSets.insert(key)
      warnings.append(
        "line \(line): \(sectionName) set '\(field(0))' ignored; only the first set '\(text(first.0, first.1))' is used")
    }
    return false
  }

  mutating func rhsOrRangeLine(isRange: Bool) throws {
    let sectionName = isRange ? "RANGES" : "RHS"
    if rhs.count != rowNames.count {
      rhs = [Double](repeating: 0, count: rowNames.count)
      rhsGiven = [Bool](repeating: false, count: rowNames.count)
    }
    if range.count != rowNames.count {
      range = [Double](repeating: 0, count: rowNames.count)
      rangeGiven = [Bool](repeating: false, count: rowNames.count)
    }
    var first: Int
    switch fieldCount {
    case 2, 4: first = 0
    case 3, 5:
      first = 1
      let accepted = acceptSet(isRange ? 1 : 0, sectionName: sectionName)
      if !accepted { return }
    default:
      throw fail("\(sectionName) line needs 3 or 5 fields (set, row, value[, row, value]), found \(fieldCount)")
    }
    while first < fieldCount {
      let code = lookupRow(first)
      if code == Int.min { throw fail("unknown row '\(field(first))' in \(sectionName)") }
      let value = try number(first + 1)
      if code >= 0 {
        if isRange {
          if rangeGiven[code] { throw fail("duplicate RANGES entry for row '\(field(first))'") }
          rangeGiven[code] = true
          range[code] = value
        } else {
          if rhsGiven[code] { throw fail("duplicate RHS entry for row '\(field(first))'") }
          rhsGiven[code] = true
          rhs[code] = value
        }
      } else if code == -1 && !isRange {
        if objectiveRHS != nil { throw fail("duplicate RHS entry for row '\(field(first))'") }
        objectiveRHS = value
      }
      first += 2
    }
  }

  // MARK: - BOUNDS

  mutating func allocateBounds() {
    if boundsAllocated { return }
    boundsAllocated = true
    let n = columnNames.count
    columnLower = [Double](repeating: 0, count: n)
    columnUpper = [Double](repeating: .infinity, count: n)
    lowerGiven = [Bool](repeating: false, count: n)
    negativeUpperLine = [Int32](repeating: 0, count: n)
  }

  mutating func boundLine() throws {
    if fieldCount < 2 { throw fail("BOUNDS line needs a type and a column, found \(fieldCount) field") }
    let type = keyword(0)
    let needsValue: Bool
    switch type {
    case "UP", "LO", "FX": needsValue = true
    case "FR", "MI", "PL": needsValue = false
    case "BV": throw fail("bound type BV (binary) is not supported: ComputeGrid solves continuous problems only")
    case "LI":
      throw fail("bound type LI (integer lower bound) is not supported: ComputeGrid solves continuous problems only")
    case "UI":
      throw fail("bound type UI (integer upper bound) is not supported: ComputeGrid solves continuous problems only")
    case "SC":
      throw fail("bound type SC (semi-continuous) is not supported: ComputeGrid solves continuous problems only")
    default: throw fail("unknown bound type '\(field(0))' (expected UP, LO, FX, FR, MI or PL)")
    }
    // Field layout: TYPE [SET] COLUMN [VALUE].
    let hasSet: Bool
    if needsValue {
      guard fieldCount == 3 || fieldCount == 4 else {
        throw fail("\(type) bound needs 4 fields (type, set, column, value), found \(fieldCount)")
      }
      hasSet = fieldCount == 4
    } else {
      guard fieldCount >= 2 && fieldCount <= 4 else {
        throw fail("\(type) bound needs 3 fields (type, set, column), found \(fieldCount)")
      }
      hasSet = fieldCount >= 3
    }
    if hasSet {
      // acceptSet reads field 0; shift the view by one field.
      let saved = (fieldStarts[0], fieldEnds[0])
      fieldStarts[0] = fieldStarts[1]
      fieldEnds[0] = fieldEnds[1]
      let accepted = acceptSet(2, sectionName: "BOUNDS")
      fieldStarts[0] = saved.0
      fieldEnds[0] = saved.1
      if !accepted { return }
    }
    let columnField = hasSet ? 2 : 1
    let column = try lookupColumn(columnField, in: "BOUNDS")
    let value = needsValue ? MPSParser.side(try number(columnField + 1)) : 0
    switch type {
    case "UP":
      columnUpper[column] = value
      if value < 0 && !lowerGiven[column] { negativeUpperLine[column] = Int32(truncatingIfNeeded: line) }
    case "LO":
      columnLower[column] = value
      lowerGiven[column] = true
    case "FX":
      columnLower[column] = value
      columnUpper[column] = value
      lowerGiven[column] = true
    case "FR":
      columnLower[column] = -.infinity
      columnUpper[column] = .infinity
      lowerGiven[column] = true
    case "MI":
      columnLower[column] = -.infinity
      lowerGiven[column] = true
    default:  // PL
      columnUpper[column] = .infinity
    }
  }

  // MARK: - QUADOBJ / QMATRIX

  mutating func quadraticLine() throws {
    let sectionName = quadraticIsFull ? "QMATRIX" : "QUADOBJ"
    if fieldCount != 3 { throw fail("\(sectionName) line needs 3 fields (column, column, value), found \(fieldCount)") }
    let i = try lookupColumn(0, in: sectionName)
    let j = try lookupColumn(1, in: sectionName)
    let value = try number(2)
    if quadraticIsFull {
      quadRows.append(Int32(truncatingIfNeeded: i))
      quadColumns.append(Int32(truncatingIfNeeded: j))
    } else {
      quadRows.append(Int32(truncatingIfNeeded: min(i, j)))
      quadColumns.append(Int32(truncatingIfNeeded: max(i, j)))
    }
    quadValues.append(value)
    quadLines.append(Int32(truncatingIfNeeded: line))
  }

  func buildQuadratic(columnCount n: Int) throws -> CSCMatrix {
    var builder = TripletBuilder(rowCount: n, columnCount: n, reserve: quadValues.count)
    for k in 0..<quadValues.count {
      builder.append(row: Int(quadRows[k]), column: Int(quadColumns[k]), value: quadValues[k])
    }
    let (summed, map) = try builder.makeCSCWithMap()
    // A pair listed twice is an error, not a sum: report the earliest repeated line.
    var entryLine = [Int32](repeating: 0, count: summed.nonzeroCount)
    var entryValue = [Double](repeating: 0, count: summed.nonzeroCount)
    for k in 0..<quadValues.count {
      let entry = Int(map[k])
      if entryLine[entry] != 0 {
        let a = columnNames[Int(quadRows[k])]
        let b = columnNames[Int(quadColumns[k])]
        let what = quadraticIsFull ? "QMATRIX entry" : "QUADOBJ pair"
        throw MPSError(
          file: fileName, line: Int(quadLines[k]),
          message: "\(what) (\(a), \(b)) given twice (first at line \(entryLine[entry])); list it once")
      }
      entryLine[entry] = quadLines[k]
      entryValue[entry] = quadValues[k]
    }
    if !quadraticIsFull { return summed.withValues(entryValue) }
    // QMATRIX: the full matrix; (i, j) and (j, i) must both be present and equal. Report the earliest bad line.
    var worst: MPSError?
    for column in 0..<n {
      for entry in Int(summed.columnStarts[column])..<Int(summed.columnStarts[column + 1]) {
        let row = Int(summed.rowIndices[entry])
        if row == column { continue }
        let lineHere = Int(entryLine[entry])
        var candidate: MPSError?
        if let mirror = summed.entryIndex(row: column, column: row) {
          let lineThere = Int(entryLine[mirror])
          if entryValue[mirror] != entryValue[entry] && lineHere > lineThere {
            candidate = MPSError(
              file: fileName, line: lineHere,
              message: "QMATRIX is not symmetric: (\(columnNames[row]), \(columnNames[column])) = "
                + "\(entryValue[entry]) but (\(columnNames[column]), \(columnNames[row])) = \(entryValue[mirror]) "
                + "at line \(lineThere)")
          }
        } else {
          candidate = MPSError(
            file: fileName, line: lineHere,
            message: "QMATRIX entry (\(columnNames[row]), \(columnNames[column])) has no mirror entry "
              + "(\(columnNames[column]), \(columnNames[row])); QMATRIX needs the full symmetric matrix")
        }
        if let candidate, worst == nil || candidate.line < worst!.line { worst = candidate }
      }
    }
    if let worst { throw worst }
    var starts = [Int32](repeating: 0, count: n + 1)
    var rows: [Int32] = []
    var values: [Double] = []
    rows.reserveCapacity(summed.nonzeroCount / 2 + n)
    values.reserveCapacity(summed.nonzeroCount / 2 + n)
    for column in 0..<n {
      for entry in Int(summed.columnStarts[column])..<Int(summed.columnStarts[column + 1])
      where Int(summed.rowIndices[entry]) <= column {
        rows.append(summed.rowIndices[entry])
        values.append(entryValue[entry])
      }
      starts[column + 1] = Int32(truncatingIfNeeded: rows.count)
    }
    return try CSCMatrix(rowCount: n, columnCount: n, columnStarts: starts, rowIndices: rows, values: values)
  }

  // MARK: - Assembly

  mutating func finish() throws -> MPSModel {
    closeColumn()
    allocateBounds()
    let n = columnNames.count
    let m = rowNames.count
    if columnStarts.count != n + 1 {  // defensive: every opened column was closed
      throw MPSError(file: fileName, line: line, message: "internal error: column structure inconsistent")
    }
    // Sort row indices inside each column (usually already sorted; duplicates were rejected while reading).
    for column in 0..<n {
      let start = Int(columnStarts[column])
      let end = Int(columnStarts[column + 1])
      var sorted = true
      var k = start + 1
      while k < end {
        if entryRows[k - 1] > entryRows[k] {
          sorted = false
          break
        }
        k += 1
      }
      if sorted { continue }
      var pairs = (start..<end).map { (entryRows[$0], entryValues[$0]) }
      pairs.sort { $0.0 < $1.0 }
      for (offset, pair) in pairs.enumerated() {
        entryRows[start + offset] = pair.0
        entryValues[start + offset] = pair.1
      }
    }
    let matrix = try CSCMatrix(
      rowCount: m, columnCount: n, columnStarts: columnStarts, rowIndices: entryRows, values: entryValues)
    let quadratic = try buildQuadratic(columnCount: n)

    // Row sides from type, RHS and RANGES (solver.md §8.5).
    var rowLower = [Double](repeating: 0, count: m)
    var rowUpper = [Double](repeating: 0, count: m)
    let haveRHS = rhs.count == m
    let haveRange = range.count == m
    for i in 0..<m {
      let r = haveRHS ? rhs[i] : 0
      let hasRange = haveRange && rangeGiven[i]
      let big = hasRange ? range[i] : 0
      var lower: Double
      var upper: Double
      switch rowType[i] {
      case 69:  // E
        lower = r
        upper = r
        if hasRange {
          if big > 0 { upper = r + big } else if big < 0 { lower = r + big }
        }
      case 76:  // L
        lower = hasRange ? r - abs(big) : -.infinity
        upper = r
      default:  // G
        lower = r
        upper = hasRange ? r + abs(big) : .infinity
      }
      rowLower[i] = MPSParser.side(lower)
      rowUpper[i] = MPSParser.side(upper)
    }

    for column in 0..<n where negativeUpperLine[column] != 0 && !lowerGiven[column] {
      warnings.append(
        "line \(negativeUpperLine[column]): negative UP bound on column '\(columnNames[column])' with no lower bound "
          + "given; the lower bound stays 0 (some writers mean −∞ here: add an MI bound)")
    }

    var model = MPSModel(
      name: name, isMaximisation: isMaximisation, objectiveName: objectiveName,
      objectiveConstant: objectiveRHS.map { -$0 } ?? 0,
      columnNames: columnNames, objective: objective, columnLower: columnLower, columnUpper: columnUpper,
      rowNames: rowNames, rowLower: rowLower, rowUpper: rowUpper, matrix: matrix, quadratic: quadratic,
      warnings: warnings)
    if negatedMarker {
      if senseGiven && isMaximisation {
        model.warnings.append("comment '\(MPSReader.negatedMaximisationComment)' ignored: the file sets OBJSENSE MAX")
      } else {
        model.isMaximisation = true
        model.objectiveConstant = -model.objectiveConstant
        for j in 0..<n { model.objective[j] = -model.objective[j] }
        model.quadratic = model.quadratic.withValues(model.quadratic.values.map { -$0 })
      }
    }
    return model
  }
}

extension CSCMatrix {
  /// The same pattern with new values (same count).
  fileprivate func withValues(_ newValues: [Double]) -> CSCMatrix {
    var copy = self
    copy.values = newValues
    return copy
  }
}
