print("Grade")
