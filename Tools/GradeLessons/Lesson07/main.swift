// `GradeLesson07`: grades one exercise of Lesson 07 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson07
import Grading
import SolutionsLesson07

ExerciseRunner.main(Lesson07Checks.exercises,
                    student: ExercisesLesson07.Lesson07.self, reference: SolutionsLesson07.Lesson07.self)
