// `GradeLesson10`: grades one exercise of Lesson 10 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson10
import Grading
import SolutionsLesson10

ExerciseRunner.main(Lesson10Checks.exercises,
                    student: ExercisesLesson10.Lesson10.self, reference: SolutionsLesson10.Lesson10.self)
