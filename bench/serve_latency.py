#!/usr/bin/env python3
"""Times `yanxiu serve` from a saved edit to the open page's new content (DESIGN §8: a one-file
edit in a 10,000-document archive reaches the browser within 100 ms).

    serve_latency.py YANXIU ARCHIVE [EDITS]

ARCHIVE is modified: give it a scratch copy. Starts `YANXIU serve ARCHIVE --port 0`, then for
EDITS records spread over the archive and for two kinds of edit (a sentence added to the body, the
title changed), does what an open page and its browser do: a long poll on /__yanxiu/wait is
already waiting when the file is written; the time runs from the write until the poll answers
(the site is up to date) and until the record's page has been fetched again (the reload). Prints
one line per kind: `<kind> edits=N poll_median_ms=… poll_max_ms=… page_median_ms=… page_max_ms=…`.
"""

import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request


def get(port, path, timeout=60):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
        return r.read()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    yanxiu, archive = sys.argv[1], os.path.abspath(sys.argv[2])
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    proc = subprocess.Popen([yanxiu, "serve", archive, "--port", "0"], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, env={**os.environ, "NO_COLOR": "1"})
    try:
        port = site = None
        for line in proc.stderr:
            if m := re.search(r"预览地址：http://127\.0\.0\.1:(\d+)/", line):
                port = int(m.group(1))
            if m := re.search(r"预览文件在 (.+)，结束时删除。", line):
                site = m.group(1)
                break
        if port is None or site is None:
            sys.exit("yanxiu serve did not start")
        # Keep reading its messages, so that its pipe never fills.
        threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()

        records = sorted(os.path.relpath(os.path.join(d, f), archive)
                         for d, _, fs in os.walk(archive) for f in fs
                         if f.endswith(".md") and "/反思/" in os.path.join(d, f))
        step = max(1, len(records) // edits)
        picked = records[::step][:edits]
        # Each record's page: the one that names its source file.
        pages = {}
        wanted = {r.replace(os.sep, "/"): r for r in picked}
        for d, _, fs in os.walk(os.path.join(site, "records")):
            for f in fs:
                text = open(os.path.join(d, f), encoding="utf-8").read()
                for src in list(wanted):
                    if f">{src}<" in text:
                        pages[wanted.pop(src)] = "/" + os.path.relpath(os.path.join(d, f), site)
        generation = 0
        for kind in ("body", "title"):
            polls, loads = [], []
            for k, rel in enumerate(picked):
                path = os.path.join(archive, rel)
                text = open(path, encoding="utf-8").read()
                if kind == "body":
                    changed = text + f"\n\n第 {k} 次修改：补充了一句课后的想法。\n"
                else:
                    changed = re.sub(r"\n(title|标题): ", lambda m: f"\n{m.group(1)}: （修订{k}）", text, count=1)
                answer = {}
                poll = threading.Thread(
                    target=lambda: answer.update(v=int(get(port, f"/__yanxiu/wait?v={generation}"))))
                poll.start()
                time.sleep(0.05)  # the page's poll is waiting before the teacher saves
                start = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(changed)
                poll.join()
                polled = time.perf_counter()
                get(port, pages.get(rel, "/index.html"))
                loaded = time.perf_counter()
                if answer.get("v", generation) <= generation:
                    sys.exit(f"the edit of {rel} did not change the site")
                generation = answer["v"]
                polls.append((polled - start) * 1000)
                loads.append((loaded - start) * 1000)
                time.sleep(0.1)
            print(f"{kind} edits={len(polls)} poll_median_ms={statistics.median(polls):.1f} "
                  f"poll_max_ms={max(polls):.1f} page_median_ms={statistics.median(loads):.1f} "
                  f"page_max_ms={max(loads):.1f} pages_found={len(pages)}")
    finally:
        proc.send_signal(2)  # Ctrl+C: the preview removes its temporary folder
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
