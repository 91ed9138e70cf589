"""`course grade --shard I/N` then `course gradebook merge`: the same gradebook as one unsharded run."""
import csv
import json
import shutil

from .conftest import REPO, run_course


def _rows(folder):
    with open(folder / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_shards_merge_into_the_unsharded_gradebook(tmp_path):
    batch = tmp_path / "batch"
    for index in range(5):
        (batch / f"learner{index}").mkdir(parents=True)
        source = "solutions" if index % 2 == 0 else "exercises"
        shutil.copy(REPO / source / "03_activations.ipynb", batch / f"learner{index}" / "03_activations.ipynb")
    whole = run_course("grade", batch, "--out", tmp_path / "whole", "--seed", "5", "--jobs", "2")
    assert whole.returncode == 0, whole.stderr
    shards = []
    for index, cwd in ((1, tmp_path), (2, batch)):  # another working folder, another spelling of the same folder
        out = tmp_path / f"shard{index}"
        result = run_course("grade", batch if cwd == tmp_path else ".", "--out", out, "--seed", "5", "--shard", f"{index}/2", cwd=cwd)
        assert result.returncode == 0, result.stderr
        shards.append(out)
    assert sorted(row["learner"] for shard in shards for row in _rows(shard)) == [f"learner{index}" for index in range(5)]
    merged = run_course("gradebook", "merge", *shards, "--out", tmp_path / "merged")
    assert merged.returncode == 0, merged.stderr
    assert _rows(tmp_path / "merged") == _rows(tmp_path / "whole")
    assert json.loads((tmp_path / "merged" / "gradebook.json").read_text())["seed"] == 5
    assert sorted(p.name for p in (tmp_path / "merged" / "feedback").iterdir()) == sorted(p.name for p in (tmp_path / "whole" / "feedback").iterdir())


def test_a_shard_without_a_seed_is_refused(tmp_path):
    result = run_course("grade", REPO / "solutions", "--out", tmp_path, "--shard", "1/2")
    assert result.returncode == 2 and "--shard needs --seed" in result.stderr
