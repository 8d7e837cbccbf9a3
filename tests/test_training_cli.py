"""`reliability train` / `evaluate`, and the training scripts that fit on every split, stopped by
SIGTERM stop their worker processes too."""
import os
import signal
import threading
import time
from pathlib import Path

from joblib import Parallel, delayed

import pytest

import training.ablations
import training.eval_length
import training.train
from service.cli import main


def _note_pid_and_wait(folder: str, i: int) -> int:
    Path(folder, f"{i}-{os.getpid()}").touch()
    time.sleep(60)
    return i


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a worker that has exited but is not yet reaped is a zombie: gone for our purpose
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("module, command", [
    (training.train, lambda: main(["train", "--jobs", "2"])),
    (training.ablations, lambda: training.ablations.main(["--jobs", "2"])),
    (training.eval_length, lambda: training.eval_length.main(["--jobs", "2", "--no-write"])),
], ids=["reliability train", "ablations", "eval_length"])
def test_sigterm_during_training_stops_the_worker_processes(module, command, tmp_path, monkeypatch, capsys):
    def terminate_once_both_work():
        deadline = time.monotonic() + 50
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        os.kill(os.getpid(), signal.SIGTERM)

    def slow_run(*args, **kwargs):
        # two workers busy with long splits, as the evaluation's are, when SIGTERM arrives
        threading.Thread(target=terminate_once_both_work, daemon=True).start()
        Parallel(n_jobs=2)(delayed(_note_pid_and_wait)(str(tmp_path), i) for i in range(2))

    monkeypatch.setattr(module, "run", slow_run)
    before = signal.getsignal(signal.SIGTERM)
    assert command() == 130
    assert "interrupted" in capsys.readouterr().err
    assert signal.getsignal(signal.SIGTERM) is before
    pids = [int(p.name.split("-")[1]) for p in tmp_path.iterdir()]
    assert len(pids) == 2 and all(pid != os.getpid() for pid in pids)
    deadline = time.monotonic() + 20
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_alive, pids))
