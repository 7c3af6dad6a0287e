import TensorCore

extension CartPole {
    /// A drawing of a state in plain text, `width` columns wide: the track from −2.4 to 2.4,
    /// the cart `[■]` at x and the pole leaning by θ (exaggerated 3× so that small angles show),
    /// `rows` lines tall.
    ///
    /// ```
    ///          /
    ///         /
    ///       [■]
    /// ─────────────
    /// ```
    public static func render(_ s: [Double], width: Int = 61, rows: Int = 5) -> [String] {
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: rows + 2)
        let scale = Double(width - 1) / (2 * positionLimit)
        let centre = Int(((s[0] + positionLimit) * scale).rounded())
        let column = min(max(centre, 1), width - 2)
        // The pole: from the top of the cart upwards, leaning by 3θ (θ > 0 leans right).
        let lean = 3 * s[2]
        for r in 1...rows {
            let height = Double(r)
            let offset = Int((height * tan(lean) * 2).rounded())  // characters are ~2× taller than wide
            let c = column + offset
            if c >= 0 && c < width {
                grid[rows - r][c] = abs(lean) < 0.08 ? "|" : (lean > 0 ? "/" : "\\")
            }
        }
        grid[rows][column - 1] = "["
        grid[rows][column] = "■"
        grid[rows][column + 1] = "]"
        grid[rows + 1] = Array(repeating: "─", count: width)
        return grid.map { String($0) }
    }
}
