"""Writes transitions of Gymnasium's CartPole-v1, for comparing the library's CartPole with it.

Gymnasium is not a dependency of NeuralRL; install it in a virtual environment of your own:

    python3 -m venv /tmp/gym && /tmp/gym/bin/pip install gymnasium numpy
    /tmp/gym/bin/python Tools/CartPoleReference/gymnasium_transitions.py 100000 > /tmp/cartpole.txt
    NEURALRL_GYMNASIUM_TRANSITIONS=/tmp/cartpole.txt swift test --filter CartPoleGymnasium

Each line holds the state (x, x_dot, theta, theta_dot) before the step, the action, and the
state after it, every number as the 16 hexadecimal digits of its IEEE-754 float64 bits, so the
comparison is bit for bit. Episodes start from Gymnasium's own reset (seeded) and follow a mix
of random actions and a pole-balancing rule, so that they last long and cover many states.
"""
import struct
import sys

import gymnasium as gym
import numpy as np


def bits(value):
    return struct.pack(">d", float(value)).hex()


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    env = gym.make("CartPole-v1").unwrapped
    print(f"# gymnasium {gym.__version__}, numpy {np.__version__}", file=sys.stderr)
    written = 0
    while written < count:
        env.reset(seed=int(rng.integers(1 << 30)))
        for _ in range(500):
            before = env.state.copy()
            if rng.random() < 0.3:
                action = int(rng.integers(2))
            else:
                action = int(before[2] + 0.5 * before[3] > 0)
            _, _, terminated, _, _ = env.step(action)
            print(" ".join([bits(v) for v in before] + [str(action)] + [bits(v) for v in env.state]))
            written += 1
            if terminated or written >= count:
                break


if __name__ == "__main__":
    main()
