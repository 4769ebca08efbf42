/// Step 11 of AMD: number the nodes by a depth-first postorder of the assembly tree (solver.md §3.3.2).
extension AMDQuotientGraph {
  /// Appends the graph nodes in elimination order: elements in postorder (among siblings the child with the
  /// largest front, nv + |L_e|, comes last), each element followed by the variables that were merged into it or
  /// mass-eliminated with it, in increasing index order.
  func appendPostorder(to permutation: inout [Int32]) {
    let n = dimension
    let isElement: (Int) -> Bool = { node in
      let s = self.state[node]
      return s == Self.element || s == Self.absorbed
    }
    // Representative element of every merged variable (path compression keeps this linear).
    var representative = [Int32](repeating: -1, count: n)
    for node in 0..<n where state[node] == Self.merged {
      var root = Int(parent[node])
      while !isElement(root) {
        if representative[root] != -1 {
          root = Int(representative[root])
          break
        }
        root = Int(parent[root])
      }
      var walk = node
      while !isElement(walk) && representative[walk] == -1 {
        representative[walk] = Int32(truncatingIfNeeded: root)
        walk = Int(parent[walk])
      }
    }
    // Members grouped by representative, each group in increasing index order.
    var memberHead = [Int32](repeating: -1, count: n)
    var memberNext = [Int32](repeating: -1, count: n)
    for node in stride(from: n - 1, through: 0, by: -1) where state[node] == Self.merged {
      let root = Int(representative[node])
      memberNext[node] = memberHead[root]
      memberHead[root] = Int32(truncatingIfNeeded: node)
    }
    // Children of each element in increasing index order, then the largest front moved to the end.
    var firstChild = [Int32](repeating: -1, count: n)
    var sibling = [Int32](repeating: -1, count: n)
    for node in stride(from: n - 1, through: 0, by: -1) where state[node] == Self.absorbed {
      let up = Int(parent[node])
      sibling[node] = firstChild[up]
      firstChild[up] = Int32(truncatingIfNeeded: node)
    }
    for node in 0..<n where isElement(node) && firstChild[node] != -1 {
      var best = -1
      var bestPrevious = -1
      var bestFront = -1
      var previous = -1
      var tail = -1
      var child = Int(firstChild[node])
      while child != -1 {
        let front = Int(nv[child]) + Int(elementSize[child])
        if front >= bestFront {
          bestFront = front
          best = child
          bestPrevious = previous
        }
        previous = child
        tail = child
        child = Int(sibling[child])
      }
      if best != tail {
        if bestPrevious == -1 {
          firstChild[node] = sibling[best]
        } else {
          sibling[bestPrevious] = sibling[best]
        }
        sibling[tail] = Int32(truncatingIfNeeded: best)
        sibling[best] = -1
      }
    }
    // Iterative depth-first postorder from each root, roots in increasing index order.
    var stack: [Int32] = []
    var cursor = firstChild
    for root in 0..<n where state[root] == Self.element {
      stack.append(Int32(truncatingIfNeeded: root))
      while let top = stack.last {
        let node = Int(top)
        let child = cursor[node]
        if child != -1 {
          cursor[node] = sibling[Int(child)]
          stack.append(child)
        } else {
          stack.removeLast()
          permutation.append(top)
          var member = memberHead[node]
          while member != -1 {
            permutation.append(member)
            member = memberNext[Int(member)]
          }
        }
      }
    }
  }
}
