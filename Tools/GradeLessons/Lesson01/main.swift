// `GradeLesson01`: grades one exercise of Lesson 01 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson01
import Grading
import SolutionsLesson01

ExerciseRunner.main(Lesson01Checks.exercises,
                    student: ExercisesLesson01.Lesson01.self, reference: SolutionsLesson01.Lesson01.self)
