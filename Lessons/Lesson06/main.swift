import LessonRuntime
import Foundation
import Reinforcement

if LessonCommand.runIfRequested(CommandLine.arguments) { exit(0) }
let notebook = Notebook(title: "Lesson 06", summary: "")
notebook.finish()
