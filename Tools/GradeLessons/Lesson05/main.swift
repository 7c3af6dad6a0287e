// `GradeLesson05`: grades one exercise of Lesson 05 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson05
import Grading
import SolutionsLesson05

ExerciseRunner.main(Lesson05Checks.exercises,
                    student: ExercisesLesson05.Lesson05.self, reference: SolutionsLesson05.Lesson05.self)
