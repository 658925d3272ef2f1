#!/usr/bin/env python3
"""Entente's dyad cube built on Apache Spark: the same cube as the native engine, byte for byte.

Entente writes this file's inputs: `rules.json` (rendered by `CubeRules.json` from the tables the
native engine itself uses: countries, CAMEO codes, column counts, ranges, caps, issue names) and
`manifest.json` (the files in order, the output folder). What this file holds is the order of the
checks -- a line-by-line port of `CubeScanner.line` (Sources/EntenteCore/Cube/CubeScanner.swift) --
and the cube's aggregation semantics:

1. rows are kept, skipped and rejected by the rules, in the native order of checks;
2. each (dataset, event id) counts once, the first copy in input order (file, zip entry, line)
   winning;
3. each one-a-day key (date x source actor code x target actor code x event code) of a kept row
   counts once, in the cell of its first kept row;
4. a file whose fingerprint an earlier file of the build has is read once.

The rules-equality tests (Tests/EntenteReliabilityTests/SparkRulesTests.swift) run the pure-Python
modes below without Spark and compare them with the native engine line by line and cube by cube;
the Spark tests compare `cube export` byte for byte.

Modes:
  spark-submit entente_cube_job.py --manifest M.json     the Spark job (stdout: ENTENTE-SPARK {json} lines)
  python3 entente_cube_job.py --rules R.json --classify FILE        one line of outcome per input line
  python3 entente_cube_job.py --rules R.json --local-cube OUT FILE...  the same outputs without Spark
"""

import hashlib
import io
import json
import math
import os
import sys
import threading
import time
import zipfile

RULES_VERSION = 1
GDELT1, GDELT2, ICEWS = "gdelt1", "gdelt2", "icews"
BLANK = None


class Rules:
    """The rendered rules, as look-up tables over bytes."""

    def __init__(self, d):
        if d.get("version") != RULES_VERSION:
            raise ValueError("rules version %r; this job reads version %d" % (d.get("version"), RULES_VERSION))
        self.d = d
        self.gdelt2 = d["gdelt2Columns"]
        self.gdelt1 = frozenset(d["gdelt1Columns"])
        f = d["fields"]
        self.f_id, self.f_date = f["id"], f["sqlDate"]
        self.f_a1, self.f_c1, self.f_a2, self.f_c2 = f["actor1Code"], f["actor1Country"], f["actor2Code"], f["actor2Country"]
        self.f_code, self.f_gold, self.f_tone = f["eventCode"], f["goldstein"], f["tone"]
        self.f_counts = (f["mentions"], f["sources"], f["articles"])
        self.f_articles = f["articles"]
        self.last_field = max(self.f_tone, self.f_c2, *self.f_counts)
        self.countries = {k.encode(): v for k, v in d["countries"].items()}
        self.codes = {k.encode(): (v[0], v[1]) for k, v in d["codes"].items()}
        self.gold_lo, self.gold_hi = d["goldsteinRange"]
        self.tone_lo, self.tone_hi = d["toneRange"]
        self.max_count = d["maxCount"]
        self.max_digits = d["maxDigits"]
        self.max_decimal = d["maxDecimalLength"]
        self.year_lo, self.year_hi = d["dateYears"]
        self.max_line = d["maxLineBytes"]
        self.ratio = d["maxExpansionRatio"]
        self.edge = d["fingerprintEdgeBytes"]
        self.window = d["detectWindowBytes"]
        self.tags = d["datasets"]
        header = d["exportHeader"]
        # Sub-code columns: their index in the values (0-based after source, target, month, root).
        self.value_names = header[4:]
        i = d["issues"]
        self.LINE_TOO_LONG, self.WRONG_COLUMNS = i["lineTooLong"], i["wrongColumnCount"]
        self.NO_SOURCE, self.NO_TARGET, self.REGION = i["noSourceState"], i["noTargetState"], i["regionActor"]
        self.UNKNOWN_COUNTRY, self.BAD_ID, self.BAD_DATE = i["unknownCountryCode"], i["badEventID"], i["badDate"]
        self.UNKNOWN_CODE, self.BAD_GOLDSTEIN, self.BAD_TONE = i["unknownEventCode"], i["badGoldstein"], i["badTone"]
        self.BAD_COUNT, self.INVALID_UTF8, self.NUL = i["badCount"], i["invalidUTF8"], i["nulByte"]
        self.rejections = frozenset(d["rejections"])


# ---------------------------------------------------------------------------------------------
# Field readers (CubeScanner's, over bytes)

_DECIMAL_CHARS = b"0123456789.+-eE"


def decimal(b, R):
    """A finite number, as `CubeScanner.decimal` reads it; None otherwise. Its fast path and its
    strtod fallback both give the correctly rounded double, which is what float() gives."""
    if not b or len(b) > R.max_decimal or b.translate(None, _DECIMAL_CHARS):
        return None
    try:
        v = float(b)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def digits(b, R):
    """A non-negative integer of at most 18 digits, no sign; None otherwise."""
    if not b or len(b) > R.max_digits or not b.isdigit():
        return None
    return int(b)


def day_ok(v, R):
    y, m, d = v // 10000, v // 100 % 100, v % 100
    if not (R.year_lo <= y <= R.year_hi) or not (1 <= m <= 12) or d < 1:
        return False
    if m == 2:
        days = 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    elif m in (4, 6, 9, 11):
        days = 30
    else:
        days = 31
    return d <= days


def round_away(x):
    """Swift's `x.rounded()`: to nearest, ties away from zero, exactly."""
    a = abs(x)
    f = math.floor(a)
    r = f + 1 if a - f >= 0.5 else f
    return -r if x < 0 else r


# ---------------------------------------------------------------------------------------------
# One line: a port of CubeScanner.line, check for check


def scan_line(raw, fmt, tag, R):
    """`raw` is a line without its newline. Returns BLANK, an issue's text, or the kept row:
    (source, target, yyyymm, root, sub, goldstein_x10, articles, tone_micro, yyyymmdd, actor1,
    actor2, code, dataset tag, event id)."""
    line = raw[:-1] if raw[-1:] == b"\r" else raw
    if not line:
        return BLANK
    if len(raw) > R.max_line:
        return R.LINE_TOO_LONG
    n = line.count(b"\t") + 1
    if fmt == GDELT2:
        if n != R.gdelt2:
            return R.WRONG_COLUMNS
    elif n not in R.gdelt1:
        return R.WRONG_COLUMNS
    f = line.split(b"\t", R.last_field + 1)
    # Actors first: most rows are not between two states.
    c = f[R.f_c1]
    source = R.countries.get(c)
    if not source:
        return R.NO_SOURCE if not c else R.REGION if source == "" else R.UNKNOWN_COUNTRY
    c = f[R.f_c2]
    target = R.countries.get(c)
    if not target:
        return R.NO_TARGET if not c else R.REGION if target == "" else R.UNKNOWN_COUNTRY
    event_id = f[R.f_id]
    if not event_id or len(event_id) > R.max_digits or not event_id.isdigit():
        return R.BAD_ID
    d = f[R.f_date]
    if len(d) != 8 or not d.isdigit() or not day_ok(int(d), R):
        return R.BAD_DATE
    code = f[R.f_code]
    if not (2 <= len(code) <= 4) or not code.isdigit() or code not in R.codes:
        return R.UNKNOWN_CODE
    root, sub = R.codes[code]
    goldstein = decimal(f[R.f_gold], R)
    if goldstein is None or not (R.gold_lo <= goldstein <= R.gold_hi):
        return R.BAD_GOLDSTEIN
    tone = decimal(f[R.f_tone], R)
    if tone is None or not (R.tone_lo <= tone <= R.tone_hi):
        return R.BAD_TONE
    articles = 0
    for column in R.f_counts:
        v = digits(f[column], R)
        if v is None or v > R.max_count:
            return R.BAD_COUNT
        if column == R.f_articles:
            articles = v
    # UTF-8, last; then NUL bytes.
    if not line.isascii():
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return R.INVALID_UTF8
    if b"\0" in line:
        return R.NUL
    day = int(d)
    a1 = f[R.f_a1] or f[R.f_c1]
    a2 = f[R.f_a2] or f[R.f_c2]
    return (
        source, target, day // 100, root, sub,
        round_away(goldstein * 10.0), articles, round_away(tone * 1000000.0),
        day, a1.decode("utf-8"), a2.decode("utf-8"), code.decode("ascii"), tag, str(int(event_id)),
    )


# ---------------------------------------------------------------------------------------------
# Files: format, fingerprint, zip entries


def detect(line, R):
    """EventFormat.detect(firstLine:)."""
    if line.startswith(b"Event ID\t"):
        return ICEWS
    i = line.find(b"\t")
    if i <= 0 or not line[:i].isdigit():
        return None
    n = line.count(b"\t") + 1
    if n == R.gdelt2:
        return GDELT2
    if n in R.gdelt1:
        return GDELT1
    return None


def sniff(data, R):
    """EventFileReader.sniff for a plain file: the first non-empty line (CR dropped); None when
    a longer line than the cap comes first, or there is none."""
    pos, n = 0, len(data)
    while pos < n:
        nl = data.find(b"\n", pos)
        end = n if nl < 0 else nl
        if end - pos > R.max_line:
            return None
        line = data[pos:end]
        if line[-1:] == b"\r":
            line = line[:-1]
        if line or nl < 0:
            return detect(line, R)
        pos = nl + 1
    return None


def fingerprint(data, R):
    """Fingerprint.of: SHA-256 over the size, the first and the last MiB."""
    h = hashlib.sha256()
    size = len(data)
    h.update(b"size:%d;" % size)
    h.update(data[: R.edge])
    if size > 2 * R.edge:
        h.update(data[size - R.edge:])
    return h.hexdigest()


class FileProblem(Exception):
    pass


def open_parts(data, R):
    """(parts, format): the bytes to scan (a plain file, or each zip entry, inflated) and the
    format; format None for a file that is not an event file. Raises FileProblem for a corrupt
    archive or a decompression bomb (CubeBuilder.open)."""
    if data[:4] == b"PK\x03\x04":
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = [i for i in archive.infolist() if not i.is_dir() and (i.external_attr >> 16) & 0o170000 != 0o120000]
            if not infos:
                raise FileProblem("zip archive holds no file")
            limit = max(len(data), 1 << 20) * R.ratio
            parts = []
            for info in infos:
                out, total = [], 0
                with archive.open(info) as stream:
                    while True:
                        chunk = stream.read(1 << 16)
                        if not chunk:
                            break
                        total += len(chunk)
                        if total > limit:
                            raise FileProblem(
                                "zip entry %s inflates to more than %dx the archive's size (a decompression bomb?); "
                                "set ENTENTE_MAX_ZIP_RATIO to allow it" % (info.filename, R.ratio))
                        out.append(chunk)
                parts.append(b"".join(out))
        except FileProblem:
            raise
        except Exception as error:  # zipfile raises several kinds for a damaged archive
            raise FileProblem("not a readable zip archive (truncated or corrupt) (%s)" % error)
        window = parts[0][: R.window]
        nl = window.find(b"\n")
        return parts, detect(window if nl < 0 else window[:nl], R)
    return [data], sniff(data, R)


def process_file(index, data, R):
    """Yields ("row", kept row with its order) for each kept row, then ("file", stats)."""
    stats = {
        "index": index, "bytes": len(data), "fingerprint": fingerprint(data, R), "status": "added",
        "format": None, "rowsRead": 0, "parsed": 0, "issues": {}, "examples": {}, "message": None,
    }
    try:
        parts, fmt = open_parts(data, R)
    except FileProblem as problem:
        parts, fmt = [], None
        stats["status"], stats["message"] = "failed", str(problem)
    else:
        if fmt is None:
            parts = []
            stats["status"], stats["message"] = "not-an-event-file", "not a GDELT 1.0, GDELT 2.0 or ICEWS event file"
        elif fmt == ICEWS:
            parts = []
            stats["format"] = fmt
            stats["status"] = "failed"
            stats["message"] = "ICEWS files are built by the native engine only (the Spark job reads GDELT 1.0 and 2.0)"
        else:
            stats["format"] = fmt
    tag = R.tags.get(fmt, 0)
    issues, examples = stats["issues"], stats["examples"]
    rows_read = parsed = 0
    for entry, buf in enumerate(parts):
        pos, n, number = 0, len(buf), 0
        while pos < n:
            nl = buf.find(b"\n", pos)
            if nl < 0:
                nl = n
            number += 1
            outcome = scan_line(buf[pos:nl], fmt, tag, R)
            pos = nl + 1
            if outcome is BLANK:
                continue
            rows_read += 1
            if isinstance(outcome, str):
                issues[outcome] = issues.get(outcome, 0) + 1
                seen = examples.setdefault(outcome, [])
                if len(seen) < 3:
                    seen.append(number)
                continue
            parsed += 1
            yield "row", (index, entry, number) + outcome
    stats["rowsRead"], stats["parsed"] = rows_read, parsed
    yield "file", stats


def file_outcomes(stats_by_index):
    """Statuses in input order: a file whose fingerprint an earlier opened file has is
    `already-in-cube` (CubeBuilder's `seen` set). Returns the indexes whose rows count."""
    seen, counted = set(), set()
    for i in sorted(stats_by_index):
        s = stats_by_index[i]
        if s["fingerprint"] in seen:
            s.update(status="already-in-cube", message="the cube already holds this file: nothing added", format=None,
                     rowsRead=0, parsed=0, issues={}, examples={})
            continue
        if s["status"] == "added":
            seen.add(s["fingerprint"])
            counted.add(i)
    return counted


# ---------------------------------------------------------------------------------------------
# Pure-Python modes (no Spark): the rules-equality tests


def load_rules(path):
    with open(path, "rb") as f:
        return Rules(json.load(f))


def classify_main(R, path):
    """One line per input line: `N<TAB>blank`, `N<TAB>issue<TAB>text`, or `N<TAB>kept<TAB>fields...`."""
    with open(path, "rb") as f:
        data = f.read()
    parts, fmt = open_parts(data, R)
    out = sys.stdout
    out.write("format\t%s\n" % fmt)
    tag = R.tags.get(fmt, 0)
    for entry, buf in enumerate(parts if fmt in (GDELT1, GDELT2) else []):
        number, pos, n = 0, 0, len(buf)
        while pos < n:
            nl = buf.find(b"\n", pos)
            if nl < 0:
                nl = n
            number += 1
            outcome = scan_line(buf[pos:nl], fmt, tag, R)
            pos = nl + 1
            if outcome is BLANK:
                out.write("%d\t%d\tblank\n" % (entry, number))
            elif isinstance(outcome, str):
                out.write("%d\t%d\tissue\t%s\n" % (entry, number, outcome))
            else:
                out.write("%d\t%d\tkept\t%s\n" % (entry, number, "\t".join(str(x) for x in outcome)))


def local_cube_main(R, out_dir, paths):
    """The whole build in plain Python, with the Spark job's outputs (tests and small inputs)."""
    stats, rows = {}, []
    for index, path in enumerate(paths):
        with open(path, "rb") as f:
            data = f.read()
        for kind, value in process_file(index, data, R):
            if kind == "row":
                rows.append(value)
            else:
                value["path"] = path
                stats[index] = value
    counted = file_outcomes(stats)
    first = {}
    for r in rows:  # rows are in input order: the first copy of an id wins
        if r[0] in counted:
            first.setdefault((r[15], r[16]), r)
    kept = sorted(first.values(), key=lambda r: r[:3])
    kept_per_file = {}
    cells, od_first = {}, {}
    width = len(R.value_names)
    for r in kept:
        kept_per_file[r[0]] = kept_per_file.get(r[0], 0) + 1
        cell = r[3:7]
        v = cells.get(cell)
        if v is None:
            v = cells[cell] = [0] * width
        v[0] += 1
        v[2] += r[8]
        v[3] += r[9]
        v[4] += r[10]
        if r[7] >= 0:
            v[r[7]] += 1
        od_first.setdefault((r[11], r[12], r[13], r[14]), cell)
    for cell in od_first.values():
        cells[cell][1] += 1
    write_outputs(
        out_dir,
        ("\t".join(str(x) for x in cell + tuple(v)) for cell, v in cells.items()),
        ("\t".join(str(x) for x in k) for k in od_first),
        ("%d\t%s" % k for k in first),
        stats, kept_per_file, {"engine": "python"})


def write_outputs(out_dir, cells, one_a_day, ids, stats, kept_per_file, info):
    os.makedirs(out_dir, exist_ok=True)
    for name, lines in (("cells.tsv", cells), ("one-a-day.tsv", one_a_day), ("event-ids.tsv", ids)):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            for line in lines:
                f.write(line)
                f.write("\n")
    files = []
    for i in sorted(stats):
        s = stats[i]
        s["duplicates"] = s["parsed"] - kept_per_file.get(i, 0) if s["status"] == "added" else 0
        files.append(s)
    with open(os.path.join(out_dir, "files.json"), "w", encoding="utf-8") as f:
        json.dump({"files": files, "info": info}, f)
    # Written last: its presence says the outputs are complete.
    with open(os.path.join(out_dir, "done"), "w") as f:
        f.write("ok\n")


# ---------------------------------------------------------------------------------------------
# The Spark job

_say_lock = threading.Lock()
_t0 = time.time()
_phase = ["starting"]


def say(event, **fields):
    fields["event"] = event
    fields["t"] = round(time.time() - _t0, 2)
    with _say_lock:
        sys.stdout.write("ENTENTE-SPARK " + json.dumps(fields) + "\n")
        sys.stdout.flush()


def watch_stages(sc, stop):
    """Reports each active stage's progress when it changes."""
    tracker = sc.statusTracker()
    last = {}
    while not stop.wait(0.5):
        try:
            for sid in tracker.getActiveStageIds():
                s = tracker.getStageInfo(sid)
                if s is None:
                    continue
                state = (s.numCompletedTasks, s.numActiveTasks, s.numFailedTasks)
                if last.get(sid) != state:
                    last[sid] = state
                    say("stage", id=sid, name=_phase[0], done=s.numCompletedTasks, active=s.numActiveTasks,
                        failed=s.numFailedTasks, total=s.numTasks)
        except Exception:  # the context is stopping
            return


def expand_inputs(sc, inputs):
    """Qualified paths in order: local files as Entente expanded them; URIs through Hadoop's
    file systems (globs; folders recursively, hidden entries left out, sorted)."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    Path = jvm.org.apache.hadoop.fs.Path
    out = []
    for item in inputs:
        if "file" in item:
            p = Path(jvm.java.net.URI("file", None, item["file"], None))
            out.append(p.getFileSystem(conf).makeQualified(p).toString())
            continue
        pattern = item["uri"]
        p = Path(pattern)
        fs = p.getFileSystem(conf)
        statuses = fs.globStatus(p)
        if statuses is None or len(statuses) == 0:
            raise RuntimeError("no such file or folder: %s" % pattern)
        found = []
        for s in statuses:
            if s.isDirectory():
                base = s.getPath().toString().rstrip("/")
                it = fs.listFiles(s.getPath(), True)
                while it.hasNext():
                    f = it.next().getPath().toString()
                    rest = f[len(base):].strip("/").split("/")
                    if not any(part.startswith(".") for part in rest):
                        found.append(f)
            else:
                found.append(s.getPath().toString())
        out.extend(sorted(found))
    return out


def hadoop_escape(path):
    for c in "\\{}[]*?":
        path = path.replace(c, "\\" + c)
    return path


def spark_main(manifest_path):
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    with open(manifest_path, "rb") as f:
        manifest = json.load(f)
    with open(manifest["rules"], "rb") as f:
        rules_dict = json.load(f)
    Rules(rules_dict)  # checks the version before Spark starts
    out_dir = manifest["output"]
    partitions = int(manifest["partitions"])

    spark = SparkSession.builder.appName(manifest.get("appName", "entente cube build")).getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    say("started", ui=sc.uiWebUrl, master=sc.master, app=sc.applicationId, version=sc.version)

    def phase(name):
        """Names the stages that follow (Spark's UI and the progress lines) and says so."""
        sc.setLocalProperty("callSite.short", name)
        sc.setLocalProperty("callSite.long", name)
        _phase[0] = name
        say("phase", name=name)

    stop = threading.Event()
    watcher = threading.Thread(target=watch_stages, args=(sc, stop), daemon=True)
    watcher.start()
    started = time.time()
    try:
        files = expand_inputs(sc, manifest["inputs"])
        if any("," in f for f in files):
            raise RuntimeError("a path holds a comma, which Hadoop's input lists cannot carry: %s" % [f for f in files if "," in f][0])
        first_index, same_path = {}, {}
        for i, f in enumerate(files):
            if f in first_index:
                same_path[i] = first_index[f]
            else:
                first_index[f] = i
        say("files", count=len(files))
        rules_bc = sc.broadcast(rules_dict)
        index_bc = sc.broadcast(first_index)

        def parse(partition):
            R = Rules(rules_bc.value)
            for path, data in partition:
                index = index_bc.value.get(path)
                if index is None:
                    raise RuntimeError("Spark read a file Entente did not list: %s" % path)
                for kind, value in process_file(index, data, R):
                    if kind == "row":
                        yield (0,) + value + (None,)
                    else:
                        yield (1, index) + (None,) * 16 + (json.dumps(value),)

        schema = T.StructType([
            T.StructField("kind", T.IntegerType()), T.StructField("file", T.IntegerType()),
            T.StructField("entry", T.IntegerType()), T.StructField("line", T.LongType()),
            T.StructField("src", T.StringType()), T.StructField("tgt", T.StringType()),
            T.StructField("month", T.IntegerType()), T.StructField("root", T.IntegerType()),
            T.StructField("sub", T.IntegerType()), T.StructField("g10", T.LongType()),
            T.StructField("art", T.LongType()), T.StructField("tone", T.LongType()),
            T.StructField("day", T.IntegerType()), T.StructField("a1", T.StringType()),
            T.StructField("a2", T.StringType()), T.StructField("code", T.StringType()),
            T.StructField("tag", T.IntegerType()), T.StructField("id", T.StringType()),
            T.StructField("info", T.StringType()),
        ])
        paths = ",".join(hadoop_escape(f) for f in first_index)
        raw = sc.binaryFiles(paths, minPartitions=partitions)
        parsed = spark.createDataFrame(raw.mapPartitions(parse), schema, verifySchema=False)
        parsed = parsed.persist(StorageLevel.MEMORY_AND_DISK)

        phase("read and check rows")
        stats = {}
        for r in parsed.where("kind = 1").select("info").collect():
            s = json.loads(r.info)
            stats[s["index"]] = s
        for i, f in enumerate(files):
            if i in stats:
                stats[i]["path"] = f
            else:  # the same path given again: read once
                s = dict(stats[same_path[i]])
                s.update(index=i, path=f)
                stats[i] = s
        counted = file_outcomes(stats)
        rejected, skipped = {}, {}
        R = Rules(rules_dict)
        for s in stats.values():
            for issue, n in s["issues"].items():
                target = rejected if issue in R.rejections else skipped
                target[issue] = target.get(issue, 0) + n
        say("rows", read=sum(s["rowsRead"] for s in stats.values()), parsed=sum(s["parsed"] for s in stats.values()),
            rejected=rejected, skipped=skipped)

        phase("keep the first copy of each event id")
        rows = parsed.where("kind = 0").where(F.col("file").isin(sorted(counted)))
        order = ["file", "entry", "line"]
        kept = (rows.groupBy("tag", "id")
                .agg(F.min(F.struct(*order, "src", "tgt", "month", "root", "sub", "g10", "art", "tone", "day", "a1", "a2", "code"))
                     .alias("r"))
                .select("tag", "id", "r.*")
                .persist(StorageLevel.MEMORY_AND_DISK))
        kept_per_file = {r["file"]: r["count"] for r in kept.groupBy("file").count().collect()}
        phase("count one-a-day keys")
        cell = ["src", "tgt", "month", "root"]
        first_od = (kept.groupBy("day", "a1", "a2", "code")
                    .agg(F.min(F.struct(*order, *cell)).alias("r"))
                    .select("day", "a1", "a2", "code", "r.src", "r.tgt", "r.month", "r.root")
                    .persist(StorageLevel.MEMORY_AND_DISK))
        one_a_day = first_od.groupBy(*cell).agg(F.count(F.lit(1)).alias("one_a_day"))
        names = R.value_names
        measures = [
            F.count(F.lit(1)).alias(names[0]),
            F.sum("g10").alias(names[2]), F.sum("art").alias(names[3]), F.sum("tone").alias(names[4]),
        ] + [F.sum(F.when(F.col("sub") == k, 1).otherwise(0)).alias(names[k]) for k in range(5, len(names))]
        cells = (kept.groupBy(*cell).agg(*measures)
                 .join(one_a_day, cell, "left")
                 .fillna(0, subset=["one_a_day"])
                 .withColumnRenamed("one_a_day", names[1]))

        def lines(df, columns, name):
            """The rows as tab-separated lines: written by the executors in parallel when they share
            the driver's file system (a local or loopback master), else streamed to the driver."""
            text = df.select(F.concat_ws("\t", *[F.col(c).cast("string") for c in columns]).alias("l"))
            if not manifest.get("sharedOutput"):
                for row in text.toLocalIterator(prefetchPartitions=True):
                    yield row[0]
                return
            parts = os.path.join(out_dir, name + ".parts")
            text.write.mode("overwrite").text("file://" + parts)
            for part in sorted(os.listdir(parts)):
                if part.startswith("part-"):
                    with open(os.path.join(parts, part), encoding="utf-8") as f:
                        for line in f:
                            yield line.rstrip("\n")

        phase("sum the cells and write them")
        write_outputs(
            out_dir,
            lines(cells, cell + names, "cells"),
            lines(first_od, ["day", "a1", "a2", "code"], "one-a-day"),
            lines(kept, ["tag", "id"], "event-ids"),
            stats, kept_per_file,
            {"engine": "spark", "master": sc.master, "app": sc.applicationId, "ui": sc.uiWebUrl, "version": sc.version,
             "seconds": time.time() - started})
        say("done", seconds=round(time.time() - started, 3))
    finally:
        stop.set()
        spark.stop()


def main(argv):
    args = argv[1:]
    if args[:1] == ["--manifest"] and len(args) == 2:
        try:
            spark_main(args[1])
        except Exception as error:
            say("error", message="%s: %s" % (type(error).__name__, str(error).strip().splitlines()[0] if str(error).strip() else ""))
            raise
        return 0
    if args[:1] == ["--rules"] and len(args) >= 4:
        R = load_rules(args[1])
        if args[2] == "--classify" and len(args) == 4:
            classify_main(R, args[3])
            return 0
        if args[2] == "--local-cube" and len(args) >= 5:
            local_cube_main(R, args[3], args[4:])
            return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
