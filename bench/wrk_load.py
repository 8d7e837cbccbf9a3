"""Drive ``wrk`` (Debian package ``wrk``) against a local server: one Lua script for every bench.

``run(port, method, path, body_files, connections, duration, workdir)`` cycles through the body
files (POST) or repeats a GET, and returns requests, seconds, p50 / p99 / max latency in ms and
the error counts wrk reports (socket errors by kind, and non-2xx answers).
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

HOST = "127.0.0.1"

_LUA = r"""
local bodies = {}
local counter = 0
local method, path

init = function(args)
  method = args[1]
  path = args[2]
  for i = 3, #args do
    local f = assert(io.open(args[i], "rb"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
  end
end

request = function()
  if method == "GET" then
    return wrk.format("GET", path)
  end
  counter = counter + 1
  local body = bodies[(counter % #bodies) + 1]
  return wrk.format("POST", path, {["Content-Type"] = "text/plain; charset=utf-8"}, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d timeout=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
end
"""

_RESULT = re.compile(r"RESULT requests=(\d+) duration_us=(\d+) p50_us=(\d+) p99_us=(\d+) max_us=(\d+) connect=(\d+) "
                     r"read=(\d+) write=(\d+) timeout=(\d+) non2xx=(\d+)")


def run(port: int, method: str, path: str, body_files: list[Path], connections: int, duration: int,
        workdir: Path, threads: int = 2) -> dict:
    script = workdir / "wrk_load.lua"
    script.write_text(_LUA)
    cmd = ["wrk", "-t", str(min(threads, connections)), "-c", str(connections), "-d", f"{duration}s",
           "--timeout", "10s", "-s", str(script), f"http://{HOST}:{port}{path}", "--", method, path,
           *map(str, body_files)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=duration + 60).stdout
    m = _RESULT.search(out)
    if not m:
        raise RuntimeError(f"could not parse wrk output:\n{out}")
    n, dur, p50, p99, mx, conn, rd, wr, to, non2xx = map(int, m.groups())
    return {"requests": n, "seconds": dur / 1e6, "rps": n / (dur / 1e6), "p50_ms": p50 / 1e3, "p99_ms": p99 / 1e3,
            "max_ms": mx / 1e3, "socket_errors": conn + rd + wr + to, "non2xx": non2xx,
            "errors_detail": f"connect {conn}, read {rd}, write {wr}, timeout {to}"}
