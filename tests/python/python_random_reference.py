# SPDX-License-Identifier: Apache-2.0
"""The independent side of tests/layout/python_random_test.cpp: Python's own random module.

    python3 python_random_reference.py SEED N   ->  random.seed(SEED); random.shuffle(list(range(N))), then
                                                    getrandbits(k) for k in 1, 7, 31, 32, 33, 64, one line each
"""
import random
import sys

seed, n = int(sys.argv[1]), int(sys.argv[2])
random.seed(seed)
items = list(range(n))
random.shuffle(items)
print(' '.join(str(x) for x in items))
for k in (1, 7, 31, 32, 33, 64):
    print(random.getrandbits(k))
