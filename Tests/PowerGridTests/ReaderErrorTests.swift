import Testing

@testable import PowerGrid

/// A valid 3-bus case (line numbers in comments) that the error tests break one line at a time.
private func caseText(
  base: String? = "mpc.baseMVA = 100;",
  bus: [String]? = [
    "1 3 0 0 0 0 1 1 0 135 1 1.05 0.95;",
    "2 1 50 0 0 0 1 1 0 135 1 1.05 0.95;",
    "3 1 50 0 0 0 1 1 0 135 1 1.05 0.95;",
  ],
  gen: [String]? = ["1 0 0 0 0 1 100 1 200 0;"],
  branch: [String]? = [
    "1 2 0 0.1 0 100 0 0 0 0 1 -360 360;",
    "1 3 0 0.1 0 100 0 0 0 0 1 -360 360;",
    "2 3 0 0.1 0 100 0 0 0 0 1 -360 360;",
  ],
  gencost: [String]? = ["2 0 0 3 0.01 10 0;"]
) -> String {
  var lines = ["function mpc = bad", "mpc.version = '2';"]  // lines 1–2
  if let base { lines.append(base) }  // line 3
  func block(_ name: String, _ rows: [String]?) {
    guard let rows else { return }
    lines.append("mpc.\(name) = [")
    lines += rows
    lines.append("];")
  }
  block("bus", bus)  // bus rows start on line 5
  block("gen", gen)
  block("branch", branch)
  block("gencost", gencost)
  return lines.joined(separator: "\n")
}

private func parseError(_ text: String) -> CaseFileError? {
  do {
    _ = try MATPOWERReader.parse(text, file: "bad.m")
    return nil
  } catch let error as CaseFileError {
    return error
  } catch {
    return nil
  }
}

@Suite struct ReaderErrorTests {
  @Test func baselineParses() throws {
    let c = try MATPOWERReader.parse(caseText(), file: "ok.m")
    #expect(c.buses.count == 3 && c.branches.count == 3)
  }

  @Test func malformedNumberNamesFileLineElementAndValue() throws {
    let text = caseText(bus: ["1 3 0 0 0 0 1 1 0 135 1 1.05 0.95;", "2 1 5O 0 0 0 1 1 0 135 1 1.05 0.95;"])
    let error = try #require(parseError(text))
    #expect(error.kind == .malformedNumber)
    #expect(error.line == 6)
    #expect(error.element == "bus row 2, column PD")
    #expect(error.value == "5O")
    #expect(error.description.hasPrefix("bad.m:6: bus row 2, column PD: value '5O'"))
  }

  @Test func wrongColumnCounts() throws {
    let ragged = try #require(parseError(caseText(gen: ["1 0 0 0 0 1 100 1 200 0;", "1 0 0 0 0 1 100 1 200;"])))
    #expect(ragged.kind == .columnCount)
    #expect(ragged.element == "gen row 2")
    #expect(ragged.line == 11)
    let short = try #require(parseError(caseText(gen: ["1 0 0 0 0 1 100 1 200;"])))
    #expect(short.kind == .columnCount)
    #expect(short.description.contains("at least 10 columns"))
    let costShort = try #require(parseError(caseText(gencost: ["2 0 0 4 0.01 10 0;"])))
    #expect(costShort.kind == .columnCount)
    #expect(costShort.element == "gencost row 1, column NCOST")
  }

  @Test func unknownBuses() throws {
    let gen = try #require(parseError(caseText(gen: ["7 0 0 0 0 1 100 1 200 0;"])))
    #expect(gen.kind == .unknownBus)
    #expect(gen.element == "gen row 1, column GEN_BUS")
    #expect(gen.value == "7")
    #expect(gen.line == 10)
    let branch = try #require(
      parseError(caseText(branch: ["1 2 0 0.1 0 100 0 0 0 0 1 -360 360;", "2 99 0 0.1 0 100 0 0 0 0 1 -360 360;"])))
    #expect(branch.kind == .unknownBus)
    #expect(branch.element == "branch row 2, column T_BUS")
    #expect(branch.description.contains("bus 99"))
  }

  @Test func invalidValues() throws {
    let rate = try #require(parseError(caseText(branch: ["1 2 0 0.1 0 -5 0 0 0 0 1 -360 360;"])))
    #expect(rate.kind == .invalidValue)
    #expect(rate.element == "branch row 1, column RATE_A")
    #expect(rate.value == "-5")
    #expect(rate.line == 13)
    let pmax = try #require(parseError(caseText(gen: ["1 0 0 0 0 1 100 1 10 20;"])))
    #expect(pmax.element == "gen row 1, column PMAX")
    #expect(pmax.description.contains("PMAX must be ≥ PMIN"))
    let zeroX = try #require(parseError(caseText(branch: ["1 2 0 0 0 100 0 0 0 0 1 -360 360;"])))
    #expect(zeroX.element == "branch row 1, column BR_X")
    #expect(zeroX.value == "0")
    let busType = try #require(parseError(caseText(bus: ["1 7 0 0 0 0 1 1 0 135 1 1.05 0.95;"])))
    #expect(busType.element == "bus row 1, column BUS_TYPE")
    let duplicate = try #require(
      parseError(caseText(bus: ["1 3 0 0 0 0 1 1 0 135 1 1.05 0.95;", "1 1 0 0 0 0 1 1 0 135 1 1.05 0.95;"])))
    #expect(duplicate.description.contains("already used by bus row 1"))
    let nanX = try #require(parseError(caseText(branch: ["1 2 0 NaN 0 100 0 0 0 0 1 -360 360;"])))
    #expect(nanX.element == "branch row 1, column BR_X")
  }

  @Test func missingFields() throws {
    let base = try #require(parseError(caseText(base: nil)))
    #expect(base.kind == .missingField)
    #expect(base.element == "mpc.baseMVA")
    for (text, field) in [
      (caseText(bus: nil), "mpc.bus"), (caseText(gen: nil), "mpc.gen"), (caseText(branch: nil), "mpc.branch"),
    ] {
      let error = try #require(parseError(text))
      #expect(error.kind == .missingField)
      #expect(error.element == field)
      #expect(error.description.contains("bad.m"))
    }
    let noCosts = try MATPOWERReader.parse(caseText(gencost: nil), file: "ok.m")
    #expect(noCosts.generatorCosts == nil)
  }

  @Test func gencostRowCountMismatchAndUnsupportedCosts() throws {
    let mismatch = try #require(parseError(caseText(gencost: ["2 0 0 3 0.01 10 0;", "2 0 0 3 0.01 10 0;", "2 0 0 3 0 1 0;"])))
    #expect(mismatch.kind == .rowCountMismatch)
    #expect(mismatch.description.contains("3 rows"))
    // Two rows per generator: the second is the reactive cost.
    let twice = try MATPOWERReader.parse(caseText(gencost: ["2 0 0 3 0.01 10 0;", "2 0 0 3 0 1 0;"]), file: "ok.m")
    #expect(twice.reactiveCosts?.count == 1)
    let cubic = try #require(parseError(caseText(gencost: ["2 0 0 4 0.001 0.01 10 0;"])))
    #expect(cubic.kind == .unsupported)
    #expect(cubic.description.contains("degree 3"))
    let model = try #require(parseError(caseText(gencost: ["3 0 0 3 0.01 10 0;"])))
    #expect(model.element == "gencost row 1, column MODEL")
    let decreasing = try #require(parseError(caseText(gencost: ["1 0 0 2 50 100 10 20;"])))
    #expect(decreasing.description.contains("nondecreasing"))
  }

  @Test func syntaxErrors() throws {
    let unterminated = try #require(parseError("mpc.baseMVA = 100;\nmpc.bus = [\n1 3 0 0 0 0 1 1 0 135;\n"))
    #expect(unterminated.kind == .syntax)
    #expect(unterminated.line == 2)
    let version = try #require(parseError(caseText().replacing("'2'", with: "'1'")))
    #expect(version.kind == .unsupported)
    let base = try #require(parseError("mpc.baseMVA = abc;"))
    #expect(base.kind == .malformedNumber && base.element == "mpc.baseMVA" && base.line == 1)
  }

  /// Truncations and byte flips of a valid case must throw, never trap.
  @Test func neverCrashesOnMangledInput() {
    let good = Array(caseText().utf8)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33)
    }
    let alphabet = Array("[]{}();,.'%\"-+eE0123456789 \n\tInfNaN...=".utf8)
    for trial in 0..<400 {
      var bytes = good
      if trial % 4 == 0 {
        bytes = Array(bytes.prefix(next() % bytes.count))
      } else {
        for _ in 0..<(1 + next() % 4) { bytes[next() % bytes.count] = alphabet[next() % alphabet.count] }
      }
      do {
        let c = try MATPOWERReader.parse(bytes: bytes, file: "fuzz.m")
        _ = try? Network(c)
      } catch {
        #expect(error is CaseFileError)
      }
    }
  }
}
