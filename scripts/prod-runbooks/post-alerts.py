"""Posts Alertmanager notifications to the starters for scripts/prod-test.sh.

  post-alerts.py burst URLS COUNT FINGERPRINTS PREFIX ALERTNAME PARALLEL EVENTS
      COUNT alerts over FINGERPRINTS fingerprints (PREFIX-0 ..), round-robin over the
      comma-separated webhook URLS, PARALLEL at a time, each posted once.
  post-alerts.py stream URLS PREFIX ALERTNAME STOP_FILE INTERVAL EVENTS
      one new alert (fingerprint PREFIX-1, PREFIX-2, ..) every INTERVAL seconds until STOP_FILE
      exists; like a load balancer in front of Alertmanager's retries, an alert that is not
      answered 202 (connection refused, 5xx) is sent again, to the next URL, until it is (for
      at most 120 s).

Every answer is appended to EVENTS as "<epoch ms> <status or 0 for no answer> <fingerprint>
<url index>". The summary is printed as JSON. The webhook token is read from the environment
(PROD_ALERTMANAGER_TOKEN), never from the command line.
"""

import concurrent.futures
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request

TOKEN = os.environ["PROD_ALERTMANAGER_TOKEN"]
lock = threading.Lock()


def body(name, fingerprint):
    alert = {
        "status": "firing",
        "labels": {"alertname": name, "fp": fingerprint},
        "annotations": {},
        "startsAt": "2026-12-07T00:00:00Z",
        "fingerprint": fingerprint,
    }
    return json.dumps(
        {"receiver": "runbooks", "status": "firing", "version": "4", "alerts": [alert]}
    ).encode()


def post(url, data):
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except (OSError, urllib.error.URLError):
        return 0


def record(events, status, fingerprint, index):
    with lock:
        events.write(f"{int(time.time() * 1000)} {status} {fingerprint} {index}\n")


def burst(urls, count, fingerprints, prefix, name, parallel, events):
    statuses = {}

    def one(i):
        fingerprint = f"{prefix}-{i % fingerprints}"
        status = post(urls[i % len(urls)], body(name, fingerprint))
        record(events, status, fingerprint, i % len(urls))
        with lock:
            statuses[status] = statuses.get(status, 0) + 1

    start = time.time()
    with concurrent.futures.ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, range(count)))
    return {"sent": count, "accepted": statuses.get(202, 0), "statuses": statuses,
            "seconds": round(time.time() - start, 2)}


def stream(urls, prefix, name, stop_file, interval, events):
    sent = accepted = refused = answered_5xx = gave_up = 0
    i = 0
    start = time.time()
    while not os.path.exists(stop_file):
        i += 1
        fingerprint = f"{prefix}-{i}"
        data = body(name, fingerprint)
        index = i % len(urls)
        deadline = time.time() + 120
        sent += 1
        while True:
            status = post(urls[index], data)
            record(events, status, fingerprint, index)
            if status == 202:
                accepted += 1
                break
            if status == 0:
                refused += 1
            elif status >= 500:
                answered_5xx += 1
            if time.time() > deadline:
                gave_up += 1
                break
            index = (index + 1) % len(urls)
            time.sleep(0.1)
        time.sleep(interval)
    return {"sent": sent, "accepted": accepted, "no_answer": refused, "answered_5xx": answered_5xx,
            "gave_up": gave_up, "seconds": round(time.time() - start, 2)}


def main(argv):
    mode, urls = argv[1], argv[2].split(",")
    with open(argv[-1], "a", buffering=1) as events:
        if mode == "burst":
            result = burst(urls, int(argv[3]), int(argv[4]), argv[5], argv[6], int(argv[7]), events)
        else:
            result = stream(urls, argv[3], argv[4], argv[5], float(argv[6]), events)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
