"""Source reliability scoring: a calibrated score with the evidence behind it."""
from .scorer import Scorer

__all__ = ["Scorer"]
__version__ = "0.1.0"
