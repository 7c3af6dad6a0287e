// Reinforcement: environments, replay memory and agents for the RL lessons (Lesson06 on).
//
// Layering: it builds on TensorCore and NeuralNetworks and knows nothing of the notebook
// runtime, so lessons, tests, exercises and the Bench can all use it.

import NeuralNetworks
import TensorCore
