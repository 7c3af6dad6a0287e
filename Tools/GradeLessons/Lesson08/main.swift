// `GradeLesson08`: grades one exercise of Lesson 08 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson08
import Grading
import SolutionsLesson08

ExerciseRunner.main(Lesson08Checks.exercises,
                    student: ExercisesLesson08.Lesson08.self, reference: SolutionsLesson08.Lesson08.self)
