// `GradeLesson06`: grades one exercise of Lesson 06 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson06
import Grading
import SolutionsLesson06

ExerciseRunner.main(Lesson06Checks.exercises,
                    student: ExercisesLesson06.Lesson06.self, reference: SolutionsLesson06.Lesson06.self)
