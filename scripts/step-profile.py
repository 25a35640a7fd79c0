"""Summarises run histories (`temporal workflow show --output json`) for scripts/step-profile.sh.

The time between two consecutive events is charged to the kind of the transition, for instance
"activity scheduled -> started" (the activity's dispatch through the transfer queue and matching)
or "workflow task started -> completed" (the worker's processing); the table gives the median over
the runs of each kind's total per run and per probe step, and the median run.
"""

import json
import statistics
import sys
from datetime import datetime

NAMES = {
    "ActivityTaskScheduled>ActivityTaskStarted": "activity dispatch (scheduled -> started)",
    "ActivityTaskStarted>ActivityTaskCompleted": "activity execution (started -> completed)",
    "ActivityTaskCompleted>WorkflowTaskScheduled": "activity completed -> workflow task scheduled",
    "WorkflowTaskScheduled>WorkflowTaskStarted": "workflow task dispatch (scheduled -> started)",
    "WorkflowTaskStarted>WorkflowTaskCompleted": "workflow task processing (started -> completed)",
}


def kind(event):
    name = event["eventType"]
    name = name.removeprefix("EVENT_TYPE_")
    if "_" in name or name.isupper():
        name = "".join(part.capitalize() for part in name.lower().split("_"))
    return name


def when(event):
    text = event["eventTime"]
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    # Python's fromisoformat wants at most six fractional digits.
    if "." in text:
        head, rest = text.split(".", 1)
        digits = rest[: rest.index("+")]
        text = head + "." + digits[:6].ljust(6, "0") + rest[rest.index("+") :]
    return datetime.fromisoformat(text)


def load(path):
    with open(path) as f:
        data = json.load(f)
    return data["events"] if isinstance(data, dict) else data


def main(paths):
    totals = {}
    runs = []
    steps = None
    for path in paths:
        events = load(path)
        run = {}
        probes = 0
        for before, after in zip(events, events[1:]):
            key = kind(before) + ">" + kind(after)
            millis = (when(after) - when(before)).total_seconds() * 1000
            run[key] = run.get(key, 0.0) + millis
        for event in events:
            if kind(event) == "ActivityTaskScheduled":
                attributes = event.get("activityTaskScheduledEventAttributes", {})
                if "probe" in json.dumps(attributes) or "Http" in json.dumps(attributes):
                    probes += 1
        steps = steps or probes or 10
        runs.append((when(events[-1]) - when(events[0])).total_seconds() * 1000)
        for key, millis in run.items():
            totals.setdefault(key, []).append(millis)
    count = len(paths)
    print(f"{count} runs of {steps} probe steps: run (first event -> last) median "
          f"{statistics.median(runs):.0f} ms, min {min(runs):.0f}, max {max(runs):.0f}; "
          f"per step {statistics.median(runs) / steps:.1f} ms")
    print(f"{'transition (summed per run)':58} {'ms/run':>8} {'ms/step':>8}")
    rows = []
    for key, values in totals.items():
        values = values + [0.0] * (count - len(values))
        rows.append((statistics.median(values), key))
    for median, key in sorted(rows, reverse=True):
        if median < 0.5:
            continue
        print(f"{NAMES.get(key, key.replace('>', ' -> ')):58} {median:8.1f} {median / steps:8.1f}")


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def area(name):
    for prefix, label in (("dev.runbooks.", "the engine (dev.runbooks)"),
                          ("io.temporal.", "Temporal SDK (io.temporal)"),
                          ("io.grpc.", "gRPC and Netty"), ("io.netty.", "gRPC and Netty"),
                          ("com.google.protobuf.", "protobuf"),
                          ("org.springframework.", "Spring"), ("org.postgresql.", "PostgreSQL"),
                          ("com.fasterxml.", "Jackson"), ("java.", "JDK"), ("jdk.", "JDK"),
                          ("sun.", "JDK")):
        if name.startswith(prefix):
            return label
    return "other (" + ".".join(name.split(".")[:2]) + ")"


def jfr(path):
    """Samples of a `jfr print --json --events jdk.ExecutionSample,jdk.CPULoad` file."""
    with open(path) as f:
        events = json.load(f)["recording"]["events"]
    loads = [e["values"] for e in events if e["type"] == "jdk.CPULoad"]
    events = [e for e in events if e["type"] == "jdk.ExecutionSample"]
    if loads:
        def mean(field):
            return 100 * statistics.mean(load[field] for load in loads)
        print(f"CPU over {len(loads)} s: the worker {mean('jvmUser') + mean('jvmSystem'):.1f}% "
              f"(user {mean('jvmUser'):.1f}%, system {mean('jvmSystem'):.1f}%), the whole machine "
              f"{mean('machineTotal'):.1f}% (100% = every core busy)")
    top, areas, threads = {}, {}, {}
    for event in events:
        frames = event["values"]["stackTrace"]["frames"]
        if not frames:
            continue
        name = frame_name(frames[0])
        top[name] = top.get(name, 0) + 1
        areas[area(name)] = areas.get(area(name), 0) + 1
        thread = event["values"]["sampledThread"]["javaName"] or "?"
        group = thread.rstrip("0123456789: ").split(":")[0]
        threads[group] = threads.get(group, 0) + 1
    total = sum(top.values())
    print(f"{total} execution samples of the worker's threads running Java code")
    for title, counts, limit in (("by area of the top frame", areas, 12),
                                 ("by thread", threads, 10), ("hottest methods", top, 15)):
        print(f"  {title}:")
        for name, count in sorted(counts.items(), key=lambda kv: -kv[1])[:limit]:
            print(f"    {100 * count / total:5.1f}%  {count:6d}  {name}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--jfr"]:
        jfr(sys.argv[2])
    else:
        main(sys.argv[1:])
