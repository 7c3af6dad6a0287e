// `GradeLesson03`: grades one exercise of Lesson 03 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson03
import Grading
import SolutionsLesson03

ExerciseRunner.main(Lesson03Checks.exercises,
                    student: ExercisesLesson03.Lesson03.self, reference: SolutionsLesson03.Lesson03.self)
