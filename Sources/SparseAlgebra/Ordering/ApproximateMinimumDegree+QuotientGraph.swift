/// Storage of the AMD quotient graph (solver.md §3.3.1): one `Int32` workspace `iw` holding every list, plus
/// per-node arrays. Node i's list is the segment `iw[pe[i] ..< pe[i] + len[i]]`; for a variable it holds its
/// elements (the first `elen[i]` entries) and then its remaining original neighbours; for an element it holds the
/// variables of its clique.
///
/// Not `Sendable`: one instance lives inside one call of `ApproximateMinimumDegree.ordering(of:settings:)`. All
/// arrays are raw buffers allocated once (bounds-checked in debug builds) and freed in `deinit`.
final class AMDQuotientGraph {
  // Node states.
  static let variable: Int8 = 0
  static let element: Int8 = 1
  /// An element absorbed into another element; its list is free space.
  static let absorbed: Int8 = 2
  /// A variable merged into a supervariable or mass-eliminated with an element; `parent` names its representative.
  static let merged: Int8 = 3
  /// An empty or dense row, ordered outside the quotient graph.
  static let excluded: Int8 = 4

  let dimension: Int
  /// Number of nodes that take part in the elimination (all but empty and dense rows).
  let nodeCount: Int

  var iw: UnsafeMutableBufferPointer<Int32>
  /// First free slot of `iw`; everything from here on is free.
  var freeStart: Int
  var garbageCollections = 0

  let pe: UnsafeMutableBufferPointer<Int32>
  let len: UnsafeMutableBufferPointer<Int32>
  let elen: UnsafeMutableBufferPointer<Int32>
  /// Supervariable weight; an element keeps the weight it had when it was formed. Negative while the variable is a
  /// member of the element being formed (that doubles as the "is in L_p" mark).
  let nv: UnsafeMutableBufferPointer<Int32>
  /// Approximate external degree of a variable.
  let degree: UnsafeMutableBufferPointer<Int32>
  /// Weighted size |L_e| of an element, fixed once the element is complete.
  let elementSize: UnsafeMutableBufferPointer<Int32>
  /// Degree buckets: `head[d]` starts a doubly linked list through `next` and `last`. While a variable is out of
  /// its bucket (during a pivot step) `next` links hash chains and `last` stores its hash.
  let head: UnsafeMutableBufferPointer<Int32>
  let next: UnsafeMutableBufferPointer<Int32>
  let last: UnsafeMutableBufferPointer<Int32>
  let hashHead: UnsafeMutableBufferPointer<Int32>
  /// Assembly tree: absorbed element → absorbing element; merged variable → its representative.
  let parent: UnsafeMutableBufferPointer<Int32>
  /// Members of the element being formed, and general scratch.
  let scratch: UnsafeMutableBufferPointer<Int32>
  /// Timestamps; `Int` so that the stamp never needs resetting.
  let w: UnsafeMutableBufferPointer<Int>
  let state: UnsafeMutableBufferPointer<Int8>

  /// Loads the adjacency of every variable (excluded neighbours dropped) into `iw` with elbow room and puts each
  /// variable in the bucket of its degree (steps 1–2). `elbowRoom` overrides the free space beyond the adjacency
  /// (default nnz/5 + 2N); tests shrink it to force frequent garbage collection and workspace growth.
  init(graph: SymmetricGraph, kind: [Int8], nodeCount: Int, elbowRoom: Int? = nil) {
    let n = graph.dimension
    dimension = n
    self.nodeCount = nodeCount
    func makeBuffer(_ value: Int32) -> UnsafeMutableBufferPointer<Int32> {
      let buffer = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
      buffer.initialize(repeating: value)
      return buffer
    }
    pe = makeBuffer(0)
    len = makeBuffer(0)
    elen = makeBuffer(0)
    nv = makeBuffer(1)
    degree = makeBuffer(0)
    elementSize = makeBuffer(0)
    head = makeBuffer(-1)
    next = makeBuffer(-1)
    last = makeBuffer(-1)
    hashHead = makeBuffer(-1)
    parent = makeBuffer(-1)
    scratch = makeBuffer(0)
    w = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
    w.initialize(repeating: 0)
    state = UnsafeMutableBufferPointer<Int8>.allocate(capacity: n)
    _ = state.initialize(from: kind)

    let entries = graph.adjacency.count
    let capacity = entries + (elbowRoom ?? entries / 5 + 2 * n + 16)
    precondition(capacity < Int(Int32.max), "ApproximateMinimumDegree: pattern too large for Int32 workspace")
    iw = UnsafeMutableBufferPointer<Int32>.allocate(capacity: capacity)
    iw.initialize(repeating: 0)
    freeStart = 0

    var write = 0
    graph.adjacency.withUnsafeBufferPointer { adjacency in
      for node in 0..<n {
        if kind[node] != Self.variable {
          nv[node] = 0
          continue
        }
        pe[node] = Int32(truncatingIfNeeded: write)
        for slot in graph.starts[node]..<graph.starts[node + 1] {
          let neighbour = adjacency[slot]
          if kind[Int(neighbour)] == Self.variable {
            iw[write] = neighbour
            write += 1
          }
        }
        let count = write - Int(pe[node])
        len[node] = Int32(truncatingIfNeeded: count)
        degree[node] = Int32(truncatingIfNeeded: count)
      }
    }
    freeStart = write
    // Insert in reverse so that each bucket lists its variables in increasing index order.
    for node in stride(from: n - 1, through: 0, by: -1) where kind[node] == Self.variable {
      insertIntoBucket(node, degree: Int(degree[node]))
    }
  }

  deinit {
    for buffer in [pe, len, elen, nv, degree, elementSize, head, next, last, hashHead, parent, scratch, iw] {
      buffer.deallocate()
    }
    w.deallocate()
    state.deallocate()
  }

  // MARK: Degree buckets

  @inline(__always)
  func insertIntoBucket(_ node: Int, degree d: Int) {
    let first = head[d]
    next[node] = first
    last[node] = -1
    if first != -1 { last[Int(first)] = Int32(truncatingIfNeeded: node) }
    head[d] = Int32(truncatingIfNeeded: node)
  }

  @inline(__always)
  func removeFromBucket(_ node: Int) {
    let before = last[node]
    let after = next[node]
    if before != -1 { next[Int(before)] = after } else { head[Int(degree[node])] = after }
    if after != -1 { last[Int(after)] = before }
  }

  // MARK: Workspace

  /// Makes sure `iw[freeStart ..< freeStart + count]` exists: compacts the live lists first and, should that not
  /// be enough, grows the workspace. May move every list (callers reload `pe`-based positions and `iw`).
  func reserveTail(_ count: Int) {
    if freeStart + count <= iw.count { return }
    collectGarbage()
    if freeStart + count <= iw.count { return }
    let capacity = max(iw.count + iw.count / 2, freeStart + count + dimension)
    precondition(capacity < Int(Int32.max), "ApproximateMinimumDegree: workspace exceeds the Int32 range")
    let grown = UnsafeMutableBufferPointer<Int32>.allocate(capacity: capacity)
    grown.initialize(repeating: 0)
    for slot in 0..<freeStart { grown[slot] = iw[slot] }
    iw.deallocate()
    iw = grown
  }

  /// Garbage collection (step 4): slides every live list to the front of `iw`, in workspace order. O(|iw|).
  ///
  /// The head slot of each live list temporarily holds −(node + 1), its displaced first entry is parked in `pe`;
  /// free space only ever holds non-negative ids, so one left-to-right scan finds every list.
  func collectGarbage() {
    garbageCollections += 1
    let iw = self.iw
    for node in 0..<dimension {
      let s = state[node]
      if (s == Self.variable || s == Self.element) && len[node] > 0 {
        let start = Int(pe[node])
        pe[node] = iw[start]
        iw[start] = -Int32(truncatingIfNeeded: node) - 1
      }
    }
    var source = 0
    var destination = 0
    let end = freeStart
    while source < end {
      let value = iw[source]
      if value >= 0 {
        source += 1
        continue
      }
      let node = Int(-(value + 1))
      let count = Int(len[node])
      iw[destination] = pe[node]
      pe[node] = Int32(truncatingIfNeeded: destination)
      for offset in 1..<count { iw[destination + offset] = iw[source + offset] }
      destination += count
      source += count
    }
    freeStart = destination
  }
}
