// `GradeLesson02`: grades one exercise of Lesson 02 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson02
import Grading
import SolutionsLesson02

ExerciseRunner.main(Lesson02Checks.exercises,
                    student: ExercisesLesson02.Lesson02.self, reference: SolutionsLesson02.Lesson02.self)
