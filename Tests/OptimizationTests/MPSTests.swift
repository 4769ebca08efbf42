import Foundation
import SparseAlgebra
import Testing

@testable import Optimization

private let inf = Double.infinity

/// Parses `text`, failing the test with the reader's message on error.
private func parse(_ text: String) throws -> MPSModel { try MPSReader.parse(text, fileName: "t.mps") }

/// The error thrown for `text`, or nil.
private func parseError(_ text: String) -> MPSError? {
  do {
    _ = try MPSReader.parse(text, fileName: "bad.mps")
    return nil
  } catch let error as MPSError {
    return error
  } catch {
    return nil
  }
}

private func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

@Suite("MPS reader")
struct MPSReaderTests {
  @Test func linearProgramWithRangesOnEveryRowType() throws {
    let text = """
      NAME          TESTLP
      * a comment line
      ROWS
       N  COST
       E  e1
       E  e2
       E  e3
       L  l1
       G  g1
       L  l2
       G  g2
      COLUMNS
          x1  COST  1.5  e1  1
          x1  l1  2
      \tx2\te2\t1\t\tg1   -1
          x3  COST  -2  e3  1
          x3  l2  1  g2  1
          x3  l1  0
      RHS
          RHS  COST  -7.5
          RHS  e1  3  e2  3
          RHS  e3  4  l1  10
          RHS  g1  -2  l2  5
          RHS  g2  1
      RANGES
          RNG  e1  2  e2  -2
          RNG  l1  -4  g1  3
          RNG  COST  99
      ENDATA
      """
    let model = try parse(text)
    #expect(model.name == "TESTLP")
    #expect(!model.isMaximisation)
    #expect(model.objectiveName == "COST")
    #expect(model.objectiveConstant == 7.5)
    #expect(model.columnNames == ["x1", "x2", "x3"])
    #expect(model.objective == [1.5, 0, -2])
    #expect(model.rowNames == ["e1", "e2", "e3", "l1", "g1", "l2", "g2"])
    #expect(model.rowLower == [3, 1, 4, 6, -2, -inf, 1])
    #expect(model.rowUpper == [5, 3, 4, 10, 1, 5, inf])
    #expect(model.columnLower == [0, 0, 0])
    #expect(model.columnUpper == [inf, inf, inf])
    #expect(model.matrix.rowCount == 7 && model.matrix.columnCount == 3)
    #expect(model.matrix.columnStarts == [0, 2, 4, 8])
    #expect(model.matrix.rowIndices == [0, 3, 1, 4, 2, 3, 5, 6])  // x3's rows sorted; explicit zero kept
    #expect(model.matrix.values == [1, 2, 1, -1, 1, 0, 1, 1])
    #expect(model.quadratic.nonzeroCount == 0 && model.quadratic.rowCount == 3)
    #expect(model.warnings.isEmpty)
  }

  @Test func allBoundTypes() throws {
    let text = """
      NAME
      ROWS
       N  obj
       L  c
      COLUMNS
          x1  c  1
          x2  c  1
          x3  c  1
          x4  c  1
          x5  c  1
          x6  c  1
          x7  c  1
          x8  c  1
          x9  c  1
          x10  c  1
      BOUNDS
       UP BND  x1  4
       LO BND  x2  -1
       FX BND  x3  2.5
       FR BND  x4
       MI BND  x5
       MI BND  x6
       UP BND  x6  3
       UP BND  x7  5
       PL BND  x7
       UP BND  x8  -2
       LO BND  x9  -1e30
       UP BND  x9  1e25
       UP x10  7
       UP BND2  x1  99
      ENDATA
      """
    let model = try parse(text)
    #expect(model.name == "")
    #expect(model.columnLower == [0, -1, 2.5, -inf, -inf, -inf, 0, 0, -inf, 0])
    #expect(model.columnUpper == [4, inf, 2.5, inf, inf, 3, inf, -2, inf, 7])
    #expect(model.warnings.count == 2)
    #expect(model.warnings.contains { $0.contains("BOUNDS set 'BND2' ignored") })
    #expect(model.warnings.contains { $0.contains("line 26: negative UP bound on column 'x8'") })
  }

  @Test func objectiveSenseForms() throws {
    let body = """
      ROWS
       N  obj
      COLUMNS
          x  obj  3
      ENDATA
      """
    let sameLine = try parse("NAME m\nOBJSENSE MAX\n" + body)
    #expect(sameLine.isMaximisation && sameLine.objective == [3])
    let nextLine = try parse("NAME m\nOBJSENSE\n    MAXIMIZE\n" + body)
    #expect(nextLine.isMaximisation)
    let minimise = try parse("NAME m\nOBJSENSE\n    MIN\n" + body)
    #expect(!minimise.isMaximisation)
    #expect(!(try parse("NAME m\n" + body)).isMaximisation)
    #expect(parseError("NAME m\nOBJSENSE UP\n" + body)?.line == 2)
  }

  @Test func extraFreeRowsAreIgnored() throws {
    let model = try parse(
      """
      NAME
      ROWS
       N  obj
       N  other
       G  c
      COLUMNS
          x  obj  1  other  5
          x  c  2
      RHS
          RHS  other  4  c  1
      ENDATA
      """)
    #expect(model.rowNames == ["c"] && model.objective == [1] && model.rowLower == [1])
    #expect(model.objectiveConstant == 0)
    #expect(model.warnings.count == 1 && model.warnings[0].contains("'other' ignored"))
  }

  /// HS21 from the Maros–Meszaros set with an off-diagonal term added: min 0.01x1² + 0.5x1x2 + x2² − 100.
  @Test func marosMeszarosQuadobj() throws {
    let text = """
      NAME          HS21
      ROWS
       N  OBJ.FUNC
       G  R------1
      COLUMNS
          C------1  R------1  0.100000e+02
          C------2  R------1  -.100000e+01
      RHS
          RHS       OBJ.FUNC  0.100000e+03
          RHS       R------1  0.100000e+02
      RANGES
      BOUNDS
       LO BOUNDS    C------1  0.200000e+01
       UP BOUNDS    C------1  0.500000e+02
       LO BOUNDS    C------2  -.500000e+02
       UP BOUNDS    C------2  0.500000e+02
      QUADOBJ
          C------1  C------1  0.200000e-01
          C------2  C------1  0.5
          C------2  C------2  0.200000e+01
      ENDATA
      """
    let model = try parse(text)
    #expect(model.objectiveConstant == -100)
    #expect(model.objective == [0, 0])
    #expect(model.rowLower == [10] && model.rowUpper == [inf])
    #expect(model.columnLower == [2, -50] && model.columnUpper == [50, 50])
    #expect(model.quadratic.columnStarts == [0, 1, 3])
    #expect(model.quadratic.rowIndices == [0, 0, 1])
    #expect(model.quadratic.values == [0.02, 0.5, 2])
    #expect(model.matrix.values == [10, -1])
  }

  @Test func qmatrixFullSymmetric() throws {
    let text = """
      NAME
      ROWS
       N  obj
      COLUMNS
          x  obj  1
          y  obj  2
          z  obj  0
      QMATRIX
          x  x  2
          x  y  1
          y  x  1
          y  y  4
          z  y  -3
          y  z  -3
      ENDATA
      """
    let model = try parse(text)
    #expect(model.quadratic.columnStarts == [0, 1, 3, 4])
    #expect(model.quadratic.rowIndices == [0, 0, 1, 1])
    #expect(model.quadratic.values == [2, 1, 4, -3])
    #expect(model.rowNames.isEmpty && model.matrix.rowCount == 0)
  }

  @Test func crlfLowerCaseKeywordsAndOddNumbers() throws {
    let text = "name  crlf\r\nrows\r\n n  obj\r\n g  c\r\ncolumns\r\n x  obj  -.5e+01  c  1.\r\n"
      + "rhs\r\n c  2\r\nbounds\r\n up bnd  x  inf\r\n lo bnd  x  -1E-3\r\nendata\r\n"
    let model = try parse(text)
    #expect(model.name == "crlf" && model.objectiveName == "obj")
    #expect(model.objective == [-5] && model.matrix.values == [1])
    #expect(model.rowLower == [2] && model.rowUpper == [inf])
    #expect(model.columnLower == [-0.001] && model.columnUpper == [inf])
  }

  @Test func qsectionAlias() throws {
    let model = try parse("NAME\nROWS\n N obj\nCOLUMNS\n x obj 1\n y obj 1\nQSECTION obj\n y x 3\nENDATA\n")
    #expect(model.quadratic[0, 1] == 3 && model.quadratic.nonzeroCount == 1)
  }

  @Test func errorsNameTheLine() {
    let head = "NAME t\nROWS\n N obj\n L c1\nCOLUMNS\n x obj 1 c1 1\n y c1 2\n"  // lines 1–7
    func check(_ tail: String, line: Int, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
      let error = parseError(head + tail)
      #expect(error?.line == line, sourceLocation: sourceLocation)
      #expect(error?.file == "bad.mps", sourceLocation: sourceLocation)
      #expect(error?.message.contains(fragment) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
    }
    check(
      "BOUNDS\n UP BND x 1\n BV BND y\nENDATA\n", line: 10,
      "bound type BV (binary) is not supported: ComputeGrid solves continuous problems only")
    check("BOUNDS\n LI BND y 1\nENDATA\n", line: 9, "bound type LI")
    check("BOUNDS\n UI BND y 1\nENDATA\n", line: 9, "bound type UI")
    check("BOUNDS\n SC BND y 1\nENDATA\n", line: 9, "bound type SC")
    check(" MARKER 'MARKER' 'INTORG'\n z c1 1\nENDATA\n", line: 8, "integer MARKER line")
    check(" z c7 1\nENDATA\n", line: 8, "unknown row 'c7' in COLUMNS")
    check(" z c1 abc\nENDATA\n", line: 8, "expected a number, found 'abc'")
    check(" z c1 1.5e\nENDATA\n", line: 8, "expected a number, found '1.5e'")
    check("RHS\n RHS c1 nan\nENDATA\n", line: 9, "expected a number, found 'nan'")
    check("QUADOBJ\n x y 1\n x x 2\n y x 1\nENDATA\n", line: 11, "QUADOBJ pair (x, y) given twice (first at line 9)")
    check("QMATRIX\n x y 1\n y x 2\nENDATA\n", line: 10, "QMATRIX is not symmetric")
    check("QMATRIX\n x x 1\n x y 2\nENDATA\n", line: 10, "has no mirror entry")
    check("FOO\nENDATA\n", line: 8, "unknown section 'FOO'")
    check("RHS\n RHS c1 1\n", line: 9, "missing ENDATA")
    check(" x c1 3\nENDATA\n", line: 8, "column 'x' appears in two separate blocks (first at line 6)")
    check(" y c1 3\nENDATA\n", line: 8, "duplicate entry for row 'c1' in column 'y'")
    check("RHS\n RHS c1 1\n RHS c1 2\nENDATA\n", line: 10, "duplicate RHS entry for row 'c1'")
    check("BOUNDS\n UP BND w 1\nENDATA\n", line: 9, "unknown column 'w' in BOUNDS")
    check("BOUNDS\n XX BND y 1\nENDATA\n", line: 9, "unknown bound type 'XX'")
    check("ROWS\nENDATA\n", line: 8, "section ROWS appears twice")
    check("QCMATRIX c1\nENDATA\n", line: 8, "QCMATRIX")
    #expect(parseError("NAME\nROWS\n N obj\n E r\n L r\nENDATA\n")?.message == "duplicate row name 'r' (first at line 4)")
    #expect(parseError("NAME\nROWS\n Q r\nENDATA\n")?.line == 3)
    let error = parseError(head + "BOUNDS\n BV BND y\nENDATA\n")!
    #expect(
      error.description
        == "bad.mps:9: bound type BV (binary) is not supported: ComputeGrid solves continuous problems only")
  }

  @Test func fileReadAndMissingFile() throws {
    let path = NSTemporaryDirectory() + "computegrid-mps-\(getpid()).mps"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let model = try parse("NAME f\nROWS\n N obj\n E c\nCOLUMNS\n x obj 1 c 2\nRHS\n RHS c 4\nENDATA\n")
    try MPSWriter.write(model, toFile: path)
    #expect(try MPSReader.read(contentsOf: path) == model)
    #expect(throws: MPSError.self) { try MPSReader.read(contentsOf: path + ".missing") }
  }
}

@Suite("MPS writer")
struct MPSWriterTests {
  @Test func layoutOfSmallMaximisation() throws {
    let matrix = try CSCMatrix(
      rowCount: 3, columnCount: 2, columnStarts: [0, 2, 3], rowIndices: [0, 1, 2], values: [1, 2, 3])
    let quadratic = try CSCMatrix(
      rowCount: 2, columnCount: 2, columnStarts: [0, 1, 3], rowIndices: [0, 0, 1], values: [2, 1, 4])
    let model = MPSModel(
      name: "small model", isMaximisation: true, objectiveName: "profit", objectiveConstant: 5,
      columnNames: ["x", "y y"], objective: [1, -0.1], columnLower: [-inf, 1], columnUpper: [3, 1],
      rowNames: ["bal", "cap", "rng"], rowLower: [2, -inf, 1], rowUpper: [2, 7, 4], matrix: matrix,
      quadratic: quadratic)
    let text = MPSWriter.write(model)
    let expected = """
      NAME          small_model
      * sense: maximise, objective negated
      ROWS
       N  profit
       E  bal
       L  cap
       G  rng
      COLUMNS
          x  profit  -1.0  bal  1.0
          x  cap  2.0
          y_y  profit  0.1  rng  3.0
      RHS
          RHS  profit  5.0
          RHS  bal  2.0
          RHS  cap  7.0
          RHS  rng  1.0
      RANGES
          RNG  rng  3.0
      BOUNDS
       MI BND  x
       UP BND  x  3.0
       FX BND  y_y  1.0
      QUADOBJ
          x  x  -2.0
          x  y_y  -1.0
          y_y  y_y  -4.0

      """ + "ENDATA\n"
    #expect(text == expected)
    var back = try MPSReader.parse(text)
    #expect(back.warnings.isEmpty)
    back.name = model.name
    back.columnNames = model.columnNames
    #expect(back == model)
  }

  @Test func exportNamesAreSanitisedAndUnique() {
    let long = String(repeating: "a", count: 300)
    let model = MPSModel(
      objectiveName: "c", columnNames: ["a b", "a_b", "é", "", long, long, "a_b"], objective: [Double](repeating: 0, count: 7),
      columnLower: [Double](repeating: 0, count: 7), columnUpper: [Double](repeating: inf, count: 7),
      rowNames: ["c", "c\t"], rowLower: [0, 0], rowUpper: [0, 0],
      matrix: .zeros(rowCount: 2, columnCount: 7))
    let names = MPSWriter.exportNames(model)
    #expect(names.objectiveName == "c")
    #expect(names.rowNames == ["c~1", "c_"])
    #expect(names.columnNames[0...3] == ["a_b", "a_b~1", "_", "_~1"])
    #expect(names.columnNames[4] == String(repeating: "a", count: 255))
    #expect(names.columnNames[5] == String(repeating: "a", count: 253) + "~1")
    #expect(names.columnNames[6] == "a_b~2")
  }

  /// Sides the reader rebuilds from an encoding (G: [r, r + |R|], L: [r − |R|, r]).
  private func decode(_ encoding: MPSWriter.RowEncoding) -> (Double, Double) {
    let range = abs(encoding.range!)
    return encoding.type == "G" ? (encoding.rhs, encoding.rhs + range) : (encoding.rhs - range, encoding.rhs)
  }

  @Test func rangeEncodingIsExactWhenReachable() {
    var rng = SplitMix64(seed: 7)
    for trial in 0..<20_000 {
      let a = (rng.unit() - 0.5) * pow(10, Double(rng.below(12)) - 4)
      let w = rng.unit() * pow(10, Double(rng.below(12)) - 4)
      // Reachable pairs: u = a + w, or l = a − w with u = a.
      let (l, u) = trial % 2 == 0 ? (a, a + w) : (a - w, a)
      if !(l < u) { continue }
      let (lower, upper) = decode(MPSWriter.rowEncoding(lower: l, upper: u))
      #expect(lower.bitPattern == l.bitPattern && upper.bitPattern == u.bitPattern, "\(l) \(u)")
    }
  }

  @Test func rangeEncodingErrorIsAboutOneUlpOtherwise() {
    var rng = SplitMix64(seed: 8)
    var inexact = 0
    for _ in 0..<20_000 {
      var a = (rng.unit() - 0.5) * pow(10, Double(rng.below(12)) - 4)
      var b = (rng.unit() - 0.5) * pow(10, Double(rng.below(12)) - 4)
      if a > b { swap(&a, &b) }
      if a == b { continue }
      let (lower, upper) = decode(MPSWriter.rowEncoding(lower: a, upper: b))
      if lower != a || upper != b { inexact += 1 }
      let scale = max(abs(a), abs(b)).ulp
      #expect(abs(lower - a) <= scale && abs(upper - b) <= scale, "\(a) \(b)")
    }
    #expect(inexact < 20_000 / 2)
  }
}

// MARK: - Round trip (solver.md §7.5 item 6)

private struct RandomModelFactory {
  var rng: SplitMix64

  mutating func value() -> Double {
    switch rng.below(8) {
    case 0: return Double(rng.below(21)) - 10
    case 1: return (rng.unit() - 0.5) * 1e6
    case 2: return (rng.unit() - 0.5) * 1e-6
    case 3: return Double(rng.below(1000)) / 10 - 50
    case 4: return 1 / Double(1 + rng.below(97)) - 0.5
    case 5: return (rng.unit() - 0.5) * 1e18
    case 6: return rng.below(8) == 0 ? -0.0 : 0
    default: return (rng.unit() - 0.5) * 3e-300
    }
  }

  mutating func name(_ prefix: String, _ index: Int) -> String {
    switch rng.below(8) {
    case 0: return "\(prefix) \(index)"
    case 1: return "\(prefix)[\(index),ü]"
    case 2: return ["dup", "dup", "x y", "x_y", "", "\t", "*star", "'MARKER'"][rng.below(8)]
    case 3: return String(repeating: "n", count: 250 + rng.below(20))
    default: return "\(prefix)\(index)"
    }
  }

  mutating func interval() -> (Double, Double) {
    switch rng.below(7) {
    case 0: return (0, .infinity)
    case 1: return (-.infinity, .infinity)
    case 2: return (-.infinity, value())
    case 3: return (value(), .infinity)
    case 4:
      let v = value()
      return (v, v)
    default:
      // A range whose sides one rounded addition reproduces (see `MPSWriter` on ranges).
      let a = value()
      let w = abs(value())
      let (l, u) = rng.below(2) == 0 ? (a, a + w) : (a - w, a)
      return l < u ? (l, u) : (a, a + 1)
    }
  }

  mutating func model() throws -> MPSModel {
    let n = 1 + rng.below(8)
    let m = rng.below(8)
    var columnNames: [String] = []
    var objective: [Double] = []
    var columnLower: [Double] = []
    var columnUpper: [Double] = []
    for j in 0..<n {
      columnNames.append(name("x", j))
      objective.append(rng.below(3) == 0 ? 0 : value())
      let (l, u) = interval()
      columnLower.append(l)
      columnUpper.append(u)
    }
    var rowNames: [String] = []
    var rowLower: [Double] = []
    var rowUpper: [Double] = []
    for i in 0..<m {
      rowNames.append(name("r", i))
      let (l, u) = interval()
      rowLower.append(l)
      rowUpper.append(u)
    }
    var triplets = TripletBuilder(rowCount: m, columnCount: n)
    for i in 0..<m {
      for j in 0..<n where rng.below(3) == 0 { triplets.append(row: i, column: j, value: value()) }
    }
    var quadratic = TripletBuilder(rowCount: n, columnCount: n)
    if rng.below(2) == 0 {
      for j in 0..<n {
        for i in 0...j where rng.below(3) == 0 { quadratic.append(row: i, column: j, value: value()) }
      }
    }
    return MPSModel(
      name: rng.below(3) == 0 ? "" : "model \(rng.below(100))", isMaximisation: rng.below(2) == 0,
      objectiveName: rng.below(4) == 0 ? "dup" : "OBJ", objectiveConstant: rng.below(3) == 0 ? 0 : value(),
      columnNames: columnNames, objective: objective, columnLower: columnLower, columnUpper: columnUpper,
      rowNames: rowNames, rowLower: rowLower, rowUpper: rowUpper, matrix: try triplets.makeCSC(),
      quadratic: try quadratic.makeCSC())
  }
}

@Suite("MPS round trip")
struct MPSRoundTripTests {
  private func expectBitIdentical(_ a: CSCMatrix, _ b: CSCMatrix, _ what: String) {
    #expect(a.rowCount == b.rowCount && a.columnCount == b.columnCount, "\(what) shape")
    #expect(a.columnStarts == b.columnStarts && a.rowIndices == b.rowIndices, "\(what) pattern")
    #expect(bits(a.values) == bits(b.values), "\(what) values")
  }

  @Test func twoHundredRandomModels() throws {
    var factory = RandomModelFactory(rng: SplitMix64(seed: 0x5eed_2024))
    for index in 0..<200 {
      let model = try factory.model()
      let text = MPSWriter.write(model)
      let back = try MPSReader.parse(text, fileName: "model\(index).mps")
      let names = MPSWriter.exportNames(model)
      #expect(back.warnings.isEmpty, "model \(index): \(back.warnings)")
      #expect(back.name == names.modelName)
      #expect(back.objectiveName == names.objectiveName)
      #expect(back.rowNames == names.rowNames)
      #expect(back.columnNames == names.columnNames)
      #expect(back.isMaximisation == model.isMaximisation, "model \(index)")
      #expect(back.objectiveConstant.bitPattern == model.objectiveConstant.bitPattern, "model \(index)")
      #expect(bits(back.objective) == bits(model.objective), "model \(index)")
      #expect(bits(back.columnLower) == bits(model.columnLower), "model \(index)")
      #expect(bits(back.columnUpper) == bits(model.columnUpper), "model \(index)")
      #expect(bits(back.rowLower) == bits(model.rowLower), "model \(index)")
      #expect(bits(back.rowUpper) == bits(model.rowUpper), "model \(index)")
      expectBitIdentical(back.matrix, model.matrix, "matrix \(index)")
      expectBitIdentical(back.quadratic, model.quadratic, "quadratic \(index)")
      // Writing the read-back model gives the same text.
      #expect(MPSWriter.write(back) == text, "model \(index)")
    }
  }

  /// Release-mode throughput check, off by default: `MPS_PERF=1 swift test -c release --filter largeFile`.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["MPS_PERF"] != nil))
  func largeFileParsesQuickly() throws {
    let columns = 100_000
    let rows = 50_000
    var text = "NAME big\nROWS\n N obj\n"
    for i in 0..<rows { text += " L row\(i)\n" }
    text += "COLUMNS\n"
    var rng = SplitMix64(seed: 1)
    for j in 0..<columns {
      text += "    column\(j)  obj  \(rng.unit())\n"
      for k in 0..<10 { text += "    column\(j)  row\((j &* 37 + k * 4999) % rows)  \(rng.unit() - 0.5)\n" }
    }
    text += "ENDATA\n"
    let clock = ContinuousClock()
    let start = clock.now
    let model = try MPSReader.parse(text)
    let elapsed = clock.now - start
    print("parsed \(text.utf8.count) bytes (\(model.matrix.nonzeroCount) nonzeros) in \(elapsed)")
    #expect(elapsed < .seconds(3))
  }
}
