// `GradeLesson11`: grades one exercise of Lesson 11 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson11
import Grading
import SolutionsLesson11

ExerciseRunner.main(Lesson11Checks.exercises,
                    student: ExercisesLesson11.Lesson11.self, reference: SolutionsLesson11.Lesson11.self)
