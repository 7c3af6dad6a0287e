/// What a crashed child's standard error says: the runtime's message (`Fatal error: Index out
/// of range`) and the first frame of the backtrace that lies in the student's folder.
///
/// Swift on Linux prints a backtrace on a crash, with `file:line:column` for code built with
/// debug information, which the exercise targets are. A frame reads like
/// `3 [ra] 0x000055ca… static Lesson03.confusionMatrix(…) + 67 in GradeLesson03 at /…/Exercises/Lesson03.swift:70:64`.
struct CrashReport: Equatable {
    /// The runtime's message without its file prefix, such as `Fatal error: Index out of range`.
    var message: String?
    /// The first frame in `folder`, as `Exercises/Lesson03.swift:70:64`.
    var location: String?
    /// The function of that frame, such as `static Lesson03.confusionMatrix(predicted:actual:classes:)`.
    var function: String?

    init(standardError text: String, folder: String) {
        let lines = text.split(separator: "\n")
        for line in lines where message == nil {
            for marker in ["Fatal error", "Precondition failed", "Assertion failed"] {
                if let range = line.range(of: marker) {
                    message = String(line[range.lowerBound...]).trimmingCharacters(in: .whitespaces)
                    break
                }
            }
        }
        for line in lines where location == nil {
            guard let at = line.range(of: " at /"), let folderRange = line.range(of: "/\(folder)/", range: at.lowerBound..<line.endIndex)
            else { continue }
            location = folder + "/" + line[folderRange.upperBound...]
            // The function sits between the address (`0x…`) and ` + offset in image`.
            if let address = line.range(of: " 0x"), let afterAddress = line[address.upperBound...].firstIndex(of: " "),
               let plus = line.range(of: " + ", range: afterAddress..<at.lowerBound) {
                function = String(line[line.index(after: afterAddress)..<plus.lowerBound])
            }
        }
    }

    /// Words for a signal number: the name, and what usually causes it in Swift code.
    static func describe(signal: Int32) -> String {
        switch signal {
        case 4: "signal 4 (illegal instruction: a trap such as an index out of range, a nil unwrapped with ! or a fatalError)"
        case 5: "signal 5 (trace trap: a Swift runtime check such as an index out of range)"
        case 6: "signal 6 (abort)"
        case 7: "signal 7 (bus error: a bad memory access)"
        case 8: "signal 8 (arithmetic exception: an integer division by zero)"
        case 9: "signal 9 (killed: perhaps the machine ran out of memory)"
        case 11: "signal 11 (segmentation fault: a bad memory access, or a recursion that never ends)"
        default: "signal \(signal)"
        }
    }
}

import Foundation
