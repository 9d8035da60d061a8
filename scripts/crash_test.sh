#!/bin/sh
# Crash safety: kills `evidex add` with SIGKILL at random moments, N times,
# over a copy of a corpus (the shared seeds and the public JATS .txt
# files), and after each kill checks the index (scripts/index_check.py):
# PRAGMA integrity_check, every document either wholly indexed or absent
# (docs.n_* equal its rows), and each document's counts equal those of a
# clean run over the same content. Between kills the next add resumes;
# when one completes, some files are changed (so replacing documents is
# killed too) or the index is started afresh. At the end an uninterrupted
# add must complete the rest and match a clean index of the final corpus.
#
# usage: scripts/crash_test.sh [N] [EVIDEX]     (N default 200)
# env:   EVIDEX (the binary), CRASH_CORPUS (a folder to use instead),
#        CRASH_SEED (random seed), CRASH_WORK (work folder, kept)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
n=${1:-200}
bin=${2:-${EVIDEX:-}}
if [ -z "$bin" ]; then
    for b in "$root/build-hard/cli/evidex" "$root/build/cli/evidex"; do
        [ -x "$b" ] && { bin=$b; break; }
    done
fi
[ -x "$bin" ] || { echo "crash_test: no evidex binary (give EVIDEX)" >&2; exit 2; }
exec python3 - "$here" "$root" "$n" "$bin" <<'PY'
import os, random, shutil, signal, subprocess, sys, tempfile, time
here, root, n, binary = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, here)
import index_check

shared = os.path.join(os.path.dirname(root), "shared")
seed = int(os.environ.get("CRASH_SEED", str(int(time.time()))))
rng = random.Random(seed)
work = os.environ.get("CRASH_WORK") or tempfile.mkdtemp(prefix="evidex-crash-")
os.makedirs(work, exist_ok=True)
corpus = os.path.join(work, "corpus")
# a private copy: a rebuild of the tree must not swap the binary mid-test
shutil.copy2(binary, os.path.join(work, "evidex"))
binary = os.path.join(work, "evidex")
db = os.path.join(work, "t.db")
env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")

def copy_corpus():
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    src = os.environ.get("CRASH_CORPUS")
    dirs = [src] if src else [os.path.join(shared, "corpus", "seeds"),
                              os.path.join(shared, "eval-public", "jats")]
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith((".txt", ".md", ".html", ".xml")) and \
               not f.endswith(".citations.json"):
                if not src and "jats" in d and not f.endswith(".txt"):
                    continue
                shutil.copy(os.path.join(d, f), corpus)

def rm_db():
    for s in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(db + s)
        except FileNotFoundError:
            pass

def add(dbpath=db, timeout=None):
    return subprocess.run([binary, "--db", dbpath, "add", "--no-progress",
                           "--jobs", "2", corpus], env=env,
                          capture_output=True, text=True, timeout=timeout)

copy_corpus()
files = sorted(os.listdir(corpus))
print("crash_test: %d files in %s, binary %s, seed %d" % (len(files), corpus,
                                                          binary, seed))
# a clean run: how long an add takes, and the counts of each content
rm_db()
t0 = time.time()
r = add()
t_full = time.time() - t0
if r.returncode != 0:
    print("crash_test: the clean add failed:", r.stdout, r.stderr)
    sys.exit(1)
ref = {}  # content hash -> counts
for p, v in index_check.doc_counts(db).items():
    ref[v[0]] = v[1:]
print("crash_test: clean add %.1f s" % t_full)
rm_db()

kills = fails = half = mismatch = completed = 0
changes = 0
while kills < n:
    proc = subprocess.Popen([binary, "--db", db, "add", "--no-progress",
                             "--jobs", "2", corpus], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    delay = rng.uniform(0.01, t_full * 1.1)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        probs, fig = index_check.check(db, fts=(kills % 10 == 0))
        # counts of each stored document must equal a clean run's
        for p, v in index_check.doc_counts(db).items():
            if v[0] in ref and ref[v[0]] != v[1:]:
                mismatch += 1
                probs.append("'%s' stored %s, clean run %s" % (p, v[1:],
                                                               ref[v[0]]))
        if probs:
            fails += 1
            half += fig.get("half", 0)
            print("crash_test: kill %d at %.2f s: %s" % (kills, delay,
                                                         "; ".join(probs[:3])))
        elif kills % 20 == 0:
            print("crash_test: %d kills, %d docs in the index, ok"
                  % (kills, fig["docs"]))
        continue
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if proc.returncode != 0:
        print("crash_test: add exited %d: %s" % (proc.returncode, err[:300]))
        fails += 1
    completed += 1
    # learn the counts of the contents just indexed
    for p, v in index_check.doc_counts(db).items():
        if v[0] in ref and ref[v[0]] != v[1:]:
            mismatch += 1
            print("crash_test: '%s' differs from its clean run" % p)
        ref.setdefault(v[0], v[1:])
    if rng.random() < 0.4:
        rm_db()
    else:
        for f in rng.sample(files, min(15, len(files))):
            with open(os.path.join(corpus, f), "a") as fp:
                fp.write("\nAn added line says costs rose %d.%d percent in "
                         "%d.\n" % (rng.randint(1, 99), rng.randint(0, 9),
                                    rng.randint(1990, 2024)))
            changes += 1

# the next add completes the rest
r = add(timeout=600)
final_ok = r.returncode == 0
probs, fig = index_check.check(db, fts=True)
stored = index_check.doc_counts(db)
clean_db = os.path.join(work, "clean.db")
for s in ("", "-wal", "-shm"):
    if os.path.exists(clean_db + s):
        os.unlink(clean_db + s)
add(dbpath=clean_db, timeout=600)
clean = index_check.doc_counts(clean_db)
diff = [p for p in clean if stored.get(p) != clean[p]] + \
       [p for p in stored if p not in clean]
print("crash_test: %d kills, %d runs completed between kills, %d files "
      "changed, %d integrity/consistency failures, %d half-indexed docs, "
      "%d count mismatches" % (kills, completed, changes, fails, half,
                               mismatch))
print("crash_test: final add %s: %d docs, %d problems, %d docs differ from "
      "a clean index of the final corpus" % ("completed" if final_ok else
      "FAILED: " + r.stderr[:200], fig["docs"], len(probs), len(diff)))
for p in (probs + diff)[:10]:
    print("crash_test:  ", p)
ok = fails == 0 and half == 0 and mismatch == 0 and final_ok and not probs \
     and not diff
if ok and not os.environ.get("CRASH_WORK"):
    shutil.rmtree(work, ignore_errors=True)
print("crash_test: %s" % ("PASS" if ok else "FAIL (work folder " + work + ")"))
sys.exit(0 if ok else 1)
PY
