import SparseAlgebra
import Testing

@testable import Optimization

@Suite("Clarabel JSON writer")
struct ClarabelJSONTests {
  /// min ½(2x² + 2xy + 3y²) + x − 0.5y  s.t.  x + y = 1,  −x ≤ 0,  −y ≤ 1e-5  (worked by hand below).
  @Test func tinyQPMatchesHandWrittenText() throws {
    // P upper triangle [[2, 1], [·, 3]] by columns: col 0 = {(0,0)=2}, col 1 = {(0,1)=1, (1,1)=3}.
    let p = try CSCMatrix(rowCount: 2, columnCount: 2, columnStarts: [0, 1, 3], rowIndices: [0, 0, 1], values: [2, 1, 3])
    // A = [[1, 1], [−1, 0], [0, −1]]: col 0 = {(0)=1, (1)=−1}, col 1 = {(0)=1, (2)=−1}.
    let a = try CSCMatrix(
      rowCount: 3, columnCount: 2, columnStarts: [0, 2, 4], rowIndices: [0, 1, 0, 2], values: [1, -1, 1, -1])
    let problem = CanonicalQP(
      quadratic: p, linear: [1, -0.5], constraints: a, rightHandSide: [1, 0, 1e-5], equalityCount: 1,
      objectiveConstant: 7)
    let expected =
      #"{"P":{"m":2,"n":2,"colptr":[0,1,3],"rowval":[0,0,1],"nzval":[2.0,1.0,3.0]},"q":[1.0,-0.5],"#
      + #""A":{"m":3,"n":2,"colptr":[0,2,4],"rowval":[0,1,0,2],"nzval":[1.0,-1.0,1.0,-1.0]},"b":[1.0,0.0,1e-05],"#
      + #""cones":[{"ZeroConeT":1},{"NonnegativeConeT":2}]}"# + "\n"
    #expect(ClarabelJSON.write(problem) == expected)
  }

  /// An LP lowered from a model with only inequality rows: no zero cone, bound rows in the orthant, P empty.
  @Test func loweredLPWithoutEqualitiesHasOnlyTheOrthant() throws {
    var model = Model(name: "lp")
    let x = model.addVariable("x", lower: 0, upper: 4)
    model.addConstraint("cap", 1 * x, .lessEqual(3))
    model.setObjectiveCoefficient(x, -1)
    let problem = try model.lower().problem
    #expect(problem.equalityCount == 0)
    let text = ClarabelJSON.write(problem)
    #expect(!text.contains("ZeroConeT"))
    #expect(text.contains(#""cones":[{"NonnegativeConeT":\#(problem.rowCount)}]"#))
    #expect(text.hasPrefix(#"{"P":{"m":1,"n":1,"colptr":[0,0],"rowval":[],"nzval":[]},"q":[-1.0],"#))
  }

  @Test func numbersRoundTrip() {
    for value in [0.1, -0.0, 1e-300, 123456789.125, 2.0 / 3.0, 1e20] {
      #expect(Double(ClarabelJSON.number(value))!.bitPattern == value.bitPattern)
    }
  }
}
