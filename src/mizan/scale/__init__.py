"""Scaling ingestion out: one worker function (:mod:`mizan.scale.worker`) run by three
engines that all feed the single store writer in :func:`mizan.ingest.ingest`:

- :class:`~mizan.scale.local.InProcess`: the pipeline in this process (``--workers 1``);
- :class:`~mizan.scale.local.ProcessPool`: N local worker processes (``--workers N``);
- :class:`~mizan.scale.dask_cluster.DaskEngine`: a Dask cluster (``--engine dask``), whose
  workers write Parquet shards that the writer ingests.

See docs/scaling.md.
"""

from __future__ import annotations

from .spec import PipelineSpec, load_pipeline
from .worker import Coded

__all__ = ["Coded", "PipelineSpec", "load_pipeline"]
