"""Writes transitions of Gymnasium's Pendulum-v1, for comparing the library's Pendulum with it.

Gymnasium is not a dependency of NeuralRL; install it in a virtual environment of your own:

    python3 -m venv /tmp/gym && /tmp/gym/bin/pip install gymnasium numpy
    /tmp/gym/bin/python Tools/PendulumReference/gymnasium_pendulum.py 20000 > /tmp/pendulum.txt
    NEURALRL_GYMNASIUM_PENDULUM=/tmp/pendulum.txt swift test --filter PendulumGymnasium

Each line holds the state (theta, theta_dot) before the step, the torque, the reward and the
state after it, every number as the 16 hexadecimal digits of its IEEE-754 float64 bits, so the
comparison is bit for bit. The torque is passed as a float64 array. Episodes start from
Gymnasium's own reset (seeded) and mix random torques (some beyond the limit of 2, to exercise
the clipping) with a rule that pumps energy into the swing, so that the speed limit of 8 and
full turns (theta beyond ±pi) occur too.
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
    env = gym.make("Pendulum-v1").unwrapped
    print(f"# gymnasium {gym.__version__}, numpy {np.__version__}", file=sys.stderr)
    written = 0
    while written < count:
        env.reset(seed=int(rng.integers(1 << 30)))
        for _ in range(200):
            before = env.state.copy()
            if rng.random() < 0.4:
                torque = rng.uniform(-3.0, 3.0)
            else:
                torque = 2.0 * np.sign(before[1]) if before[1] != 0 else 1.0
            _, reward, _, _, _ = env.step(np.array([torque], dtype=np.float64))
            print(" ".join([bits(v) for v in before] + [bits(torque), bits(reward)] + [bits(v) for v in env.state]))
            written += 1
            if written >= count:
                break


if __name__ == "__main__":
    main()
