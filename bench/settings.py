"""The production settings, with the benchmark's URLs on top (the bare view lives only here)."""

from interviewprep.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
