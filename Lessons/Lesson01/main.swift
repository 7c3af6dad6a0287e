print("Lesson01")
