// `GradeLesson09`: grades one exercise of Lesson 09 per run, as a child process of `Grade` and
// of the grading tests (see `ExerciseRunner`).

import ExercisesLesson09
import Grading
import SolutionsLesson09

ExerciseRunner.main(Lesson09Checks.exercises,
                    student: ExercisesLesson09.Lesson09.self, reference: SolutionsLesson09.Lesson09.self)
