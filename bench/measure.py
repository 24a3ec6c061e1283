"""What one build costs: a `mkdocs build` in a child process (wall time, peak memory of its largest process
and of its whole process tree, output and search index sizes, the hook's time per stage), and a `mkdocs
serve` rebuild after one file is edited.

Every measurement takes a configuration file (a project's mkdocs.yml, or a small file that INHERITs it:
bench/project.py) and runs in the folder that holds it.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
MKDOCS = [sys.executable, "-m", "mkdocs"]  # the MkDocs of the interpreter running the benchmark
EDIT = "\n\n本报讯 这是编辑在预览时补上的一段话，用来测量重新构建的时间。\n"
SERVE_ADDRESS = "http://127.0.0.1:8000"  # `mkdocs serve`'s default; the path is site_url's, as serve mounts it


# How often the memory of a build's processes is sampled. Each Pss reading of a 1 GB process takes 14 ms of
# kernel time; while a forked child shares the build's pages the cheap upper bound (tree_rss_upper_kb) is above
# any peak and Pss is read every time: at 0.1 s that took a seventh of a core from the build it measured.
SAMPLE_SECONDS = 0.25


def _tree(pid: int) -> list[int]:
    """A process and all its descendants now (Linux /proc)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return found


def _field_kb(path: str, field: str) -> int:
    try:
        found = re.search(rf"^{field}:\s+(\d+)", Path(path).read_text(), re.M)
    except OSError:  # the process ended meanwhile
        return 0
    return int(found.group(1)) if found else 0


def tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants now, in KB: the sum of their proportional set sizes (Pss,
    smaps_rollup), so a page shared by two processes (a forked child's copy-on-write pages:
    hooks/render_ahead.py) counts once, as the machine holds it; VmRSS where Pss cannot be read."""
    return sum(_field_kb(f"/proc/{p}/smaps_rollup", "Pss") or _field_kb(f"/proc/{p}/status", "VmRSS")
               for p in _tree(pid))


def tree_rss_upper_kb(pid: int) -> int:
    """The sum of the tree's VmRSS: never below tree_rss_kb (a process's Pss is at most its Rss), and cheap to
    read, where smaps_rollup walks every page of a process."""
    return sum(_field_kb(f"/proc/{p}/status", "VmRSS") for p in _tree(pid))


def run_child(cmd: list[str], cwd: Path) -> tuple[float, float, str, float]:
    """Run a command; (wall seconds, the peak RSS of its largest process in MB, stdout, the peak of the
    sum of its process tree's memory in MB (tree_rss_kb), sampled every SAMPLE_SECONDS: the memory the machine
    must hold at once, the hook and Pagefind together). Fails loudly with its output."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(SAMPLE_SECONDS):  # Pss read only when it could be a new peak
                if tree_rss_upper_kb(proc.pid) > peak[0]:
                    peak[0] = max(peak[0], tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stdout}\n{stderr}")
    return seconds, usage.ru_maxrss / 1024, stdout, peak[0] / 1024


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def search_indexes(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Search index sizes (raw, gzipped): the Pagefind bundle per script (its files are gzipped already,
    so both figures are its size on disk), or Material's index."""
    out = {}
    for bundle in sorted(site_dir.glob("*/pagefind")):  # one per script variant
        size = dir_size(bundle)
        out[f"{bundle.parent.name} pagefind"] = (size, size)
    for index in sorted([*site_dir.glob("search/search_index.json"), *site_dir.glob("*/search/search_index.json")]):
        raw = index.read_bytes()
        name = index.parent.parent.name if index.parent.parent != site_dir else "one index"
        out[name] = (len(raw), len(gzip.compress(raw, 6)))
    return out


def stage_timings(config_file: Path) -> dict | None:
    """The hook's report of the last build (hooks/build_log.py write_timings), removed once read so that the
    next build's is not mistaken for it; None for a build without the hook."""
    timings = config_file.parent / ".cache" / "timings.json"
    if not timings.exists():
        return None
    report = json.loads(timings.read_text(encoding="utf-8"))
    timings.unlink()
    return report


def mkdocs_build(config_file: Path, site_dir: Path) -> dict:
    """`mkdocs build` of one configuration into site_dir, in a child process."""
    seconds, rss, _, tree_rss = run_child([*MKDOCS, "build", "-q", "-f", str(config_file), "-d", str(site_dir)],
                                          config_file.parent)
    result = {"seconds": seconds, "rss_mb": rss, "tree_rss_mb": tree_rss, "output_mb": dir_size(site_dir) / 1e6,
              "indexes": search_indexes(site_dir)}
    report = stage_timings(config_file)
    if report:
        stages = report["stages"]
        stages["startup"] = seconds - stages["total"]  # interpreter, imports, config loading
        result.update(stages=stages, cleaned=len(report["cleaned"]), reused=report["reused"])
    return result


def rebuild(config_file: Path, edit: Path, site_dir: Path, dirty: bool = False) -> dict:
    """`mkdocs serve`'s rebuild after one file is edited, in a child process (see serve_rebuild); `dirty`:
    `mkdocs serve --dirty` (`make serve`)."""
    _, rss, stdout, tree_rss = run_child([sys.executable, __file__, str(config_file), str(edit), str(site_dir),
                                          "dirty" if dirty else "clean"], config_file.parent)
    result = json.loads(stdout.strip().splitlines()[-1])
    result["rss_mb"], result["tree_rss_mb"] = rss, tree_rss
    return result


class SearchDone(logging.Handler):
    """Under serve the hook writes the search index after the build, in a thread, and logs when it is done
    (hooks/serve_pages.py, SearchRuns): this waits for that message."""

    def __init__(self) -> None:
        super().__init__()
        self.done = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if SEARCH_DONE in record.getMessage():  # after the plugin logger's prefix (seeds: ...)
            self.done.set()

    def wait(self) -> bool:
        found = self.done.wait(SEARCH_WAIT)
        self.done.clear()
        return found


SEARCH_DONE = "Search index updated"
SEARCH_WAIT = 900  # seconds


def serve_rebuild(config_file: Path, edit: Path, site_dir: Path, dirty: bool = False) -> dict:
    """What `mkdocs serve` does (mkdocs/commands/serve.py): load_config, on_startup once, build; on a change,
    load_config again (plugin instances are kept) and build again. Seconds of both builds, and from the
    edit until the search index is updated (written in a thread after the build; the first build's is
    waited for before the edit)."""
    os.chdir(config_file.parent)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    search = SearchDone()
    logging.getLogger("mkdocs").addHandler(search)
    logging.getLogger("mkdocs").setLevel(logging.INFO)  # the message is INFO; no handler prints it here

    def get_config():
        config = load_config(config_file=str(config_file), site_dir=str(site_dir))
        config.site_url = SERVE_ADDRESS + (urlsplit(config.site_url).path or "/")
        return config

    start = time.perf_counter()
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, serve_url=config.site_url, dirty=dirty)
    first = time.perf_counter() - start
    hook = stage_timings(config_file) is not None  # the plain site has no search thread to wait for
    if hook:
        search.wait()
    with edit.open("a", encoding="utf-8") as f:
        f.write(EDIT)
    start = time.perf_counter()
    config = get_config()
    build(config, serve_url=config.site_url, dirty=dirty)
    result = {"first": first, "rebuild": time.perf_counter() - start}
    report = stage_timings(config_file)
    if report:
        result.update(stages=report["stages"], cleaned=len(report["cleaned"]), converted=report["converted"],
                      pages_built=report.get("pages_built"), rendered=report["rendered"])
    if hook and search.wait():
        result["search"] = time.perf_counter() - start
    return result


if __name__ == "__main__":  # the child process of rebuild()
    print(json.dumps(serve_rebuild(*(Path(arg) for arg in sys.argv[1:4]), dirty=sys.argv[4:5] == ["dirty"])))
