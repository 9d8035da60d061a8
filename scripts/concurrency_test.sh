#!/bin/sh
# Concurrent use of one index: (1) searches, docs, claims and check run
# while an add writes (WAL: readers never fail, never see a broken index);
# (2) two add processes on one database serialise or the second says the
# index is busy, never a corrupt index, and a later add completes both;
# (3) SIGINT during add stops after the current file, quickly, with the
# index consistent and the rest left for the next run. Prints figures.
#
# usage: scripts/concurrency_test.sh [ROUNDS] [EVIDEX]   (ROUNDS default 3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rounds=${1:-3}
bin=${2:-${EVIDEX:-}}
if [ -z "$bin" ]; then
    for b in "$root/build-hard/cli/evidex" "$root/build/cli/evidex"; do
        [ -x "$b" ] && { bin=$b; break; }
    done
fi
[ -x "$bin" ] || { echo "concurrency_test: no evidex binary" >&2; exit 2; }
exec python3 - "$here" "$root" "$rounds" "$bin" <<'PY'
import os, random, shutil, signal, subprocess, sys, tempfile, time
here, root, rounds, binary = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, here)
import index_check

shared = os.path.join(os.path.dirname(root), "shared")
rng = random.Random(int(os.environ.get("CONC_SEED", "1")))
work = tempfile.mkdtemp(prefix="evidex-conc-")
env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
# a private copy: a rebuild of the tree must not swap the binary mid-test
shutil.copy2(binary, os.path.join(work, "evidex"))
binary = os.path.join(work, "evidex")
corpus, half1, half2 = (os.path.join(work, d) for d in ("corpus", "h1", "h2"))
for d in (corpus, half1, half2):
    os.makedirs(d)
seeds = os.path.join(shared, "corpus", "seeds")
jats = os.path.join(shared, "eval-public", "jats")
srcs = [os.path.join(seeds, f) for f in sorted(os.listdir(seeds))] + \
       [os.path.join(jats, f) for f in sorted(os.listdir(jats))
        if f.endswith(".txt")]
for i, s in enumerate(srcs):
    shutil.copy(s, corpus)
    shutil.copy(s, half1 if i % 2 else half2)
n_files = len(srcs)
draft = os.path.join(work, "draft.md")
with open(draft, "w") as f:
    f.write("# Draft\n\nJapan paid 74.5% of the costs. Some 54,000 troops "
            "were there in 2019. Sample sizes were 12 and 40 percent.\n")
problems = []

def ev(db, *args, **kw):
    return subprocess.run([binary, "--db", db] + list(args), env=env,
                          capture_output=True, text=True, **kw)

def start(db, *args):
    return subprocess.Popen([binary, "--db", db] + list(args), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)

def consistent(db, what):
    probs, fig = index_check.check(db, fts=True)
    if probs:
        problems.append("%s: %s" % (what, "; ".join(probs[:3])))
    return fig

# ---- 1: readers while add writes ----
reads = read_fail = busy = 0
for r in range(rounds):
    db = os.path.join(work, "r%d.db" % r)
    ev(db, "add", "--no-progress", seeds)
    w = start(db, "add", "--no-progress", "--jobs", "2", corpus)
    cmds = [("search", "percent"), ("docs",), ("claims", "--limit", "20"),
            ("check", draft), ("search", "\"host nation\""),
            ("sources", "74.5%")]
    while w.poll() is None:
        c = rng.choice(cmds)
        res = ev(db, *c, timeout=120)
        reads += 1
        ok = res.returncode in (0, 1) and all(
            l.startswith("evidex: ") for l in res.stderr.splitlines())
        if "busy" in res.stderr:
            busy += 1
        if not ok:
            read_fail += 1
            problems.append("reader %s exited %d: %s" % (c, res.returncode,
                                                         res.stderr[:200]))
    out, err = w.communicate()
    if w.returncode != 0:
        problems.append("writer exited %d: %s" % (w.returncode, err[:200]))
    fig = consistent(db, "after readers round %d" % r)
    want = n_files + len(os.listdir(seeds))  # the seeds are added twice
    if fig["docs"] != want:
        problems.append("writer indexed %d of %d" % (fig["docs"], want))
print("concurrency: readers during add: %d reads, %d failed, %d busy, "
      "%d rounds" % (reads, read_fail, busy, rounds))

# ---- 2: two writers ----
serial = busy_w = bad_w = 0
for r in range(rounds):
    db = os.path.join(work, "w%d.db" % r)
    pairs = [(half1, half2), (corpus, corpus)][r % 2]
    a = start(db, "add", "--no-progress", "--jobs", "1", pairs[0])
    time.sleep(rng.uniform(0, 0.5))
    b = start(db, "add", "--no-progress", "--jobs", "1", pairs[1])
    for p in (a, b):
        out, err = p.communicate(timeout=900)
        if p.returncode == 0:
            serial += 1
        elif p.returncode == 2 and "busy" in err and len(err.splitlines()) == 1:
            busy_w += 1
        else:
            bad_w += 1
            problems.append("writer exited %d: %s" % (p.returncode, err[:300]))
    consistent(db, "two writers round %d" % r)
    res = ev(db, "add", "--no-progress", *sorted(set(pairs)))
    fig = consistent(db, "after two writers round %d" % r)
    if res.returncode != 0 or fig["docs"] != n_files:
        problems.append("add after two writers: exit %d, %d docs"
                        % (res.returncode, fig["docs"]))
print("concurrency: two writers: %d completed, %d said busy, %d failed "
      "otherwise" % (serial, busy_w, bad_w))

# ---- 3: SIGINT ----
t0 = time.time()
res = ev(os.path.join(work, "t.db"), "add", "--no-progress", corpus)
t_full = time.time() - t0
stops = []
for r in range(rounds):
    db = os.path.join(work, "i%d.db" % r)
    p = start(db, "add", "--no-progress", "--jobs", "2", corpus)
    delay = rng.uniform(0.3, max(0.5, t_full * 0.7))
    time.sleep(delay)
    t_int = time.time()
    p.send_signal(signal.SIGINT)
    try:
        out, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        problems.append("SIGINT: add still running after 60 s")
    stops.append(time.time() - t_int)
    if p.returncode == 2 and "interrupted" not in out:
        problems.append("SIGINT: exit 2 without 'interrupted': %s %s"
                        % (out[:200], err[:200]))
    elif p.returncode not in (0, 2):
        problems.append("SIGINT: exit %d: %s" % (p.returncode, err[:200]))
    fig = consistent(db, "after SIGINT round %d" % r)
    done = fig["docs"]
    res = ev(db, "add", "--no-progress", corpus)
    fig = consistent(db, "after resuming round %d" % r)
    if res.returncode != 0 or fig["docs"] != n_files:
        problems.append("resume after SIGINT: exit %d, %d docs"
                        % (res.returncode, fig["docs"]))
    print("concurrency: SIGINT after %.1f s: stopped in %.2f s with %d of %d "
          "docs, exit %d; resumed to %d" % (delay, stops[-1],
                                            done, n_files, p.returncode,
                                            fig["docs"]))
for p in problems[:20]:
    print("concurrency: PROBLEM", p)
print("concurrency: %s" % ("PASS" if not problems else
                           "FAIL (%d problems; work folder %s)"
                           % (len(problems), work)))
if not problems:
    shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if problems else 0)
PY
