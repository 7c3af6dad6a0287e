// `GradeLesson04`: grades one exercise of Lesson 04 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson04
import Grading
import SolutionsLesson04

ExerciseRunner.main(Lesson04Checks.exercises,
                    student: ExercisesLesson04.Lesson04.self, reference: SolutionsLesson04.Lesson04.self)
