import Foundation
import Grading

/// The modification times of the lessons' exercise files.
func modificationTimes(of lessons: [String]) -> [String: Date] {
    var times: [String: Date] = [:]
    for lesson in lessons {
        let path = root.appendingPathComponent("Exercises/\(lesson).swift").path
        times[lesson] = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
    return times
}

/// Watches `Exercises/` by polling modification times four times a second (no packages needed)
/// and grades a lesson again as soon as its file is saved. Runs until stopped, or for
/// `request.watchRounds` gradings.
@MainActor
func watch(lessons: [String]) -> Never {
    var seen = modificationTimes(of: lessons)
    var rounds = 0
    print("Watching Exercises/ (\(lessons.count == 1 ? lessons[0] : "every lesson")); save a file to grade it again, Ctrl-C to stop.")
    StandardStreams.flushOutput()
    while true {
        usleep(250_000)
        let now = modificationTimes(of: lessons)
        let changed = lessons.filter { now[$0] != seen[$0] }
        guard !changed.isEmpty else { continue }
        seen = now
        let stamp = DateFormatter.localizedString(from: Date(), dateStyle: .none, timeStyle: .medium)
        print("\n── \(changed.map { "Exercises/\($0).swift" }.joined(separator: ", ")) saved at \(stamp): grading ──")
        StandardStreams.flushOutput()
        let card = grade(changed, solutions: false)
        printCard(card, solutions: false)
        StandardStreams.flushOutput()
        rounds += 1
        if let limit = request.watchRounds, rounds >= limit { exit(card.failed > 0 ? 1 : 0) }
    }
}
