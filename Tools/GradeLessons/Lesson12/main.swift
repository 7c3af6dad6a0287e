// `GradeLesson12`: grades one exercise of Lesson 12 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson12
import Grading
import SolutionsLesson12

ExerciseRunner.main(Lesson12Checks.exercises,
                    student: ExercisesLesson12.Lesson12.self, reference: SolutionsLesson12.Lesson12.self)
