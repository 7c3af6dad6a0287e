import Testing
import TensorCore
@testable import LessonRuntime

@Suite struct HeatMapTests {
    @Test func shadesFromLightToDark() {
        let lines = HeatMap([[0, 1], [2, 3]], title: "W", rowLabels: ["a", "b"], columnLabels: ["x", "y"]).render()
        #expect(lines[0] == "W")
        #expect(lines[1] == "a ▕  ░░▏")
        #expect(lines[2] == "b ▕▓▓██▏")
        #expect(lines[3].contains("x") && lines[3].contains("y"))
        #expect(lines.last!.contains("scale 0") && lines.last!.hasSuffix(" 3"))
    }

    @Test func largeMatricesAreAveragedToFit() {
        let big = Tensor(shape: [50, 200], repeating: 1)
        let lines = HeatMap(big, maximumWidth: 60, maximumHeight: 20).render()
        #expect(lines.count <= 20 && lines.allSatisfy { displayWidth(of: $0) <= 80 })
        #expect(lines.last!.contains("averaged"))
        #expect(HeatMap([[Double]]()).render() == ["(no data)"])
    }
}
